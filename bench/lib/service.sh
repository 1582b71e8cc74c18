# shellcheck shell=bash
# Shared by the benchmarks (bench/ingest.sh, bench/live.sh): the packaged service on a fresh database,
# started and stopped by PID only. Sourced, not run. The caller defines log() and die() and sets ROOT,
# BUILD, JAR, DEFAULT_JAR, PORT, BASE_URL, PG_URL, DB_NAME, REDIS_HOST, REDIS_PORT, REDIS_DB, JAVA_OPTS,
# KEEP_DB and WORK.

SERVICE_PID=""
SERVICE_LOG=""   # the log of the process in SERVICE_PID (bench/live.sh also runs its bare app in that place)
DB_CREATED=0

# Builds the jar when asked (--build) or when the default one is missing.
ensure_jar() {
  if [[ "$BUILD" == 1 || ( "$JAR" == "$DEFAULT_JAR" && ! -f "$JAR" ) ]]; then
    log "building the jar (./mvnw -B -q -DskipTests package)"
    (cd "$ROOT" && ./mvnw -B -q -DskipTests package) || die "build failed"
  fi
  [[ -f "$JAR" ]] || die "no jar at $JAR"
}

# A fresh database and Redis database; nothing else may hold the port.
recreate_databases() {
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    die "something already listens on 127.0.0.1:$PORT; stop it or set PORT"
  fi
  log "recreating database $DB_NAME and flushing Redis db $REDIS_DB"
  psql "$PG_URL/postgres" -v ON_ERROR_STOP=1 -qc "DROP DATABASE IF EXISTS \"$DB_NAME\" WITH (FORCE)" >/dev/null
  psql "$PG_URL/postgres" -v ON_ERROR_STOP=1 -qc "CREATE DATABASE \"$DB_NAME\"" >/dev/null
  psql "$PG_URL/postgres" -v ON_ERROR_STOP=1 -q -f "$ROOT/scripts/create-db-roles.sql" >/dev/null
  DB_CREATED=1
  redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" -n "$REDIS_DB" FLUSHDB >/dev/null
}

# For the exit trap: drops what recreate_databases made, unless KEEP_DB=1.
drop_databases() {
  if [[ "$DB_CREATED" == 1 && "$KEEP_DB" != 1 ]]; then
    psql "$PG_URL/postgres" -qc "DROP DATABASE IF EXISTS \"$DB_NAME\" WITH (FORCE)" >/dev/null 2>&1 || true
    redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" -n "$REDIS_DB" FLUSHDB >/dev/null 2>&1 || true
  fi
}

# Machine facts for the results header: CPU_MODEL, NPROC, MEM_TOTAL, LOAD_AT_START, GIT_REV.
record_machine_facts() {
  CPU_MODEL="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)"
  NPROC="$(nproc)"
  MEM_TOTAL="$(free -h | awk '/^Mem:/ {print $2}')"
  LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"
  GIT_REV="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  if [[ -n "$(git -C "$ROOT" status --porcelain -- src pom.xml 2>/dev/null)" ]]; then
    GIT_REV="$GIT_REV + uncommitted changes"
  fi
}

# Starts the packaged service in the background (extra NAME=value settings as arguments) and waits,
# at most ~120 s, until it is ready.
start_service() {
  SERVICE_LOG="$WORK/service.log"
  log "starting the service on port $PORT (log: $SERVICE_LOG)"
  # shellcheck disable=SC2086  # JAVA_OPTS is a list of words
  # The service connects as its unprivileged role (row-level security applies); migrations run as the owner.
  env DATABASE_URL="postgresql://retail_service@${PG_URL#*@}/$DB_NAME" \
    DATABASE_MIGRATION_URL="postgresql://postgres:trusted@${PG_URL#*@}/$DB_NAME" \
    REDIS_URL="redis://$REDIS_HOST:$REDIS_PORT/$REDIS_DB" \
    QUARKUS_HTTP_PORT="$PORT" \
    RETAIL_ADMIN_PASSWORD=bench-password \
    RETAIL_AUTH_TOKEN_TTL=PT2H \
    QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
    "$@" \
    java $JAVA_OPTS -jar "$JAR" >"$SERVICE_LOG" 2>&1 &
  SERVICE_PID=$!
  local ready=0
  for _ in $(seq 1 240); do
    service_alive || service_failed "the service exited during start-up"
    if curl -fs -o /dev/null "$BASE_URL/q/health/ready"; then ready=1; break; fi
    sleep 0.5
  done
  ((ready)) || service_failed "the service was not ready after 120 s"
  log "service ready (pid $SERVICE_PID)"
}

service_alive() { kill -0 "$SERVICE_PID" 2>/dev/null; }

# Sets SERVICE_END to how the service ended, e.g. "exit status 143 (SIGTERM ...)"; empty while it runs.
# (Must run in the main shell, not in $(...): only the parent can collect the exit status.)
SERVICE_END=""
service_end() {
  service_alive && return 0
  local status=0
  wait "$SERVICE_PID" 2>/dev/null || status=$?
  case "$status" in
    137) SERVICE_END="exit status 137 (SIGKILL: out of memory, or killed by another process?)" ;;
    143) SERVICE_END="exit status 143 (SIGTERM: stopped by another process?)" ;;
    *) SERVICE_END="exit status $status" ;;
  esac
}

service_failed() {
  echo "---- last lines of $SERVICE_LOG ----" >&2
  tail -n 40 "$SERVICE_LOG" >&2 || true
  service_end
  die "$1${SERVICE_END:+; service $SERVICE_END}" 1
}

# Stops the service we started: SIGTERM, up to 30 s for a graceful stop, then SIGKILL.
stop_service() {
  [[ -n "$SERVICE_PID" ]] || return 0
  if kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill -TERM "$SERVICE_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$SERVICE_PID" 2>/dev/null; then
      log "service did not stop in 30 s; killing it"
      kill -KILL "$SERVICE_PID" 2>/dev/null || true
    fi
  fi
  wait "$SERVICE_PID" 2>/dev/null || true
  SERVICE_PID=""
}

# Logs in as the benchmark's admin; sets TOKEN.
login() {
  local answer
  answer="$(curl -fsS -X POST "$BASE_URL/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d '{"username":"admin","password":"bench-password"}')" || service_failed "login failed"
  TOKEN="$(sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p' <<<"$answer")"
  [[ -n "$TOKEN" ]] || service_failed "no access_token in the login answer: $answer"
}

# Creates a store in Europe/Lisbon, EUR: create_store <id> <name> <capacity>.
create_store() {
  local code
  code="$(curl -sS -o "$WORK/store.json" -w '%{http_code}' -X POST "$BASE_URL/api/v1/stores" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"id\":\"$1\",\"name\":\"$2\",\"timezone\":\"Europe/Lisbon\",\"capacity\":$3,\"currency\":\"EUR\"}")" || code=000
  [[ "$code" == 201 ]] || service_failed "creating store $1 answered $code: $(head -c 300 "$WORK/store.json")"
}
