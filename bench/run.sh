#!/usr/bin/env bash
# `make bench`: the benchmark of issue 7, driven by bench/bench.py (read its docstring and
# docs/performance.md). Prints one table and writes build/bench/results.json
# ([{name, value, unit, ratio_to, ratio}]).
#   BENCH_SECONDS=15 BENCH_MIXED_SECONDS=60 BENCH_TICKETS=1000000 bench/run.sh   # the full run
#   BENCH_SMOKE=1 bench/run.sh                                                  # harness check, < 1 min
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in wrk nginx python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install wrk nginx python3)"; exit 1; }
done
exec python3 bench/bench.py "$@"
