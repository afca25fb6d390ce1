#!/usr/bin/env bash
# Webhook delivery from the outbox to a local receiver while the dialer runs at full speed, and
# what the outbox costs the dialer; on this machine only.
#
#   bench/webhook-delivery.sh                          # 20 campaigns x 1 000 contacts, twice
#   CAMPAIGNS=4 CONTACTS=500 bench/webhook-delivery.sh # a quick try
#   WEBHOOK_ENV="OUTDIAL_WEBHOOKS_CONCURRENCY=64" bench/webhook-delivery.sh
#   JFR=/tmp/webhooks.jfr bench/webhook-delivery.sh    # a flight recording of run B's server
#   RUN_ENV="OUTDIAL_TELEPHONY_SIMULATOR_TIME_SCALE=0.02" bench/webhook-delivery.sh
#                                # calls that last a while, so the campaigns' concurrency caps
#                                # (not the machine) set the pace
#
# Two dialing runs, each on a fresh embedded PostgreSQL with the same CAMPAIGNS campaigns of
# CONTACTS contacts (priorities 1 + i % 10, max_concurrent MAX_CONCURRENT), created with dialing
# off, then dialed after a restart as in bench/dialer-throughput.sh's step 2 (simulated carrier at
# zero latency, calling hours "always", no retries, OUTDIAL_DIALER_CAPACITY=CAPACITY, pool POOL):
#  A. no webhook endpoint: completed calls per second (call rows ended over the time from the
#     first call's start to the last call's end, from the database);
#  B. one endpoint subscribed to call.started and call.ended, created on the setup server and
#     verified (status active) before dialing, pointing at bench/WebhookReceiver.java on
#     127.0.0.1:RECEIVER_PORT (OUTDIAL_WEBHOOKS_ALLOWED_DESTINATIONS=127.0.0.1; WEBHOOK_ENV adds
#     NAME=value settings to run B's server): the same calls per second, and from the receiver's
#     record: events delivered per second (events received over the time from the first receipt
#     to the last), the backlog's drain time (last call's end to the last receipt), and for every
#     call.ended its latency from the body's data.ended_at to its receipt, p50/p95/p99/max (also
#     from webhook_event.created_at, and the gap between the two); then B/A of calls per second.
# RUN_ENV adds NAME=value settings to both dialing servers (A and B); EVENTS sets the endpoint's
# event types.
# Run B waits for every delivery to leave `pending` (at most DRAIN_MAX seconds, default 1200, the
# dialing included); DRAIN=no makes it stop at the last call (for WEBHOOK_ENV=
# "OUTDIAL_WEBHOOKS_ENABLED=false", the outbox's writes alone: its summary ends at the CPU lines).
# The pair of runs is repeated RUNS times (default 2). Before each measured run the script waits
# until the 1-minute load average is below LOAD_MAX (0.8), polling every 20 s for at most
# LOAD_WAIT seconds (900), then goes on regardless and prints the load.
#
# Needs: a JDK 21+ (JAVA_HOME; also runs WebhookReceiver.java as a single-file program), psql,
# curl, python3, bc; a built tree (the run command builds it). MVN_FLAGS as in
# bench/dialer-throughput.sh. The work directory (logs, databases, the receiver's records) is left
# in /tmp for inspection.
set -euo pipefail
cd "$(dirname "$0")/.."

CAMPAIGNS=${CAMPAIGNS:-20}
CONTACTS=${CONTACTS:-1000}
MAX_CONCURRENT=${MAX_CONCURRENT:-100}
CAPACITY=${CAPACITY:-1000}
POOL=${POOL:-50}
RUNS=${RUNS:-2}
DRAIN_MAX=${DRAIN_MAX:-1200}
RECEIVER_PORT=${RECEIVER_PORT:-9183}
RECEIVER_THREADS=${RECEIVER_THREADS:-8}
WEBHOOK_ENV=${WEBHOOK_ENV:-}
RUN_ENV=${RUN_ENV:-}
# the endpoint's event types (a JSON list); '["call.analyzed"]' makes a control run: an endpoint
# exists, but nothing the run does is an event it takes, so no event is written
EVENTS=${EVENTS:-'["call.started", "call.ended"]'}
PORT=${PORT:-9182}
WORK=$(mktemp -d /tmp/outdial-webhook-bench.XXXXXX)
echo "work directory: $WORK"

. bench/dialer-lib.sh
RECEIVER_PID=
stop_all() {
  stop_outdial
  if [ -n "$RECEIVER_PID" ]; then
    kill "$RECEIVER_PID" 2> /dev/null || true
    wait "$RECEIVER_PID" 2> /dev/null || true
  fi
  RECEIVER_PID=
}
trap stop_all EXIT
machine | tee "$WORK/machine.txt"

# Starts the receiver, recording into $1.
start_receiver() {
  "$JAVA_HOME/bin/java" bench/WebhookReceiver.java "$RECEIVER_PORT" "$1" "$RECEIVER_THREADS" \
    > "$1.log" 2>&1 &
  RECEIVER_PID=$!
  for _ in $(seq 1 60); do
    curl -sf -o /dev/null "http://127.0.0.1:$RECEIVER_PORT/count" && return
    sleep 0.5
  done
  echo "the receiver did not start; see $1.log"
  exit 1
}

# Creates the run's key and campaigns on a server with dialing off, and with "endpoint" as $2 an
# endpoint for call.started and call.ended that has answered its challenge.
setup() {
  local dir=$1 endpoint=${2:-}
  start_outdial "$dir/server-setup.log" OUTDIAL_DIALER_ENABLED=false \
    OUTDIAL_RATE_LIMIT_DEFAULT=100000 OUTDIAL_WEBHOOKS_ALLOWED_DESTINATIONS=127.0.0.1
  create_key "$dir/server-setup.log"
  if [ -n "$endpoint" ]; then
    WEBHOOK=$(curl -sf -X POST "$BASE/api/v1/webhooks" -H "Content-Type: application/json" \
      -H "X-API-Key: $KEY" -d "{\"url\": \"http://127.0.0.1:$RECEIVER_PORT/hooks\",
        \"events\": $EVENTS, \"description\": \"bench\"}" \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["webhook_id"])')
    local status=
    for _ in $(seq 1 120); do
      status=$(curl -sf "$BASE/api/v1/webhooks/$WEBHOOK" -H "X-API-Key: $KEY" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
      [ "$status" = active ] && break
      sleep 0.5
    done
    [ "$status" = active ] || { echo "endpoint $WEBHOOK is $status, not active"; exit 1; }
    echo "endpoint $WEBHOOK active"
  fi
  create_campaigns "$CAMPAIGNS" "$CONTACTS" "$MAX_CONCURRENT"
  echo "created $CAMPAIGNS campaigns x $CONTACTS contacts (max_concurrent $MAX_CONCURRENT)"
  stop_outdial
}

# CPU seconds so far of the server's JVM, its PostgreSQL, the receiver (0 when none runs), and
# of the whole machine (/proc/stat: user, nice, system, irq, softirq of every CPU).
cpu_now() {
  local receiver=0
  [ -n "$RECEIVER_PID" ] && receiver=$(cpu_seconds "$RECEIVER_PID")
  echo "$(cpu_seconds "$LIBERTY_PID") $(pg_cpu_seconds "$POSTMASTER") $receiver" \
    "$(awk -v hz="$(getconf CLK_TCK)" '/^cpu /{print ($2 + $3 + $4 + $7 + $8) / hz}' /proc/stat)"
}

# Polls four times a second until no contact is open and (with "drain" as $1) no delivery is
# pending; sets DIALED_AT and DRAINED_AT (seconds since the epoch, as seen by this script) and
# CPU_DIALED (cpu_now when the last contact was closed).
wait_done() {
  local open pending start=$SECONDS
  DIALED_AT= DRAINED_AT= CPU_DIALED=
  while true; do
    read -r open pending <<< "$(psql -qtA "$PG" -F ' ' -c "select
      (select count(*) from contact where status in ('pending', 'dialing')),
      (select count(*) from webhook_delivery where status = 'pending')
        + (select count(*) from webhook_event where unexpanded)")"
    if [ "$open" = 0 ] && [ -z "$DIALED_AT" ]; then
      DIALED_AT=$(date +%s.%N)
      CPU_DIALED=$(cpu_now)
    fi
    if [ -n "$DIALED_AT" ] && { [ "${1:-}" != drain ] || [ "$pending" = 0 ]; }; then
      DRAINED_AT=$(date +%s.%N)
      return
    fi
    if [ $((SECONDS - start)) -gt "$DRAIN_MAX" ]; then
      echo "gave up after $DRAIN_MAX s: $open contacts open, $pending deliveries pending"
      return
    fi
    sleep 0.25
  done
}

# CPU used from $1 to $2 (cpu_now lines) per call of $3, in ms: "JVM PG receiver machine-other".
cpu_per_call() {
  python3 -c 'import sys
a = [float(x) for x in sys.argv[1].split()]; b = [float(x) for x in sys.argv[2].split()]
n = int(sys.argv[3]); d = [y - x for x, y in zip(a, b)]
print(" ".join(f"{1000 * v / n:.3f}" for v in (d[0], d[1], d[2], d[3] - d[0] - d[1] - d[2])))' "$1" "$2" "$3"
}

for run in $(seq 1 "$RUNS"); do
  echo "== run $run =="
  # A: no endpoint
  A="$WORK/run$run-a"
  mkdir -p "$A"
  HOME_DIR="$A/home"
  setup "$A"
  wait_for_quiet
  LOAD_A=$LOAD
  # shellcheck disable=SC2086 # RUN_ENV is a list of NAME=value words
  start_dialing "$A/server.log" $RUN_ENV
  POSTMASTER=$(postmaster_pid)
  CPU_READY=$(cpu_now)
  wait_done
  dialer_rate
  RATE_A=$DIALER_RATE CALLS_A=$CALLS ELAPSED_A=$ELAPSED
  CPU_A=$(cpu_per_call "$CPU_READY" "$CPU_DIALED" "$CALLS_A")
  printf 'A: %d calls in %.1f s: %.0f calls/s; CPU ms per call (JVM PG receiver other): %s\n' \
    "$CALLS_A" "$ELAPSED_A" "$RATE_A" "$CPU_A"
  stop_outdial

  # B: one endpoint on the local receiver
  B="$WORK/run$run-b"
  mkdir -p "$B"
  HOME_DIR="$B/home"
  start_receiver "$B/received.txt"
  setup "$B" endpoint
  wait_for_quiet
  LOAD_B=$LOAD
  # shellcheck disable=SC2086 # WEBHOOK_ENV is a list of NAME=value words
  start_dialing "$B/server.log" OUTDIAL_WEBHOOKS_ALLOWED_DESTINATIONS=127.0.0.1 $RUN_ENV \
    $WEBHOOK_ENV
  POSTMASTER=$(postmaster_pid)
  CPU_READY=$(cpu_now)
  wait_done "${DRAIN:-drain}"
  CPU_DRAINED=$(cpu_now)
  if [ -n "${JFR:-}" ]; then
    "$JAVA_HOME/bin/jcmd" "$LIBERTY_PID" JFR.dump filename="${JFR%.jfr}-run$run.jfr" > /dev/null
    echo "flight recording: ${JFR%.jfr}-run$run.jfr"
  fi
  dialer_rate
  RATE_B=$DIALER_RATE CALLS_B=$CALLS ELAPSED_B=$ELAPSED
  CPU_B=$(cpu_per_call "$CPU_READY" "$CPU_DIALED" "$CALLS_B")
  # the CPU window ends when the script saw no open contact: say how long after the last call
  LAST_END=$(psql -qtA "$PG" -c "select extract(epoch from max(ended_at)) from call")
  printf 'B: last contact closed %.1f s after the last call ended\n' \
    "$(echo "$DIALED_AT - $LAST_END" | bc -l)"
  CPU_B_DRAIN=$(cpu_per_call "$CPU_DIALED" "$CPU_DRAINED" "$CALLS_B")
  printf 'B: %d calls in %.1f s: %.0f calls/s; CPU ms per call (JVM PG receiver other): %s' \
    "$CALLS_B" "$ELAPSED_B" "$RATE_B" "$CPU_B"
  printf '; after the dialing, draining: %s\n' "$CPU_B_DRAIN"
  curl -sf -o /dev/null "http://127.0.0.1:$RECEIVER_PORT/count"
  sleep 1.5 # the receiver flushes its record every second
  psql -qtA "$PG" -F ' ' -c "select e.id, e.type,
      round(extract(epoch from e.created_at) * 1000), round(extract(epoch from k.ended_at) * 1000)
    from webhook_event e left join call k on k.id = e.subject" > "$B/events.txt"
  psql -qtA "$PG" -F ' ' -c "select round(extract(epoch from min(started_at)) * 1000),
      round(extract(epoch from max(ended_at)) * 1000) from call" > "$B/calls.txt"
  psql -qtA "$PG" -F ' ' -c "select status, attempts, count(*) from webhook_delivery
    group by 1, 2 order by 1, 2" > "$B/deliveries.txt"
  stop_all

  python3 - "$B" "$RATE_A" "$RATE_B" "$CALLS_A" "$CALLS_B" "$LOAD_A" "$LOAD_B" "$CPU_A" "$CPU_B" \
    "$CPU_B_DRAIN" << 'PY' \
    | tee "$WORK/run$run-summary.txt"
import sys
d, rate_a, rate_b, calls_a, calls_b, load_a, load_b, cpu_a, cpu_b, cpu_drain = sys.argv[1:]
rate_a, rate_b = float(rate_a), float(rate_b)
received = [l.split() for l in open(f"{d}/received.txt") if l.strip()]
events = {}
for l in open(f"{d}/events.txt"):
    f = l.split()
    if len(f) >= 3:
        events[f[0]] = (f[1], int(f[2]), int(f[3]) if len(f) > 3 and f[3] else None)
first_start, last_end = (int(x) for x in open(f"{d}/calls.txt").read().split())
ids = [r[0] for r in received]
recv = sorted(int(r[3]) for r in received)
window = (recv[-1] - recv[0]) / 1000 if len(recv) > 1 else float("nan")

def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, int(round(p / 100 * len(xs) + 0.5)) - 1))]

def line(name, xs):
    if not xs:
        return f"{name}: none"
    return (f"{name}: p50 {pct(xs, 50):.0f}  p95 {pct(xs, 95):.0f}  p99 {pct(xs, 99):.0f}"
            f"  max {max(xs):.0f} ms  ({len(xs)} events)")

ended = [r for r in received if r[1] == "call.ended"]
body_lat = [int(r[3]) - int(r[2]) for r in ended]
db_lat = [int(r[3]) - events[r[0]][1] for r in ended if r[0] in events]
gap = [events[r[0]][1] - int(r[2]) for r in ended if r[0] in events]
during = [int(r[3]) - int(r[2]) for r in ended if int(r[3]) <= last_end]
print(f"== run {d.rsplit('/', 1)[-1]} ==")
print(f"load at the start: A {load_a}; B {load_b}")
print(f"A, no endpoint:  {int(calls_a):7d} calls  {rate_a:7.0f} calls/s")
print(f"B, one endpoint: {int(calls_b):7d} calls  {rate_b:7.0f} calls/s")
print(f"B / A calls per second: {100 * rate_b / rate_a:.1f} %")
def cpu(name, v):
    j, p, r, o = (float(x) for x in v.split())
    return (f"{name}: JVM {j:.3f} + PostgreSQL {p:.3f} = {j + p:.3f} ms; receiver {r:.3f} ms;"
            f" other processes {o:.3f} ms")
print("CPU per call from the server's readiness to the last contact's close:")
print(cpu("  A", cpu_a))
print(cpu("  B", cpu_b))
ja, pa = (float(x) for x in cpu_a.split()[:2])
jb, pb = (float(x) for x in cpu_b.split()[:2])
print(f"  A / B of server CPU per call (JVM + PostgreSQL): {100 * (ja + pa) / (jb + pb):.1f} %")
print(cpu("B after the dialing, until the last delivery", cpu_drain))
print(f"events in the outbox: {len(events)}; received {len(received)} ({len(set(ids))} distinct ids)"
      f", of which call.ended {len(ended)}")
print(f"deliveries by status and attempts: "
      + "; ".join(" ".join(l.split()) for l in open(f"{d}/deliveries.txt") if l.strip()))
print(f"dialing: {(last_end - first_start) / 1000:.1f} s; first receipt {(recv[0] - first_start) / 1000:.2f} s"
      f" after the first call's start; last receipt {(recv[-1] - last_end) / 1000:.1f} s after the"
      f" last call's end (backlog drain)")
print(f"delivered: {len(received) / window:.0f} events/s over {window:.1f} s (first to last receipt);"
      f" {sum(1 for t in recv if t <= last_end) / ((last_end - recv[0]) / 1000 or float('nan')):.0f}"
      f" events/s while dialing")
print(line("call.ended, data.ended_at -> receipt", body_lat))
print(line("call.ended, webhook_event.created_at -> receipt", db_lat))
print(line("call.ended, data.ended_at -> webhook_event.created_at", gap))
print(line("call.ended received while dialing, ended_at -> receipt", during))
PY
done
