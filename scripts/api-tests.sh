#!/usr/bin/env bash
# The black-box suites: support tests, then the whole API suite on SQLite and again on
# PostgreSQL (issue 6), with one throwaway PostgreSQL cluster for the run, removed at the end.
#   GONGDAN_BIN=build/asan/gongdan scripts/api-tests.sh [sqlite|postgres]   (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
engines=${1:-"sqlite postgres"}
cluster=/tmp/gongdan-pg-api-$(pwd | md5sum | cut -c1-12)
trap 'scripts/pg-cluster.sh stop "$cluster" >/dev/null 2>&1 || true' EXIT
GONGDAN_TEST_PG_URL=$(scripts/pg-cluster.sh start "$cluster")
export GONGDAN_TEST_PG_URL
npm --prefix tests run support
for engine in $engines; do
  echo "== API tests on $engine"
  GONGDAN_TEST_ENGINE=$engine npm --prefix tests run api
done
