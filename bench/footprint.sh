#!/usr/bin/env bash
# The JVM footprint that k8s/ sizes its requests and limits from (docs/benchmarks.md, "Footprint").
#
#   bench/footprint.sh
#
# With the JVM options of k8s/overlays/jvm (heap at 50 % of the 768 MiB limit: -Xmx384m, as MaxRAMPercentage=50
# gives inside the container), on a fresh database:
#   1. start-up: wall time from launching the jar to /q/health/ready answering UP, and the log's "started in";
#   2. idle RSS: VmRSS 30 s after ready, nothing sent;
#   3. RSS under ingest: bench/ingest.sh's steady closed-loop scenarios (traffic-100, sales-100) and its overload
#      scenario, each reporting the largest RSS it sampled.
# Prints a summary; numbers are measured, never asserted. Knobs: JAVA_OPTS [-Xmx384m -XX:+ExitOnOutOfMemoryError],
# RUNS (start-up/idle repetitions) [3], DURATION (per ingest scenario) [30s], PORT [18095].
set -Eeuo pipefail
export LC_ALL=C
export PGOPTIONS='-c client_min_messages=warning'

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEFAULT_JAR="$ROOT/target/quarkus-app/quarkus-run.jar"
JAR="${JAR:-$DEFAULT_JAR}"
BUILD=0
JAVA_OPTS="${JAVA_OPTS:--Xmx384m -XX:+ExitOnOutOfMemoryError}"
RUNS="${RUNS:-3}"
DURATION="${DURATION:-30s}"
PORT="${PORT:-18095}"
BASE_URL="http://127.0.0.1:$PORT"
PG_URL="${PG_URL:-postgresql://postgres@127.0.0.1:5432}"
DB_NAME="${DB_NAME:-retail_footprint}"
REDIS_HOST="${REDIS_HOST:-127.0.0.1}"
REDIS_PORT="${REDIS_PORT:-6379}"
REDIS_DB="${REDIS_DB:-4}"
KEEP_DB=0
WORK="$(mktemp -d /tmp/retail-footprint.XXXX)"

log() { printf '[footprint %(%H:%M:%S)T] %s\n' -1 "$*"; }
die() { printf 'footprint.sh: %s\n' "$1" >&2; exit "${2:-1}"; }
# shellcheck source=bench/lib/service.sh
source "$ROOT/bench/lib/service.sh"
trap 'stop_service; drop_databases' EXIT

ensure_jar
rss_mib() { awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$SERVICE_PID/status"; }

STARTS=()
for run in $(seq 1 "$RUNS"); do
  recreate_databases
  t0=$EPOCHREALTIME
  start_service   # returns once /q/health/ready answers 200
  t1=$EPOCHREALTIME
  started="$(grep -o 'started in [0-9.]*s' "$SERVICE_LOG" | head -1 || true)"
  sleep 30
  idle="$(rss_mib)"
  STARTS+=("| $run | $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}') s | ${started:-?} | $idle MiB |")
  stop_service
  drop_databases
done

log "ingest under the same JVM options (bench/ingest.sh)"
RESULTS="$WORK/ingest"
mkdir -p "$RESULTS"
JAVA_OPTS="$JAVA_OPTS" DURATION="$DURATION" SCENARIOS="traffic-100 sales-100 overload-traffic-100" \
  RESULTS_DIR="$RESULTS" "$ROOT/bench/ingest.sh" || log "bench/ingest.sh exited $? (see its output above)"

echo
echo "JVM options: $JAVA_OPTS; $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| run | launch → ready | log | idle RSS after 30 s |"
echo "| --- | --- | --- | --- |"
printf '%s\n' "${STARTS[@]}"
echo
echo "Ingest (the last column is the largest RSS sampled in each scenario):"
grep -h '^| ' "$RESULTS"/*.md 2>/dev/null | head -8 || echo "(no ingest results)"
