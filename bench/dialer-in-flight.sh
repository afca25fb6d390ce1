#!/usr/bin/env bash
# 10 000 simulated calls in flight on one server, on this machine only.
#
#   bench/dialer-in-flight.sh                        # 100 campaigns x 600 contacts
#   CONTACTS=150 CAPACITY=1000 MAX_CONCURRENT=10 bench/dialer-in-flight.sh   # a quick try
#   MVN_FLAGS="-o -Dmaven.repo.local=/path" bench/dialer-in-flight.sh
#
# Starts Outdial with a 1 GB heap (JVM_ARGS=-Xmx1g, GC log on), the simulated carrier at real
# durations (time scale 1: a person talks for tens of seconds, a voicemail takes about 70 s),
# CAPACITY lines (10 000), calling hours "always" and no retries, over CAMPAIGNS campaigns
# (priorities 1 + i % 10) of CONTACTS contacts with max_concurrent MAX_CONCURRENT (100), created
# while dialing was off so that all of them start together. It reports:
#  - calls in flight (call rows not ended), sampled every SAMPLE seconds, and how long the server
#    stayed at its full capacity;
#  - heap after each GC while at full capacity (from the GC log), and a GC.heap_info snapshot;
#  - CPU used by the Liberty JVM and by PostgreSQL while at full capacity;
#  - the delay between a slot freeing and the next dial: for each call that ended while its
#    campaign still had contacts to dial, the time until that campaign's next call started
#    (call.started_at is the claim time, call.ended_at the outcome time), p50/p90/p99/max; and the
#    same with each freed slot matched to the call that refilled it (the k-th call of a campaign to
#    end frees the slot of the (k + max_concurrent)-th call to start).
#
# Needs: a JDK 21+ (JAVA_HOME, for jcmd), psql, curl, python3, bc; about 10 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

CAMPAIGNS=${CAMPAIGNS:-100}
CONTACTS=${CONTACTS:-600}
MAX_CONCURRENT=${MAX_CONCURRENT:-100}
CAPACITY=${CAPACITY:-10000}
POOL=${POOL:-50}
SAMPLE=${SAMPLE:-5}
PORT=${PORT:-9183}
WORK=$(mktemp -d /tmp/outdial-dialer-bench.XXXXXX)
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

# 2. the dialing server: real call durations, 1 GB heap
start_outdial "$WORK/server.log" JVM_ARGS="-Xmx1g -Xlog:gc:file=$WORK/gc.log:utctime" \
  OUTDIAL_DIALER_CALLING_HOURS=always OUTDIAL_TELEPHONY_SIMULATOR_TIME_SCALE=1 \
  OUTDIAL_DIALER_RETRY_MAX_ATTEMPTS=1 OUTDIAL_DIALER_CAPACITY="$CAPACITY" \
  OUTDIAL_DB_POOL_MAX="$POOL" OUTDIAL_RATE_LIMIT_DEFAULT=100000
POSTMASTER=$(postmaster_pid)
busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat; }

# 3. sample until every contact is done: time, in flight, Liberty CPU s, PostgreSQL CPU s, busy
echo "epoch in_flight liberty_cpu_s postgres_cpu_s busy_jiffies total_jiffies" > "$WORK/samples.txt"
FULL_SINCE=
SNAPSHOT_TAKEN=
while true; do
  NOW=$(date +%s.%N)
  read -r IN_FLIGHT OPEN <<< "$(psql -qtA "$PG" -F ' ' -c "select
    (select count(*) from call where ended_at is null),
    (select count(*) from contact where status in ('pending', 'dialing'))")"
  echo "$NOW $IN_FLIGHT $(cpu_seconds "$LIBERTY_PID") $(pg_cpu_seconds "$POSTMASTER") $(busy)" \
    >> "$WORK/samples.txt"
  printf '%s in flight: %5d, contacts open: %6d\n' "$(date +%T)" "$IN_FLIGHT" "$OPEN"
  if [ "$IN_FLIGHT" -ge "$CAPACITY" ]; then
    FULL_SINCE=${FULL_SINCE:-$NOW}
    # one heap snapshot a minute into the full phase
    if [ -z "$SNAPSHOT_TAKEN" ] && [ "$(echo "$NOW - $FULL_SINCE > 60" | bc)" = 1 ]; then
      "$JAVA_HOME/bin/jcmd" "$LIBERTY_PID" GC.heap_info > "$WORK/heap-info.txt"
      SNAPSHOT_TAKEN=1
    fi
  fi
  [ "$OPEN" = 0 ] && break
  sleep "$SAMPLE"
done

# 4. the full phase: from the first sample at capacity to the last one
python3 - "$WORK/samples.txt" "$CAPACITY" > "$WORK/full.txt" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]).readlines()[1:]]
cap = int(sys.argv[2])
full = [r for r in rows if int(r[1]) >= cap]
peak = max(int(r[1]) for r in rows)
if len(full) < 2:
    print(f"peak {peak} full_seconds 0 liberty_cores 0 postgres_cores 0 busy_pct 0 start 0 end 0")
    sys.exit()
a, b = full[0], full[-1]
dt = float(b[0]) - float(a[0])
print(f"peak {peak} full_seconds {dt:.0f}"
      f" liberty_cores {(float(b[2]) - float(a[2])) / dt:.2f}"
      f" postgres_cores {(float(b[3]) - float(a[3])) / dt:.2f}"
      f" busy_pct {100 * (float(b[4]) - float(a[4])) / (float(b[5]) - float(a[5])):.0f}"
      f" start {a[0]} end {b[0]}")
PY
read -r _ PEAK _ FULL_SECONDS _ LIB_CORES _ PG_CORES _ BUSY_PCT _ FULL_START _ FULL_END < "$WORK/full.txt"

# heap after GC while full, from the GC log: "[<utc time>] GC(n) Pause ... 600M->420M(1024M) 12ms"
python3 - "$WORK/gc.log" "$FULL_START" "$FULL_END" > "$WORK/heap.txt" <<'PY'
import re, sys, datetime
start, end = float(sys.argv[2]), float(sys.argv[3])
after, pauses = [], []
for line in open(sys.argv[1]):
    m = re.match(r"\[(\S+)\].*Pause.*?(\d+)M->(\d+)M\((\d+)M\) ([\d.]+)ms", line)
    if not m:
        continue
    t = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%f%z").timestamp()
    if start <= t <= end:
        after.append(int(m.group(3)))
        pauses.append(float(m.group(5)))
if after:
    after.sort()
    print(f"gcs {len(after)} after_median_mb {after[len(after) // 2]} after_max_mb {after[-1]}"
          f" pause_max_ms {max(pauses):.1f}")
else:
    print("gcs 0 after_median_mb - after_max_mb - pause_max_ms -")
PY
read -r _ GCS _ HEAP_MEDIAN _ HEAP_MAX _ PAUSE_MAX < "$WORK/heap.txt"

# 5. delay from a slot freeing to the next dial of the same campaign
psql -qtA "$PG" -F ' ' -c "with gaps as (
    select extract(epoch from (select min(n.started_at) from call n
      where n.campaign_id = c.campaign_id and n.started_at >= c.ended_at) - c.ended_at) * 1000 ms
    from call c where c.ended_at is not null)
  select count(*), round(percentile_cont(0.5) within group (order by ms)::numeric, 1),
    round(percentile_cont(0.9) within group (order by ms)::numeric, 1),
    round(percentile_cont(0.99) within group (order by ms)::numeric, 1), round(max(ms)::numeric, 1)
  from gaps where ms is not null" > "$WORK/next-dial.txt"
read -r N_NEXT P50_NEXT P90_NEXT P99_NEXT MAX_NEXT < "$WORK/next-dial.txt"
psql -qtA "$PG" -F ' ' -c "with s as (select campaign_id, started_at,
      row_number() over (partition by campaign_id order by started_at, id) k from call),
    e as (select campaign_id, ended_at,
      row_number() over (partition by campaign_id order by ended_at, id) k from call
      where ended_at is not null),
    gaps as (select extract(epoch from s.started_at - e.ended_at) * 1000 ms
      from e join s on s.campaign_id = e.campaign_id and s.k = e.k + $MAX_CONCURRENT)
  select count(*), round(percentile_cont(0.5) within group (order by ms)::numeric, 1),
    round(percentile_cont(0.9) within group (order by ms)::numeric, 1),
    round(percentile_cont(0.99) within group (order by ms)::numeric, 1), round(max(ms)::numeric, 1)
  from gaps" > "$WORK/refill.txt"
read -r N_REFILL P50_REFILL P90_REFILL P99_REFILL MAX_REFILL < "$WORK/refill.txt"
CALLS=$(psql -qtA "$PG" -c "select count(*) from call")
echo "dispositions:"
psql -qtA "$PG" -F ' ' -c "select disposition, count(*), round(avg(duration_s)::numeric, 1)
  from call group by 1 order by 2 desc" | sed 's/^/  /'

printf '\n== results (%s campaigns x %s contacts, capacity %s, max_concurrent %s) ==\n' \
  "$CAMPAIGNS" "$CONTACTS" "$CAPACITY" "$MAX_CONCURRENT"
echo "calls: $CALLS"
echo "in flight: peak $PEAK; at $CAPACITY for $FULL_SECONDS s (samples every $SAMPLE s)"
echo "heap after GC while full (-Xmx1g): median $HEAP_MEDIAN MB, max $HEAP_MAX MB over $GCS GCs;" \
  "longest pause $PAUSE_MAX ms"
echo "heap snapshot a minute into the full phase:"
sed 's/^/  /' "$WORK/heap-info.txt" 2>/dev/null | head -4 || true
echo "CPU while full: Liberty $LIB_CORES cores, PostgreSQL $PG_CORES cores; machine busy $BUSY_PCT %"
echo "slot freed -> next dial of the campaign (ms): n $N_NEXT, p50 $P50_NEXT, p90 $P90_NEXT," \
  "p99 $P99_NEXT, max $MAX_NEXT"
echo "slot freed -> the call that refilled it (ms): n $N_REFILL, p50 $P50_REFILL, p90 $P90_REFILL," \
  "p99 $P99_REFILL, max $MAX_REFILL"
