#!/usr/bin/env bash
# Dialer throughput against its floor, on this machine only.
#
#   bench/dialer-throughput.sh                       # 100 campaigns x 2 000 contacts
#   CONTACTS=100 bench/dialer-throughput.sh          # a quick try
#   MVN_FLAGS="-o -Dmaven.repo.local=/path" bench/dialer-throughput.sh
#   JFR=/tmp/dialer.jfr bench/dialer-throughput.sh   # also a flight recording of the dialing server
#
# Measures, in one run and against one embedded PostgreSQL:
#  (1) completed calls per second of Outdial's dispatcher with the simulated carrier at zero
#      latency (OUTDIAL_TELEPHONY_SIMULATOR_TIME_SCALE=0), calling hours "always", no retries,
#      over CAMPAIGNS campaigns of CONTACTS contacts with priorities 1 + i % 10: call rows ended
#      divided by the time from the first call's start to the last call's end (from the database);
#  (2) a bare SKIP LOCKED claim-and-complete loop (bench/FloorLoops.java bare) over a plain table
#      of the same number of rows, for each threads x batch pair of BARE_THREADS x BARE_BATCHES;
#      the best pair is the floor's limit. Then the ratio (1) / best (2);
#  (3) CPU time of the Liberty JVM and of PostgreSQL per completed call while dialing;
#  (4) the same database work as the dialer's calls without the dialer (bench/FloorLoops.java
#      record: claim, call row, outcome, counters, usage, with DialQueue's statements, on the run's
#      own tables), for each RECORD_THREADS x RECORD_BATCHES pair; then the ratio (1) / best (4).
# The campaigns are created with dialing off and the server restarted with dialing on, so that all
# of them are there at the first tick.
#
# Needs: a JDK 21+ (JAVA_HOME; also runs FloorLoops.java as a single-file program), psql, curl,
# python3, bc; a built tree (the run command builds it; FloorLoops uses the PostgreSQL driver that
# the build copies into the Liberty server). The work directory (logs, the database) is left in
# /tmp for inspection.
set -euo pipefail
cd "$(dirname "$0")/.."

CAMPAIGNS=${CAMPAIGNS:-100}
CONTACTS=${CONTACTS:-2000}
MAX_CONCURRENT=${MAX_CONCURRENT:-100}
CAPACITY=${CAPACITY:-1000}
POOL=${POOL:-50}
BARE_THREADS=${BARE_THREADS:-1,2,4,8}
BARE_BATCHES=${BARE_BATCHES:-10,100,500}
RECORD_THREADS=${RECORD_THREADS:-2,4,8}
RECORD_BATCHES=${RECORD_BATCHES:-10,100}
PORT=${PORT:-9182}
WORK=$(mktemp -d /tmp/outdial-dialer-bench.XXXXXX)
ROWS=$((CAMPAIGNS * CONTACTS))
echo "work directory: $WORK"

. bench/dialer-lib.sh
trap stop_outdial EXIT
machine | tee "$WORK/machine.txt"

# 1. campaigns, created while nothing dials
start_outdial "$WORK/server-setup.log" OUTDIAL_DIALER_ENABLED=false OUTDIAL_RATE_LIMIT_DEFAULT=100000
create_key "$WORK/server-setup.log"
create_campaigns "$CAMPAIGNS" "$CONTACTS" "$MAX_CONCURRENT"
echo "created $CAMPAIGNS campaigns x $CONTACTS contacts (max_concurrent $MAX_CONCURRENT)"
stop_outdial

# 2. the dialer run: zero latency, no retries, every hour a calling hour
busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat; }
start_dialing "$WORK/server.log"
POSTMASTER=$(postmaster_pid)
# poll once a second until every contact is done; CPU is counted from the first poll to the last,
# per call completed in between
D0=
while true; do
  read -r DONE OPEN <<< "$(psql -qtA "$PG" -F ' ' -c "select
    (select count(*) from call where ended_at is not null),
    (select count(*) from contact where status in ('pending', 'dialing'))")"
  read -r B1 T1 <<< "$(busy)"
  J1=$(cpu_seconds "$LIBERTY_PID")
  P1=$(pg_cpu_seconds "$POSTMASTER")
  D1=$DONE
  if [ -z "$D0" ]; then
    D0=$DONE B0=$B1 T0=$T1 J0=$J1 P0=$P1
  fi
  [ "$OPEN" = 0 ] && break
  sleep 1
done
if [ -n "${JFR:-}" ]; then
  "$JAVA_HOME/bin/jcmd" "$LIBERTY_PID" JFR.dump filename="$JFR" > /dev/null
  echo "flight recording: $JFR"
fi
dialer_rate
echo "$CALLS $ELAPSED" > "$WORK/dialer.txt"
OPEN_CALLS=$(psql -qtA "$PG" -c "select count(*) from call where ended_at is null")
echo "dispositions:"
psql -qtA "$PG" -F ' ' -c "select disposition, count(*) from call group by 1 order by 2 desc" | sed 's/^/  /'
echo "per priority: campaigns, calls, seconds from the first start to the priority's last end:"
psql -qtA "$PG" -F ' ' -c "with t0 as (select min(started_at) s from call)
  select c.priority, count(distinct c.id), count(*),
         round(extract(epoch from max(k.ended_at) - (select s from t0))::numeric, 1)
  from call k join campaign c on c.id = k.campaign_id group by 1 order by 1 desc" | sed 's/^/  /'

# 3. the floor: bare SKIP LOCKED loop, same database, same number of rows
JDBC_JAR=$(ls liberty/target/liberty/wlp/usr/servers/outdial/lib/jdbc/postgresql*.jar | head -1)
"$JAVA_HOME/bin/java" -cp "$JDBC_JAR" bench/FloorLoops.java bare "$DB_URL" postgres postgres \
  "$ROWS" "$CAMPAIGNS" "$BARE_THREADS" "$BARE_BATCHES" | tee "$WORK/bare.txt"
read -r _ BEST_THREADS BEST_BATCH _ _ BARE_RATE < <(grep '^best ' "$WORK/bare.txt")

# 4. the second floor: the same writes as the dialer's calls, without the dialer
"$JAVA_HOME/bin/java" -cp "$JDBC_JAR" bench/FloorLoops.java record "$DB_URL" postgres postgres \
  "$RECORD_THREADS" "$RECORD_BATCHES" | tee "$WORK/record.txt"
read -r _ REC_THREADS REC_BATCH _ _ RECORD_RATE < <(grep '^best ' "$WORK/record.txt")

printf '\n== results (%s campaigns x %s contacts, capacity %s, max_concurrent %s) ==\n' \
  "$CAMPAIGNS" "$CONTACTS" "$CAPACITY" "$MAX_CONCURRENT"
printf 'dialer:    %8d calls in %6.1f s  %8.0f calls/s  (calls left open: %s)\n' \
  "$CALLS" "$ELAPSED" "$DIALER_RATE" "$OPEN_CALLS"
if [ "$D1" -gt "$D0" ]; then
  printf 'CPU per completed call (%s calls between the first and last poll): Liberty %.3f ms,' \
    "$((D1 - D0))" "$(echo "1000 * ($J1 - $J0) / ($D1 - $D0)" | bc -l)"
  printf ' PostgreSQL %.3f ms; machine busy %.0f %% of %s cores\n' \
    "$(echo "1000 * ($P1 - $P0) / ($D1 - $D0)" | bc -l)" \
    "$(echo "100 * ($B1 - $B0) / ($T1 - $T0)" | bc -l)" "$(nproc)"
fi
printf 'bare loop: %8.0f rows/s  (best of threads %s x batch %s: %s threads, batch %s)\n' \
  "$BARE_RATE" "$BARE_THREADS" "$BARE_BATCHES" "$BEST_THREADS" "$BEST_BATCH"
printf 'dialer / bare loop: %.1f %%\n' "$(echo "100 * $DIALER_RATE / $BARE_RATE" | bc -l)"
printf 'record loop: %8.0f calls/s  (best of threads %s x batch %s: %s threads, batch %s)\n' \
  "$RECORD_RATE" "$RECORD_THREADS" "$RECORD_BATCHES" "$REC_THREADS" "$REC_BATCH"
printf 'dialer / record loop: %.1f %%\n' "$(echo "100 * $DIALER_RATE / $RECORD_RATE" | bc -l)"
