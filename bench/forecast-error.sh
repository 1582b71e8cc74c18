#!/usr/bin/env bash
# The forecast's error on the demo data (docs/analytics.md, "Forecast"): starts the packaged jar with RETAIL_DEMO=true on a
# fresh database, waits for the demo history, then asks the summary of every demo store for each of the last DAYS ended
# days and compares the forecast's expected day (from the same weekday of the weeks before) with what happened.
# Writes bench/results/forecast-error-<UTC>.md. Knobs: JAR, PORT, DAYS (42), WEEKS (8, the demo history).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAR=${JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}
PORT=${PORT:-18241}
DAYS=${DAYS:-42}
WEEKS=${WEEKS:-8}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
DB=retail_forecast_$$
PREFIX="forecast-$$:"
REDIS_DB=6
LOG=$(mktemp /tmp/forecast-error-XXXX.log)
[[ -f "$JAR" ]] || { echo "no jar at $JAR: ./mvnw -q -B -DskipTests package first" >&2; exit 1; }
psql postgresql://postgres@127.0.0.1:5432/postgres -qc "CREATE DATABASE $DB"
psql postgresql://postgres@127.0.0.1:5432/postgres -v ON_ERROR_STOP=1 -q -f "$ROOT/scripts/create-db-roles.sql"
cleanup() {
  [[ -n "${PID:-}" ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  psql postgresql://postgres@127.0.0.1:5432/postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
  redis-cli -n $REDIS_DB --scan --pattern "$PREFIX*" | xargs -r redis-cli -n $REDIS_DB unlink >/dev/null || true
}
trap cleanup EXIT
DATABASE_URL=postgresql://retail_service@127.0.0.1:5432/$DB DATABASE_MIGRATION_URL=postgresql://postgres@127.0.0.1:5432/$DB \
REDIS_URL=redis://127.0.0.1:6379/$REDIS_DB RETAIL_AGGREGATES_KEY_PREFIX="$PREFIX" QUARKUS_HTTP_PORT=$PORT \
RETAIL_ADMIN_PASSWORD=forecast-password RETAIL_DEMO=true RETAIL_DEMO_HISTORY_WEEKS=$WEEKS QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
  java -jar "$JAR" > "$LOG" 2>&1 &
PID=$!
for _ in $(seq 1 1200); do
  grep -q "Demo: history" "$LOG" && break
  kill -0 $PID 2>/dev/null || { echo "service died:"; cat "$LOG"; exit 1; }
  sleep 0.5
done
grep -q "Demo: history" "$LOG" || { echo "no history line after 10 minutes" >&2; exit 1; }
OUT="$ROOT/bench/results/forecast-error-$STAMP.md"
BASE="http://127.0.0.1:$PORT" DAYS=$DAYS OUT="$OUT" CODE="$(git -C "$ROOT" rev-parse --short HEAD)" python3 - <<'PY'
import json, os, statistics, urllib.request, datetime
base, days, out = os.environ["BASE"], int(os.environ["DAYS"]), os.environ["OUT"]
def call(path, body=None, token=None):
    req = urllib.request.Request(base + path, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json", **({"Authorization": "Bearer " + token} if token else {})})
    with urllib.request.urlopen(req) as r:
        return json.load(r)
token = call("/api/v1/auth/login", {"username": "admin", "password": "forecast-password"})["access_token"]
rows, errors = [], {"visitors": [], "revenue": []}
for store in call("/api/v1/stores", token=token):
    today = call(f"/api/v1/analytics/{store['id']}/summary", token=token)["date"]
    for back in range(1, days + 1):
        date = (datetime.date.fromisoformat(today) - datetime.timedelta(days=back)).isoformat()
        s = call(f"/api/v1/analytics/{store['id']}/summary?date={date}", token=token)
        f = s["forecast"]
        if f is None:
            continue
        actual_v, expected_v = s["figures"]["visitors"], f["day"]["visitors"]
        actual_r, expected_r = s["figures"]["revenueMinor"], f["day"]["revenueMinor"]
        if actual_v == 0 or actual_r == 0:
            continue
        ev, er = abs(expected_v - actual_v) / actual_v, abs(expected_r - actual_r) / actual_r
        errors["visitors"].append(ev); errors["revenue"].append(er)
        rows.append((store["id"], date, f["weeksUsed"], actual_v, expected_v, ev, actual_r, expected_r, er))
def pct(x): return f"{100 * x:.1f} %"
with open(out, "w") as md:
    md.write(f"# Forecast error on the demo data, {os.path.basename(out)[15:-3]}\n\n")
    md.write(f"- Code: {os.environ['CODE']}; command: `bench/forecast-error.sh` (DAYS={days})\n")
    md.write(f"- Days: the last {days} ended days of each demo store with a forecast (at least 2 previous same weekdays in the history)\n\n")
    md.write("| Figure | Days | MAPE (mean absolute % error of the expected day) | Median | 90th percentile | Worst |\n| --- | ---: | ---: | ---: | ---: | ---: |\n")
    for name, e in errors.items():
        e = sorted(e)
        md.write(f"| {name} | {len(e)} | {pct(statistics.mean(e))} | {pct(statistics.median(e))} | {pct(e[int(0.9 * (len(e) - 1))])} | {pct(e[-1])} |\n")
    md.write("\n| Weeks used | Days | Visitors MAPE | Revenue MAPE |\n| ---: | ---: | ---: | ---: |\n")
    for weeks in sorted({r[2] for r in rows}):
        sel = [r for r in rows if r[2] == weeks]
        md.write(f"| {weeks} | {len(sel)} | {pct(statistics.mean(r[5] for r in sel))} | {pct(statistics.mean(r[8] for r in sel))} |\n")
    md.write("\n<details><summary>Every day</summary>\n\n| Store | Date | Weeks | Visitors | Expected | Error | Revenue (minor) | Expected | Error |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
    for r in rows:
        md.write(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[4]} | {pct(r[5])} | {r[6]} | {r[7]} | {pct(r[8])} |\n")
    md.write("\n</details>\n")
print(open(out).read().split("<details>")[0])
PY
echo "Written to $OUT"
# A daily report chart of yesterday, for a look (not kept unless copied).
TOKEN=$(curl -fsS -X POST "http://127.0.0.1:$PORT/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"forecast-password"}' | sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p')
YESTERDAY=$(TZ=Europe/Lisbon date -d yesterday +%F)
curl -fsS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/reports/lisbon-chiado/daily?date=$YESTERDAY&format=png" \
  -o /tmp/forecast-error-daily.png && echo "Chart: /tmp/forecast-error-daily.png (lisbon-chiado, $YESTERDAY)"
curl -fsS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/reports/lisbon-chiado/weekly?format=png" \
  -o /tmp/forecast-error-weekly.png && echo "Chart: /tmp/forecast-error-weekly.png (lisbon-chiado, this week)"
