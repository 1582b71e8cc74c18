#!/usr/bin/env bash
# The legacy import at scale (docs/benchmarks.md, "Legacy import"): the jar's import command on the old bot's
# SQLite file.
#
#   bench/import.sh [--build]
#
# Makes the file once with scripts/legacy-db.py (TRAFFIC traffic rows and SALES sales over DAYS days and STORES
# stores; cached in WORK_DIR), imports it into a fresh database DB_NAME (Redis database REDIS_DB flushed), then
# imports it again (which must add nothing), and checks the daily visitors, exits, transactions, gross and refunds
# of every store-day against the figures the generator computed by SQL over the file. Prints a summary and writes
# it to bench/results/import-<UTC timestamp>.md. Targets are reported against, never asserted.
#
# Knobs (environment): TRAFFIC [1000000], SALES [200000], STORES [10], DAYS [730], DB_NAME [retail_bench_import],
# PG_URL [postgresql://postgres@127.0.0.1:5432], REDIS_HOST/REDIS_PORT/REDIS_DB [127.0.0.1/6379/4],
# JAR [target/quarkus-app/quarkus-run.jar], JAVA_OPTS [], KEEP_DB [0], WORK_DIR [/tmp/retail-bench-import],
# RESULTS_DIR [bench/results]; RETAIL_IMPORT_BATCH_SIZE and RETAIL_IMPORT_CONCURRENCY reach the import.
#
# Exit codes: 0 imported, nothing added the second time, figures equal; 1 the import failed; 2 the second import
# added rows or the figures differ; 64 bad usage.
set -Eeuo pipefail
export LC_ALL=C
export PGOPTIONS='-c client_min_messages=warning'

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD=0
case "${1:-}" in
  --build) BUILD=1 ;;
  "") ;;
  -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "bench/import.sh: unknown argument $1 (see --help)" >&2; exit 64 ;;
esac

TRAFFIC="${TRAFFIC:-1000000}"
SALES="${SALES:-200000}"
STORES="${STORES:-10}"
DAYS="${DAYS:-730}"
DB_NAME="${DB_NAME:-retail_bench_import}"
PG_URL="${PG_URL:-postgresql://postgres@127.0.0.1:5432}"
REDIS_HOST="${REDIS_HOST:-127.0.0.1}"
REDIS_PORT="${REDIS_PORT:-6379}"
REDIS_DB="${REDIS_DB:-4}"
DEFAULT_JAR="$ROOT/target/quarkus-app/quarkus-run.jar"
JAR="${JAR:-$DEFAULT_JAR}"
JAVA_OPTS="${JAVA_OPTS:-}"
KEEP_DB="${KEEP_DB:-0}"
WORK_DIR="${WORK_DIR:-/tmp/retail-bench-import}"
RESULTS_DIR="${RESULTS_DIR:-$ROOT/bench/results}"
PORT=0 # the import serves no HTTP
[[ "$DB_NAME" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "DB_NAME must be a plain lower-case identifier" >&2; exit 64; }
for n in "$TRAFFIC" "$SALES" "$STORES" "$DAYS" "$REDIS_DB"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "TRAFFIC, SALES, STORES, DAYS and REDIS_DB must be numbers" >&2; exit 64; }
done

log() { printf '[import-bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $1"; exit "${2:-1}"; }
WORK="$(mktemp -d)"
# shellcheck source=bench/lib/service.sh
source "$ROOT/bench/lib/service.sh"
trap 'drop_databases; rm -rf "$WORK"' EXIT

ensure_jar
record_machine_facts
mkdir -p "$WORK_DIR" "$RESULTS_DIR"
FILE="$WORK_DIR/legacy-$TRAFFIC-$SALES-$STORES-$DAYS.db"
EXPECTED="$FILE.expected.csv"
if [[ ! -s "$FILE" || ! -s "$EXPECTED" ]]; then
  log "generating $FILE"
  python3 "$ROOT/scripts/legacy-db.py" "$FILE" --traffic "$TRAFFIC" --sales "$SALES" --stores "$STORES" --days "$DAYS" \
    --end 2026-11-30 --chats 3 --expected "$EXPECTED" >/dev/null
fi
recreate_databases

run_import() { # $1: label; prints the summary line, sets WALL (s) and LINE
  local out="$WORK/$1.out" start end
  start=$EPOCHREALTIME
  # shellcheck disable=SC2086  # JAVA_OPTS is a list of words
  env DATABASE_URL="postgresql://retail_service@${PG_URL#*@}/$DB_NAME" \
    DATABASE_MIGRATION_URL="postgresql://postgres:trusted@${PG_URL#*@}/$DB_NAME" \
    REDIS_URL="redis://$REDIS_HOST:$REDIS_PORT/$REDIS_DB" RETAIL_ADMIN_PASSWORD=bench-password \
    java $JAVA_OPTS -jar "$JAR" import --sqlite "$FILE" >"$out" 2>"$WORK/$1.err" || die "the $1 import failed: $(tail -3 "$WORK/$1.err")"
  end=$EPOCHREALTIME
  WALL=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
  LINE="$(grep '^Imported' "$out" || true)"
  [[ -n "$LINE" ]] || die "the $1 import printed no summary: $(tail -3 "$out" "$WORK/$1.err")"
  log "$1: $LINE (wall time with the JVM's start: $WALL s)"
}

number() { sed -n "s/.* \([0-9,]*\) $1.*/\1/p" <<<"$LINE" | tr -d ,; }

run_import first
FIRST_LINE="$LINE"; FIRST_WALL="$WALL"
FIRST_RATE="$(sed -n 's/.*(\([0-9,]*\) rows\/s).*/\1/p' <<<"$LINE" | tr -d ,)"
FIRST_TIME="$(sed -n 's/.* in \([0-9.]*\) s (.*/\1/p' <<<"$LINE")"
FIRST_IMPORTED="$(number imported)"
run_import second
SECOND_LINE="$LINE"; SECOND_WALL="$WALL"
SECOND_IMPORTED="$(number imported)"

log "comparing daily figures with SQL over the file"
psql "$PG_URL/$DB_NAME" -v ON_ERROR_STOP=1 -tAF, -c "
  SELECT store_id, local_day,
         coalesce(sum(value) FILTER (WHERE metric = 'visitors'), 0), coalesce(sum(value) FILTER (WHERE metric = 'exits'), 0),
         coalesce(sum(value) FILTER (WHERE metric = 'transactions'), 0), coalesce(sum(value) FILTER (WHERE metric = 'gross'), 0),
         coalesce(sum(value) FILTER (WHERE metric = 'refunds'), 0)
  FROM rollups WHERE bucket = 'day' GROUP BY 1, 2 ORDER BY 1, 2" >"$WORK/stored.csv"
tail -n +2 "$EXPECTED" >"$WORK/expected.csv"
DAYS_CHECKED=$(wc -l <"$WORK/expected.csv")
if diff -q "$WORK/expected.csv" "$WORK/stored.csv" >/dev/null; then FIGURES="equal ($DAYS_CHECKED store-days)"; else FIGURES="DIFFERENT"; fi
EVENTS=$(psql "$PG_URL/$DB_NAME" -tAc "SELECT (SELECT count(*) FROM traffic_events) + (SELECT count(*) FROM sales_events)")
ROLLUPS=$(psql "$PG_URL/$DB_NAME" -tAc "SELECT count(*) FROM rollups")
IN_DEFAULT=$(psql "$PG_URL/$DB_NAME" -tAc "SELECT (SELECT count(*) FROM traffic_events_default) + (SELECT count(*) FROM sales_events_default)")

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULT="$RESULTS_DIR/import-$STAMP.md"
{
  echo "# Legacy import benchmark, $STAMP"
  echo
  echo "- Machine: $CPU_MODEL, $NPROC cores, $MEM_TOTAL; load at start $LOAD_AT_START; commit $GIT_REV"
  echo "- File: $TRAFFIC traffic + $SALES sales rows, $STORES stores, $DAYS days ($(du -h "$FILE" | cut -f1)); batch ${RETAIL_IMPORT_BATCH_SIZE:-5000}, concurrency ${RETAIL_IMPORT_CONCURRENCY:-3}; JAVA_OPTS '${JAVA_OPTS}'"
  echo
  echo "| Run | Summary | Wall time with JVM start (s) |"
  echo "|---|---|---|"
  echo "| first | $FIRST_LINE | $FIRST_WALL |"
  echo "| again | $SECOND_LINE | $SECOND_WALL |"
  echo
  echo "- Import rate (first run, from the command's own clock): **$FIRST_RATE rows/s** in $FIRST_TIME s (target ≥ 50,000)"
  echo "- Second run added: $SECOND_IMPORTED rows (must be 0); events stored: $EVENTS ($IN_DEFAULT in the DEFAULT partitions); rollup rows: $ROLLUPS"
  echo "- Daily figures against SQL over the file: $FIGURES"
} | tee "$RESULT"
log "written to $RESULT"
[[ "$SECOND_IMPORTED" == 0 && "$FIGURES" != DIFFERENT && "$FIRST_IMPORTED" -gt 0 ]] || exit 2
