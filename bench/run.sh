#!/usr/bin/env bash
# `make bench`: starts the optimised binary on a fresh data folder and drives it with wrk at
# 64 connections. Prints a table and writes build/bench/results.json
# ([{name, value, unit, ratio_to, ratio}]). BENCH_SECONDS sets each scenario's length.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${GONGDAN_BIN:-build/gongdan}
seconds=${BENCH_SECONDS:-15}
connections=64
out=build/bench
mkdir -p "$out"
data=$(mktemp -d /tmp/gongdan-bench.XXXXXX)
log="$out/server.log"

"$bin" serve --listen 127.0.0.1:0 --data-dir "$data" --rate-limits off >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do
  url=$(grep -oE 'listening on http://127\.0\.0\.1:[0-9]+' "$log" | head -1 | sed 's/listening on //') || true
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "${url:-}" ] || { echo "server did not start"; cat "$log"; exit 1; }
api="$url/api/v1"

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
email=bench@example.com
token=$(curl -sf -X POST "$api/auth/register" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"bench-password\",\"name\":\"压测 Bench\"}" | json "['token']")
number=$(curl -sf -X POST "$api/tickets" -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
  -d '{"category_id":1,"subject":"查询用的工单 Lookup target","description":"bench"}' | json "['ticket']['number']")

results=()
run() {  # name script expected_rows_query
  local name=$1 script=$2
  local line
  line=$(BENCH_TOKEN=$token BENCH_NUMBER=$number BENCH_EMAIL=$email \
    wrk -t2 -c$connections -d"${seconds}s" --timeout 10s -s "bench/$script" "$url/api/v1/${3}" | grep '^RESULT')
  echo "$name $line"
  results+=("$name $line")
}

before=$(python3 -c "import sqlite3; print(sqlite3.connect('file:$data/gongdan.db?mode=ro', uri=True).execute('select count(*) from tickets').fetchone()[0])")
run submit submit.lua tickets
after=$(python3 -c "import sqlite3; print(sqlite3.connect('file:$data/gongdan.db?mode=ro', uri=True).execute('select count(*) from tickets').fetchone()[0])")
run lookup lookup.lua tickets/lookup

# Micro-benchmarks of hot pure code (due-time maths), built by `make bench` in the release tree.
for micro in build/release/benchmarks/*_benchmarks; do
  [ -x "$micro" ] || continue
  "$micro" --benchmark_format=console --benchmark_min_time=0.2 | tee -a "$out/micro.txt"
done

python3 - "$out/results.json" "$((after - before))" "${results[@]}" <<'PY'
import json, sys
path, stored, rows = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
parsed = {}
for row in rows:
    name, _, *fields = row.split()
    parsed[name] = {k: float(v) for k, v in (f.split('=') for f in fields)}
out = []
for name, r in parsed.items():
    ok = r['requests'] - r['bad']
    out += [
        {"name": f"{name}.throughput", "value": round(ok / r['seconds'], 1), "unit": "req/s", "ratio_to": None, "ratio": None},
        {"name": f"{name}.p50", "value": round(r['p50_us'] / 1000, 2), "unit": "ms", "ratio_to": None, "ratio": None},
        {"name": f"{name}.p99", "value": round(r['p99_us'] / 1000, 2), "unit": "ms", "ratio_to": None, "ratio": None},
        {"name": f"{name}.unexpected_status", "value": int(r['bad'] + r['socket_errors']), "unit": "count", "ratio_to": None, "ratio": None},
    ]
sub = parsed.get('submit')
if sub:
    # Requests still in flight when wrk stops may commit without being counted, so rows >= 201s.
    acknowledged = sub['requests'] - sub['bad']
    out.append({"name": "submit.rows_stored", "value": stored, "unit": "rows",
                "ratio_to": "submit.201_responses", "ratio": round(stored / max(1, acknowledged), 4)})
    if stored < acknowledged:
        print(f"LOST TICKETS: {acknowledged} answered 201 but only {stored} rows stored", file=sys.stderr)
        sys.exit(1)
json.dump(out, open(path, 'w'), indent=2, ensure_ascii=False)
print(f"\n{'benchmark':32} {'value':>12}  unit")
for r in out:
    extra = f"  ({r['ratio']} of {r['ratio_to']})" if r['ratio_to'] else ""
    print(f"{r['name']:32} {r['value']:>12}  {r['unit']}{extra}")
PY
