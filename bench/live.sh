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
# Then (unless BARE=0) it stops the service and runs the same clients and phases (ramp BARE_RAMP) against
# bench/bare-broadcast, a bare WebSockets Next broadcast app, for comparison.
# It writes bench/results/live-<UTC timestamp>.md and stops what it started.
# SCENARIO=chain runs bench/live-chain.mjs instead (bench/lib/live-chain.sh): CHAIN_SHAPE stores created over
# REST (default 1,000 stores, 10,000 connections), each POSTing its own events (CHAIN_RATE/s, with bursts),
# latency measured by CLIENT_PROCS Node processes that each send and receive for their own stores; no bare
# run; it writes bench/results/live-chain-<UTC timestamp>.md. DEFLATE=1 makes every client offer
# permessage-deflate as Chromium does, in both scenarios. The open-file limit is raised to the hard limit.
#
# Exit codes: 0 ran, nothing lost in the measured phase(s); 1 the service or the bare app failed
# (build/start/login/store, or died); 2 a measured phase lost or duplicated deliveries, or a POST failed;
# 64 bad usage.
# Performance targets are reported against, never asserted.
set -Eeuo pipefail
export LC_ALL=C
export PGOPTIONS='-c client_min_messages=warning'

usage() {
  cat <<'EOF2'
Usage: bench/live.sh [--build] [--help]

  --build   rebuild target/quarkus-app/quarkus-run.jar and the bare app's jar first; without it each is built
            only when missing.

Environment knobs (defaults in brackets):
  SCENARIO       one-store (CLIENTS on live-01, then the bare app)  [one-store]
                 or chain (many stores, see the chain knobs below)
  DEFLATE        1 = every client offers permessage-deflate as      [0]
                 Chromium does; the results say what was negotiated
  CLIENTS        WebSocket clients on the one store                 [1000]
  CONNECT_BATCH  concurrent upgrades while connecting               [50]
  RATE           events/s in the measured phase                     [100]
  DURATION       measured seconds                                   [30]
  WARMUP         unmeasured seconds before it (0 = none)            [30]
  RAMP           rates for the ramp, in order ("" = no ramp)        ["200 400 800 1600"]
  RAMP_DURATION  seconds per ramp rate                              [15]
  PORT           service HTTP port                                  [18091]
  DB_NAME        database, dropped and created anew                 [retail_bench_live]
  PG_URL / REDIS_HOST / REDIS_PORT / REDIS_DB (FLUSHed)             [postgresql://postgres@127.0.0.1:5432 / 127.0.0.1 / 6379 / 3]
  JAR            the service jar    [target/quarkus-app/quarkus-run.jar]
  JAVA_OPTS      extra JVM options for the service and the bare app []
  KEEP_DB        1 = keep the database and Redis data after the run [0]
  RESULTS_DIR    where the summary .md goes                         [bench/results]
  BARE           1 = then the same run against the bare broadcast   [1]
                 app bench/bare-broadcast; 0 = skip it
  BARE_RAMP      ramp rates for the bare run                        [RAMP]
  BARE_PORT      bare app HTTP port                                 [18092]

Chain scenario (SCENARIO=chain; uses CONNECT_BATCH, WARMUP, DURATION, PORT, DB_NAME, ... as above;
RATE, RAMP*, CLIENTS and BARE* do not apply, there is no bare run):
  CHAIN_SHAPE    <stores>x<screens> groups, in store order: stores  ["310x30 10x2 680x1"]
                 chain-0001.. (1,000 stores, 10,000 connections)
  CHAIN_RATE     events/s each store POSTs (single-event batches)   [1]
  BURST_EVERY    seconds between bursts (0 = none)                  [10]
  BURST_STORES   stores drawn at random for each burst              [20]
  BURST_SECONDS  length of a burst                                  [3]
  BURST_RATE     events/s of a store in a burst                     [20]
  POST_SOCKETS   keep-alive sockets per client process for the POSTs  [0 = one per store]
  CLIENT_PROCS   Node client processes; store k goes to k mod N     [2]
                 (CONNECT_BATCH is then split over them)
  CHAIN_SEED     seed of the burst draws                            [1]
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
WARMUP="${WARMUP:-30}"   # the service's ingest path needs ~30 s of JIT at 100 req/s (docs/benchmarks.md)
RAMP="${RAMP-200 400 800 1600}"
SCENARIO="${SCENARIO:-one-store}"
DEFLATE="${DEFLATE:-0}"
CHAIN_SHAPE="${CHAIN_SHAPE:-310x30 10x2 680x1}"
CHAIN_RATE="${CHAIN_RATE:-1}"
BURST_EVERY="${BURST_EVERY:-10}"
BURST_STORES="${BURST_STORES:-20}"
BURST_SECONDS="${BURST_SECONDS:-3}"
BURST_RATE="${BURST_RATE:-20}"
POST_SOCKETS="${POST_SOCKETS:-0}"
CLIENT_PROCS="${CLIENT_PROCS:-2}"
CHAIN_SEED="${CHAIN_SEED:-1}"
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
BARE="${BARE:-1}"
BARE_RAMP="${BARE_RAMP-$RAMP}"
BARE_PORT="${BARE_PORT:-18092}"
BARE_JAR="$BENCH_DIR/bare-broadcast/target/quarkus-app/quarkus-run.jar"
BARE_URL="http://127.0.0.1:$BARE_PORT"
STORE=live-01

log() { printf '[live %(%H:%M:%S)T] %s\n' -1 "$*"; }
die() { printf 'live.sh: %s\n' "$1" >&2; exit "${2:-1}"; }
# kv <key> <line>: the value of key=value in a "BENCH ..." line; fmt <n>: 1234567 -> 1,234,567
kv() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }
fmt() { awk -v n="$1" 'BEGIN {s = sprintf("%d", n); while (s ~ /[0-9]{4}/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s); print s}'; }
# shellcheck source=bench/lib/service.sh
source "$BENCH_DIR/lib/service.sh"
# shellcheck source=bench/lib/live-chain.sh
source "$BENCH_DIR/lib/live-chain.sh"

for n in CLIENTS CONNECT_BATCH RATE DURATION WARMUP RAMP_DURATION REDIS_DB BARE_PORT; do
  [[ "${!n}" =~ ^[0-9]+$ ]] || die "$n must be a whole number" 64
done
((CLIENTS >= 1 && RATE >= 1 && DURATION >= 1 && CONNECT_BATCH >= 1)) || die "CLIENTS, RATE, DURATION, CONNECT_BATCH must be >= 1" 64
for r in $RAMP $BARE_RAMP; do [[ "$r" =~ ^[0-9]+$ && "$r" -ge 1 ]] || die "RAMP and BARE_RAMP must be lists of rates, e.g. '200 400 800'" 64; done
[[ "$BARE" == 0 || "$BARE" == 1 ]] || die "BARE must be 0 or 1" 64
[[ "$DB_NAME" =~ ^[a-z_][a-z0-9_]*$ ]] || die "DB_NAME must be a plain lower-case identifier" 64
[[ "$DEFLATE" == 0 || "$DEFLATE" == 1 ]] || die "DEFLATE must be 0 or 1" 64
case "$SCENARIO" in
  one-store) ;;
  chain)
    for n in CHAIN_RATE BURST_EVERY BURST_STORES BURST_SECONDS BURST_RATE CLIENT_PROCS CHAIN_SEED POST_SOCKETS; do
      [[ "${!n}" =~ ^[0-9]+$ ]] || die "$n must be a whole number" 64
    done
    ((CHAIN_RATE >= 1 && BURST_RATE >= 1 && CLIENT_PROCS >= 1)) || die "CHAIN_RATE, BURST_RATE, CLIENT_PROCS must be >= 1" 64
    parse_chain_shape
    ((CLIENT_PROCS <= CHAIN_STORES && BURST_STORES <= CHAIN_STORES)) || die "CLIENT_PROCS and BURST_STORES must not exceed the number of stores ($CHAIN_STORES)" 64
    BARE=0   # no bare-app run in the chain scenario (it would broadcast every event to every connection)
    ;;
  *) die "SCENARIO must be one-store or chain" 64 ;;
esac

# As many open files as this machine allows (the service and the clients each hold one socket per connection).
NOFILE_HARD="$(ulimit -Hn)"
ulimit -n "$NOFILE_HARD" 2>/dev/null || true
NOFILE="$(ulimit -n)"
if [[ "$SCENARIO" == chain && "$NOFILE" != unlimited ]] && ((NOFILE < CHAIN_CONNECTIONS + 1000)); then
  log "warning: open-file limit $NOFILE is below the service's $CHAIN_CONNECTIONS sockets + 1,000"
fi

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
WORK="$(mktemp -d "/tmp/retail-bench-live-$STAMP.XXXX")"   # raw outputs: service/bare logs, client outputs
RESULT_FILE="$RESULTS_DIR/live-$STAMP.md"

# ---------------------------------------------------------------------------------------------------
# Cleanup: always stop the clients and the service or bare app we started (by PID), drop the database
# ---------------------------------------------------------------------------------------------------
CLIENTS_PID=""
# shellcheck disable=SC2317  # invoked through the trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "$CLIENTS_PID" ]]; then kill "$CLIENTS_PID" 2>/dev/null || true; fi
  stop_service
  drop_databases
  echo "Raw outputs (service/bare logs, client outputs): $WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "live.sh: command failed (line $LINENO): $BASH_COMMAND" >&2' ERR
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM

# ---------------------------------------------------------------------------------------------------
# 1. Tools, the ws package (npm ci into bench/node_modules when missing), the jars
# ---------------------------------------------------------------------------------------------------
for tool in curl psql redis-cli java node npm; do command -v "$tool" >/dev/null || die "$tool not found"; done
if [[ ! -f "$BENCH_DIR/node_modules/ws/package.json" ]]; then
  log "installing the ws package (npm ci --prefix bench)"
  npm ci --prefix "$BENCH_DIR" --no-audit --no-fund >"$WORK/npm.log" 2>&1 || die "npm ci failed; see $WORK/npm.log"
fi
ensure_jar
if ((BARE)) && [[ "$BUILD" == 1 || ! -f "$BARE_JAR" ]]; then
  log "building the bare broadcast app (./mvnw -B -q -f bench/bare-broadcast/pom.xml package)"
  "$ROOT/mvnw" -B -q -f "$BENCH_DIR/bare-broadcast/pom.xml" package || die "bare broadcast build failed"
fi

# ---------------------------------------------------------------------------------------------------
# 2. Fresh database and Redis database; nothing else may hold the ports
# ---------------------------------------------------------------------------------------------------
if ((BARE)) && (exec 3<>"/dev/tcp/127.0.0.1/$BARE_PORT") 2>/dev/null; then
  die "something already listens on 127.0.0.1:$BARE_PORT; stop it or set BARE_PORT"
fi
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
[[ "$SCENARIO" != chain ]] || chain_scenario   # bench/lib/live-chain.sh: runs, reports and exits
create_store "$STORE" "Live 01" 100000

# ---------------------------------------------------------------------------------------------------
# 5. The clients: connect, warm-up, measured phase, ramp (all inside one bounded Node process)
# ---------------------------------------------------------------------------------------------------
# run_clients <output file> <ramp> <extra live-clients.mjs arguments...>: runs the clients against the
# process in SERVICE_PID, bounded in time; sets CLIENTS_RC.
run_clients() {
  local out="$1" ramp="$2"; shift 2
  node "$BENCH_DIR/live-clients.mjs" "$@" \
    --clients "$CLIENTS" --batch-size "$CONNECT_BATCH" --rate "$RATE" --duration "$DURATION" --warmup "$WARMUP" \
    --ramp "$ramp" --ramp-duration "$RAMP_DURATION" --ramp-p99-ms 100 \
    --service-pid "$SERVICE_PID" --clk-tck "$(getconf CLK_TCK)" --prefix "l$(date +%s)" --deflate "$DEFLATE" \
    > >(tee "$out") 2>&1 &
  CLIENTS_PID=$!
  # Bound: connecting + every phase + drains, with slack; the Node process bounds itself too.
  local budget=$((180 + WARMUP + DURATION + 40 + $(wc -w <<<"$ramp") * (RAMP_DURATION + 40)))
  for _ in $(seq 1 "$budget"); do kill -0 "$CLIENTS_PID" 2>/dev/null || break; sleep 1; done
  if kill -0 "$CLIENTS_PID" 2>/dev/null; then log "clients still running after $budget s; stopping them"; kill "$CLIENTS_PID" || true; fi
  CLIENTS_RC=0; wait "$CLIENTS_PID" || CLIENTS_RC=$?
  CLIENTS_PID=""
  sleep 0.5   # let tee flush
}

log "clients: $CLIENTS on $STORE, $RATE events/s for ${WARMUP}+${DURATION} s, ramp '${RAMP}' x ${RAMP_DURATION} s"
run_clients "$WORK/clients.txt" "$RAMP" --url "$BASE_URL" --token "$TOKEN" --store "$STORE"
clients_rc=$CLIENTS_RC

SERVICE_DIED=0; service_alive || SERVICE_DIED=1
RSS_IDLE_MB="n/a"
if ((SERVICE_DIED == 0)); then sleep 3; RSS_IDLE_MB="$(awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$SERVICE_PID/status")"; fi
log "stopping the service"
stop_service

# ---------------------------------------------------------------------------------------------------
# 5b. The same clients against the bare broadcast app (bench/bare-broadcast). It runs in the service's
#     place (SERVICE_PID, SERVICE_LOG), so that stop_service and the exit trap stop it too. If it cannot
#     start, the service's results are still written (exit code 1).
# ---------------------------------------------------------------------------------------------------
# Starts it and waits, at most ~60 s, until POST /bare/events answers; on failure sets BARE_FAILED, returns 1.
start_bare() {
  if (exec 3<>"/dev/tcp/127.0.0.1/$BARE_PORT") 2>/dev/null; then BARE_FAILED="something listens on 127.0.0.1:$BARE_PORT"; return 1; fi
  SERVICE_LOG="$WORK/bare.log"
  log "starting the bare broadcast app on port $BARE_PORT (log: $SERVICE_LOG)"
  # shellcheck disable=SC2086  # JAVA_OPTS is a list of words
  java $JAVA_OPTS -Dquarkus.http.port="$BARE_PORT" -jar "$BARE_JAR" >"$SERVICE_LOG" 2>&1 &
  SERVICE_PID=$!
  for _ in $(seq 1 120); do
    service_alive || { BARE_FAILED="the bare broadcast app exited during start-up (log: $SERVICE_LOG)"; return 1; }
    if curl -fs -o /dev/null -X POST -H 'Content-Type: application/json' -d '[]' "$BARE_URL/bare/events"; then return 0; fi
    sleep 0.5
  done
  BARE_FAILED="the bare broadcast app was not ready after 60 s (log: $SERVICE_LOG)"; return 1
}

BARE_DIED=0
BARE_FAILED=""
bare_rc=""
if ((BARE)); then
  if start_bare; then
    log "bare broadcast app ready (pid $SERVICE_PID); clients: $CLIENTS on /bare, same phases, ramp '${BARE_RAMP}'"
    run_clients "$WORK/bare-clients.txt" "$BARE_RAMP" --url "$BARE_URL" --target bare
    bare_rc=$CLIENTS_RC
    service_alive || BARE_DIED=1
  else
    log "$BARE_FAILED"
    tail -n 20 "$SERVICE_LOG" 2>/dev/null || true
  fi
  log "stopping the bare broadcast app"
  stop_service
fi

# ---------------------------------------------------------------------------------------------------
# 6. Summary: markdown file + stdout
# ---------------------------------------------------------------------------------------------------
row() {
  local l="$1"
  echo "| $(kv phase "$l") | $(kv rate "$l") | $(kv achieved_rate "$l") | $(kv clients_open "$l") → $(kv clients_open_end "$l") | $(fmt "$(kv sent "$l")") | $(fmt "$(kv expected "$l")") | $(fmt "$(kv received "$l")") | $(kv lost "$l") | $(kv duplicates "$l") | $(fmt "$(kv deliveries_per_s "$l")") | $(kv p50_ms "$l") | $(kv p99_ms "$l") | $(kv max_ms "$l") | $(kv cpu_service "$l") / $(kv cpu_postgres "$l") / $(kv cpu_redis "$l") / $(kv cpu_clients "$l") / $(kv cpu_machine "$l") | $(kv loop_p99_ms "$l") / $(kv loop_max_ms "$l") | $(kv rss_max_mib "$l") | $(kv non2xx "$l")/$(kv errors "$l")/$(kv skipped "$l") |"
}
# A phase held when nothing was lost, skipped or failed and p99 <= 100 ms.
held() {
  [[ "$(kv lost "$1")" == 0 && "$(kv skipped "$1")" == 0 && "$(kv non2xx "$1")" == 0 && "$(kv errors "$1")" == 0 ]] \
    && awk -v p="$(kv p99_ms "$1")" 'BEGIN {exit !(p + 0 <= 100 && p != "NaN")}'
}
# Nothing lost, duplicated or failed in a measured-phase line.
measured_ok() {
  [[ -n "$1" && "$(kv lost "$1")" == 0 && "$(kv duplicates "$1")" == 0 && "$(kv non2xx "$1")" == 0 && "$(kv errors "$1")" == 0 ]]
}
connect_text() {
  local l; l="$(grep '^BENCH phase=connect ' "$1" | tail -n 1 || true)"
  echo "$(kv connected "$l")/$(kv clients "$l") connected in $(kv connect_s "$l") s (batches of $CONNECT_BATCH), snapshots $(kv snapshots "$l"), connect failures $(kv failures "$l")"
}
# deflate_text <client output>: what the clients offered and on how many connections the server accepted it.
deflate_text() {
  local l h; l="$(grep '^BENCH phase=connect ' "$1" | tail -n 1 || true)"
  h="$(sed -n 's/^BENCH_DEFLATE_HEADERS //p' "$1" | tail -n 1)"
  echo "deflate offered: $(kv deflate_offered "$l"); negotiated on $(kv deflate_negotiated "$l") of $(kv connected "$l") connections (headers: ${h:-n/a})"
}
# judge <client output>: sets PHASES (its phase lines), MEASURED (the measured one), BEST (the highest rate held:
# measured phase, then the ramp in order, up to the first that did not hold), BEST_DPS (deliveries/s there),
# HELD_ALL (1 = every judged phase held) and MAX_DPS (highest deliveries/s of any judged phase).
judge() {
  local line dps
  MEASURED="$(grep '^BENCH phase=measured ' "$1" | tail -n 1 || true)"
  mapfile -t PHASES < <(grep -E '^BENCH phase=(warmup|measured|ramp-)' "$1" || true)
  BEST=""; BEST_DPS=""; HELD_ALL=1; MAX_DPS=""
  for line in "${PHASES[@]}"; do
    [[ "$(kv phase "$line")" != warmup ]] || continue   # the warm-up is shown, not judged
    dps="$(kv deliveries_per_s "$line")"; [[ "$dps" =~ ^[0-9]+$ ]] || dps=0
    if [[ -z "$MAX_DPS" ]] || ((dps > MAX_DPS)); then MAX_DPS="$dps"; fi
    if ((HELD_ALL)) && held "$line"; then BEST="$(kv rate "$line")"; BEST_DPS="$dps"; else HELD_ALL=0; fi
  done
  [[ -n "$BEST" ]] || HELD_ALL=0
}
# section <client output>: the phase table of one run and the notes below it (after judge on the same output).
section() {
  echo "| Phase | Rate /s | Achieved /s | Clients open start → end | Events sent | Expected deliveries | Received | Lost | Duplicates | Delivered msg/s | p50 ms | p99 ms | max ms | CPU % service / PostgreSQL / Redis / clients / machine | Client event-loop lag p99 / max ms | Service RSS max MiB | POST non-2xx / errors / skipped |"
  echo "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |"
  for line in "${PHASES[@]}"; do row "$line"; done
  echo
  echo "- Closes seen by the clients (code:count, whole run): $(kv closes "${PHASES[-1]:-}")"
  for line in "${PHASES[@]}"; do
    [[ "$(kv short_events "$line")" == 0 ]] || echo "- $(kv phase "$line"): $(kv short_events "$line") accepted events did not reach every client (seq:clients reached, first 20): $(kv short_seqs "$line")"
  done
  echo "- Deliveries that arrived after their phase had been closed (10 s drain; they count as lost in that phase): $(kv late_total "${PHASES[-1]:-}")"
  echo "- Highest rate with p99 ≤ 100 ms and nothing lost (measured phase, then ramp in order): $([[ -n $BEST ]] && echo "$BEST events/s ($(fmt "$BEST_DPS") deliveries/s)" || echo 'none of the rates tried')$( ((HELD_ALL)) && echo ' — every rate tried held, so the limit lies higher')"
  echo "- Max delivered msg/s in a judged phase: $([[ -n $MAX_DPS ]] && fmt "$MAX_DPS" || echo 'n/a')"
  grep '^BENCH_LAST_BAD ' "$1" | sed 's/^BENCH_LAST_BAD /- Last failed POST: /' || true
}

judge "$WORK/clients.txt"
SVC_MEASURED="$MEASURED"; SVC_BEST="$BEST"; SVC_BEST_DPS="$BEST_DPS"; SVC_HELD_ALL="$HELD_ALL"; SVC_MAX_DPS="$MAX_DPS"
mkdir -p "$RESULTS_DIR"
{
  echo "# Live feed fan-out benchmark, $STAMP"
  echo
  extra=""; [[ "$JAR" == "$DEFAULT_JAR" ]] || extra+=" JAR=$JAR"; [[ -z "$JAVA_OPTS" ]] || extra+=" JAVA_OPTS='$JAVA_OPTS'"
  ((DEFLATE == 0)) || extra+=" DEFLATE=1"
  if ((BARE == 0)); then extra+=" BARE=0"; elif [[ "$BARE_RAMP" != "$RAMP" ]]; then extra+=" BARE_RAMP='$BARE_RAMP'"; fi
  echo "- Command: \`CLIENTS=$CLIENTS RATE=$RATE DURATION=$DURATION WARMUP=$WARMUP RAMP='$RAMP' RAMP_DURATION=$RAMP_DURATION$extra bench/live.sh$([[ $BUILD == 1 ]] && echo ' --build')\`"
  bare_code=""
  if ((BARE)); then
    bare_code="; bare = \`${BARE_JAR#"$ROOT"/}\`"
    [[ -z "$(git -C "$ROOT" status --porcelain -- bench/bare-broadcast 2>/dev/null)" ]] || bare_code+=" (bench/bare-broadcast has uncommitted changes)"
  fi
  echo "- Code: $GIT_REV; service = \`${JAR#"$ROOT"/}\` with RETAIL_LIVE_MAX_CONNECTIONS_PER_PRINCIPAL=100000$bare_code"
  echo "- Machine: $NPROC CPUs ($CPU_MODEL), $MEM_TOTAL RAM, load average at start $LOAD_AT_START"
  echo "- Software: $JAVA_VERSION; Node $NODE_VERSION with ws $WS_VERSION (permessage-deflate $( ((DEFLATE)) && echo 'offered, as Chromium does' || echo off))"
  echo "- Clients, service: $(connect_text "$WORK/clients.txt")"
  if ((BARE)) && [[ -z "$BARE_FAILED" ]]; then echo "- Clients, bare broadcast: $(connect_text "$WORK/bare-clients.txt")"; fi
  echo "- Deflate, service: $(deflate_text "$WORK/clients.txt")"
  if ((BARE)) && [[ -z "$BARE_FAILED" ]]; then echo "- Deflate, bare broadcast: $(deflate_text "$WORK/bare-clients.txt")"; fi
  echo
  echo "## Service feed (\`/ws/traffic/realtime\`, ingest through \`POST /api/v1/traffic/events\`)"
  echo
  section "$WORK/clients.txt"
  echo "- Service: $([[ $SERVICE_DIED == 1 ]] && echo 'DIED during the run' || echo 'stayed up for the whole run'); RSS $RSS_IDLE_MB MiB 3 s after the clients left. Client exit code $clients_rc."
  if ((BARE)); then
    echo
    echo "## Bare broadcast (\`bench/bare-broadcast\`: \`/bare\`, \`POST /bare/events\`; the \"service\" columns are the bare app)"
    echo
    if [[ -n "$BARE_FAILED" ]]; then
      echo "- Not measured: $BARE_FAILED."
      PHASES=(); BEST=""; BEST_DPS=""; HELD_ALL=0; MAX_DPS=""; MEASURED=""
    else
      judge "$WORK/bare-clients.txt"
      section "$WORK/bare-clients.txt"
      echo "- Bare app: $([[ $BARE_DIED == 1 ]] && echo 'DIED during the run' || echo 'stayed up for the whole run'). Client exit code $bare_rc."
    fi
  fi
  echo
  echo "## Comparison and notes"
  echo
  if ((BARE)); then
    ratio="$(awk -v s="$SVC_BEST_DPS" -v b="$BEST_DPS" 'BEGIN {if (s == "" || b + 0 == 0) print "n/a"; else printf "%.2f (%.0f %%)", s / b, 100 * s / b}')"
    caveat=""   # a side that held every rate tried has its limit higher up: the ratio is then only a bound
    if [[ "$ratio" == n/a ]]; then :
    elif ((SVC_HELD_ALL && HELD_ALL)); then caveat="; both held every rate tried, so this is no ratio of limits (raise RAMP / BARE_RAMP)"
    elif ((HELD_ALL)); then caveat="; the bare broadcast held every rate tried, so this ratio is an upper bound"
    elif ((SVC_HELD_ALL)); then caveat="; the service held every rate tried, so this ratio is a lower bound"; fi
    echo "- service / bare deliveries/s at the highest rate each held (p99 ≤ 100 ms, nothing lost): $([[ -n $SVC_BEST ]] && echo "$(fmt "$SVC_BEST_DPS") (at $SVC_BEST events/s)" || echo none) / $([[ -n $BEST ]] && echo "$(fmt "$BEST_DPS") (at $BEST events/s)" || echo none) = $ratio$caveat"
    echo "- Max delivered msg/s reached: service $([[ -n $SVC_MAX_DPS ]] && fmt "$SVC_MAX_DPS" || echo n/a), bare $([[ -n $MAX_DPS ]] && fmt "$MAX_DPS" || echo n/a)"
  fi
  echo "- Targets (reported, not asserted): $CLIENTS clients on one store at 100 events/s with p99 ingest→client ≤ 50 ms and nothing lost; then the highest rate with p99 ≤ 100 ms; ≥ 70 % of a bare WebSockets Next broadcast ($( ((BARE)) && echo 'the ratio above' || echo 'not measured: BARE=0'))."
  echo "- Latency = client receive time − POST send time of that event (one Node process, one clock), over every delivery; so it includes the ingest request. Delivered msg/s = deliveries received ÷ (first send → last delivery)."
  echo "- CPU % is of one core over the phase incl. its drain (machine = all processes, max $((NPROC * 100))); \"clients\" is the one Node process that sends and receives; its event-loop lag is delay it adds to every latency sample itself (it shares the $NPROC cores with the service)."
} >"$RESULT_FILE"
echo; cat "$RESULT_FILE"; echo; echo "Written to $RESULT_FILE"

((SERVICE_DIED == 0 && BARE_DIED == 0)) && [[ -z "$BARE_FAILED" ]] || exit 1
measured_ok "$SVC_MEASURED" || exit 2
((BARE == 0)) || measured_ok "$MEASURED" || exit 2
exit 0
