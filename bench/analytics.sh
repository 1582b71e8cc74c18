#!/usr/bin/env bash
# One-command benchmark of the analytics reads (issue 10; see docs/benchmarks.md, "Analytics reads").
#
#   bench/analytics.sh [--build]
#
# Starts the packaged jar on a fresh database "retail_bench_analytics" (Redis keys under their own prefix,
# deleted by prefix at the end: the shared Redis is never FLUSHed), seeds 1,000 stores with SQL (420 days of
# history for 50 of them, today for all; raw events and their rollups), lets the service's periodic sync copy
# the retained days to Redis (as the ingest keeps them), warms the JIT up, then measures with wrk, on loopback:
#   GET /api/v1/analytics/{storeId}/summary       warm shape (today + recent past dates, cached) and cold shape
#                                                 (past dates never read before: cache miss -> PostgreSQL)
#   GET /api/v1/analytics/{storeId}/range         400 days, bucket=day|week|month, format=csv
#   GET /api/v1/analytics/summary                 cross-store, admin: all 1,000 stores
# It prints a table, writes it to bench/results/analytics-<UTC timestamp>.md and stops the service.
#
# Exit codes: 0 every scenario got only 2xx answers; 1 the service failed (build, start-up, login, seeding, died);
# 2 a scenario saw non-2xx answers or socket errors; 64 bad usage. Targets are reported against, never asserted.
set -Eeuo pipefail
export LC_ALL=C
export PGOPTIONS='-c client_min_messages=warning'

usage() {
  cat <<'EOF'
Usage: bench/analytics.sh [--build] [--help]

  --build   rebuild target/quarkus-app/quarkus-run.jar first (./mvnw -B -q -DskipTests package);
            without it the jar is built only when missing.

Environment knobs (defaults in brackets):
  DURATION           measured time per scenario (20s, 1m, 45)                        [20s]
  WARMUP             unmeasured warm-up before each scenario, same load (0 = none)   [5s]
  JVM_WARMUP         unmeasured warm-up of the JIT before the first scenario: all the
                     request lists interleaved, 8 connections (0 = none)             [60s]
  COLD_DURATION      measured time of each cold-summary scenario (no warm-up: every
                     request must be a first read)                                   [5s]
  THREADS            wrk threads                                                      [1]
  CONNECTIONS        wrk connections of the warm summary scenarios (list)             [1 8 50 200]
  COLD_CONNECTIONS   connections of the cold summary scenarios (list)                 [8 50]
  RANGE_CONNECTIONS  connections of the bucket=day range scenarios (list)             [1 8 50]
  RANGE_VARIANTS     other range shapes: week month csv (csv = bucket=day, CSV)       [week month csv]
  RANGE_VARIANT_CONNECTIONS  connections of those (list)                              [8]
  CHAIN_CONNECTIONS  connections of the cross-store summary scenarios (list)          [1 8 32]
  SCENARIOS          explicit list instead of the above, run in order, e.g.
                     "summary@200 summary-cold@8 range-day@8 range-csv@50 chain@32"
  STORES             stores an-0001..                                                 [1000]
  HISTORY_STORES     the first N stores get HISTORY_DAYS of history; the summary and
                     range scenarios rotate over them                                 [50]
  HISTORY_DAYS       days of history before today                                     [420]
  RANGE_DAYS         days of one range request                                        [400]
  PORT               service HTTP port                                                [18091]
  DB_NAME            database, dropped and created anew                               [retail_bench_analytics]
  PG_URL             PostgreSQL server URL without database  [postgresql://postgres@127.0.0.1:5432]
  REDIS_HOST / REDIS_PORT / REDIS_DB   Redis (never flushed)                          [127.0.0.1 / 6379 / 6]
  KEY_PREFIX         prefix of every Redis key of this run; deleted by prefix (SCAN +
                     UNLINK) at the start and the end                                 [rib-analytics:]
  JAR                the service jar   [target/quarkus-app/quarkus-run.jar]
  JAVA_OPTS          extra JVM options for the service                                []
  PROFILE            1 = record JFR (jcmd JFR.start/stop) during each measured phase and
                     list the top frames of its execution samples in the results     [0]
  KEEP_DB            1 = keep the database and the Redis keys after the run           [0]
  RESULTS_DIR        where the summary .md goes                                       [bench/results]
EOF
}

BUILD=0
while (($#)); do
  case "$1" in
    --build) BUILD=1 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "analytics.sh: unknown argument '$1'" >&2; usage >&2; exit 64 ;;
  esac
  shift
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_DIR="$ROOT/bench"
DEFAULT_JAR="$ROOT/target/quarkus-app/quarkus-run.jar"
JAR="${JAR:-$DEFAULT_JAR}"

DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-5s}"
JVM_WARMUP="${JVM_WARMUP:-60s}"
COLD_DURATION="${COLD_DURATION:-5s}"
THREADS="${THREADS:-1}"
CONNECTIONS="${CONNECTIONS:-1 8 50 200}"
COLD_CONNECTIONS="${COLD_CONNECTIONS:-8 50}"
RANGE_CONNECTIONS="${RANGE_CONNECTIONS:-1 8 50}"
RANGE_VARIANT_CONNECTIONS="${RANGE_VARIANT_CONNECTIONS:-8}"
CHAIN_CONNECTIONS="${CHAIN_CONNECTIONS:-1 8 32}"
RANGE_VARIANTS="${RANGE_VARIANTS:-week month csv}"
STORES="${STORES:-1000}"
HISTORY_STORES="${HISTORY_STORES:-50}"
HISTORY_DAYS="${HISTORY_DAYS:-420}"
RANGE_DAYS="${RANGE_DAYS:-400}"
PORT="${PORT:-18091}"
DB_NAME="${DB_NAME:-retail_bench_analytics}"
PG_URL="${PG_URL:-postgresql://postgres@127.0.0.1:5432}"
REDIS_HOST="${REDIS_HOST:-127.0.0.1}"
REDIS_PORT="${REDIS_PORT:-6379}"
REDIS_DB="${REDIS_DB:-6}"
KEY_PREFIX="${KEY_PREFIX:-rib-analytics:}"
JAVA_OPTS="${JAVA_OPTS:-}"
PROFILE="${PROFILE:-0}"
KEEP_DB="${KEEP_DB:-0}"
RESULTS_DIR="${RESULTS_DIR:-$BENCH_DIR/results}"
BASE_URL="http://127.0.0.1:$PORT"

if [[ -z "${SCENARIOS:-}" ]]; then
  SCENARIOS=""
  for c in $CONNECTIONS; do SCENARIOS+=" summary@$c"; done
  for c in $COLD_CONNECTIONS; do SCENARIOS+=" summary-cold@$c"; done
  for c in $RANGE_CONNECTIONS; do SCENARIOS+=" range-day@$c"; done
  for v in $RANGE_VARIANTS; do for c in $RANGE_VARIANT_CONNECTIONS; do SCENARIOS+=" range-$v@$c"; done; done
  for c in $CHAIN_CONNECTIONS; do SCENARIOS+=" chain@$c"; done
  SCENARIOS="${SCENARIOS# }"
fi

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*"; }
die() { printf 'analytics.sh: %s\n' "$1" >&2; exit "${2:-1}"; }
# shellcheck source=bench/lib/service.sh
source "$BENCH_DIR/lib/service.sh"

to_seconds() {
  case "$1" in
    *m) echo $((${1%m} * 60)) ;;
    *s) echo "${1%s}" ;;
    *) echo "$1" ;;
  esac
}
DURATION_S="$(to_seconds "$DURATION")"
WARMUP_S="$(to_seconds "$WARMUP")"
JVM_WARMUP_S="$(to_seconds "$JVM_WARMUP")"
COLD_S="$(to_seconds "$COLD_DURATION")"
for v in "$DURATION_S" "$COLD_S"; do [[ "$v" =~ ^[0-9]+$ && "$v" -ge 1 ]] || die "DURATION/COLD_DURATION must be like 20s, 1m or 45" 64; done
[[ "$WARMUP_S" =~ ^[0-9]+$ && "$JVM_WARMUP_S" =~ ^[0-9]+$ ]] || die "WARMUP and JVM_WARMUP must be like 5s or 0" 64
[[ "$STORES" =~ ^[0-9]+$ && "$STORES" -ge 1 && "$STORES" -le 9999 ]] || die "STORES must be 1..9999" 64
[[ "$HISTORY_STORES" =~ ^[0-9]+$ && "$HISTORY_STORES" -ge 1 && "$HISTORY_STORES" -le "$STORES" ]] || die "HISTORY_STORES must be 1..STORES" 64
[[ "$HISTORY_DAYS" =~ ^[0-9]+$ && "$HISTORY_DAYS" -ge 70 ]] || die "HISTORY_DAYS must be a number >= 70" 64
[[ "$RANGE_DAYS" =~ ^[0-9]+$ && "$RANGE_DAYS" -ge 1 && "$RANGE_DAYS" -le 400 ]] || die "RANGE_DAYS must be 1..400" 64
[[ "$DB_NAME" =~ ^[a-z_][a-z0-9_]*$ ]] || die "DB_NAME must be a plain lower-case identifier" 64
[[ "$REDIS_DB" =~ ^[0-9]+$ ]] || die "REDIS_DB must be a number" 64
[[ "$KEY_PREFIX" =~ ^[A-Za-z0-9_.:-]+$ ]] || die "KEY_PREFIX may hold letters, digits and _ . : - only (no glob characters)" 64
[[ "$KEY_PREFIX" != "ri:" ]] || die "KEY_PREFIX must not be the service's default 'ri:' (the keys are deleted by prefix)" 64
for s in $SCENARIOS; do
  [[ "$s" =~ ^(summary|summary-cold|range-day|range-week|range-month|range-csv|chain)@[0-9]+$ ]] \
    || die "bad scenario '$s' (want e.g. summary@200, summary-cold@8, range-day@8, range-csv@50, chain@32)" 64
  ((${s#*@} >= THREADS)) || die "scenario $s: connections must be >= THREADS" 64
done

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
WORK="$(mktemp -d "/tmp/retail-bench-analytics-$STAMP.XXXX")"
RESULT_FILE="$RESULTS_DIR/analytics-$STAMP.md"
rcli() { redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" -n "$REDIS_DB" "$@"; }

# Deletes this run's Redis keys, and only them (the Redis is shared: no FLUSHDB).
delete_keys() {
  rcli --scan --pattern "$KEY_PREFIX*" | xargs -r -n 500 redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" -n "$REDIS_DB" UNLINK >/dev/null
}

# ---------------------------------------------------------------------------------------------------
# Cleanup: the sampler, a running generator, the service, the database and the keys of this run
# ---------------------------------------------------------------------------------------------------
SAMPLER_PID=""
GEN_PID=""
DB_MADE=0
exec 8>&1 9>&2
# shellcheck disable=SC2317
cleanup() {
  local rc=$?
  exec 1>&8 2>&9
  trap - EXIT INT TERM
  if [[ -n "$GEN_PID" ]]; then kill "$GEN_PID" 2>/dev/null || true; fi
  if [[ -n "$SAMPLER_PID" ]]; then kill "$SAMPLER_PID" 2>/dev/null || true; fi
  stop_service
  if [[ "$DB_MADE" == 1 && "$KEEP_DB" != 1 ]]; then
    psql "$PG_URL/postgres" -qc "DROP DATABASE IF EXISTS \"$DB_NAME\" WITH (FORCE)" >/dev/null 2>&1 || true
    delete_keys 2>/dev/null || true
  fi
  echo "Raw outputs (service log, wrk output, request lists, RSS samples): $WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "analytics.sh: command failed (line $LINENO): $BASH_COMMAND" >&2' ERR
trap 'echo >&8; log "interrupted" >&8; exit 130' INT
trap 'log "terminated" >&8; exit 143' TERM

# ---------------------------------------------------------------------------------------------------
# 1. Tools, jar, fresh database, machine facts
# ---------------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  log "installing wrk (apt-get)"
  SUDO=""; [[ "$(id -u)" == 0 ]] || SUDO="sudo"
  { $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; } \
    >"$WORK/apt.log" 2>&1 || die "could not install wrk; see $WORK/apt.log"
fi
for tool in wrk curl psql redis-cli java; do command -v "$tool" >/dev/null || die "$tool not found"; done
if [[ "$PROFILE" == 1 ]]; then for tool in jcmd jfr; do command -v "$tool" >/dev/null || die "PROFILE=1 needs $tool"; done; fi

ensure_jar

if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  die "something already listens on 127.0.0.1:$PORT; stop it or set PORT"
fi
log "recreating database $DB_NAME; deleting Redis keys $KEY_PREFIX* in db $REDIS_DB"
psql "$PG_URL/postgres" -v ON_ERROR_STOP=1 -qc "DROP DATABASE IF EXISTS \"$DB_NAME\" WITH (FORCE)" >/dev/null
psql "$PG_URL/postgres" -v ON_ERROR_STOP=1 -qc "CREATE DATABASE \"$DB_NAME\"" >/dev/null
psql "$PG_URL/postgres" -v ON_ERROR_STOP=1 -q -f "$ROOT/scripts/create-db-roles.sql" >/dev/null
DB_MADE=1
delete_keys
sql() { psql "$PG_URL/$DB_NAME" -v ON_ERROR_STOP=1 -tAqc "$1"; }

record_machine_facts
FREE_H="$(free -h)"
UPTIME_AT_START="$(uptime)"
JAVA_VERSION="$(java -version 2>&1 | tr '\n' ' ' | sed 's/  */ /g')"
WRK_VERSION="$( (wrk --version 2>&1 || true) | head -1 | awk '{print $1, $2}')"
PG_VERSION="$(psql "$PG_URL/postgres" -tAc 'SHOW server_version' 2>/dev/null || echo '?')"
REDIS_VERSION="$( (rcli INFO server 2>/dev/null || true) | tr -d '\r' | sed -n 's/^redis_version://p')"

# ---------------------------------------------------------------------------------------------------
# 2. The service (its migrations create the tables), RSS sampler, login
# ---------------------------------------------------------------------------------------------------
start_service RETAIL_AGGREGATES_KEY_PREFIX="$KEY_PREFIX"
(
  for _ in $(seq 1 14400); do
    rss="$(awk '/^VmRSS:/ {print $2}' "/proc/$SERVICE_PID/status" 2>/dev/null)" || break
    [[ -n "$rss" ]] || break
    echo "$EPOCHREALTIME $rss"
    sleep 1
  done
) >"$WORK/rss.txt" &
SAMPLER_PID=$!
rss_now_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$SERVICE_PID/status" 2>/dev/null || echo 0; }
rss_max_kb() { awk -v s="$1" -v e="$2" '$1 >= s && $1 <= e && $2 > m {m = $2} END {print m + 0}' "$WORK/rss.txt"; }
kb_to_mib() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }
login

# ---------------------------------------------------------------------------------------------------
# 3. Seeding (deterministic): stores, opening hours and targets, raw events, rollups, Redis
# ---------------------------------------------------------------------------------------------------
# Stores an-0001..an-NNNN in ten time zones by number: 7 of 10 in EUR (Europe), 3 of 10 in USD (US).
# Events, in each store's local time:
#  - the first HISTORY_STORES stores: HISTORY_DAYS ended days, open hours 09-21 (13 hours), per hour one
#    people-counter reading at :01 (in/out counts by hour, weekday, season and store) and three sales at
#    :31 (one refund a day, at 15:31); the same minute each hour keeps the rollups at 189 rows a store-day
#    (7 metrics x (13 minute + 13 hour buckets) + 7 day totals);
#  - every store: today, every local hour up to a minute ago (small night counts, no night sales).
# Rollups:
#  - of today, with the service's own rebuild statement (aggregate.RollupSql.rebuild: the bucket and metric
#    functions of migration V2, per minute);
#  - of the ended days, computed directly from the same rows (their hours, 09-22 local, never meet a DST
#    change, and all the zones are whole hours from UTC), because the generic statement takes minutes here;
#    checked against the generic statement for the first store (every row of its history must match).
#    As a bulk load: the primary key and the secondary indexes of rollups are dropped meanwhile and recreated
#    from their own definitions (pg_get_constraintdef / pg_get_indexdef), and the foreign-key trigger is
#    skipped (session_replication_role = replica; every store id exists, inserted just before).
# Redis: the service's periodic sync (every 2 s) copies the rollups of the retained days to Redis, as after a
# FLUSHDB; the script deletes the sync watermark so that the next sync copies them all, and waits for it.
# (POST /api/v1/admin/aggregates/rebuild would do the same from the raw events, but at this size it answers
# 503: it removes each store-day from the rankings with all its ZREMs at once — 2 per store-day — which
# overflows the Redis pool's wait queue of 1024.)
SEED_START="$EPOCHREALTIME"
log "seeding $STORES stores ($HISTORY_STORES with $HISTORY_DAYS days of history) with SQL"
psql "$PG_URL/$DB_NAME" -v ON_ERROR_STOP=1 -q -X \
  -v stores="$STORES" -v history_stores="$HISTORY_STORES" -v history_days="$HISTORY_DAYS" \
  >"$WORK/seed.log" 2>&1 <<'SQL' || { cat "$WORK/seed.log" >&2; service_failed "seeding (SQL) failed; see $WORK/seed.log"; }
\timing on
SET TimeZone = 'UTC';
SET work_mem = '256MB';
SET maintenance_work_mem = '256MB';
CREATE TEMP TABLE bench_stores AS
SELECT i AS n, format('an-%s', lpad(i::text, 4, '0')) AS id, z.tz, z.cur, i <= :history_stores AS history
FROM generate_series(1, :stores) i
JOIN (VALUES (0, 'Europe/Lisbon', 'EUR'), (1, 'Europe/Madrid', 'EUR'), (2, 'Europe/Paris', 'EUR'),
             (3, 'Europe/Berlin', 'EUR'), (4, 'Europe/Rome', 'EUR'), (5, 'Europe/Amsterdam', 'EUR'),
             (6, 'Europe/Helsinki', 'EUR'), (7, 'America/New_York', 'USD'), (8, 'America/Chicago', 'USD'),
             (9, 'America/Los_Angeles', 'USD')) z (k, tz, cur) ON z.k = i % 10;

INSERT INTO stores (id, name, timezone, capacity, currency)
SELECT id, format('Analytics store %s', n), tz, 200 + (n % 7) * 100, cur FROM bench_stores;

-- Opening hours (Mon-Sat 09-22, Sun 10-19) and daily targets for the history stores: the summary reads both.
INSERT INTO store_opening_hours (store_id, weekday, opens, closes)
SELECT id, wd, CASE WHEN wd = 7 THEN time '10:00' ELSE time '09:00' END, CASE WHEN wd = 7 THEN time '19:00' ELSE time '22:00' END
FROM bench_stores CROSS JOIN generate_series(1, 7) wd WHERE history;
INSERT INTO store_targets (store_id, weekday, visitors, revenue_minor, conversion_rate)
SELECT id, wd, 500 + n % 200, 150000 + (n % 50) * 1000, 0.0700 FROM bench_stores CROSS JOIN generate_series(1, 7) wd WHERE history;

-- One row per store and local hour with events (d = days back; 0 = today).
CREATE TEMP TABLE slots AS
SELECT s.n, s.id, s.tz, s.cur, d, t.today - d AS day, h, ((t.today - d) + make_time(h, 1, 0)) AT TIME ZONE s.tz AS at
FROM bench_stores s
CROSS JOIN LATERAL (SELECT (now() AT TIME ZONE s.tz)::date AS today) t
CROSS JOIN LATERAL generate_series(0, CASE WHEN s.history THEN :history_days ELSE 0 END) d
CROSS JOIN LATERAL generate_series(CASE WHEN d = 0 THEN 0 ELSE 9 END, CASE WHEN d = 0 THEN 23 ELSE 21 END) h
WHERE d > 0 OR (t.today + make_time(h, 1, 0)) AT TIME ZONE s.tz <= now() - interval '1 minute';

CREATE TEMP TABLE traffic AS
SELECT slots.*, v.visitors, CASE WHEN h = 21 THEN v.visitors + 24 ELSE greatest(v.visitors - 2, 0) END AS exits
FROM slots
CROSS JOIN LATERAL (SELECT CASE WHEN h BETWEEN 9 AND 21 THEN
    ((10 + n % 30 + CASE h WHEN 12 THEN 25 WHEN 13 THEN 30 WHEN 17 THEN 20 WHEN 18 THEN 28 ELSE 8 END)
      * CASE extract(isodow FROM day) WHEN 6 THEN 1.5 WHEN 7 THEN 0.7 ELSE 1.0 END
      * (1 + 0.15 * sin(2 * pi() * extract(doy FROM day) / 365.0)))::int
    + ((n * 7919 + (day - date '2000-01-01') * 104729 + h * 1299709) % 11)
  ELSE (n + h) % 3 END AS visitors) v;
CREATE TEMP TABLE sales AS
SELECT slots.*, k, at + interval '30 minutes' + k * interval '10 seconds' AS sold_at,
       500 + (n * 31 + (day - date '2000-01-01') * 17 + h * 13 + k * 7) % 9500 AS amount_minor, 1 + (n + h + k) % 5 AS items,
       CASE WHEN h = 15 AND k = 3 THEN 'refund' ELSE 'sale' END AS kind
FROM slots CROSS JOIN generate_series(1, 3) k WHERE h BETWEEN 9 AND 21;

INSERT INTO traffic_events (store_id, event_id, sensor_id, occurred_at, in_count, out_count)
SELECT id, format('t-%s-%s', day, h), 'door-1', at, visitors, exits FROM traffic;
INSERT INTO sales_events (store_id, event_id, occurred_at, amount_minor, currency, items, kind)
SELECT id, format('s-%s-%s-%s', day, h, k), sold_at, amount_minor, cur, items, kind FROM sales;

-- Ended days: minute rows (traffic at :01, the three sales at :31), then their hour and day sums.
CREATE TEMP TABLE ended AS
SELECT id, tz, day, metric, at AS minute, m.value FROM traffic
CROSS JOIN LATERAL (VALUES ('visitors', visitors::bigint), ('exits', exits::bigint)) m (metric, value) WHERE d > 0
UNION ALL
SELECT id, tz, day, m.metric, at + interval '30 minutes', m.value FROM (
  SELECT id, tz, day, at, count(*) FILTER (WHERE kind = 'sale') AS transactions,
         coalesce(sum(amount_minor) FILTER (WHERE kind = 'sale'), 0) AS gross,
         coalesce(sum(amount_minor) FILTER (WHERE kind = 'refund'), 0) AS refunds,
         count(*) FILTER (WHERE kind = 'refund') AS refund_count, coalesce(sum(items) FILTER (WHERE kind = 'sale'), 0) AS items
  FROM sales WHERE d > 0 GROUP BY id, tz, day, at) x
CROSS JOIN LATERAL (VALUES ('transactions', x.transactions), ('gross', x.gross), ('refunds', x.refunds),
                           ('refund_count', x.refund_count), ('items', x.items)) m (metric, value);

CREATE TEMP TABLE rollup_keys AS
SELECT 'constraint' AS kind, conname::text AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
WHERE conrelid = 'rollups'::regclass AND contype = 'p'
UNION ALL
SELECT 'index', i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
WHERE i.indrelid = 'rollups'::regclass AND NOT i.indisprimary;
SELECT CASE kind WHEN 'constraint' THEN format('ALTER TABLE rollups DROP CONSTRAINT %I', name) ELSE format('DROP INDEX %s', name) END
FROM rollup_keys \gexec
SET session_replication_role = replica;
INSERT INTO rollups (store_id, metric, bucket, bucket_start, local_day, value)
SELECT id, metric, 'minute', minute, day, value FROM ended
UNION ALL
SELECT id, metric, 'hour', date_trunc('hour', minute), day, sum(value) FROM ended GROUP BY 1, 2, 3, 4, 5
UNION ALL
SELECT id, metric, 'day', day::timestamp AT TIME ZONE tz, day, sum(value) FROM ended GROUP BY id, tz, metric, day
ORDER BY 1, 2, 3, 4;
RESET session_replication_role;
SELECT CASE kind WHEN 'constraint' THEN format('ALTER TABLE rollups ADD CONSTRAINT %I %s', name, def) ELSE def END
FROM rollup_keys ORDER BY kind \gexec

-- Today, with the service's rebuild statement (RollupSql.rebuild: per minute, then event_buckets per store zone).
CREATE TEMP TABLE today_rows AS
SELECT p.store_id, p.metric, b.bucket, b.bucket_start, b.local_day, sum(p.value) AS value
FROM (SELECT i.store_id, s.timezone, date_trunc('minute', i.occurred_at) AS minute, m.metric, sum(m.value) AS value
      FROM traffic_events i JOIN stores s ON s.id = i.store_id
      CROSS JOIN LATERAL traffic_metrics(i.in_count, i.out_count) m
      WHERE (i.occurred_at AT TIME ZONE s.timezone)::date = (now() AT TIME ZONE s.timezone)::date
      GROUP BY 1, 2, 3, 4
      UNION ALL
      SELECT i.store_id, s.timezone, date_trunc('minute', i.occurred_at) AS minute, m.metric, sum(m.value) AS value
      FROM sales_events i JOIN stores s ON s.id = i.store_id
      CROSS JOIN LATERAL sale_metrics(i.kind, i.amount_minor, i.items) m
      WHERE (i.occurred_at AT TIME ZONE s.timezone)::date = (now() AT TIME ZONE s.timezone)::date
      GROUP BY 1, 2, 3, 4) p
CROSS JOIN LATERAL event_buckets(p.minute, p.timezone) b
GROUP BY 1, 2, 3, 4, 5;
INSERT INTO rollups (store_id, metric, bucket, bucket_start, local_day, value) SELECT * FROM today_rows;

-- The check: the generic statement over the first store's ended days must give exactly the rows stored.
CREATE TEMP TABLE check_rows AS
SELECT p.store_id, p.metric, b.bucket, b.bucket_start, b.local_day, sum(p.value) AS value
FROM (SELECT i.store_id, s.timezone, date_trunc('minute', i.occurred_at) AS minute, m.metric, sum(m.value) AS value
      FROM traffic_events i JOIN stores s ON s.id = i.store_id
      CROSS JOIN LATERAL traffic_metrics(i.in_count, i.out_count) m WHERE i.store_id = 'an-0001'
      GROUP BY 1, 2, 3, 4
      UNION ALL
      SELECT i.store_id, s.timezone, date_trunc('minute', i.occurred_at) AS minute, m.metric, sum(m.value) AS value
      FROM sales_events i JOIN stores s ON s.id = i.store_id
      CROSS JOIN LATERAL sale_metrics(i.kind, i.amount_minor, i.items) m WHERE i.store_id = 'an-0001'
      GROUP BY 1, 2, 3, 4) p
CROSS JOIN LATERAL event_buckets(p.minute, p.timezone) b
GROUP BY 1, 2, 3, 4, 5;
DO $$
DECLARE
  differ bigint;
  total bigint;
BEGIN
  SELECT count(*) INTO total FROM check_rows;
  SELECT count(*) INTO differ FROM (
    (SELECT store_id, metric, bucket, bucket_start, local_day, value FROM check_rows
     EXCEPT SELECT store_id, metric, bucket, bucket_start, local_day, value FROM rollups WHERE store_id = 'an-0001')
    UNION ALL
    (SELECT store_id, metric, bucket, bucket_start, local_day, value FROM rollups WHERE store_id = 'an-0001'
     EXCEPT SELECT store_id, metric, bucket, bucket_start, local_day, value FROM check_rows)) d;
  IF differ > 0 OR total = 0 THEN
    RAISE EXCEPTION 'seeded rollups of an-0001 differ from the generic rebuild statement: % of % rows', differ, total;
  END IF;
  RAISE WARNING 'CHECK rollups of an-0001: % rows, identical to the generic rebuild statement', total;
END
$$;
ANALYZE;
SQL
SEED_SQL_S="$(awk -v s="$SEED_START" -v e="$EPOCHREALTIME" 'BEGIN {printf "%.1f", e - s}')"
SEED_CHECK="$(sed -n 's/.*WARNING:  CHECK //p' "$WORK/seed.log")"
log "  SQL seeding took ${SEED_SQL_S}s ($SEED_CHECK); letting the service's sync copy the retained days to Redis"
SYNC_START="$EPOCHREALTIME"
reset_ms="$(date +%s%3N)"
rcli DEL "${KEY_PREFIX}sync" >/dev/null
synced=0
for _ in $(seq 1 240); do
  wm="$(rcli ZSCORE "${KEY_PREFIX}sync" watermark 2>/dev/null || true)"
  if [[ -n "$wm" ]] && awk -v w="$wm" -v r="$reset_ms" 'BEGIN {exit !(w > r)}'; then synced=1; break; fi
  sleep 0.5
done
((synced)) || service_failed "the sync did not copy the rollups to Redis within 120 s"
SYNC_S="$(awk -v s="$SYNC_START" -v e="$EPOCHREALTIME" 'BEGIN {printf "%.1f", e - s}')"
sleep 3   # the next sync (2 s later) finds nothing new: measurements start on a quiet service
SEED_S="$(awk -v s="$SEED_START" -v e="$EPOCHREALTIME" 'BEGIN {printf "%.1f", e - s}')"
COUNTS="$(sql "SELECT (SELECT count(*) FROM stores) || ' stores, ' || (SELECT count(*) FROM traffic_events) || ' traffic events, '
  || (SELECT count(*) FROM sales_events) || ' sales events, ' || (SELECT count(*) FROM rollups) || ' rollup rows'")"
REDIS_KEYS="$(rcli --scan --pattern "$KEY_PREFIX*" | wc -l)"
missing_today="$(sql "SELECT id || ' ' || (now() AT TIME ZONE timezone)::date FROM stores ORDER BY id" | while read -r id day; do
  echo "EXISTS ${KEY_PREFIX}d:$id:$day"; done | rcli | grep -c '^0' || true)"
((missing_today == 0)) || log "  warning: $missing_today stores have no day totals for today in Redis"
log "seeding done in ${SEED_S}s (SQL ${SEED_SQL_S}s, sync to Redis ${SYNC_S}s): $COUNTS; $REDIS_KEYS Redis keys"

# A cross-check of the seeding through the API: a 400-day range's visitors against the raw events.
read -r CHECK_STORE CHECK_FROM CHECK_TODAY < <(sql "SELECT id, (now() AT TIME ZONE timezone)::date - $((RANGE_DAYS - 1)),
  (now() AT TIME ZONE timezone)::date FROM stores ORDER BY id LIMIT 1" | tr '|' ' ')
expected="$(sql "SELECT coalesce(sum(in_count), 0) FROM traffic_events t JOIN stores s ON s.id = t.store_id WHERE t.store_id = '$CHECK_STORE'
  AND (t.occurred_at AT TIME ZONE s.timezone)::date BETWEEN '$CHECK_FROM' AND '$CHECK_TODAY'")"
curl -fsS -o "$WORK/check-range.json" "$BASE_URL/api/v1/analytics/$CHECK_STORE/range?from=$CHECK_FROM&to=$CHECK_TODAY&bucket=month" \
  -H "Authorization: Bearer $TOKEN" || service_failed "the range cross-check request failed"
got="$(grep -o '"total":{"visitors":[0-9]*' "$WORK/check-range.json" | grep -o '[0-9]*$' || true)"
CHECK="range of $CHECK_STORE $CHECK_FROM..$CHECK_TODAY by month: $got visitors through the API, $expected in the raw events"
[[ -n "$got" && "$got" == "$expected" ]] || die "seeding cross-check failed: $CHECK" 1
log "cross-check: $CHECK"

# ---------------------------------------------------------------------------------------------------
# 4. Request lists (one path a line, dates store-local; the wrk script below rotates over them)
# ---------------------------------------------------------------------------------------------------
lists() {  # $1: a SELECT of one path per row over h = the history stores (id, local today t, number i)
  sql "WITH h AS (SELECT id, (now() AT TIME ZONE timezone)::date AS t, row_number() OVER (ORDER BY id) AS i FROM stores
                  ORDER BY id LIMIT $HISTORY_STORES) $1"
}
# Warm summary: the history stores in turn; every other request is today (no date, read live from Redis),
# the others one of the 6 days before (explicit dates: ended days, cached from the first read, i.e. the warm-up).
lists "SELECT '/api/v1/analytics/' || id || '/summary' || CASE WHEN b = 0 THEN '' ELSE '?date=' || (t - b) END
       FROM h CROSS JOIN generate_series(1, 6) p CROSS JOIN LATERAL (VALUES (0), (p)) v (b) ORDER BY p, i, b" >"$WORK/paths-summary.txt"
# Cold summary: (store, date) pairs none of whose days is in the day-facts cache (its f: keys are deleted
# before each cold scenario) or read by an earlier request of the list. A summary of day D reads D (with its
# minutes, cached under its own key) and, for the comparisons and the forecast, D-7 ... D-56 and D-364: blocks
# of 7 consecutive days (one per weekday) 63 days apart — D = 1..7, 64..70, 127..133, 190..196, 253..259 days
# back — read disjoint sets of days. Ordered by block, then weekday, then store.
lists "SELECT '/api/v1/analytics/' || id || '/summary?date=' || (t - (s + o))
       FROM h CROSS JOIN unnest(ARRAY[1, 64, 127, 190, 253]) s CROSS JOIN generate_series(0, 6) o ORDER BY s, o, i" >"$WORK/paths-cold.txt"
COLD_TOTAL="$(wc -l <"$WORK/paths-cold.txt")"
# Ranges: RANGE_DAYS days ending today or 1..6 days before, per history store.
for v in day week month csv; do
  bucket="$v"; extra=""
  if [[ "$v" == csv ]]; then bucket=day; extra="&format=csv"; fi
  lists "SELECT '/api/v1/analytics/' || id || '/range?from=' || (t - b - $((RANGE_DAYS - 1))) || '&to=' || (t - b) || '&bucket=$bucket$extra'
         FROM h CROSS JOIN generate_series(0, 6) b ORDER BY b, i" >"$WORK/paths-range-$v.txt"
done
echo "/api/v1/analytics/summary" >"$WORK/paths-chain.txt"

# The wrk script: requests rotate over the lines of a file, thread t taking lines start+t-1, +threads, ...
# Requests past the end of the list wrap around and are counted (the cold scenarios must not wrap).
cat >"$WORK/paths.lua" <<'LUA'
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end
function init(args)
  paths = {}
  for line in io.lines(args[1]) do if line ~= "" then paths[#paths + 1] = line end end
  start = tonumber(args[2] or "0")
  nthreads = tonumber(args[3] or "1")
  k = 0
  sent = 0
  wrapped = 0
end
function request()
  local i = start + (tid - 1) + k * nthreads
  k = k + 1
  sent = sent + 1
  if i >= #paths then wrapped = wrapped + 1 end
  return wrk.format("GET", paths[(i % #paths) + 1])
end
function done(summary, latency, requests)
  local sent_all, wrapped_all = 0, 0
  for _, thread in ipairs(threads) do
    sent_all = sent_all + (thread:get("sent") or 0)
    wrapped_all = wrapped_all + (thread:get("wrapped") or 0)
  end
  local e = summary.errors
  io.write(string.format("BENCH requests=%d duration_us=%d bytes=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%.0f "
      .. "sent=%d wrapped=%d non2xx=%d err_connect=%d err_read=%d err_write=%d err_timeout=%d\n",
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean, sent_all, wrapped_all, e.status,
    e.connect, e.read, e.write, e.timeout))
end
LUA

# One request of each list by curl first: a failing endpoint fails fast with its answer, not after minutes of errors.
for list in summary cold range-day range-week range-month range-csv chain; do
  path="$(head -1 "$WORK/paths-$list.txt")"
  code="$(curl -sS -o "$WORK/smoke-$list.out" -w '%{http_code} %{size_download} %{time_total}' "$BASE_URL$path" \
    -H "Authorization: Bearer $TOKEN")" || code="000"
  [[ "$code" == 200\ * ]] || { service_alive || service_failed "the service died"; die "GET $path answered $code: $(head -c 300 "$WORK/smoke-$list.out")" 2; }
  read -r _ size secs <<<"$code"
  log "smoke $list: 200, $size bytes, ${secs}s (first request) — $path"
done

# ---------------------------------------------------------------------------------------------------
# 5. Scenarios
# ---------------------------------------------------------------------------------------------------
kv() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }
per_sec() { awk -v n="$1" -v d="$2" 'BEGIN {printf "%.0f", (d > 0 ? n / (d / 1e6) : 0)}'; }
us_to_ms() { awk -v u="$1" 'BEGIN {printf "%.2f", u / 1000}'; }

CLK_TCK="$(getconf CLK_TCK)"
# Snapshot: machine busy ticks, then "<pid> <(comm)> <utime+stime>" per process, and "foreign <pid>" for every
# backend of another database of the shared PostgreSQL (counted as "other", not as this run's PostgreSQL).
cpu_snapshot() {
  awk '/^cpu / {print "machine machine", $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk '$2 !~ /\)$/ {next} {print $1, $2, $14 + $15}'
  # the service's threads: "thread <tid>:<name without spaces> <utime+stime>" (names may hold spaces and parentheses)
  { cat /proc/"$SERVICE_PID"/task/[0-9]*/stat 2>/dev/null || true; } | awk '{
      o = index($0, "("); c = 0; for (i = length($0); i > 0; i--) if (substr($0, i, 1) == ")") {c = i; break}
      name = substr($0, o + 1, c - o - 1); gsub(/[[:space:]]/, "_", name); split(substr($0, c + 2), f, " ")
      print "thread", $1 ":" name, f[12] + f[13]}'
  psql "$PG_URL/postgres" -tAqc "SELECT 'foreign', pid FROM pg_stat_activity WHERE datname IS NOT NULL AND datname NOT IN ('$DB_NAME', 'postgres')" \
    2>/dev/null | tr '|' ' ' || true
}
# Two snapshots and a span in seconds -> "service postgres redis machine" in % of one core.
cpu_split() {
  awk -v svc="$SERVICE_PID" -v s="$3" -v h="$CLK_TCK" '
    $1 == "foreign" {foreign[$2] = 1; next}
    NR == FNR {t0[$1] = $3; next}
    {d = $3 - (($1 in t0) ? t0[$1] : 0)}
    $1 == "machine" {all = d; next}
    $1 == svc {sv += d; next}
    $2 == "(postgres)" {pgd[$1] = d; next}
    $2 == "(redis-server)" {rd += d}
    END {for (p in pgd) if (!(p in foreign)) pg += pgd[p]
         f = (s > 0 ? 100 / h / s : 0); printf "%.0f %.0f %.0f %.0f", sv * f, pg * f, rd * f, all * f}
  ' "$1" "$2"
}

# Two snapshots and a span -> the service's CPU by thread kind, % of one core:
# "event loops (the busiest one) / GC / JIT / other".
thread_split() {
  awk -v s="$3" -v h="$CLK_TCK" '
    $1 != "thread" {next}
    NR == FNR {t0[$2] = $3; next}
    {d = $3 - (($2 in t0) ? t0[$2] : 0); name = substr($2, index($2, ":") + 1)
     if (name ~ /^vert\.x-eventl/) {ev += d; if (d > evmax) evmax = d}
     else if (name ~ /^(G1|GC_|VM_Thread)/) gc += d
     else if (name ~ /Compiler|^C[12]_/) jit += d
     else ot += d}
    END {f = (s > 0 ? 100 / h / s : 0); printf "%.0f (%.0f) / %.0f / %.0f / %.0f", ev * f, evmax * f, gc * f, jit * f, ot * f}
  ' "$1" "$2"
}

# Runs wrk once: $1 out-file, $2 connections, $3 seconds, $4 list, $5 start line. CPU seconds of wrk -> $1.cpu.
run_wrk() {
  local out=$1 conns=$2 secs=$3 list=$4 start=$5
  times >"$WORK/times0"
  wrk -t"$THREADS" -c"$conns" -d"${secs}s" --timeout 10s --latency -H "Authorization: Bearer $TOKEN" \
    -s "$WORK/paths.lua" "$BASE_URL" -- "$WORK/paths-$list.txt" "$start" "$THREADS" >"$out" 2>&1 &
  GEN_PID=$!
  wait "$GEN_PID" || true
  GEN_PID=""
  times >"$WORK/times1"
  awk 'FNR == 2 {gsub(/s/, ""); split($1, u, "m"); split($2, y, "m"); t[NR > 2] = u[1] * 60 + u[2] + y[1] * 60 + y[2]}
       END {printf "%.3f\n", t[1] - t[0]}' "$WORK/times0" "$WORK/times1" >"$out.cpu"
}
bench_line() { grep '^BENCH ' "$1" | tail -n 1 || true; }
# The service's own counters (Micrometer, /q/metrics): "<Redis commands completed> <PostgreSQL connection uses>
# <Redis pool waits> <their total s> <PostgreSQL pool waits> <their total s>" (a pooled PostgreSQL connection use is
# one ScopedSql transaction: one round trip for a single statement).
service_counters() {
  curl -fsS "$BASE_URL/q/metrics" 2>/dev/null | awk '
    /^redis_completed_total/ {r += $2} /^sql_pool_completed_total/ {p += $2}
    /^redis_pool_queue_delay_seconds_count/ {rc += $2} /^redis_pool_queue_delay_seconds_sum/ {rs += $2}
    /^sql_pool_queue_delay_seconds_count/ {pc += $2} /^sql_pool_queue_delay_seconds_sum/ {ps += $2}
    END {printf "%.0f %.0f %.0f %.6f %.0f %.6f\n", r, p, rc, rs, pc, ps}' || echo "0 0 0 0 0 0"
}

# Top frames of a JFR recording's execution samples: "<share %> <frame>" for the top frame and, apart, for the
# first frame in the service's own code (com.retailintelligence).
jfr_top() {
  jfr print --stack-depth 96 --events jdk.ExecutionSample "$1" 2>/dev/null | awk '
    /stackTrace = \[/ {inst = 1; first = 1; n++; delete seen; next}
    inst && /^[[:space:]]*\]/ {inst = 0; next}
    inst {line = $0; sub(/^[[:space:]]+/, "", line); sub(/[[:space:]]+line:.*/, "", line); sub(/\(.*$/, "", line)
          if (first) {top[line]++; first = 0}
          if (!(line in seen)) {seen[line] = 1; if (line ~ /^com\.retailintelligence\.|jackson\.databind\.ObjectMapper\.readValue|BasicServerJacksonMessageBodyWriter\.writeResponse|RESPParser\.handle$|PgDecoder\.decodeDataRow|regex\.Pattern\.compile/) incl[line]++}}
    END {for (f in top) printf "top %d %s\n", top[f], f; for (f in incl) printf "incl %d %s\n", incl[f], f; print "samples", n}' \
    | sort -k1,1 -k2,2nr
}

# JIT warm-up: every list interleaved (summary, cold, ranges, chain), so that the first scenarios do not pay for
# the compilation of the code of the later ones; the cold scenarios delete the cached day facts before they run.
if ((JVM_WARMUP_S > 0)); then
  log "warming the JVM up: ${JVM_WARMUP_S}s of all request lists interleaved, 8 connections"
  paste -d '\n' "$WORK/paths-summary.txt" "$WORK/paths-cold.txt" "$WORK/paths-range-day.txt" "$WORK/paths-range-week.txt" \
    "$WORK/paths-range-month.txt" "$WORK/paths-range-csv.txt" | grep -v '^$' \
    | awk '{print} NR % 20 == 0 {print "/api/v1/analytics/summary"}' >"$WORK/paths-jvm.txt"
  run_wrk "$WORK/0-jvm-warmup.txt" 8 "$JVM_WARMUP_S" jvm 0
  log "  $(grep -o 'requests=[0-9]*' "$WORK/0-jvm-warmup.txt" || true) (not measured)"
  sleep 1
fi

declare -A SCENARIO_P99 SCENARIO_RPS
ROWS=()
NOTES=()
POOL_FULL_SEEN=0
PROFILES=()
TROUBLE=0
RUN_START="$EPOCHREALTIME"
idx=0
for scenario in $SCENARIOS; do
  idx=$((idx + 1))
  kind="${scenario%@*}"; conns="${scenario#*@}"
  case "$kind" in
    summary) list=summary; shape="warm: 50 % today (live, Redis), 50 % the 6 days before (cached after the warm-up), $HISTORY_STORES stores" ;;
    summary-cold) list=cold; shape="cold: past dates never read before (day facts cache miss → PostgreSQL), $HISTORY_STORES stores" ;;
    range-*) list="$kind"; v="${kind#range-}"
      if [[ "$v" == csv ]]; then shape="$RANGE_DAYS days, bucket=day, format=csv"; else shape="$RANGE_DAYS days, bucket=$v"; fi ;;
    chain) list=chain; shape="cross-store, admin: all $STORES stores, each store's today" ;;
  esac
  service_alive || { NOTES+=("$scenario not run: the service had died"); continue; }
  secs="$DURATION_S"; warm="$WARMUP_S"; start=0
  if [[ "$kind" == summary-cold ]]; then
    # No warm-up (it would read the list's pairs); the cached day facts are deleted first, so each request's
    # days are read from PostgreSQL (the JVM is warm from the scenarios before, if any).
    secs="$COLD_S"; warm=0
    rcli --scan --pattern "${KEY_PREFIX}f:*" | xargs -r -n 500 redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" -n "$REDIS_DB" UNLINK >/dev/null
  fi
  log "scenario $idx: $scenario ($shape; wrk -t$THREADS -c$conns, ${warm}s warm-up + ${secs}s)"
  sql "CHECKPOINT" >/dev/null 2>&1 || true
  if ((warm > 0)); then
    run_wrk "$WORK/$idx-w.txt" "$conns" "$warm" "$list" "$start"
    sleep 1
  fi
  if [[ "$PROFILE" == 1 ]]; then
    jcmd "$SERVICE_PID" JFR.start name="s$idx" settings=default filename="$WORK/$idx.jfr" >/dev/null 2>&1 || NOTES+=("$scenario: JFR.start failed")
  fi
  read -r redis0 pg0 rwc0 rws0 pwc0 pws0 <<<"$(service_counters)"
  cpu_snapshot >"$WORK/$idx-cpu0.txt"; t_start="$EPOCHREALTIME"
  run_wrk "$WORK/$idx-m.txt" "$conns" "$secs" "$list" "$start"
  t_end="$EPOCHREALTIME"; cpu_snapshot >"$WORK/$idx-cpu1.txt"
  read -r redis1 pg1 rwc1 rws1 pwc1 pws1 <<<"$(service_counters)"
  load_after="$(cut -d' ' -f1 /proc/loadavg)"
  if [[ "$PROFILE" == 1 ]]; then
    jcmd "$SERVICE_PID" JFR.stop name="s$idx" >/dev/null 2>&1 || true
    if [[ -s "$WORK/$idx.jfr" ]]; then
      jfr_top "$WORK/$idx.jfr" >"$WORK/$idx-jfr.txt" || true
      PROFILES+=("$scenario")
    fi
  fi
  span="$(awk -v a="$t_start" -v b="$t_end" 'BEGIN {print b - a}')"
  read -r cpu_svc cpu_pg cpu_redis cpu_all <<<"$(cpu_split "$WORK/$idx-cpu0.txt" "$WORK/$idx-cpu1.txt" "$span")"
  threads_cell="$(thread_split "$WORK/$idx-cpu0.txt" "$WORK/$idx-cpu1.txt" "$span")"
  cpu_gen="$(awk -v s="$span" '{printf "%.0f", (s > 0 ? 100 * $1 / s : 0)}' "$WORK/$idx-m.txt.cpu" 2>/dev/null || echo 0)"
  cpu_other=$((cpu_all - cpu_svc - cpu_pg - cpu_redis - cpu_gen)); ((cpu_other > 0)) || cpu_other=0
  line="$(bench_line "$WORK/$idx-m.txt")"
  if [[ -z "$line" ]]; then
    NOTES+=("$scenario: wrk printed no result; see $WORK/$idx-m.txt"); TROUBLE=1
    service_alive || NOTES+=("$scenario: the service died during this scenario")
    continue
  fi
  requests="$(kv requests "$line")"; duration_us="$(kv duration_us "$line")"
  rps="$(per_sec "$requests" "$duration_us")"
  kb="$(awk -v b="$(kv bytes "$line")" -v n="$requests" 'BEGIN {printf "%.1f", (n > 0 ? b / n / 1024 : 0)}')"
  p50="$(us_to_ms "$(kv p50_us "$line")")"; p90="$(us_to_ms "$(kv p90_us "$line")")"
  p99="$(us_to_ms "$(kv p99_us "$line")")"; max="$(us_to_ms "$(kv max_us "$line")")"
  non2xx="$(kv non2xx "$line")"
  errors=$(($(kv err_connect "$line") + $(kv err_read "$line") + $(kv err_write "$line") + $(kv err_timeout "$line")))
  rss_max_mb="$(kb_to_mib "$(rss_max_kb "$t_start" "$t_end")")"
  cpu_ms_req="$(awk -v c="$cpu_svc" -v s="$span" -v n="$requests" 'BEGIN {printf "%.1f", (n > 0 ? c / 100 * s * 1000 / n : 0)}')"
  redis_per_req="$(awk -v a="$redis0" -v b="$redis1" -v n="$requests" 'BEGIN {printf "%.1f", (n > 0 ? (b - a) / n : 0)}')"
  pool_waits="$(awk -v a="$rwc0" -v b="$rwc1" -v x="$rws0" -v y="$rws1" -v c="$pwc0" -v d="$pwc1" -v u="$pws0" -v v="$pws1" \
    'BEGIN {printf "%.2f / %.2f", (b > a ? (y - x) * 1000 / (b - a) : 0), (d > c ? (v - u) * 1000 / (d - c) : 0)}')"
  pg_per_req="$(awk -v a="$pg0" -v b="$pg1" -v n="$requests" 'BEGIN {printf "%.1f", (n > 0 ? (b - a) / n : 0)}')"
  # A full Redis pool makes reads fall back to PostgreSQL silently; the log line is the only trace.
  pool_full_total="$(grep -c 'max wait queue size' "$WORK/service.log" || true)"
  if (( pool_full_total > POOL_FULL_SEEN )); then
    NOTES+=("$scenario: the Redis pool's wait queue overflowed ($((pool_full_total - POOL_FULL_SEEN)) \"max wait queue size\" lines in the service log during the phase or its warm-up): some reads fell back to PostgreSQL")
  fi
  POOL_FULL_SEEN="$pool_full_total"
  SCENARIO_P99["$scenario"]="$p99"; SCENARIO_RPS["$scenario"]="$rps"
  ROWS+=("| $scenario | $shape | $conns | $rps | $kb | $p50 | $p90 | **$p99** | $max | $non2xx | $errors | $redis_per_req / $pg_per_req | $pool_waits | $cpu_svc / $cpu_pg / $cpu_redis / $cpu_gen / $cpu_other | $threads_cell | $cpu_ms_req | $rss_max_mb | $load_after |")
  log "  -> $rps req/s, p50 $p50 ms, p90 $p90 ms, p99 $p99 ms, max $max ms, non-2xx $non2xx, socket errors $errors," \
    "CPU % service/postgres/redis/wrk/other $cpu_svc / $cpu_pg / $cpu_redis / $cpu_gen / $cpu_other, RSS max $rss_max_mb MiB"
  if [[ "$kind" == summary-cold ]]; then
    sent="$(kv sent "$line")"; wrapped="$(kv wrapped "$line")"
    if ((wrapped > 0)); then
      NOTES+=("$scenario: the list of $COLD_TOTAL never-read (store, date) pairs ran out: $wrapped of $sent requests were repeats (cache hits); shorten COLD_DURATION or raise HISTORY_STORES")
    else
      NOTES+=("$scenario: $sent requests sent, each a (store, date) whose days were not cached (the first $sent of the $COLD_TOTAL pairs of the cold list)")
    fi
  fi
  if ((non2xx > 0 || errors > 0)); then
    TROUBLE=1
    NOTES+=("$scenario: $non2xx non-2xx answers (status >= 400), $errors socket errors/timeouts; see $WORK/$idx-m.txt and $WORK/service.log")
  fi
  service_alive || NOTES+=("$scenario: the service died during this scenario")
done

# ---------------------------------------------------------------------------------------------------
# 6. Stop; targets; the results file
# ---------------------------------------------------------------------------------------------------
SERVICE_DIED=0
if ! service_alive; then SERVICE_DIED=1; service_end; fi
RSS_MAX_MB="$(kb_to_mib "$(rss_max_kb "$RUN_START" "$EPOCHREALTIME")")"
UPTIME_AT_END="$(uptime)"
ERRORS_IN_LOG="$(grep -cE '(ERROR|WARN)' "$WORK/service.log" || true)"
kill "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
log "stopping the service"
stop_service

# "<scenario> <p99>" for every scenario of a kind that ran -> "@8: 3.1 ms ✓, @50: 12.0 ms ✗" against a bound in ms.
verdicts() {  # $1 kind, $2 bound ms
  local out="" s
  for s in $SCENARIOS; do
    [[ "${s%@*}" == "$1" && -n "${SCENARIO_P99[$s]:-}" ]] || continue
    if awk -v p="${SCENARIO_P99[$s]}" -v b="$2" 'BEGIN {exit !(p <= b)}'; then out+=", c${s#*@}: ${SCENARIO_P99[$s]} ms (pass)"
    else out+=", c${s#*@}: ${SCENARIO_P99[$s]} ms (FAIL, $(awk -v p="${SCENARIO_P99[$s]}" -v b="$2" 'BEGIN {printf "%.1f", p / b}')× the bound)"; fi
  done
  echo "${out#, }"
}
target_line() {  # $1 kind, $2 bound, $3 the connections the target names (or "")
  local s="$1@$3"
  if [[ -n "$3" && -n "${SCENARIO_P99[$s]:-}" ]]; then
    if awk -v p="${SCENARIO_P99[$s]}" -v b="$2" 'BEGIN {exit !(p <= b)}'; then echo "PASS at c$3"; else echo "FAIL at c$3"; fi
  elif [[ -n "$3" ]]; then echo "not measured at c$3"
  fi
}

mkdir -p "$RESULTS_DIR"
{
  echo "# Analytics read benchmark, $STAMP"
  echo
  extra=""
  [[ "$JAR" == "$DEFAULT_JAR" ]] || extra+=" JAR=$JAR"
  [[ -z "$JAVA_OPTS" ]] || extra+=" JAVA_OPTS='$JAVA_OPTS'"
  [[ "$PROFILE" != 1 ]] || extra+=" PROFILE=1"
  echo "- Command: \`DURATION=$DURATION WARMUP=$WARMUP JVM_WARMUP=$JVM_WARMUP COLD_DURATION=$COLD_DURATION THREADS=$THREADS STORES=$STORES HISTORY_STORES=$HISTORY_STORES HISTORY_DAYS=$HISTORY_DAYS$extra bench/analytics.sh$([[ $BUILD == 1 ]] && echo ' --build')\`"
  echo "- Scenarios: \`$SCENARIOS\`"
  echo "- Code: $GIT_REV; service = \`${JAR#"$ROOT"/}\`, JAVA_OPTS=\`${JAVA_OPTS:-(none)}\`"
  echo "- Machine: $NPROC CPUs ($CPU_MODEL), $MEM_TOTAL RAM; load average at start $LOAD_AT_START"
  echo "- \`uptime\` at start: \`$(sed 's/^ *//' <<<"$UPTIME_AT_START")\`; at the end: \`$(sed 's/^ *//' <<<"$UPTIME_AT_END")\`"
  echo "- Software: $JAVA_VERSION; $WRK_VERSION; PostgreSQL $PG_VERSION; Redis $REDIS_VERSION"
  echo "- Data: $COUNTS; $REDIS_KEYS Redis keys under \`$KEY_PREFIX\` after seeding. Seeding took ${SEED_S} s (SQL ${SEED_SQL_S} s, the service's sync copying the retained days to Redis ${SYNC_S} s); stores without today's totals in Redis after it: $missing_today. Seeded rollups checked: $SEED_CHECK."
  echo "- Cross-check: $CHECK."
  echo
  echo "| Scenario | Shape | Conn. | Req/s | KB/answer | p50 ms | p90 ms | p99 ms | max ms | non-2xx | Socket errors | Redis cmds / PG txns per req | Pool wait ms, Redis / PG | CPU % service / PostgreSQL / Redis / wrk / other | Service CPU % event loops (busiest) / GC / JIT / other threads | Service CPU ms/req | RSS max MiB | load avg after |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for r in "${ROWS[@]}"; do echo "$r"; done
  echo
  echo "Targets (reported, not asserted):"
  echo
  echo "1. \`GET /analytics/{storeId}/summary\` p99 ≤ 10 ms at 200 connections (warm shape): **$(target_line summary 10 200)**. Warm shape by connections: $(verdicts summary 10). Cold shape (unfavourable, cache misses): $(verdicts summary-cold 10)."
  echo "2. \`GET /analytics/{storeId}/range\` over $RANGE_DAYS days, p99 ≤ 50 ms: bucket=day: $(verdicts range-day 50); week: $(verdicts range-week 50); month: $(verdicts range-month 50); CSV (day): $(verdicts range-csv 50)."
  echo "3. \`GET /analytics/summary\` over $STORES stores, p99 ≤ 100 ms: $(verdicts chain 100)."
  echo
  echo "- Service RSS max over the run: $RSS_MAX_MB MiB. Service: $([[ $SERVICE_DIED == 1 ]] && echo "DIED during the run ($SERVICE_END)" || echo 'stayed up for the whole run'); $ERRORS_IN_LOG WARN/ERROR lines in its log."
  echo "- wrk (closed loop): each connection sends its next request when the previous one is answered; latency = send → full answer, percentiles from wrk's \`--latency\` histogram. \"Conn.\" = requests in flight. Before the first scenario, $JVM_WARMUP of all the request lists interleaved (8 connections) warm the JIT up; every scenario but the cold ones then first runs its own load unmeasured for $WARMUP."
  echo "- Redis cmds / PG txns per req: the service's own counters over the phase (Micrometer \`redis_completed_total\`, \`sql_pool_completed_total\` = pooled PostgreSQL connection uses, one transaction each) ÷ requests; the periodic sync (every 2 s) adds a few."
  echo "- Pool wait ms: mean time a Redis command / a PostgreSQL transaction waited for a pooled connection (Micrometer \`redis_pool_queue_delay_seconds\`, \`sql_pool_queue_delay_seconds\`); the Redis pool has 6 connections and a wait queue of 1,024 (quarkus.redis defaults / application.properties), the PostgreSQL pool 20."
  echo "- Service CPU by thread (from \`/proc/<pid>/task/*/stat\`): the Vert.x event loops (where the requests are handled; in brackets the busiest single one — near 100 means that loop is the bottleneck), GC threads (G1, VM Thread), JIT compiler threads, and the rest (JFR, scheduler, workers)."
  echo "- Service CPU ms/req: the service's CPU time over the phase ÷ requests (all its threads: event loops, GC, JIT); less sensitive to a busy machine than latency, though contention inflates it too."
  echo "- CPU % is of one core over the measured phase ($NPROC cores: at most $((NPROC * 100))): the service, PostgreSQL (all its processes but the backends of other databases, which count as other), Redis (shared: includes other clients' commands), wrk, and \"other\" = the rest of the machine's busy time (other builds/tests: anything above a few % means a busy machine)."
  for n in "${NOTES[@]}"; do echo "- Note: $n"; done
  for s in "${PROFILES[@]}"; do
    i=0; for t in $SCENARIOS; do i=$((i + 1)); [[ "$t" == "$s" ]] && break; done
    f="$WORK/$i-jfr.txt"
    total="$(awk '$1 == "samples" {print $2}' "$f")"
    echo
    echo "<details><summary>JFR, $s: top frames of $total execution samples</summary>"
    echo
    echo '```'
    awk -v t="$total" '$1 == "top" && c++ < 12 {printf "%5.1f %%  %s\n", 100 * $2 / t, $3}' "$f"
    echo "-- inclusive (share of samples with the frame anywhere on the stack): the service's methods and a few markers"
    awk -v t="$total" '$1 == "incl" && c++ < 20 {printf "%5.1f %%  %s\n", 100 * $2 / t, $3}' "$f"
    echo '```'
    echo
    echo '</details>'
  done
  echo
  echo '<details><summary>free -h</summary>'
  echo
  echo '```'
  echo "$FREE_H"
  echo '```'
  echo
  echo '</details>'
} >"$RESULT_FILE"

echo
cat "$RESULT_FILE"
echo
echo "Written to $RESULT_FILE"
if ((SERVICE_DIED)); then
  echo "---- last lines of $WORK/service.log ----" >&2; tail -n 40 "$WORK/service.log" >&2 || true
  exit 1
fi
((TROUBLE == 0)) || exit 2
exit 0
