# Shared by bench/dialer-throughput.sh and bench/dialer-in-flight.sh (sourced, not run).
#
# The campaigns are created on a server started with dialing switched off; the server is then
# restarted on the same embedded database with dialing on, so that every campaign is there at the
# dispatcher's first tick and the measured run starts with all of them.
#
# Expects from the caller: WORK (a scratch directory), PORT, and MVN_FLAGS (extra Maven flags,
# e.g. "-o -Dmaven.repo.local=/path"; may be empty). HOME_DIR (default $WORK/home) is the server's
# OUTDIAL_HOME, which holds the embedded database: a caller may point it elsewhere between runs to
# start on a fresh database.

BASE="http://localhost:$PORT"

# Starts Outdial with the README's run command and the current environment plus "$@" (NAME=value
# pairs), logging to $1; sets SERVER_PID, DB_URL, PG (a psql connection string) and LIBERTY_PID.
start_outdial() {
  local log=$1
  shift
  env OUTDIAL_HOME="${HOME_DIR:-$WORK/home}" OUTDIAL_HTTP_PORT="$PORT" "$@" \
    ./mvnw -q ${MVN_FLAGS:-} -Prun package > "$log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    curl -sf -o /dev/null "$BASE/health/ready" && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.5
  done
  curl -sf -o /dev/null "$BASE/health/ready" || { echo "server did not start; see $log"; exit 1; }
  DB_URL=$(grep -o 'jdbc:postgresql://localhost:[0-9]*/outdial' "$log" | tail -1)
  PG="postgresql://postgres:postgres@${DB_URL#jdbc:postgresql://}"
  LIBERTY_PID=$(liberty_pid "$SERVER_PID")
}

# The Liberty JVM among the descendants of the run command (not any other Liberty on the machine).
liberty_pid() {
  local pid child found
  for child in $(pgrep -P "$1"); do
    if tr '\0' ' ' < "/proc/$child/cmdline" 2>/dev/null | grep -q 'ws-server.jar'; then
      echo "$child"
      return
    fi
    found=$(liberty_pid "$child")
    if [ -n "$found" ]; then
      echo "$found"
      return
    fi
  done
}

# The embedded PostgreSQL's postmaster (the one whose data directory is under $WORK).
postmaster_pid() {
  pgrep -f -- "-D ${HOME_DIR:-$WORK/home}/pgdata" | head -1
}

stop_outdial() {
  if [ -n "${SERVER_PID:-}" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=
}

# Creates an API key for the client "bench" with the admin key found in log $1; sets KEY.
create_key() {
  local admin
  admin=$(grep -o 'od_admin_[A-Za-z0-9_-]*' "$1" | head -1)
  KEY=$(curl -sf -X POST "$BASE/admin/api-keys" -H "Content-Type: application/json" \
    -H "X-Admin-Key: $admin" -d '{"client_id": "bench", "name": "bench", "scopes": ["campaigns"]}' \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["api_key"])')
}

# Creates $1 campaigns of $2 contacts each with max_concurrent $3; campaign i has priority
# 1 + i % 10. Campaign i's number is i (from 0), or from $4 when given. Numbers are distinct across all campaigns: +1 212 (200 + i) XXXX for campaign i < 700,
# so none is one of the simulator's 555-01XX test numbers and no campaign's do-not-call entry
# (a callee who says "stop calling me") touches another campaign's contacts.
create_campaigns() {
  local campaigns=$1 contacts=$2 max=$3 first=${4:-0} i
  for i in $(seq "$first" $((first + campaigns - 1))); do
    python3 - "$i" "$contacts" "$max" > "$WORK/campaign.json" <<'PY'
import json, sys
i, contacts, max_concurrent = (int(a) for a in sys.argv[1:])
print(json.dumps({
    "client_id": "bench", "name": f"bench {i}", "system_prompt": "You are a polite assistant.",
    "caller_id": "+12125550100", "max_concurrent": max_concurrent, "priority": 1 + i % 10,
    "contacts": [{"phone": f"+1212{200 + i:03d}{n:04d}"} for n in range(contacts)],
}))
PY
    curl -sf -o /dev/null -X POST "$BASE/api/v1/campaigns" -H "Content-Type: application/json" \
      -H "X-API-Key: $KEY" --data-binary "@$WORK/campaign.json" \
      || { echo "campaign $i was refused"; exit 1; }
  done
}

# Starts Outdial ($1: the log) for a measured dialer run: dialing on, simulated carrier at zero
# latency, calling hours "always", no retries, OUTDIAL_DIALER_CAPACITY=$CAPACITY, pool $POOL,
# JVM_ARGS (default -Xmx1g) and a flight recording when JFR is set; "$@" after the log adds
# NAME=value pairs.
start_dialing() {
  local log=$1
  shift
  start_outdial "$log" JVM_ARGS="${JVM_ARGS:--Xmx1g} ${JFR:+-XX:StartFlightRecording=settings=profile}" \
    OUTDIAL_DIALER_CALLING_HOURS=always OUTDIAL_TELEPHONY_SIMULATOR_TIME_SCALE=0 \
    OUTDIAL_DIALER_RETRY_MAX_ATTEMPTS=1 OUTDIAL_DIALER_CAPACITY="$CAPACITY" \
    OUTDIAL_DB_POOL_MAX="$POOL" OUTDIAL_RATE_LIMIT_DEFAULT=100000 "$@"
}

# Completed calls and the seconds from the first call's start to the last call's end (database);
# sets CALLS, ELAPSED and DIALER_RATE (calls/s).
dialer_rate() {
  read -r CALLS ELAPSED <<< "$(psql -qtA "$PG" -F ' ' -c "select count(*),
    extract(epoch from max(ended_at) - min(started_at)) from call where ended_at is not null")"
  DIALER_RATE=$(echo "$CALLS / $ELAPSED" | bc -l)
}

# Waits until the 1-minute load average is below LOAD_MAX (default 0.8), polling every 20 s for
# at most LOAD_WAIT seconds (default 900), then goes on regardless; sets LOAD (the load at the
# start: 1, 5 and 15 minutes) and LOAD_WAITED (seconds waited).
wait_for_quiet() {
  local start=$SECONDS
  while [ $((SECONDS - start)) -lt "${LOAD_WAIT:-900}" ] &&
    [ "$(awk -v max="${LOAD_MAX:-0.8}" '{print ($1 < max)}' /proc/loadavg)" != 1 ]; do
    sleep 20
  done
  LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
  LOAD_WAITED=$((SECONDS - start))
  echo "load at the start: $LOAD (waited $LOAD_WAITED s for it to fall below ${LOAD_MAX:-0.8})"
}

# Machine facts for the report.
machine() {
  echo "nproc: $(nproc); $(grep -m1 'model name' /proc/cpuinfo | sed 's/\s\+/ /g')"
  free -g | sed -n 1,2p
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
}

# CPU seconds (user + system) used so far by process $1 and its threads.
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"
}

# CPU seconds used so far by the postmaster $1 and all its backends (children), including the
# children that have exited (autovacuum workers: the postmaster's cutime and cstime).
pg_cpu_seconds() {
  local total p
  total=$(awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15 + $16 + $17) / hz}' "/proc/$1/stat")
  for p in $(pgrep -P "$1"); do
    total=$(echo "$total + $(cpu_seconds "$p" 2>/dev/null || echo 0)" | bc -l)
  done
  echo "$total"
}
