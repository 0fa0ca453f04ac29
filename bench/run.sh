#!/usr/bin/env bash
# `make bench`: starts the optimised binary on a fresh data folder and drives it with wrk at
# 64 connections. Prints a table and writes build/bench/results.json
# ([{name, value, unit, ratio_to, ratio}]). BENCH_SECONDS sets each scenario's length.
# Then loads BENCH_TICKETS (default 1,000,000; 0 skips it) tickets into a second data folder with
# `gongdan bench-load` and measures an agent's queue page and a two-character Chinese search on it.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${GONGDAN_BIN:-build/gongdan}
seconds=${BENCH_SECONDS:-15}
connections=64
out=build/bench
mkdir -p "$out"
tickets=${BENCH_TICKETS:-1000000}
data=$(mktemp -d /tmp/gongdan-bench.XXXXXX)
big=$(mktemp -d /tmp/gongdan-bench-big.XXXXXX)
server=

start_server() {  # data_dir log: starts the server, sets $server and $url
  "$bin" serve --listen 127.0.0.1:0 --data-dir "$1" --rate-limits off >"$2" 2>&1 &
  server=$!
  url=
  for _ in $(seq 100); do
    url=$(grep -oE 'listening on http://127\.0\.0\.1:[0-9]+' "$2" | head -1 | sed 's/listening on //') || true
    [ -n "$url" ] && break
    sleep 0.1
  done
  [ -n "${url:-}" ] || { echo "server did not start"; cat "$2"; exit 1; }
}
stop_server() { [ -z "$server" ] || { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; server=; }; }
trap 'stop_server; rm -rf "$data" "$big"' EXIT

start_server "$data" "$out/server.log"
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
  line=$(BENCH_TOKEN=$token BENCH_NUMBER=$number BENCH_EMAIL=$email BENCH_AGENT_TOKEN=${agent_token:-} \
    wrk -t2 -c$connections -d"${seconds}s" --timeout 10s -s "bench/$script" "$url/api/v1/${3}" | grep '^RESULT')
  echo "$name $line"
  results+=("$name $line")
}

before=$(python3 -c "import sqlite3; print(sqlite3.connect('file:$data/gongdan.db?mode=ro', uri=True).execute('select count(*) from tickets').fetchone()[0])")
run submit submit.lua tickets
after=$(python3 -c "import sqlite3; print(sqlite3.connect('file:$data/gongdan.db?mode=ro', uri=True).execute('select count(*) from tickets').fetchone()[0])")
run lookup lookup.lua tickets/lookup

stop_server

# At scale: a million tickets, an agent's first page of all open tickets and a search for 闪退.
load_seconds=0
if [ "$tickets" -gt 0 ]; then
  load_start=$(date +%s.%N)
  "$bin" bench-load --data-dir "$big" --tickets "$tickets" | tee "$out/bench-load.txt"
  load_seconds=$(python3 -c "import time; print(round(time.time() - $load_start, 1))")
  "$bin" user add --data-dir "$big" --email bench-agent@example.com --password bench-password \
    --name "压测 Agent" --role agent >/dev/null
  start_server "$big" "$out/server-big.log"
  agent_token=$(curl -sf -X POST "$url/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d '{"email":"bench-agent@example.com","password":"bench-password"}' | json "['token']")
  run queue_open agent_get.lua "agent/tickets?status=new,open,pending"
  run search_2char agent_get.lua "agent/tickets?q=%E9%97%AA%E9%80%80"  # 闪退
  stop_server
fi

# Micro-benchmarks of hot pure code (due-time maths), built by `make bench` in the release tree.
for micro in build/release/benchmarks/*_benchmarks; do
  [ -x "$micro" ] || continue
  "$micro" --benchmark_format=console --benchmark_min_time=0.2 | tee -a "$out/micro.txt"
done

python3 - "$out/results.json" "$((after - before))" "$tickets" "$load_seconds" "${results[@]}" <<'PY'
import json, sys
path, stored, tickets, load_seconds, rows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), sys.argv[5:]
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
if tickets > 0:
    out.append({"name": "bench_load.seconds", "value": load_seconds, "unit": "s", "ratio_to": None, "ratio": None})
    out.append({"name": "bench_load.tickets_per_second", "value": round(tickets / max(load_seconds, 0.001)),
                "unit": "tickets/s", "ratio_to": None, "ratio": None})
json.dump(out, open(path, 'w'), indent=2, ensure_ascii=False)
print(f"\n{'benchmark':32} {'value':>12}  unit")
for r in out:
    extra = f"  ({r['ratio']} of {r['ratio_to']})" if r['ratio_to'] else ""
    print(f"{r['name']:32} {r['value']:>12}  {r['unit']}{extra}")
PY
