#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests (docs/postgres.md, "Test cluster").
#   scripts/pg-cluster.sh start DIR   initdb + start on 127.0.0.1 and a free port; prints the URL
#   scripts/pg-cluster.sh url DIR     prints postgresql://gongdan@127.0.0.1:PORT/gongdan
#   scripts/pg-cluster.sh run DIR CMD...  runs CMD with GONGDAN_TEST_PG_URL set (when the cluster is up)
#   scripts/pg-cluster.sh stop DIR    stops the server and removes DIR
# DIR must be a path under /tmp. As root the server runs as the `postgres` user (PostgreSQL refuses
# to run as root); otherwise as the calling user. The role `gongdan` (CREATEDB and pg_signal_backend,
# so that a test may drop its database WITH (FORCE) while autovacuum is in it; not a superuser)
# and its database `gongdan` are reachable without a password from 127.0.0.1 only; the superuser
# only through the Unix socket inside DIR. fsync stays on: tests see the durability production has.
set -euo pipefail

usage() { echo "usage: $0 start|stop|url DIR | run DIR CMD..." >&2; exit 2; }
(($# >= 2)) || usage
action=$1
dir=$2
shift 2
case "$dir" in
  /tmp/?*) ;;
  *) echo "pg-cluster: DIR must be under /tmp (it is removed on stop): $dir" >&2; exit 2 ;;
esac
dir=${dir%/}

bin=/usr/lib/postgresql/15/bin
as_owner=()
if [ "$(id -u)" -eq 0 ]; then as_owner=(runuser -u postgres --); fi

url_of() { echo "postgresql://gongdan@127.0.0.1:$(cat "$dir/port")/gongdan"; }

running() { [ -f "$dir/data/postmaster.pid" ] && "${as_owner[@]}" "$bin/pg_ctl" status -D "$dir/data" >/dev/null 2>&1; }

stop() {
  if [ -d "$dir/data" ] && running; then
    "${as_owner[@]}" "$bin/pg_ctl" stop -D "$dir/data" -m fast -w -t 60 >/dev/null
  fi
  rm -rf "$dir"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
  [ -x "$bin/initdb" ] || { echo "pg-cluster: PostgreSQL 15 is missing (scripts/install-deps.sh installs it)" >&2; exit 1; }
  stop  # a cluster left by a killed run would hold the port and the old data
  mkdir -p "$dir/data" "$dir/socket"
  if ((${#as_owner[@]})); then chown -R postgres: "$dir"; fi
  chmod 700 "$dir/data" "$dir/socket"
  "${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=reject --locale=C.UTF-8 -E UTF8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  "${as_owner[@]}" tee "$dir/data/pg_hba.conf" >/dev/null <<HBA
# TYPE  DATABASE  USER      ADDRESS        METHOD
local   all       postgres                 trust
host    all       gongdan   127.0.0.1/32   trust
HBA
  local attempt
  for attempt in 1 2 3 4 5; do
    free_port >"$dir/port"
    if "${as_owner[@]}" "$bin/pg_ctl" start -D "$dir/data" -w -t 60 -l "$dir/server.log" \
      -o "-c listen_addresses=127.0.0.1 -c port=$(cat "$dir/port") -c unix_socket_directories=$dir/socket -c fsync=on -c max_connections=200" \
      >/dev/null; then
      break
    fi
    # Another process took the port between the probe and the bind: try another.
    ((attempt < 5)) || { cat "$dir/server.log" >&2; exit 1; }
  done
  "${as_owner[@]}" "$bin/psql" -q -v ON_ERROR_STOP=1 -h "$dir/socket" -p "$(cat "$dir/port")" -U postgres -d postgres \
    -c "CREATE ROLE gongdan LOGIN CREATEDB IN ROLE pg_signal_backend" -c "CREATE DATABASE gongdan OWNER gongdan" >/dev/null
  chmod 755 "$dir"
  chmod 644 "$dir/port"
  url_of
}

case "$action" in
  start) start ;;
  stop) stop ;;
  url) [ -f "$dir/port" ] || { echo "pg-cluster: no cluster in $dir" >&2; exit 1; }; url_of ;;
  run)
    (($# >= 1)) || usage
    if [ -f "$dir/port" ]; then GONGDAN_TEST_PG_URL=$(url_of); export GONGDAN_TEST_PG_URL; fi
    exec "$@"
    ;;
  *) usage ;;
esac
