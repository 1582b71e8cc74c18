#!/usr/bin/env bash
# One-command ingest benchmark for Retail Intelligence (see docs/benchmarks.md).
#
#   bench/ingest.sh [--build]
#
# Builds the packaged jar if it is missing (or with --build), starts it on a fresh database
# "retail_bench" and Redis database 3, logs in, creates the bench stores, then drives
# POST /api/v1/traffic/events (and /sales/events) from separate load-generator processes on loopback:
# wrk (closed loop, max throughput) and bench/openloop.mjs (open loop, fixed rate). It prints a summary
# table, writes it to bench/results/ingest-<UTC timestamp>.md and stops the service.
#
# Knobs (environment): DURATION, WARMUP, THREADS, CONNECTIONS, STORES, SCENARIOS, PORT, DB_NAME,
# PG_URL, REDIS_HOST, REDIS_PORT, REDIS_DB, JAR, JAVA_OPTS, KEEP_DB, RESULTS_DIR — see usage() below.
#
# Exit codes: 0 all scenarios ran with only 2xx answers; 1 the service failed (did not build/start/become
# ready, died during the run, login or store creation failed); 2 the service stayed up but a scenario saw
# non-2xx answers or socket errors (including the ingest endpoint not existing yet); 64 bad usage.
# Performance targets are reported against, never asserted.
set -Eeuo pipefail   # -E: the ERR trap below also reports failures inside functions
export LC_ALL=C   # '.' as decimal point in EPOCHREALTIME, awk and printf
export PGOPTIONS='-c client_min_messages=warning'   # no NOTICEs from DROP ... IF EXISTS

usage() {
  cat <<'EOF'
Usage: bench/ingest.sh [--build] [--help]

  --build   rebuild target/quarkus-app/quarkus-run.jar first (./mvnw -B -q -DskipTests package);
            without it the jar is built only when missing.

Environment knobs (defaults in brackets):
  DURATION     measured time per scenario, e.g. 30s, 2m, 45      [30s]
  WARMUP       unmeasured warm-up before each scenario (0 = none) [5s]
  THREADS      wrk threads (keep 1-2 on a 2-core machine)         [1]
  CONNECTIONS  wrk connections for the closed-loop scenarios      [8]
  OVERLOAD_CONNECTIONS  connections of the overload scenarios     [512]
  STORES       stores bench-01..bench-NN to rotate over (<= 99)   [20]
  SCENARIOS    space-separated list, run in order                  [see below]
                 <kind>-<batch>              closed loop with wrk, e.g. traffic-100, sales-100
                 spread-<kind>-<batch>       the same, but event i of each request lies (i-1) % 60 minutes before
                                             the others: every batch spans the 60 minutes of the last hour
                                             (history), e.g. spread-traffic-1000 next to traffic-1000
                 open-<kind>-<batch>@<rate>  open loop with Node at <rate> req/s, e.g. open-traffic-1@2000
                 overload-<kind>-<batch>[@<rate>]  open loop through OVERLOAD_CONNECTIONS connections at <rate>,
                                             by default twice the req/s of the closed-loop <kind>-<batch>
                                             scenario run before it; 503s with Retry-After are expected
               default: "traffic-1 traffic-100 traffic-1000 open-traffic-1@2000 open-traffic-100@500 sales-100
                         overload-traffic-100"
  PORT         service HTTP port                                   [18090]
  DB_NAME      database, dropped and created anew                  [retail_bench]
  PG_URL       PostgreSQL server URL without database              [postgresql://postgres@127.0.0.1:5432]
  REDIS_HOST / REDIS_PORT / REDIS_DB   Redis; REDIS_DB is FLUSHed  [127.0.0.1 / 6379 / 3]
  JAR          the service jar to run   [target/quarkus-app/quarkus-run.jar]
  JAVA_OPTS    extra JVM options for the service, e.g. -Xmx512m    []
  KEEP_DB      1 = keep the database and Redis data after the run  [0]
  ALERT_RULES  1 = give every bench store an occupancy and a sensor-silent alert rule, so each traffic batch
               is also evaluated by the alert engine (the occupancy alert fires and stays open)  [0]
  RESULTS_DIR  where the summary .md goes                          [bench/results]
EOF
}

# ---------------------------------------------------------------------------------------------------
# Arguments and settings
# ---------------------------------------------------------------------------------------------------
BUILD=0
while (($#)); do
  case "$1" in
    --build) BUILD=1 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "ingest.sh: unknown argument '$1'" >&2; usage >&2; exit 64 ;;
  esac
  shift
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_DIR="$ROOT/bench"
DEFAULT_JAR="$ROOT/target/quarkus-app/quarkus-run.jar"
JAR="${JAR:-$DEFAULT_JAR}"

DURATION="${DURATION:-30s}"
WARMUP="${WARMUP:-5s}"
THREADS="${THREADS:-1}"
CONNECTIONS="${CONNECTIONS:-8}"
OVERLOAD_CONNECTIONS="${OVERLOAD_CONNECTIONS:-512}"
STORES="${STORES:-20}"
SCENARIOS="${SCENARIOS:-traffic-1 traffic-100 traffic-1000 open-traffic-1@2000 open-traffic-100@500 sales-100 overload-traffic-100}"
PORT="${PORT:-18090}"
DB_NAME="${DB_NAME:-retail_bench}"
PG_URL="${PG_URL:-postgresql://postgres@127.0.0.1:5432}"
REDIS_HOST="${REDIS_HOST:-127.0.0.1}"
REDIS_PORT="${REDIS_PORT:-6379}"
REDIS_DB="${REDIS_DB:-3}"
JAVA_OPTS="${JAVA_OPTS:-}"
KEEP_DB="${KEEP_DB:-0}"
ALERT_RULES="${ALERT_RULES:-0}"
RESULTS_DIR="${RESULTS_DIR:-$BENCH_DIR/results}"
BASE_URL="http://127.0.0.1:$PORT"

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*"; }
die() { printf 'ingest.sh: %s\n' "$1" >&2; exit "${2:-1}"; }
# shellcheck source=bench/lib/service.sh
source "$BENCH_DIR/lib/service.sh"

# "30s" / "2m" / "45" -> seconds
to_seconds() {
  case "$1" in
    *m) echo $((${1%m} * 60)) ;;
    *s) echo "${1%s}" ;;
    *) echo "$1" ;;
  esac
}
DURATION_S="$(to_seconds "$DURATION")"
WARMUP_S="$(to_seconds "$WARMUP")"
[[ "$DURATION_S" =~ ^[0-9]+$ && "$DURATION_S" -ge 1 ]] || die "DURATION must be like 30s, 2m or 45" 64
[[ "$WARMUP_S" =~ ^[0-9]+$ ]] || die "WARMUP must be like 5s or 0" 64
[[ "$STORES" =~ ^[0-9]+$ && "$STORES" -ge 1 && "$STORES" -le 99 ]] || die "STORES must be 1..99" 64
[[ "$DB_NAME" =~ ^[a-z_][a-z0-9_]*$ ]] || die "DB_NAME must be a plain lower-case identifier" 64
[[ "$REDIS_DB" =~ ^[0-9]+$ ]] || die "REDIS_DB must be a number" 64
((CONNECTIONS >= THREADS)) || die "CONNECTIONS must be >= THREADS" 64
for s in $SCENARIOS; do
  [[ "$s" =~ ^(spread-)?(traffic|sales)-[0-9]+$ || "$s" =~ ^open-(traffic|sales)-[0-9]+@[0-9]+$ \
     || "$s" =~ ^overload-(traffic|sales)-[0-9]+(@[0-9]+)?$ ]] \
    || die "bad scenario '$s' (want e.g. traffic-100, spread-traffic-100, open-traffic-1@2000 or overload-traffic-100)" 64
done

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RUN_ID="r$(date +%s)"                       # prefix of every event id of this run
WORK="$(mktemp -d "/tmp/retail-bench-$STAMP.XXXX")"   # raw outputs: service log, wrk/node output, RSS samples
RESULT_FILE="$RESULTS_DIR/ingest-$STAMP.md"

# ---------------------------------------------------------------------------------------------------
# Cleanup: always stop the sampler and the service (on success, failure and Ctrl-C)
# ---------------------------------------------------------------------------------------------------
SAMPLER_PID=""
GEN_PID=""       # the load generator while one runs
exec 8>&1 9>&2   # the script's own stdout/stderr, for traps that fire inside a redirected command
# shellcheck disable=SC2317  # invoked through the trap
cleanup() {
  local rc=$?
  exec 1>&8 2>&9
  trap - EXIT INT TERM
  if [[ -n "$GEN_PID" ]]; then kill "$GEN_PID" 2>/dev/null || true; fi
  if [[ -n "$SAMPLER_PID" ]]; then kill "$SAMPLER_PID" 2>/dev/null || true; fi
  stop_service
  drop_databases
  echo "Raw outputs (service log, wrk/node output, RSS samples): $WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "ingest.sh: command failed (line $LINENO): $BASH_COMMAND" >&2' ERR
trap 'echo >&8; log "interrupted" >&8; exit 130' INT
trap 'log "terminated" >&8; exit 143' TERM

# ---------------------------------------------------------------------------------------------------
# 1. Tools: wrk (installed from Debian if missing), curl, psql, redis-cli, java; node for open loop
# ---------------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  log "installing wrk (apt-get)"
  SUDO=""; [[ "$(id -u)" == 0 ]] || SUDO="sudo"
  { $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; } \
    >"$WORK/apt.log" 2>&1 || die "could not install wrk; see $WORK/apt.log"
fi
for tool in wrk curl psql redis-cli java; do
  command -v "$tool" >/dev/null || die "$tool not found"
done
HAVE_NODE=0
if command -v node >/dev/null; then HAVE_NODE=1; fi

# ---------------------------------------------------------------------------------------------------
# 2. The packaged jar
# ---------------------------------------------------------------------------------------------------
ensure_jar

# ---------------------------------------------------------------------------------------------------
# 3. Fresh database and Redis database; nothing else may hold the port
# ---------------------------------------------------------------------------------------------------
recreate_databases
sql() { psql "$PG_URL/$DB_NAME" -v ON_ERROR_STOP=1 -tAqc "$1"; }

# ---------------------------------------------------------------------------------------------------
# 4. Machine facts (recorded before the service starts)
# ---------------------------------------------------------------------------------------------------
record_machine_facts
FREE_H="$(free -h)"
JAVA_VERSION="$(java -version 2>&1 | tr '\n' ' ' | sed 's/  */ /g')"
WRK_VERSION="$( (wrk --version 2>&1 || true) | head -1 | awk '{print $1, $2}')"   # wrk -v exits 1
NODE_VERSION="$( ((HAVE_NODE)) && node --version || echo 'not installed')"
PG_VERSION="$(psql "$PG_URL/postgres" -tAc 'SHOW server_version' 2>/dev/null || echo '?')"
REDIS_VERSION="$( (redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" INFO server 2>/dev/null || true) | tr -d '\r' \
  | sed -n 's/^redis_version://p')"

# ---------------------------------------------------------------------------------------------------
# 5. Start the packaged service in the background and wait (bounded) until it is ready
# ---------------------------------------------------------------------------------------------------
start_service

# RSS sampler: one "<epoch seconds> <VmRSS kB>" line per second while the service lives (bounded: 4 h).
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
# Max RSS (kB) sampled between two EPOCHREALTIME instants.
rss_max_kb() { awk -v s="$1" -v e="$2" '$1 >= s && $1 <= e && $2 > m {m = $2} END {print m + 0}' "$WORK/rss.txt"; }
# RSS (MiB) at the end of each quarter of a span, "a / b / c / d": flat or growing?
rss_quarters() {
  awk -v s="$1" -v e="$2" 'BEGIN {for (q = 1; q <= 4; q++) t[q] = s + (e - s) * q / 4}
       {for (q = 1; q <= 4; q++) if ($1 <= t[q]) v[q] = $2}
       END {printf "%.0f / %.0f / %.0f / %.0f", v[1] / 1024, v[2] / 1024, v[3] / 1024, v[4] / 1024}' "$WORK/rss.txt"
}

# ---------------------------------------------------------------------------------------------------
# 6. Log in and create the stores
# ---------------------------------------------------------------------------------------------------
login

log "creating stores bench-01..bench-$(printf %02d "$STORES")"
for i in $(seq 1 "$STORES"); do
  id="$(printf 'bench-%02d' "$i")"
  create_store "$id" "Bench $(printf %02d "$i")" 500
  if [[ "$ALERT_RULES" == 1 ]]; then
    for rule in '{"type":"occupancy","percent":90}' '{"type":"sensor-silent","minutes":10}'; do
      code="$(curl -sS -o "$WORK/rule.json" -w '%{http_code}' -X POST "$BASE_URL/api/v1/stores/$id/alert-rules" \
        -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$rule")" || code=000
      [[ "$code" == 201 ]] || service_failed "adding an alert rule to $id answered $code: $(head -c 300 "$WORK/rule.json")"
    done
  fi
done

# ---------------------------------------------------------------------------------------------------
# 7. Smoke test: one event per kind the scenarios use, so a missing endpoint fails fast and clearly
# ---------------------------------------------------------------------------------------------------
NOW_ISO="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
smoke() {  # $1 kind
  local path body code
  if [[ "$1" == sales ]]; then
    path=/api/v1/sales/events
    body="[{\"id\":\"$RUN_ID-smoke-1\",\"storeId\":\"bench-01\",\"timestamp\":\"$NOW_ISO\",\"amount\":\"42.50\",\"currency\":\"EUR\",\"items\":3,\"type\":\"sale\"}]"
  else
    path=/api/v1/traffic/events
    body="[{\"id\":\"$RUN_ID-smoke-1\",\"storeId\":\"bench-01\",\"sensorId\":\"door-1\",\"timestamp\":\"$NOW_ISO\",\"in\":3,\"out\":1}]"
  fi
  code="$(curl -sS -o "$WORK/smoke-$1.json" -w '%{http_code}' -X POST "$BASE_URL$path" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$body")" || code=000
  if [[ "$code" != 2* ]]; then
    service_alive || service_failed "the service died on the first $1 event"
    die "POST $path answered $code: $(head -c 300 "$WORK/smoke-$1.json") — is the $1 ingest endpoint in this build?" 2
  fi
  log "smoke $1: $code $(head -c 200 "$WORK/smoke-$1.json")"
}
for kind in traffic sales; do
  if grep -qE "(^| )(open-|overload-|spread-)?$kind-" <<<" $SCENARIOS"; then smoke "$kind"; fi
done

# ---------------------------------------------------------------------------------------------------
# 8. Scenarios
# ---------------------------------------------------------------------------------------------------
# Value of key=<...> in a "BENCH k=v k=v" line (empty if absent).
kv() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }
# Number formatting: count over a duration in microseconds -> per second; microseconds -> ms; kB -> MiB.
per_sec() { awk -v n="$1" -v d="$2" 'BEGIN {printf "%.0f", (d > 0 ? n / (d / 1e6) : 0)}'; }
us_to_ms() { awk -v u="$1" 'BEGIN {printf "%.2f", u / 1000}'; }
kb_to_mib() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }
table_of() { [[ "$1" == sales ]] && echo sales_events || echo traffic_events; }

ROWS=()              # one markdown table row per scenario
NOTES=()             # footnotes (errors, skipped scenarios)
ACCEPTED_TOTAL_traffic=0; ACCEPTED_TOTAL_sales=0   # over every phase incl. warm-ups and the smoke events
SCENARIO_TROUBLE=0
RUN_START="$EPOCHREALTIME"

# Adds the "accepted" of a BENCH line to the run total of its kind.
add_total() {  # $1 kind, $2 BENCH line
  local a; a="$(kv accepted "$2")"; a="${a:-0}"
  if [[ "$1" == sales ]]; then ACCEPTED_TOTAL_sales=$((ACCEPTED_TOTAL_sales + a));
  else ACCEPTED_TOTAL_traffic=$((ACCEPTED_TOTAL_traffic + a)); fi
}
for kind in traffic sales; do  # the smoke events count too
  if [[ -f "$WORK/smoke-$kind.json" ]]; then
    add_total "$kind" "BENCH accepted=$(sed -n 's/.*"accepted" *: *\([0-9]*\).*/\1/p' "$WORK/smoke-$kind.json")"
  fi
done

# Runs the load generator for one phase, writing its output to $WORK/<idx>-<phase>.txt and its CPU time
# in seconds to $WORK/<idx>-<phase>.cpu. It runs in the background and the script waits for it, so that
# Ctrl-C or a TERM reaches the trap at once (cleanup then stops it too).
#   $1 idx  $2 mode (closed|open)  $3 kind  $4 batch  $5 rate  $6 phase (w|m)  $7 seconds
#   $8 minutes a batch spreads over (closed loop only; 1 = all events in one minute)
run_generator() {
  local idx=$1 mode=$2 kind=$3 batch=$4 rate=$5 phase=$6 secs=$7 spread=${8:-1}
  local out="$WORK/$idx-$phase.txt" prefix="$RUN_ID-s$idx-$phase"
  times >"$WORK/times0"   # CPU of finished children so far (run here, not in $(...), which would be a subshell)
  if [[ "$mode" == closed ]]; then
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --timeout 10s --latency \
      -H "Authorization: Bearer $TOKEN" -s "$BENCH_DIR/ingest.lua" "$BASE_URL" \
      -- "$kind" "$batch" "$STORES" "$prefix" "$spread" >"$out" 2>&1 &
  else
    node "$BENCH_DIR/openloop.mjs" --url "$BASE_URL" --token "$TOKEN" --kind "$kind" \
      --batch "$batch" --rate "$rate" --duration "$secs" --warmup 0 --stores "$STORES" \
      --prefix "$prefix" --connections "$GEN_CONNECTIONS" >"$out" 2>&1 &
  fi
  GEN_PID=$!
  wait "$GEN_PID" || true
  GEN_PID=""
  times >"$WORK/times1"
  # `times` prints "<shell user> <shell sys>" then "<children user> <children sys>" as e.g. 0m1.250s;
  # the children's growth between the two calls is the generator's CPU time.
  awk 'FNR == 2 {gsub(/s/, ""); split($1, u, "m"); split($2, y, "m"); t[NR > 2] = u[1] * 60 + u[2] + y[1] * 60 + y[2]}
       END {printf "%.3f\n", t[1] - t[0]}' "$WORK/times0" "$WORK/times1" >"$WORK/$idx-$phase.cpu"
}
# The result line ("BENCH k=v ...") a generator printed, or nothing.
bench_line() { grep '^BENCH ' "$1" | tail -n 1 || true; }

# CPU accounting over the measured phase, to see where the 2 cores went and how quiet the machine was.
# A snapshot is "machine <busy ticks>" (all CPUs, from /proc/stat) plus "<pid> <(comm)> <utime+stime>" for
# every process (cat skips, and fails on, processes that vanish meanwhile: that failure is ignored).
CLK_TCK="$(getconf CLK_TCK)"
cpu_snapshot() {
  awk '/^cpu / {print "machine machine", $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk '$2 !~ /\)$/ {next} {print $1, $2, $14 + $15}'
}
# Two snapshots and a span in seconds -> "service postgres redis machine" in % of one core (generator apart).
cpu_split() {
  awk -v svc="$SERVICE_PID" -v s="$3" -v h="$CLK_TCK" '
    NR == FNR {t0[$1] = $3; next}
    {d = $3 - (($1 in t0) ? t0[$1] : 0)}
    $1 == "machine" {all = d; next}
    $1 == svc {sv += d; next}
    $2 == "(postgres)" {pg += d; next}
    $2 == "(redis-server)" {rd += d}
    END {f = (s > 0 ? 100 / h / s : 0); printf "%.0f %.0f %.0f %.0f", sv * f, pg * f, rd * f, all * f}
  ' "$1" "$2"
}

declare -A CAPACITY_RPS   # "<kind>-<batch>" -> req/s of the last closed-loop scenario of that shape
idx=0
for scenario in $SCENARIOS; do
  idx=$((idx + 1))
  overload=0
  spread=1
  GEN_CONNECTIONS=64
  if [[ "$scenario" == open-* ]]; then
    mode=open; spec="${scenario#open-}"; rate="${spec#*@}"; spec="${spec%@*}"
  elif [[ "$scenario" == overload-* ]]; then
    # An open loop far beyond capacity, through many connections: the service must refuse (503) what it cannot
    # take, from bounded queues, instead of letting latency and memory grow.
    mode=open; overload=1; GEN_CONNECTIONS="$OVERLOAD_CONNECTIONS"; spec="${scenario#overload-}"
    if [[ "$spec" == *@* ]]; then rate="${spec#*@}"; spec="${spec%@*}"
    elif [[ -n "${CAPACITY_RPS[$spec]:-}" ]]; then rate=$((CAPACITY_RPS[$spec] * 2))
    else NOTES+=("$scenario skipped: no closed-loop $spec scenario ran before it to measure the capacity (or give a rate: $scenario@<req/s>)"); continue
    fi
  elif [[ "$scenario" == spread-* ]]; then
    mode=closed; spec="${scenario#spread-}"; rate=""; spread=60   # each batch over the 60 minutes of the last hour
  else
    mode=closed; spec="$scenario"; rate=""
  fi
  kind="${spec%-*}"; batch="${spec##*-}"
  table="$(table_of "$kind")"
  if [[ "$mode" == open && "$HAVE_NODE" != 1 ]]; then
    NOTES+=("$scenario skipped: node is not installed"); log "skipping $scenario (no node)"; continue
  fi
  if ! service_alive; then NOTES+=("$scenario not run: the service had died"); continue; fi

  load="$([[ $mode == closed ]] && echo "wrk -t$THREADS -c$CONNECTIONS" || echo "$rate req/s")"
  ((spread == 1)) || load+=", over $spread min"
  ((overload)) && load="$rate req/s, $GEN_CONNECTIONS conn. (2x capacity)"
  [[ "$scenario" == overload-*@* ]] && load="$rate req/s, $GEN_CONNECTIONS conn."
  log "scenario $idx: $scenario ($mode loop, batch $batch, $load, ${WARMUP_S}s warm-up + ${DURATION_S}s)"
  sql "CHECKPOINT" >/dev/null 2>&1 || true   # start each scenario without a pending checkpoint

  # Warm-up: the same load for WARMUP seconds in a separate, unmeasured generator run (JIT, pools, caches).
  if [[ "$WARMUP_S" -gt 0 ]]; then
    run_generator "$idx" "$mode" "$kind" "$batch" "$rate" w "$WARMUP_S" "$spread"
    add_total "$kind" "$(bench_line "$WORK/$idx-w.txt")"
    sleep 1
  fi

  rows_before="$(sql "SELECT count(*) FROM $table")"
  rss_start_kb="$(rss_now_kb)"
  cpu_snapshot >"$WORK/$idx-cpu0.txt"; t_start="$EPOCHREALTIME"
  run_generator "$idx" "$mode" "$kind" "$batch" "$rate" m "$DURATION_S" "$spread"
  line="$(bench_line "$WORK/$idx-m.txt")"
  t_end="$EPOCHREALTIME"; cpu_snapshot >"$WORK/$idx-cpu1.txt"
  span="$(awk -v a="$t_start" -v b="$t_end" 'BEGIN {print b - a}')"
  read -r cpu_svc cpu_pg cpu_redis cpu_all <<<"$(cpu_split "$WORK/$idx-cpu0.txt" "$WORK/$idx-cpu1.txt" "$span")"
  cpu_gen="$(awk -v s="$span" '{printf "%.0f", (s > 0 ? 100 * $1 / s : 0)}' "$WORK/$idx-m.cpu" 2>/dev/null || echo 0)"
  cpu_other=$((cpu_all - cpu_svc - cpu_pg - cpu_redis - cpu_gen)); ((cpu_other > 0)) || cpu_other=0
  cpu_cell="$cpu_svc / $cpu_pg / $cpu_redis / $cpu_gen / $cpu_other"
  sleep 2   # let requests still in flight when the generator stopped reach the database
  rows_after="$(sql "SELECT count(*) FROM $table")"
  rss_after_kb="$(rss_now_kb)"

  if [[ -z "$line" ]]; then
    NOTES+=("$scenario: the load generator printed no result; see $WORK/$idx-m.txt")
    SCENARIO_TROUBLE=1
    service_alive || NOTES+=("$scenario: the service died during this scenario")
    continue
  fi
  add_total "$kind" "$line"

  # Figures from the generator's BENCH line
  requests="$(kv requests "$line")"; duration_us="$(kv duration_us "$line")"
  accepted="$(kv accepted "$line")"; duplicates="$(kv duplicates "$line")"; non2xx="$(kv non2xx "$line")"
  p50="$(kv p50_us "$line")"; p99="$(kv p99_us "$line")"
  if [[ "$mode" == closed ]]; then
    errors=$(($(kv err_connect "$line") + $(kv err_read "$line") + $(kv err_write "$line") + $(kv err_timeout "$line")))
  else
    errors=$(($(kv errors "$line") + $(kv unanswered "$line")))
    (($(kv unanswered "$line") == 0)) || NOTES+=("$scenario: $(kv unanswered "$line") requests still unanswered 12 s after the last send (counted as socket errors)")
    skipped="$(kv skipped "$line")"
    ((skipped == 0)) || NOTES+=("$scenario: $skipped due requests skipped at the generator's in-flight cap (service could not keep up)")
    NOTES+=("$scenario: achieved $(per_sec "$requests" "$duration_us") of $rate req/s; from getting a connection (not from the due time) p50 $(us_to_ms "$(kv p50_from_conn_us "$line")") ms, p99 $(us_to_ms "$(kv p99_from_conn_us "$line")") ms; worst generator lag $(us_to_ms "$(kv max_send_lag_us "$line")") ms")
  fi
  db_delta=$((rows_after - rows_before))
  refused="$(kv refused "$line")"; refused="${refused:-0}"
  non2xx_cell="$non2xx"
  if ((overload)); then
    other=$((non2xx - refused))
    non2xx_cell="503: $refused; other: $other"
    NOTES+=("$scenario: offered $rate req/s ($((rate * batch)) events/s); $refused answers 503 ($(kv refused_no_retry_after "$line") without Retry-After), $other other non-2xx; p50/p99 are of the accepted (2xx) answers only; RSS $(kb_to_mib "$rss_start_kb") MiB at the start, at the end of each quarter $(rss_quarters "$t_start" "$t_end") MiB, $(kb_to_mib "$rss_after_kb") MiB after")
    non2xx=$((other + $(kv refused_no_retry_after "$line")))   # 503s with Retry-After are the expected answer here
  elif [[ "$mode" == closed && "$spread" == 1 ]]; then
    CAPACITY_RPS["$kind-$batch"]="$(per_sec "$requests" "$duration_us")"
  fi

  rps="$(per_sec "$requests" "$duration_us")"
  eps="$(per_sec "$((requests * batch))" "$duration_us")"
  aps="$(per_sec "$accepted" "$duration_us")"
  p50_ms="$(us_to_ms "$p50")"
  p99_ms="$(us_to_ms "$p99")"
  rss_max_kb_s="$(rss_max_kb "$t_start" "$t_end")"
  rss_max_mb="$(kb_to_mib "$((rss_after_kb > rss_max_kb_s ? rss_after_kb : rss_max_kb_s))")"

  ROWS+=("| $scenario | $mode | $batch | $load | $rps | $eps | $aps | $accepted | $db_delta | $p50_ms | $p99_ms | $non2xx_cell | $errors | $duplicates | $cpu_cell | $rss_max_mb |")
  log "  -> $rps req/s, $eps events/s (accepted $aps/s), p50 $p50_ms ms, p99 $p99_ms ms, non-2xx $non2xx, errors $errors, CPU % service/postgres/redis/generator/other $cpu_cell, RSS max $rss_max_mb MiB"

  if ((non2xx > 0 || errors > 0)); then
    SCENARIO_TROUBLE=1
    bad="$(sed -n 's/^BENCH_LAST_NON2XX //p' "$WORK/$idx-m.txt" | tail -n 1)"
    NOTES+=("$scenario: $non2xx non-2xx answers, $errors socket errors/timeouts${bad:+; last: $bad}")
  fi
  if ! service_alive; then NOTES+=("$scenario: the service died during this scenario"); fi
done


# ---------------------------------------------------------------------------------------------------
# 9. After the run: idle RSS, final row counts, stop the service
# ---------------------------------------------------------------------------------------------------
SERVICE_DIED=0
if ! service_alive; then SERVICE_DIED=1; service_end; fi
RSS_IDLE_MB="n/a"; RSS_MAX_MB="n/a"
if ((SERVICE_DIED == 0)); then
  sleep 5
  RSS_IDLE_MB="$(kb_to_mib "$(rss_now_kb)")"
fi
RSS_MAX_MB="$(kb_to_mib "$(rss_max_kb "$RUN_START" "$EPOCHREALTIME")")"
TRAFFIC_ROWS="$(sql "SELECT count(*) FROM traffic_events" 2>/dev/null || echo '?')"
SALES_ROWS="$(sql "SELECT count(*) FROM sales_events" 2>/dev/null || echo '?')"
kill "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
log "stopping the service"
stop_service

# ---------------------------------------------------------------------------------------------------
# 10. Summary: markdown file + stdout
# ---------------------------------------------------------------------------------------------------
mkdir -p "$RESULTS_DIR"
{
  echo "# Ingest benchmark, $STAMP"
  echo
  extra=""
  [[ "$JAR" == "$DEFAULT_JAR" ]] || extra+=" JAR=$JAR"
  [[ -z "$JAVA_OPTS" ]] || extra+=" JAVA_OPTS='$JAVA_OPTS'"
  [[ "$ALERT_RULES" == 0 ]] || extra+=" ALERT_RULES=$ALERT_RULES"
  echo "- Command: \`DURATION=$DURATION WARMUP=$WARMUP THREADS=$THREADS CONNECTIONS=$CONNECTIONS STORES=$STORES$extra bench/ingest.sh$([[ $BUILD == 1 ]] && echo ' --build')\`"
  echo "- Scenarios: \`$SCENARIOS\`"
  echo "- Code: $GIT_REV; service = \`${JAR#"$ROOT"/}\`, JAVA_OPTS=\`${JAVA_OPTS:-(none)}\`"
  echo "- Machine: $NPROC CPUs ($CPU_MODEL), $MEM_TOTAL RAM, load average at start $LOAD_AT_START"
  echo "- Software: $JAVA_VERSION; $WRK_VERSION; Node $NODE_VERSION; PostgreSQL $PG_VERSION; Redis $REDIS_VERSION"
  echo
  echo "| Scenario | Loop | Batch | Load | Req/s | Events/s (req × batch) | Accepted/s | Accepted | DB rows Δ | p50 ms | p99 ms | non-2xx | Socket errors | Duplicates | CPU % service / PostgreSQL / Redis / generator / other | RSS max MiB |"
  echo "| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for r in "${ROWS[@]}"; do echo "$r"; done
  echo
  echo "- Rows at the end: traffic_events $TRAFFIC_ROWS (sum of \`accepted\` over every phase incl. warm-ups and smoke: $ACCEPTED_TOTAL_traffic); sales_events $SALES_ROWS (sum: $ACCEPTED_TOTAL_sales)."
  echo "- Service RSS: max $RSS_MAX_MB MiB over the run, $RSS_IDLE_MB MiB after 5 s idle at the end."
  echo "- Service: $([[ $SERVICE_DIED == 1 ]] && echo "DIED during the run ($SERVICE_END)" || echo 'stayed up for the whole run')."
  echo "- CPU % is of one core over the measured phase (the machine has $NPROC, so at most $((NPROC * 100)) in all): the service process, all PostgreSQL processes, Redis, the load generator, and everything else on the machine (\"other\": anything above a few % means the run was not on a quiet machine)."
  echo "- Latency is from the request's send (closed loop, wrk) or due time (open loop, bench/openloop.mjs) to the full answer; \"DB rows Δ\" is counted 2 s after the measured phase, so requests still in flight at its end can make it slightly larger than \"Accepted\"."
  for n in "${NOTES[@]}"; do echo "- Note: $n"; done
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
((SCENARIO_TROUBLE == 0)) || exit 2
exit 0
