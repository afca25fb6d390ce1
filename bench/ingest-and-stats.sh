#!/usr/bin/env bash
# Load test of Outdial's ingestion path and stats endpoint, against a server started with the
# README's run command (embedded PostgreSQL, heap capped at 512 MB), on this machine only.
#
#   bench/ingest-and-stats.sh            # 1 000 000 rows
#   ROWS=100000 bench/ingest-and-stats.sh
#   STATS=0 bench/ingest-and-stats.sh    # the uploads only, without the wrk part
#   EXTRA_JVM_ARGS="-XX:StartFlightRecording=filename=/tmp/o.jfr" bench/ingest-and-stats.sh
#   BREAKDOWN=1 bench/ingest-and-stats.sh  # also: what each part of the contact table costs
#
# Maven options for the server's start (e.g. a private local repository, offline) go in MAVEN_ARGS.
# Needs: a JDK 21+ (JAVA_HOME), psql, curl, python3, wrk (apt-get install postgresql-client wrk).
# Measures, in one run: (1) the generated CSV loaded with psql \copy into a plain table (the
# physical limit); (2) those rows moved into the real contact table, still empty, with one
# INSERT ... SELECT (the database's own floor for that table, its constraints and indexes); (3) the
# CSV uploaded through the API (validation, normalisation, dedupe, job tracking) in rows/s; (4) the
# same rows as an .xlsx workbook through the same endpoint, into another campaign; (5) GET .../stats
# latency on the CSV's campaign, beside GET /health/live. During each upload the server's heap is
# sampled (jstat, every 0.25 s) and its GC log read: the peak of used heap and the peak left after a
# collection are shown.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-1000000}
PORT=${PORT:-9181}
STATS=${STATS:-1}
WORK=$(mktemp -d /tmp/outdial-bench.XXXXXX)
BASE="http://localhost:$PORT"
echo "work directory: $WORK"

# the server is stopped at the end; the work directory (files, database) is removed after a run
# that succeeded, unless KEEP=1
cleanup() {
  local status=$?
  if [ -n "${SERVER_PID:-}" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ "$status" = 0 ] && [ "${KEEP:-0}" != 1 ]; then
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

# 1. Outdial with a fresh embedded database, a 512 MB heap and rate limits out of the way
OUTDIAL_HOME="$WORK/home" OUTDIAL_HTTP_PORT=$PORT JVM_ARGS="-Xmx512m -Xlog:gc:file=$WORK/gc.log ${EXTRA_JVM_ARGS:-}" \
  OUTDIAL_RATE_LIMIT_DEFAULT=100000 OUTDIAL_RATE_LIMIT_UPLOADS=1000 \
  OUTDIAL_UPLOAD_MAX_BYTES=$((200 * 1024 * 1024)) \
  ./mvnw -q -Prun package -DskipTests > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do
  curl -sf -o /dev/null "$BASE/health/ready" && break
  sleep 0.5
done
curl -sf -o /dev/null "$BASE/health/ready" || { echo "server did not start; see $WORK/server.log"; exit 1; }
ADMIN=$(grep -o 'od_admin_[A-Za-z0-9_-]*' "$WORK/server.log" | head -1)
DB_URL=$(grep -o 'jdbc:postgresql://localhost:[0-9]*/outdial' "$WORK/server.log" | head -1)
PG="postgresql://postgres:postgres@${DB_URL#jdbc:postgresql://}"

# 2. the rows: distinct US numbers in a national format (so that each is normalised), as CSV and as
# an .xlsx workbook written the way spreadsheet programs write one (every text cell a shared string)
python3 - "$ROWS" "$WORK/contacts.csv" "$WORK/contacts.xlsx" <<'PY'
import sys, zipfile
from xml.sax.saxutils import escape
rows, csv_path, xlsx_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
header = ["phone", "first_name", "last_name", "company"]
def row(i):
    return [f"({202}) {200 + i // 10000:03d}-{i % 10000:04d}", f"First{i}", f"Last{i}", f"Company {i % 97}"]
with open(csv_path, "w") as f:
    f.write(",".join(header) + "\n")
    for i in range(rows):
        f.write(",".join(row(i)) + "\n")
def col(c):
    return "ABCD"[c]
strings, index = [], {}
def sst(text):
    n = index.get(text)
    if n is None:
        n = index[text] = len(strings)
        strings.append(text)
    return n
with zipfile.ZipFile(xlsx_path, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml",
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '</Types>')
    z.writestr("_rels/.rels",
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>')
    z.writestr("xl/workbook.xml",
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="contacts" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels",
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        '</Relationships>')
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
        sheet.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
        def write_row(r, cells):
            sheet.write((f'<row r="{r}">' + "".join(
                f'<c r="{col(c)}{r}" t="s"><v>{sst(v)}</v></c>' for c, v in enumerate(cells))
                + '</row>').encode())
        write_row(1, header)
        for i in range(rows):
            write_row(i + 2, row(i))
        sheet.write(b'</sheetData></worksheet>')
    with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as shared:
        shared.write((f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst '
            f'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{4 * (rows + 1)}" '
            f'uniqueCount="{len(strings)}">').encode())
        for text in strings:
            shared.write(f"<si><t>{escape(text)}</t></si>".encode())
        shared.write(b"</sst>")
PY
SIZE=$(stat -c %s "$WORK/contacts.csv")
XSIZE=$(stat -c %s "$WORK/contacts.xlsx")
echo "rows: $ROWS, CSV: $((SIZE / 1024 / 1024)) MB, xlsx: $((XSIZE / 1024 / 1024)) MB"

KEY=$(curl -sf -X POST "$BASE/admin/api-keys" -H "Content-Type: application/json" -H "X-Admin-Key: $ADMIN" \
  -d '{"client_id": "bench", "name": "bench", "scopes": ["campaigns"]}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["api_key"])')

LIBERTY_PID=$(ss -Hltnp "sport = :$PORT" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)

campaign() {
  curl -sf -X POST "$BASE/api/v1/campaigns" -H "Content-Type: application/json" -H "X-API-Key: $KEY" \
    -d "{\"client_id\": \"bench\", \"name\": \"$1\", \"system_prompt\": \"p\", \"caller_id\": \"+15551234567\", \"contacts\": []}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["campaign_id"])'
}

# 3. the physical limit: psql \copy of the same file into a plain table
psql -q "$PG" -c "create table bench_copy (phone text, first_name text, last_name text, company text)"
START=$(date +%s.%N)
psql -q "$PG" -c "\\copy bench_copy from '$WORK/contacts.csv' csv header"
END=$(date +%s.%N)
COPY_SECONDS=$(echo "$END - $START" | bc -l)
COPY_RATE=$(echo "$ROWS / $COPY_SECONDS" | bc -l)

# 4. the database's own floor for the real table, measured while it is still empty: the copied rows
# moved into contact (its foreign key, unique constraint and indexes, ON CONFLICT DO NOTHING) in one
# INSERT ... SELECT, numbers normalised in SQL
FLOOR_CAMPAIGN=$(campaign bench-floor)
START=$(date +%s.%N)
psql -q "$PG" -c "insert into contact (campaign_id, phone, first_name, last_name, company, variables, created_at)
  select '$FLOOR_CAMPAIGN', '+1' || regexp_replace(phone, '[^0-9]', '', 'g'), first_name, last_name, company,
    '{}'::jsonb, now() from bench_copy on conflict on constraint contact_phone_once_per_campaign do nothing"
END=$(date +%s.%N)
FLOOR_SECONDS=$(echo "$COPY_SECONDS + $END - $START" | bc -l)
FLOOR_RATE=$(echo "$ROWS / $FLOOR_SECONDS" | bc -l)

# 5. the API path: upload, then wait for the job; prints "seconds peak-heap-MB peak-live-MB job"
# (peak heap: the most heap in use at a jstat sample, garbage included, which G1 lets grow towards
# -Xmx; peak live: the most heap still in use right after a collection during the upload, from the
# GC log, an upper bound of what the upload kept)
upload() {
  local file=$1 campaign=$2 start end job status sampler gc_before peak live
  gc_before=$(wc -l < "$WORK/gc.log")
  "$JAVA_HOME/bin/jstat" -gc "$LIBERTY_PID" 250 > "$WORK/jstat-$(basename "$file").txt" 2>/dev/null &
  sampler=$!
  start=$(date +%s.%N)
  job=$(curl -s -X POST "$BASE/api/v1/campaigns/$campaign/contacts" -H "X-API-Key: $KEY" -F "file=@$file" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["job_id"])')
  while true; do
    status=$(curl -sf "$BASE/api/v1/jobs/$job" -H "X-API-Key: $KEY")
    case "$status" in *'"status":"running"'*) sleep 0.1 ;; *) break ;; esac
  done
  end=$(date +%s.%N)
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  # used heap = S0U + S1U + EU + OU (KB), peak over the samples
  peak=$(awk '$1 ~ /^[0-9.]+$/ {u = $3 + $4 + $6 + $8; if (u > m) m = u} END {printf "%.0f", m / 1024}' \
    "$WORK/jstat-$(basename "$file").txt")
  live=$(tail -n +"$((gc_before + 1))" "$WORK/gc.log" | grep -o -- '->[0-9]*M' | tr -d '>M-' | sort -n | tail -1)
  echo "$(echo "$end - $start" | bc -l) $peak ${live:-?} $status"
}
echo "load average before the uploads: $(cut -d' ' -f1-3 /proc/loadavg)"
CAMPAIGN=$(campaign bench)
read -r API_SECONDS API_PEAK API_LIVE STATUS < <(upload "$WORK/contacts.csv" "$CAMPAIGN")
echo "CSV job: $STATUS"
API_RATE=$(echo "$ROWS / $API_SECONDS" | bc -l)
XLSX_CAMPAIGN=$(campaign bench-xlsx)
read -r XLSX_SECONDS XLSX_PEAK XLSX_LIVE XSTATUS < <(upload "$WORK/contacts.xlsx" "$XLSX_CAMPAIGN")
echo "xlsx job: $XSTATUS"
XLSX_RATE=$(echo "$ROWS / $XLSX_SECONDS" | bc -l)

# 6. heap after the uploads (the server runs with -Xmx512m: the uploads did not need more)
HEAP=$("$JAVA_HOME/bin/jcmd" "$LIBERTY_PID" GC.heap_info 2>/dev/null | grep -m1 -i "total" || true)

printf '\n== results (%s rows) ==\n' "$ROWS"
printf 'API upload, CSV:   %8.1f s  %10.0f rows/s  heap: peak %s MB, peak after GC %s MB\n' \
  "$API_SECONDS" "$API_RATE" "$API_PEAK" "$API_LIVE"
printf 'API upload, xlsx:  %8.1f s  %10.0f rows/s  heap: peak %s MB, peak after GC %s MB\n' \
  "$XLSX_SECONDS" "$XLSX_RATE" "$XLSX_PEAK" "$XLSX_LIVE"
printf 'psql \\copy:        %8.1f s  %10.0f rows/s\n' "$COPY_SECONDS" "$COPY_RATE"
printf '\\copy + INSERT ... SELECT into contact: %5.1f s  %10.0f rows/s\n' "$FLOOR_SECONDS" "$FLOOR_RATE"
printf 'API / copy (CSV):  %8.1f %%\n' "$(echo "100 * $API_RATE / $COPY_RATE" | bc -l)"
printf 'API / INSERT ... SELECT (CSV): %5.1f %%\n' "$(echo "100 * $API_RATE / $FLOOR_RATE" | bc -l)"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "heap after the uploads: $HEAP"

# 7. stats latency beside a trivial endpoint, same server, same load, once the database has settled
if [ "$STATS" = 1 ]; then
  psql -q "$PG" -c "checkpoint" -c "vacuum (analyze) contact"
  wrk -t2 -c8 -d15s --latency -H "X-API-Key: $KEY" "$BASE/api/v1/campaigns/$CAMPAIGN/stats" > "$WORK/wrk-stats.txt"
  wrk -t2 -c8 -d15s --latency "$BASE/health/live" > "$WORK/wrk-live.txt"
  p99() { awk '/^ +99%/ {print $2}' "$1"; }
  echo "stats  p99: $(p99 "$WORK/wrk-stats.txt")  ($(awk '/Requests\/sec/ {print $2}' "$WORK/wrk-stats.txt") req/s)"
  echo "health p99: $(p99 "$WORK/wrk-live.txt")  ($(awk '/Requests\/sec/ {print $2}' "$WORK/wrk-live.txt") req/s)"
fi

# 8. optional, at the very end so that it disturbs nothing above: the same INSERT ... SELECT (numbers
# normalised beforehand) into copies of the contact table with one cost after another taken away
if [ "${BREAKDOWN:-0}" = 1 ]; then
  psql -q "$PG" -c "create table bench_norm as select '+1' || regexp_replace(phone, '[^0-9]', '', 'g')
    as phone, first_name, last_name, company from bench_copy"
  into() {
    local label=$1 table=$2 conflict=$3 start end
    start=$(date +%s.%N)
    psql -q "$PG" -c "insert into $table (campaign_id, phone, first_name, last_name, company, variables,
      created_at) select '$FLOOR_CAMPAIGN', phone, first_name, last_name, company, '{}'::jsonb, now()
      from bench_norm $conflict"
    end=$(date +%s.%N)
    printf '  %-62s %5.1f s\n' "$label" "$(echo "$end - $start" | bc -l)"
  }
  echo "breakdown: INSERT ... SELECT of the $ROWS normalised rows into a copy of contact"
  psql -q "$PG" -c "create table bench_full (like contact including all)" \
    -c "alter table bench_full add foreign key (campaign_id) references campaign (id)"
  into "as contact: foreign key, 3 indexes, ON CONFLICT DO NOTHING" bench_full \
    "on conflict (campaign_id, phone) do nothing"
  psql -q "$PG" -c "create table bench_nofk (like contact including all)"
  into "without the foreign key" bench_nofk "on conflict (campaign_id, phone) do nothing"
  psql -q "$PG" -c "create table bench_nodue (like contact including all)"
  psql -q "$PG" -c "drop index $(psql -qtA "$PG" -c "select indexname from pg_indexes
    where tablename = 'bench_nodue' and indexdef like '%next_attempt_at%'")"
  into "... and without the partial index for due contacts" bench_nodue \
    "on conflict (campaign_id, phone) do nothing"
  psql -q "$PG" -c "create table bench_plainins (like bench_nodue including all)"
  into "... and without ON CONFLICT (the unique index still checks)" bench_plainins ""
  psql -q "$PG" -c "create table bench_bare (like contact including defaults)"
  into "no index, no constraint at all" bench_bare ""
fi
