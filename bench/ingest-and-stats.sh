#!/usr/bin/env bash
# Load test of Outdial's ingestion path and stats endpoint, against a server started with the
# README's run command (embedded PostgreSQL, heap capped at 512 MB), on this machine only.
#
#   bench/ingest-and-stats.sh            # 1 000 000 rows
#   ROWS=100000 bench/ingest-and-stats.sh
#
# Needs: a JDK 21+ (JAVA_HOME), psql, curl, python3, wrk (apt-get install postgresql-client wrk).
# Measures, in one run: (1) a CSV upload through the API (validation, normalisation, dedupe, job
# tracking) in rows/s, (2) the same CSV loaded with psql \copy into a plain table (the physical
# limit), (3) GET .../stats latency on the campaign that now holds the rows, beside GET /health/live.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-1000000}
PORT=${PORT:-9181}
WORK=$(mktemp -d /tmp/outdial-bench.XXXXXX)
BASE="http://localhost:$PORT"
echo "work directory: $WORK"

cleanup() {
  if [ -n "${SERVER_PID:-}" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT

# 1. Outdial with a fresh embedded database, a 512 MB heap and rate limits out of the way
OUTDIAL_HOME="$WORK/home" OUTDIAL_HTTP_PORT=$PORT JVM_ARGS="-Xmx512m" \
  OUTDIAL_RATE_LIMIT_DEFAULT=100000 OUTDIAL_RATE_LIMIT_UPLOADS=1000 \
  OUTDIAL_UPLOAD_MAX_BYTES=$((200 * 1024 * 1024)) \
  ./mvnw -q -Prun package > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do
  curl -sf -o /dev/null "$BASE/health/ready" && break
  sleep 0.5
done
curl -sf -o /dev/null "$BASE/health/ready" || { echo "server did not start; see $WORK/server.log"; exit 1; }
ADMIN=$(grep -o 'od_admin_[A-Za-z0-9_-]*' "$WORK/server.log" | head -1)
DB_URL=$(grep -o 'jdbc:postgresql://localhost:[0-9]*/outdial' "$WORK/server.log" | head -1)
PG="postgresql://postgres:postgres@${DB_URL#jdbc:postgresql://}"

# 2. the rows: distinct US numbers in a national format (so that each is normalised)
python3 - "$ROWS" "$WORK/contacts.csv" <<'PY'
import sys
rows, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as f:
    f.write("phone,first_name,last_name,company\n")
    for i in range(rows):
        f.write(f"(202) {200 + i // 10000:03d}-{i % 10000:04d},First{i},Last{i},Company {i % 97}\n")
PY
SIZE=$(stat -c %s "$WORK/contacts.csv")
echo "rows: $ROWS, CSV: $((SIZE / 1024 / 1024)) MB"

KEY=$(curl -sf -X POST "$BASE/admin/api-keys" -H "Content-Type: application/json" -H "X-Admin-Key: $ADMIN" \
  -d '{"client_id": "bench", "name": "bench", "scopes": ["campaigns"]}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["api_key"])')
CAMPAIGN=$(curl -sf -X POST "$BASE/api/v1/campaigns" -H "Content-Type: application/json" -H "X-API-Key: $KEY" \
  -d '{"client_id": "bench", "name": "bench", "system_prompt": "p", "caller_id": "+15551234567", "contacts": []}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["campaign_id"])')

# 3. the API path: upload, then wait for the job
START=$(date +%s.%N)
JOB=$(curl -s -X POST "$BASE/api/v1/campaigns/$CAMPAIGN/contacts" -H "X-API-Key: $KEY" -F "file=@$WORK/contacts.csv" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["job_id"])')
while true; do
  STATUS=$(curl -sf "$BASE/api/v1/jobs/$JOB" -H "X-API-Key: $KEY")
  case "$STATUS" in *'"status":"running"'*) sleep 0.2 ;; *) break ;; esac
done
END=$(date +%s.%N)
echo "job: $STATUS"
API_SECONDS=$(echo "$END - $START" | bc -l)
API_RATE=$(echo "$ROWS / $API_SECONDS" | bc -l)

# 4. the physical limit: psql \copy of the same file into a plain table
psql -q "$PG" -c "create table bench_copy (phone text, first_name text, last_name text, company text)"
START=$(date +%s.%N)
psql -q "$PG" -c "\\copy bench_copy from '$WORK/contacts.csv' csv header"
END=$(date +%s.%N)
COPY_SECONDS=$(echo "$END - $START" | bc -l)
COPY_RATE=$(echo "$ROWS / $COPY_SECONDS" | bc -l)

# 5. heap after the upload (the server runs with -Xmx512m: the upload did not need more)
LIBERTY_PID=$(pgrep -f "ws-server.jar outdial" | head -1)
HEAP=$("$JAVA_HOME/bin/jcmd" "$LIBERTY_PID" GC.heap_info 2>/dev/null | grep -m1 -i "total" || true)

# 6. stats latency beside a trivial endpoint, same server, same load
wrk -t2 -c8 -d15s --latency -H "X-API-Key: $KEY" "$BASE/api/v1/campaigns/$CAMPAIGN/stats" > "$WORK/wrk-stats.txt"
wrk -t2 -c8 -d15s --latency "$BASE/health/live" > "$WORK/wrk-live.txt"
p99() { awk '/^ +99%/ {print $2}' "$1"; }

printf '\n== results (%s rows) ==\n' "$ROWS"
printf 'API upload:  %8.1f s  %10.0f rows/s\n' "$API_SECONDS" "$API_RATE"
printf 'psql \\copy:  %8.1f s  %10.0f rows/s\n' "$COPY_SECONDS" "$COPY_RATE"
printf 'API / copy:  %8.1f %%\n' "$(echo "100 * $API_RATE / $COPY_RATE" | bc -l)"
echo "heap after upload: $HEAP"
echo "stats  p99: $(p99 "$WORK/wrk-stats.txt")  ($(awk '/Requests\/sec/ {print $2}' "$WORK/wrk-stats.txt") req/s)"
echo "health p99: $(p99 "$WORK/wrk-live.txt")  ($(awk '/Requests\/sec/ {print $2}' "$WORK/wrk-live.txt") req/s)"
