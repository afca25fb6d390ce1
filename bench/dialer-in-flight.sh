#!/usr/bin/env bash
# 10 000 simulated calls in flight on one server, on this machine only.
#
#   bench/dialer-in-flight.sh                        # 100 campaigns x 1 500 contacts
#   CONTACTS=150 CAPACITY=1000 MAX_CONCURRENT=10 bench/dialer-in-flight.sh   # a quick try
#   MVN_FLAGS="-o -Dmaven.repo.local=/path" bench/dialer-in-flight.sh
#
# Starts Outdial with a 1 GB heap (JVM_ARGS=-Xmx1g, GC log on), the simulated carrier at real
# durations (time scale 1: about 18 s from claim to outcome on average, no-answers 26 s),
# CAPACITY lines (10 000), calling hours "always" and no retries, over CAMPAIGNS campaigns
# (priorities 1 + i % 10) of CONTACTS contacts with max_concurrent MAX_CONCURRENT (100), created
# while dialing was off so that all of them start together. It reports:
#  - calls in flight (call rows not ended), sampled every SAMPLE seconds: the peak, and over the
#    loaded phase (from the first sample with 95 % of the lines busy to the last sample at which
#    every campaign still had a contact to dial) the minimum and mean;
#  - heap after each GC in the loaded phase (from the GC log), and a GC.heap_info snapshot;
#  - CPU used by the Liberty JVM and by PostgreSQL in the loaded phase;
#  - the delay between a slot freeing and the next dial: for each call that ended while its
#    campaign still had contacts to dial, the time until that campaign's next call started
#    (call.started_at is the claim time, call.ended_at the outcome time), p50/p90/p99/max; and the
#    same with each freed slot matched to the call that refilled it (the k-th call of a campaign to
#    end frees the slot of the (k + max_concurrent)-th call to start); the first, also without the
#    first 20 s of the loaded phase (when the calls all placed in the same seconds end together);
#  - the dispatcher's ticks in the loaded phase (calls of one tick share their started_at): how
#    many campaigns each claimed for, and the time from one tick to the next.
#
# JFR=/path/rec.jfr also records the dialing server (JFR_SETTINGS: profile unless given, e.g. a
# .jfc file) and dumps the recording at the end of the loaded phase.
#
# Needs: a JDK 21+ (JAVA_HOME, for jcmd), psql, curl, python3, bc; about 10 minutes. The work
# directory (logs, GC log, samples, the database) is left in /tmp for inspection.
set -euo pipefail
cd "$(dirname "$0")/.."

CAMPAIGNS=${CAMPAIGNS:-100}
CONTACTS=${CONTACTS:-1500}
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
JFR_ARGS=${JFR:+-XX:StartFlightRecording=settings=${JFR_SETTINGS:-profile}}
start_outdial "$WORK/server.log" JVM_ARGS="-Xmx1g -Xlog:gc:file=$WORK/gc.log:utctime $JFR_ARGS" \
  OUTDIAL_DIALER_CALLING_HOURS=always OUTDIAL_TELEPHONY_SIMULATOR_TIME_SCALE=1 \
  OUTDIAL_DIALER_RETRY_MAX_ATTEMPTS=1 OUTDIAL_DIALER_CAPACITY="$CAPACITY" \
  OUTDIAL_DB_POOL_MAX="$POOL" OUTDIAL_RATE_LIMIT_DEFAULT=100000
POSTMASTER=$(postmaster_pid)
busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat; }

# 3. sample until every contact is done: time, calls in flight, contacts not yet done, campaigns
#    that still have a contact to dial, Liberty CPU s, PostgreSQL CPU s, machine busy/total jiffies
echo "epoch in_flight open campaigns_due liberty_cpu_s postgres_cpu_s busy total" > "$WORK/samples.txt"
FULL_SINCE=
SNAPSHOT_TAKEN=
while true; do
  NOW=$(date +%s.%N)
  read -r IN_FLIGHT OPEN DUE <<< "$(psql -qtA "$PG" -F ' ' -c "select
    (select count(*) from call where ended_at is null),
    (select count(*) from contact where status in ('pending', 'dialing')),
    (select count(*) from campaign c where exists (select 1 from contact t
      where t.campaign_id = c.id and t.status = 'pending'))")"
  echo "$NOW $IN_FLIGHT $OPEN $DUE $(cpu_seconds "$LIBERTY_PID") $(pg_cpu_seconds "$POSTMASTER")" \
    "$(busy)" >> "$WORK/samples.txt"
  printf '%s in flight: %5d, contacts open: %6d, campaigns with contacts due: %3d\n' \
    "$(date +%T)" "$IN_FLIGHT" "$OPEN" "$DUE"
  if [ "$((IN_FLIGHT * 100))" -ge "$((CAPACITY * 95))" ]; then
    FULL_SINCE=${FULL_SINCE:-$NOW}
  fi
  # one heap snapshot a minute after the lines first filled up, if every campaign still has work
  if [ -n "$FULL_SINCE" ] && [ -z "$SNAPSHOT_TAKEN" ] && [ "$DUE" = "$CAMPAIGNS" ] \
    && [ "$(echo "$NOW - $FULL_SINCE > 60" | bc)" = 1 ]; then
    "$JAVA_HOME/bin/jcmd" "$LIBERTY_PID" GC.heap_info > "$WORK/heap-info.txt"
    SNAPSHOT_TAKEN=1
  fi
  if [ -n "${JFR:-}" ] && [ -n "$FULL_SINCE" ] && [ "$DUE" != "$CAMPAIGNS" ] && [ -z "${DUMPED:-}" ]; then
    "$JAVA_HOME/bin/jcmd" "$LIBERTY_PID" JFR.dump filename="$JFR" > /dev/null
    DUMPED=1
    echo "flight recording: $JFR"
  fi
  [ "$OPEN" = 0 ] && break
  sleep "$SAMPLE"
done

# 4. the loaded phase: from the first sample with 95 % of the lines busy to the last sample at which
#    every campaign still had a contact to dial (after it, lines free up for want of contacts)
python3 - "$WORK/samples.txt" "$CAPACITY" "$CAMPAIGNS" > "$WORK/full.txt" <<'PY'
import sys
rows = [[float(x) for x in l.split()] for l in open(sys.argv[1]).readlines()[1:]]
cap, campaigns = int(sys.argv[2]), int(sys.argv[3])
peak = max(int(r[1]) for r in rows)
first = next((i for i, r in enumerate(rows) if r[1] * 100 >= cap * 95), None)
last = max((i for i, r in enumerate(rows) if r[3] >= campaigns), default=None)
if first is None or last is None or last <= first:
    print(f"peak {peak} seconds 0 min 0 mean 0 liberty_cores 0 postgres_cores 0 busy_pct 0"
          " start 0 end 0")
    sys.exit()
w = rows[first:last + 1]
a, b = w[0], w[-1]
dt = b[0] - a[0]
print(f"peak {peak} seconds {dt:.0f} min {min(int(r[1]) for r in w)}"
      f" mean {sum(r[1] for r in w) / len(w):.0f}"
      f" liberty_cores {(b[4] - a[4]) / dt:.2f} postgres_cores {(b[5] - a[5]) / dt:.2f}"
      f" busy_pct {100 * (b[6] - a[6]) / (b[7] - a[7]):.0f} start {a[0]} end {b[0]}")
PY
read -r _ PEAK _ FULL_SECONDS _ FULL_MIN _ FULL_MEAN _ LIB_CORES _ PG_CORES _ BUSY_PCT \
  _ FULL_START _ FULL_END < "$WORK/full.txt"

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

# 5. delay from a slot freeing to the next dial of the same campaign, over calls that ended in the
#    window $1..$2 (epoch seconds)
next_dial() {
  psql -qtA "$PG" -F ' ' -c "with gaps as (
      select extract(epoch from (select min(n.started_at) from call n
        where n.campaign_id = c.campaign_id and n.started_at >= c.ended_at) - c.ended_at) * 1000 ms
      from call c where c.ended_at between to_timestamp($1) and to_timestamp($2))
    select count(*), round(percentile_cont(0.5) within group (order by ms)::numeric, 1),
      round(percentile_cont(0.9) within group (order by ms)::numeric, 1),
      round(percentile_cont(0.99) within group (order by ms)::numeric, 1),
      round(max(ms)::numeric, 1)
    from gaps where ms is not null"
}
refill() {
  psql -qtA "$PG" -F ' ' -c "with s as (select campaign_id, started_at,
        row_number() over (partition by campaign_id order by started_at, id) k from call),
      e as (select campaign_id, ended_at,
        row_number() over (partition by campaign_id order by ended_at, id) k from call
        where ended_at is not null),
      gaps as (select extract(epoch from s.started_at - e.ended_at) * 1000 ms
        from e join s on s.campaign_id = e.campaign_id and s.k = e.k + $MAX_CONCURRENT
        where e.ended_at between to_timestamp($1) and to_timestamp($2))
    select count(*), round(percentile_cont(0.5) within group (order by ms)::numeric, 1),
      round(percentile_cont(0.9) within group (order by ms)::numeric, 1),
      round(percentile_cont(0.99) within group (order by ms)::numeric, 1),
      round(max(ms)::numeric, 1)
    from gaps"
}
ALL="0 4102444800"
next_dial $ALL > "$WORK/next-dial.txt"
next_dial "$FULL_START" "$FULL_END" > "$WORK/next-dial-loaded.txt"
STEADY_START=$(echo "$FULL_START + 20" | bc -l)
next_dial "$STEADY_START" "$FULL_END" > "$WORK/next-dial-steady.txt"
refill $ALL > "$WORK/refill.txt"
refill "$FULL_START" "$FULL_END" > "$WORK/refill-loaded.txt"
# the dispatcher's ticks in the loaded phase: the calls of one tick share their started_at (the
# tick's clock reading), so distinct started_at values are the ticks that claimed something
psql -qtA "$PG" -F ' ' -c "with t as (select started_at, count(distinct campaign_id) campaigns
      from call where started_at between to_timestamp($FULL_START) and to_timestamp($FULL_END)
      group by started_at),
    g as (select campaigns,
      extract(epoch from started_at - lag(started_at) over (order by started_at)) * 1000 gap from t)
  select count(*), percentile_cont(0.5) within group (order by campaigns),
    percentile_cont(0.99) within group (order by campaigns), max(campaigns),
    round(percentile_cont(0.5) within group (order by gap)::numeric, 1),
    round(percentile_cont(0.99) within group (order by gap)::numeric, 1), round(max(gap)::numeric, 1)
  from g" > "$WORK/ticks.txt"
read -r TICKS CAMP_P50 CAMP_P99 CAMP_MAX GAP_P50 GAP_P99 GAP_MAX < "$WORK/ticks.txt"
CALLS=$(psql -qtA "$PG" -c "select count(*) from call")
echo "dispositions: calls, mean seconds from claim to outcome"
psql -qtA "$PG" -F ' ' -c "select disposition, count(*),
  round(avg(extract(epoch from ended_at - started_at))::numeric, 1) from call group by 1
  order by 2 desc" | sed 's/^/  /'

printf '\n== results (%s campaigns x %s contacts, capacity %s, max_concurrent %s) ==\n' \
  "$CAMPAIGNS" "$CONTACTS" "$CAPACITY" "$MAX_CONCURRENT"
echo "calls: $CALLS"
echo "in flight: peak $PEAK; loaded phase (>= 95 % of lines busy, every campaign with contacts due):" \
  "$FULL_SECONDS s, in flight min $FULL_MIN, mean $FULL_MEAN (samples every $SAMPLE s)"
echo "heap after GC in the loaded phase (-Xmx1g): median $HEAP_MEDIAN MB, max $HEAP_MAX MB over $GCS GCs;" \
  "longest pause $PAUSE_MAX ms"
echo "heap snapshot a minute into the loaded phase:"
sed 's/^/  /' "$WORK/heap-info.txt" 2>/dev/null | head -4 || true
echo "CPU in the loaded phase: Liberty $LIB_CORES cores, PostgreSQL $PG_CORES cores; machine busy $BUSY_PCT %"
stats() {
  local n p50 p90 p99 max
  read -r n p50 p90 p99 max < "$1"
  echo "n $n, p50 $p50, p90 $p90, p99 $p99, max $max"
}
echo "slot freed -> next dial of the campaign (ms), whole run:   $(stats "$WORK/next-dial.txt")"
echo "                                       loaded phase only: $(stats "$WORK/next-dial-loaded.txt")"
echo "                   loaded phase without its first 20 s: $(stats "$WORK/next-dial-steady.txt")"
echo "slot freed -> the call that refilled it (ms), whole run:   $(stats "$WORK/refill.txt")"
echo "                                       loaded phase only: $(stats "$WORK/refill-loaded.txt")"
echo "ticks that claimed calls in the loaded phase: $TICKS; campaigns claimed per tick p50 $CAMP_P50," \
  "p99 $CAMP_P99, max $CAMP_MAX; ms from one such tick to the next p50 $GAP_P50, p99 $GAP_P99," \
  "max $GAP_MAX"
