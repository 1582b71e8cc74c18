#!/usr/bin/env bash
# One-command WebSocket fan-out benchmark for the live feeds (see docs/benchmarks.md, "Live feeds").
#
#   bench/live.sh [--build]
#
# Starts the packaged jar on a fresh database "retail_bench_live" and Redis database 3 (same conventions
# as bench/ingest.sh), logs in, creates store live-01, then runs bench/live-clients.mjs: one Node process
# that opens CLIENTS WebSocket clients on /ws/traffic/realtime for that store, POSTs single-event batches
# at RATE events/s for DURATION s (after WARMUP s), measures ingest -> client latency for every delivery,
# then repeats the measured phase at each RAMP rate (RAMP_DURATION s each) until p99 > 100 ms or a loss.
# It writes bench/results/live-<UTC timestamp>.md and stops the service.
#
# Exit codes: 0 ran, nothing lost in the measured phase; 1 the service failed (build/start/login/store);
# 2 the measured phase lost or duplicated deliveries, or a POST failed; 64 bad usage.
# Performance targets are reported against, never asserted.
set -Eeuo pipefail
export LC_ALL=C
export PGOPTIONS='-c client_min_messages=warning'

usage() {
  cat <<'EOF2'
Usage: bench/live.sh [--build] [--help]

  --build   rebuild target/quarkus-app/quarkus-run.jar first; without it the jar is built only when missing.

Environment knobs (defaults in brackets):
  CLIENTS        WebSocket clients on the one store                 [1000]
  CONNECT_BATCH  concurrent upgrades while connecting               [50]
  RATE           events/s in the measured phase                     [100]
  DURATION       measured seconds                                   [30]
  WARMUP         unmeasured seconds before it (0 = none)            [5]
  RAMP           rates for the ramp, in order ("" = no ramp)        ["200 400 800 1600"]
  RAMP_DURATION  seconds per ramp rate                              [15]
  PORT           service HTTP port                                  [18091]
  DB_NAME        database, dropped and created anew                 [retail_bench_live]
  PG_URL / REDIS_HOST / REDIS_PORT / REDIS_DB (FLUSHed)             [postgresql://postgres@127.0.0.1:5432 / 127.0.0.1 / 6379 / 3]
  JAR            the service jar    [target/quarkus-app/quarkus-run.jar]
  JAVA_OPTS      extra JVM options for the service                  []
  KEEP_DB        1 = keep the database and Redis data after the run [0]
  RESULTS_DIR    where the summary .md goes                         [bench/results]
EOF2
}

BUILD=0
while (($#)); do
  case "$1" in
    --build) BUILD=1 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "live.sh: unknown argument '$1'" >&2; usage >&2; exit 64 ;;
  esac
  shift
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_DIR="$ROOT/bench"
DEFAULT_JAR="$ROOT/target/quarkus-app/quarkus-run.jar"
JAR="${JAR:-$DEFAULT_JAR}"
CLIENTS="${CLIENTS:-1000}"
CONNECT_BATCH="${CONNECT_BATCH:-50}"
RATE="${RATE:-100}"
DURATION="${DURATION:-30}"
WARMUP="${WARMUP:-5}"
RAMP="${RAMP-200 400 800 1600}"
RAMP_DURATION="${RAMP_DURATION:-15}"
PORT="${PORT:-18091}"
DB_NAME="${DB_NAME:-retail_bench_live}"
PG_URL="${PG_URL:-postgresql://postgres@127.0.0.1:5432}"
REDIS_HOST="${REDIS_HOST:-127.0.0.1}"
REDIS_PORT="${REDIS_PORT:-6379}"
REDIS_DB="${REDIS_DB:-3}"
JAVA_OPTS="${JAVA_OPTS:-}"
KEEP_DB="${KEEP_DB:-0}"
RESULTS_DIR="${RESULTS_DIR:-$BENCH_DIR/results}"
BASE_URL="http://127.0.0.1:$PORT"
STORE=live-01

log() { printf '[live %(%H:%M:%S)T] %s\n' -1 "$*"; }
die() { printf 'live.sh: %s\n' "$1" >&2; exit "${2:-1}"; }
# shellcheck source=bench/lib/service.sh
source "$BENCH_DIR/lib/service.sh"

for n in CLIENTS CONNECT_BATCH RATE DURATION WARMUP RAMP_DURATION REDIS_DB; do
  [[ "${!n}" =~ ^[0-9]+$ ]] || die "$n must be a whole number" 64
done
((CLIENTS >= 1 && RATE >= 1 && DURATION >= 1 && CONNECT_BATCH >= 1)) || die "CLIENTS, RATE, DURATION, CONNECT_BATCH must be >= 1" 64
for r in $RAMP; do [[ "$r" =~ ^[0-9]+$ && "$r" -ge 1 ]] || die "RAMP must be a list of rates, e.g. '200 400 800'" 64; done
[[ "$DB_NAME" =~ ^[a-z_][a-z0-9_]*$ ]] || die "DB_NAME must be a plain lower-case identifier" 64

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
WORK="$(mktemp -d "/tmp/retail-bench-live-$STAMP.XXXX")"   # raw outputs: service log, client output
RESULT_FILE="$RESULTS_DIR/live-$STAMP.md"

# ---------------------------------------------------------------------------------------------------
# Cleanup: always stop the clients and the service we started (by PID), drop the database
# ---------------------------------------------------------------------------------------------------
CLIENTS_PID=""
# shellcheck disable=SC2317  # invoked through the trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "$CLIENTS_PID" ]]; then kill "$CLIENTS_PID" 2>/dev/null || true; fi
  stop_service
  drop_databases
  echo "Raw outputs (service log, client output): $WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "live.sh: command failed (line $LINENO): $BASH_COMMAND" >&2' ERR
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM

# ---------------------------------------------------------------------------------------------------
# 1. Tools, the ws package (npm ci into bench/node_modules when missing), the jar
# ---------------------------------------------------------------------------------------------------
for tool in curl psql redis-cli java node npm; do command -v "$tool" >/dev/null || die "$tool not found"; done
if [[ ! -f "$BENCH_DIR/node_modules/ws/package.json" ]]; then
  log "installing the ws package (npm ci --prefix bench)"
  npm ci --prefix "$BENCH_DIR" --no-audit --no-fund >"$WORK/npm.log" 2>&1 || die "npm ci failed; see $WORK/npm.log"
fi
ensure_jar

# ---------------------------------------------------------------------------------------------------
# 2. Fresh database and Redis database; nothing else may hold the port
# ---------------------------------------------------------------------------------------------------
recreate_databases

record_machine_facts
JAVA_VERSION="$(java -version 2>&1 | head -1)"
NODE_VERSION="$(node --version)"
WS_VERSION="$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$BENCH_DIR/node_modules/ws/package.json" | head -1)"

# ---------------------------------------------------------------------------------------------------
# 3. Start the service (live connection cap lifted for the benchmark's single principal) and wait
# ---------------------------------------------------------------------------------------------------
start_service RETAIL_LIVE_MAX_CONNECTIONS_PER_PRINCIPAL=100000

# ---------------------------------------------------------------------------------------------------
# 4. Log in, create the store
# ---------------------------------------------------------------------------------------------------
login
create_store "$STORE" "Live 01" 100000

# ---------------------------------------------------------------------------------------------------
# 5. The clients: connect, warm-up, measured phase, ramp (all inside one bounded Node process)
# ---------------------------------------------------------------------------------------------------
log "clients: $CLIENTS on $STORE, $RATE events/s for ${WARMUP}+${DURATION} s, ramp '${RAMP}' x ${RAMP_DURATION} s"
node "$BENCH_DIR/live-clients.mjs" --url "$BASE_URL" --token "$TOKEN" --store "$STORE" \
  --clients "$CLIENTS" --batch-size "$CONNECT_BATCH" --rate "$RATE" --duration "$DURATION" --warmup "$WARMUP" \
  --ramp "$RAMP" --ramp-duration "$RAMP_DURATION" --ramp-p99-ms 100 \
  --service-pid "$SERVICE_PID" --clk-tck "$(getconf CLK_TCK)" --prefix "l$(date +%s)" \
  > >(tee "$WORK/clients.txt") 2>&1 &
CLIENTS_PID=$!
# Bound: connecting + every phase + drains, with slack; the Node process bounds itself too.
budget=$((180 + WARMUP + DURATION + 40 + $(wc -w <<<"$RAMP") * (RAMP_DURATION + 40)))
for _ in $(seq 1 "$budget"); do kill -0 "$CLIENTS_PID" 2>/dev/null || break; sleep 1; done
if kill -0 "$CLIENTS_PID" 2>/dev/null; then log "clients still running after $budget s; stopping them"; kill "$CLIENTS_PID" || true; fi
clients_rc=0; wait "$CLIENTS_PID" || clients_rc=$?
CLIENTS_PID=""
sleep 0.5   # let tee flush

SERVICE_DIED=0; service_alive || SERVICE_DIED=1
RSS_IDLE_MB="n/a"
if ((SERVICE_DIED == 0)); then sleep 3; RSS_IDLE_MB="$(awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$SERVICE_PID/status")"; fi
log "stopping the service"
stop_service

# ---------------------------------------------------------------------------------------------------
# 6. Summary: markdown file + stdout
# ---------------------------------------------------------------------------------------------------
kv() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }
fmt() { awk -v n="$1" 'BEGIN {s = sprintf("%d", n); while (s ~ /[0-9]{4}/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s); print s}'; }
CONNECT_LINE="$(grep '^BENCH phase=connect ' "$WORK/clients.txt" | tail -n 1 || true)"
MEASURED="$(grep '^BENCH phase=measured ' "$WORK/clients.txt" | tail -n 1 || true)"
mapfile -t PHASES < <(grep -E '^BENCH phase=(warmup|measured|ramp-)' "$WORK/clients.txt" || true)
BEST=""
for line in "${PHASES[@]}"; do
  [[ "$(kv phase "$line")" != warmup ]] || continue   # the warm-up is shown, not judged
  if [[ "$(kv lost "$line")" == 0 && "$(kv skipped "$line")" == 0 && "$(kv non2xx "$line")" == 0 && "$(kv errors "$line")" == 0 ]] \
     && awk -v p="$(kv p99_ms "$line")" 'BEGIN {exit !(p + 0 <= 100 && p != "NaN")}'; then BEST="$(kv rate "$line")"; else break; fi
done
row() {
  local l="$1"
  echo "| $(kv phase "$l") | $(kv rate "$l") | $(kv achieved_rate "$l") | $(kv clients_open "$l") → $(kv clients_open_end "$l") | $(fmt "$(kv sent "$l")") | $(fmt "$(kv expected "$l")") | $(fmt "$(kv received "$l")") | $(kv lost "$l") | $(kv duplicates "$l") | $(fmt "$(kv deliveries_per_s "$l")") | $(kv p50_ms "$l") | $(kv p99_ms "$l") | $(kv max_ms "$l") | $(kv cpu_service "$l") / $(kv cpu_postgres "$l") / $(kv cpu_redis "$l") / $(kv cpu_clients "$l") / $(kv cpu_machine "$l") | $(kv loop_p99_ms "$l") / $(kv loop_max_ms "$l") | $(kv rss_max_mib "$l") | $(kv non2xx "$l")/$(kv errors "$l")/$(kv skipped "$l") |"
}
mkdir -p "$RESULTS_DIR"
{
  echo "# Live feed fan-out benchmark, $STAMP"
  echo
  extra=""; [[ "$JAR" == "$DEFAULT_JAR" ]] || extra+=" JAR=$JAR"; [[ -z "$JAVA_OPTS" ]] || extra+=" JAVA_OPTS='$JAVA_OPTS'"
  echo "- Command: \`CLIENTS=$CLIENTS RATE=$RATE DURATION=$DURATION WARMUP=$WARMUP RAMP='$RAMP' RAMP_DURATION=$RAMP_DURATION$extra bench/live.sh$([[ $BUILD == 1 ]] && echo ' --build')\`"
  echo "- Code: $GIT_REV; service = \`${JAR#"$ROOT"/}\` with RETAIL_LIVE_MAX_CONNECTIONS_PER_PRINCIPAL=100000"
  echo "- Machine: $NPROC CPUs ($CPU_MODEL), $MEM_TOTAL RAM, load average at start $LOAD_AT_START"
  echo "- Software: $JAVA_VERSION; Node $NODE_VERSION with ws $WS_VERSION (permessage-deflate off)"
  echo "- Clients: $(kv connected "$CONNECT_LINE")/$(kv clients "$CONNECT_LINE") connected in $(kv connect_s "$CONNECT_LINE") s (batches of $CONNECT_BATCH), snapshots $(kv snapshots "$CONNECT_LINE"), connect failures $(kv failures "$CONNECT_LINE")"
  echo
  echo "| Phase | Rate /s | Achieved /s | Clients open start → end | Events sent | Expected deliveries | Received | Lost | Duplicates | Delivered msg/s | p50 ms | p99 ms | max ms | CPU % service / PostgreSQL / Redis / clients / machine | Client event-loop lag p99 / max ms | Service RSS max MiB | POST non-2xx / errors / skipped |"
  echo "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |"
  for line in "${PHASES[@]}"; do row "$line"; done
  echo
  echo "- Closes seen by the clients (code:count, whole run): $(kv closes "${PHASES[-1]:-}")"
  for line in "${PHASES[@]}"; do
    [[ "$(kv short_events "$line")" == 0 ]] || echo "- $(kv phase "$line"): $(kv short_events "$line") accepted events did not reach every client (seq:clients reached, first 20): $(kv short_seqs "$line")"
  done
  echo "- Deliveries that arrived after their phase had been closed (10 s drain; they count as lost in that phase): $(kv late_total "${PHASES[-1]:-}")"
  echo "- Highest rate with p99 ≤ 100 ms and nothing lost (measured phase, then ramp in order): $([[ -n $BEST ]] && echo "$BEST events/s" || echo 'none of the rates tried')"
  echo "- Targets (reported, not asserted): $CLIENTS clients on one store at 100 events/s with p99 ingest→client ≤ 50 ms and nothing lost; then the highest rate with p99 ≤ 100 ms; ≥ 70 % of a bare WebSockets Next broadcast (not measured: no bare endpoint in the service)."
  echo "- Latency = client receive time − POST send time of that event (one Node process, one clock), over every delivery; so it includes the ingest request. Delivered msg/s = deliveries received ÷ (first send → last delivery)."
  echo "- CPU % is of one core over the phase incl. its drain (machine = all processes, max $((NPROC * 100))); \"clients\" is the one Node process that sends and receives; its event-loop lag is delay it adds to every latency sample itself (it shares the $NPROC cores with the service)."
  echo "- Service: $([[ $SERVICE_DIED == 1 ]] && echo 'DIED during the run' || echo 'stayed up for the whole run'); RSS $RSS_IDLE_MB MiB 3 s after the clients left. Client exit code $clients_rc."
  grep '^BENCH_LAST_BAD ' "$WORK/clients.txt" | sed 's/^BENCH_LAST_BAD /- Last failed POST: /' || true
} >"$RESULT_FILE"
echo; cat "$RESULT_FILE"; echo; echo "Written to $RESULT_FILE"

((SERVICE_DIED == 0)) || exit 1
[[ -n "$MEASURED" && "$(kv lost "$MEASURED")" == 0 && "$(kv duplicates "$MEASURED")" == 0 && "$(kv non2xx "$MEASURED")" == 0 && "$(kv errors "$MEASURED")" == 0 ]] || exit 2
exit 0
