# shellcheck shell=bash
# The chain scenario of bench/live.sh (SCENARIO=chain; see docs/benchmarks.md, "Live feeds"). Sourced by
# bench/live.sh after the service is up and TOKEN is set; uses its variables (CHAIN_*, BURST_*, CLIENT_PROCS,
# WORK, ...) and helpers (log, kv, fmt, service_alive, stop_service). chain_scenario runs it, writes
# bench/results/live-chain-<stamp>.md and exits with live.sh's exit codes.

# CHAIN_SHAPE "310x30 10x2 680x1" -> CHAIN_STORES, CHAIN_CONNECTIONS (or exit 64).
parse_chain_shape() {
  local part stores=0 conns=0
  for part in $CHAIN_SHAPE; do
    if ! [[ "$part" =~ ^([0-9]+)x([0-9]+)$ ]] || ((BASH_REMATCH[1] < 1 || BASH_REMATCH[2] < 1)); then
      die "CHAIN_SHAPE must be groups of <stores>x<screens>, e.g. '310x30 10x2 680x1'" 64
    fi
    stores=$((stores + BASH_REMATCH[1])); conns=$((conns + BASH_REMATCH[1] * BASH_REMATCH[2]))
  done
  ((stores >= 1)) || die "CHAIN_SHAPE is empty" 64
  CHAIN_STORES=$stores; CHAIN_CONNECTIONS=$conns
}

# Creates chain-0001 .. chain-<CHAIN_STORES> over REST (POST /api/v1/stores), 8 at a time in one curl
# (--parallel); every answer must be 201. Sets STORES_CREATE_S.
create_chain_stores() {
  local cfg="$WORK/chain-stores.curl" out="$WORK/chain-stores" k id t0
  mkdir -p "$out"
  for ((k = 1; k <= CHAIN_STORES; k++)); do
    printf -v id 'chain-%04d' "$k"
    ((k == 1)) || echo next   # separates the transfers
    printf 'url = "%s/api/v1/stores"\nheader = "Authorization: Bearer %s"\nheader = "Content-Type: application/json"\n' "$BASE_URL" "$TOKEN"
    printf 'data = "{\\"id\\":\\"%s\\",\\"name\\":\\"Chain %s\\",\\"timezone\\":\\"Europe/Lisbon\\",\\"capacity\\":100000,\\"currency\\":\\"EUR\\"}"\n' "$id" "${id#chain-}"
    printf 'output = "%s/%s.json"\nwrite-out = "%%{http_code} %s\\n"\n' "$out" "$id" "$id"
  done >"$cfg"
  t0=$EPOCHREALTIME
  curl -sS --no-progress-meter --parallel --parallel-max 8 -K "$cfg" >"$WORK/chain-stores.codes" 2>"$WORK/chain-stores.err" || true
  STORES_CREATE_S="$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.1f", b - a}')"
  local created; created="$(grep -c '^201 ' "$WORK/chain-stores.codes" || true)"
  if ((created != CHAIN_STORES)); then
    local bad; bad="$(grep -v '^201 ' "$WORK/chain-stores.codes" | head -n 1 || true)"
    service_failed "created $created of $CHAIN_STORES chain stores; first other answer: ${bad:-none} $(head -c 300 "$out/${bad#* }.json" 2>/dev/null || true) $(head -c 300 "$WORK/chain-stores.err" || true)"
  fi
  log "created $CHAIN_STORES stores over REST in $STORES_CREATE_S s"
}

# Runs bench/live-chain.mjs (coordinator + CLIENT_PROCS workers) bounded in time; sets CLIENTS_RC.
run_chain_clients() {
  local out="$1"
  node "$BENCH_DIR/live-chain.mjs" --url "$BASE_URL" --token "$TOKEN" --shape "$CHAIN_SHAPE" --procs "$CLIENT_PROCS" \
    --batch-size "$CONNECT_BATCH" --store-rate "$CHAIN_RATE" --burst-every "$BURST_EVERY" --burst-stores "$BURST_STORES" \
    --burst-seconds "$BURST_SECONDS" --burst-rate "$BURST_RATE" --post-sockets "$POST_SOCKETS" --warmup "$WARMUP" --duration "$DURATION" \
    --deflate "$DEFLATE" --service-pid "$SERVICE_PID" --clk-tck "$(getconf CLK_TCK)" --prefix "c$(date +%s)" \
    --work-dir "$WORK" --seed "$CHAIN_SEED" \
    > >(tee "$out") 2>&1 &
  CLIENTS_PID=$!
  # Bound: connecting (up to 120 s of snapshot wait) + both phases with their drains, with slack.
  local budget=$((300 + CHAIN_CONNECTIONS / 50 + WARMUP + DURATION + 2 * 90))
  for _ in $(seq 1 "$budget"); do kill -0 "$CLIENTS_PID" 2>/dev/null || break; sleep 1; done
  if kill -0 "$CLIENTS_PID" 2>/dev/null; then log "clients still running after $budget s; stopping them"; kill "$CLIENTS_PID" || true; fi
  CLIENTS_RC=0; wait "$CLIENTS_PID" || CLIENTS_RC=$?
  CLIENTS_PID=""
  sleep 0.5   # let tee flush
}

chain_row() {
  local l="$1"
  echo "| $(kv phase "$l") | $(kv seconds "$l") | $(fmt "$(kv clients_open "$l")") → $(fmt "$(kv clients_open_end "$l")") | $(fmt "$(kv due "$l")") / $(fmt "$(kv sent "$l")") / $(fmt "$(kv accepted "$l")") | $(kv achieved_rate "$l") | $(fmt "$(kv expected "$l")") | $(fmt "$(kv received "$l")") | $(kv lost "$l") ($(kv lost_connections "$l") conn.) | $(kv duplicates "$l") / $(kv foreign "$l") | $(fmt "$(kv deliveries_per_s "$l")") | $(kv p50_ms "$l") | $(kv p99_ms "$l") | $(kv max_ms "$l") | $(kv cpu_service "$l") / $(kv cpu_postgres "$l") / $(kv cpu_redis "$l") / $(kv cpu_clients "$l") ($(kv cpu_clients_split "$l")) / $(kv cpu_machine "$l") | $(kv loop_p99_ms "$l") / $(kv loop_max_ms "$l") | $(kv rss_max_mib "$l") / $(kv rss_end_mib "$l") | $(kv non2xx "$l")/$(kv errors "$l")/$(kv skipped "$l") |"
}

chain_ok() {
  [[ -n "$1" && "$(kv lost "$1")" == 0 && "$(kv duplicates "$1")" == 0 && "$(kv foreign "$1")" == 0 \
    && "$(kv non2xx "$1")" == 0 && "$(kv errors "$1")" == 0 ]]
}

chain_scenario() {
  RESULT_FILE="$RESULTS_DIR/live-chain-$STAMP.md"
  create_chain_stores
  local rss_before; rss_before="$(awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$SERVICE_PID/status")"
  log "chain: $CHAIN_STORES stores, $CHAIN_CONNECTIONS connections ('$CHAIN_SHAPE'), $CLIENT_PROCS client processes, $CHAIN_RATE event/s per store, bursts every $BURST_EVERY s: $BURST_STORES stores x $BURST_RATE/s for $BURST_SECONDS s; ${WARMUP}+${DURATION} s; deflate $( ((DEFLATE)) && echo offered || echo off)"
  run_chain_clients "$WORK/chain-clients.txt"
  local clients_rc=$CLIENTS_RC service_died=0 rss_idle="n/a"
  service_alive || service_died=1
  if ((service_died == 0)); then sleep 3; rss_idle="$(awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$SERVICE_PID/status")"; fi
  log "stopping the service"
  stop_service

  local out="$WORK/chain-clients.txt" cl measured phases
  cl="$(grep '^BENCH phase=connect ' "$out" | tail -n 1 || true)"
  measured="$(grep '^BENCH phase=measured ' "$out" | tail -n 1 || true)"
  mapfile -t phases < <(grep -E '^BENCH phase=(warmup|measured) ' "$out" || true)
  local headers; headers="$(sed -n 's/^BENCH_DEFLATE_HEADERS //p' "$out" | tail -n 1)"
  local offered; offered="$( ((DEFLATE)) && echo yes || echo no)"
  mkdir -p "$RESULTS_DIR"
  {
    echo "# Live feed chain benchmark, $STAMP"
    echo
    local extra=""; [[ "$JAR" == "$DEFAULT_JAR" ]] || extra+=" JAR=$JAR"; [[ -z "$JAVA_OPTS" ]] || extra+=" JAVA_OPTS='$JAVA_OPTS'"
    echo "- Command: \`SCENARIO=chain DEFLATE=$DEFLATE CHAIN_SHAPE='$CHAIN_SHAPE' CHAIN_RATE=$CHAIN_RATE BURST_EVERY=$BURST_EVERY BURST_STORES=$BURST_STORES BURST_SECONDS=$BURST_SECONDS BURST_RATE=$BURST_RATE POST_SOCKETS=$POST_SOCKETS CLIENT_PROCS=$CLIENT_PROCS CONNECT_BATCH=$CONNECT_BATCH WARMUP=$WARMUP DURATION=$DURATION$extra bench/live.sh$([[ $BUILD == 1 ]] && echo ' --build')\`"
    echo "- Code: $GIT_REV; service = \`${JAR#"$ROOT"/}\` with RETAIL_LIVE_MAX_CONNECTIONS_PER_PRINCIPAL=100000 (one admin token for every connection)"
    echo "- Machine: $NPROC CPUs ($CPU_MODEL), $MEM_TOTAL RAM, load average at start $LOAD_AT_START; open-file limit (ulimit -n) $NOFILE for the service and each client process (hard limit $NOFILE_HARD)"
    echo "- Software: $JAVA_VERSION; Node $NODE_VERSION with ws $WS_VERSION"
    echo "- Shape: $(fmt "$CHAIN_STORES") stores (chain-0001 …, created over REST in $STORES_CREATE_S s), $(fmt "$CHAIN_CONNECTIONS") WebSocket connections (\`$CHAIN_SHAPE\`: stores × screens, in store order), each on \`/ws/traffic/realtime?storeId=<its store>\`"
    echo "- Load: every store POSTs its own single-event batches, $CHAIN_RATE event/s (timestamp = now; store k offset by (k−1)/$CHAIN_STORES s, so $(fmt $((CHAIN_STORES * CHAIN_RATE))) POST/s in total, smooth); every $BURST_EVERY s from each phase's second 0, $BURST_STORES stores drawn at random (seed $CHAIN_SEED) send $BURST_RATE events/s for $BURST_SECONDS s instead"
    echo "- Clients: $CLIENT_PROCS Node processes (store k in process k mod $CLIENT_PROCS: it POSTs that store's events and holds all its screens, so each latency is taken on one clock); each writes its raw latency samples as Float64 and the coordinator merges them, so p50/p99/max are exact over every delivery"
    echo "- Connect: $(fmt "$(kv connected "$cl")")/$(fmt "$(kv clients "$cl")") connected in $(kv connect_s "$cl") s ($CONNECT_BATCH concurrent upgrades in all, split over the $CLIENT_PROCS processes; connected/planned per process $(kv per_proc "$cl")), snapshots $(fmt "$(kv snapshots "$cl")") after $(kv snapshots_s "$cl") s, connect failures $(kv failures "$cl")"
    echo "- Deflate, service: deflate offered: $offered; negotiated on $(fmt "$(kv deflate_negotiated "$cl")") of $(fmt "$(kv connected "$cl")") connections (headers: ${headers:-n/a})"
    echo
    echo "| Phase | s | Connections open start → end | POSTs due / sent / accepted | Achieved POST/s | Expected deliveries | Received | Lost (connections short) | Duplicates / other store's | Delivered msg/s | p50 ms | p99 ms | max ms | CPU % service / PostgreSQL / Redis / clients (per process + coordinator) / machine | Client event-loop lag p99 / max ms (worst process) | Service RSS max / end MiB | POST non-2xx / errors / skipped |"
    echo "| --- | ---: | --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |"
    local line; for line in "${phases[@]}"; do chain_row "$line"; done
    echo
    echo "- Warm-up shown, not judged. Expected deliveries = per connection open at the phase start, every accepted event of its store; lost = expected − received, per connection (a per-connection bitmap also counts duplicates); \"other store's\" = events of another store delivered to a screen (must be 0)."
    echo "- Bursts: $(for line in "${phases[@]}"; do printf '%s at s %s; ' "$(kv phase "$line")" "$(kv burst_starts "$line")"; done)POSTs beyond 256 in flight per process are skipped (counted)."
    echo "- Closes seen by the clients (code:count, whole run): $(kv closes "${phases[-1]:-}")"
    for line in "${phases[@]}"; do
      [[ "$(kv short_events "$line")" == 0 ]] || echo "- $(kv phase "$line"): $(kv short_events "$line") accepted events did not reach every screen of their store (store.seq:screens reached/open, first 20): $(kv short_seqs "$line")"
    done
    echo "- Deliveries that arrived after their phase had been closed (10 s drain; they count as lost there): $(kv late_total "${phases[-1]:-}")"
    echo "- Service RSS: $rss_before MiB after the stores were created (before any connection); max / end of each phase in the table (end = after the drain, connections still open); $rss_idle MiB 3 s after the clients left. Service $([[ $service_died == 1 ]] && echo 'DIED during the run' || echo 'stayed up for the whole run'). Client exit code $clients_rc."
    echo "- Client event-loop lag per process (p99 ms, measured phase): $(kv loop_p99_split "$measured"); it adds to every latency sample of that process."
    for line in "${phases[@]}"; do
      echo "- $(kv phase "$line"): accepted POSTs took p50 $(kv post_p50_ms "$line") / p99 $(kv post_p99_ms "$line") ms from send to answer (incl. any wait for a free keep-alive socket: POST_SOCKETS=$POST_SOCKETS per process, 0 = one per store); delivery latency starts at the same send time."
    done
    grep '^BENCH_LAST_BAD ' "$out" | sed 's/^BENCH_LAST_BAD /- Last failed POST: /' || true
    grep '^BENCH_ABORT ' "$out" | sed 's/^BENCH_ABORT /- Clients aborted: /' || true
    echo "- No bare-broadcast run in this scenario: the bare app sends every event to every connection (all $(fmt "$CHAIN_CONNECTIONS"), not the screens of its store), which is not the same work."
    local p99 lost open conns skipped
    p99="$(kv p99_ms "$measured")"; lost="$(kv lost "$measured")"; open="$(kv clients_open "$measured")"; conns="$CHAIN_CONNECTIONS"
    skipped="$(kv skipped "$measured")"
    echo "- Targets (reported, not asserted): all connections open, p99 ingest→client ≤ 50 ms, nothing lost, RSS recorded — this run: $(fmt "${open:-0}") of $(fmt "$conns") open at the measured phase's start ($([[ "$open" == "$conns" ]] && echo met || echo missed)); p99 ${p99:-n/a} ms ($(awk -v p="$p99" 'BEGIN {print (p != "" && p != "NaN" && p + 0 <= 50) ? "met" : "missed"}')); lost ${lost:-n/a} of the accepted events' deliveries ($([[ "$lost" == 0 ]] && echo met || echo missed)); RSS max $(kv rss_max_mib "$measured") MiB.$([[ -n "$skipped" && "$skipped" != 0 ]] && echo " The offered load was not sustained: $(fmt "$skipped") of $(fmt "$(kv due "$measured")") due POSTs were skipped (256 in flight per process), so these figures are for $(kv achieved_rate "$measured") POST/s, not $(fmt $((CHAIN_STORES * CHAIN_RATE)))+.")"
    echo "- Latency = client receive time − POST send time of that event (same process), so it includes the ingest request (HTTP, PostgreSQL commit, Redis, publish). CPU % is of one core over the phase incl. its drain (machine = all processes, max $((NPROC * 100))); the client processes share the $NPROC cores with the service."
  } >"$RESULT_FILE"
  echo; cat "$RESULT_FILE"; echo; echo "Written to $RESULT_FILE"

  ((service_died == 0)) || exit 1
  chain_ok "$measured" || exit 2
  exit 0
}
