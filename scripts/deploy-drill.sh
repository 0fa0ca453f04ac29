#!/usr/bin/env bash
# Rehearses docs/deploy.md's database procedures with the files in deploy/postgres/, on throwaway
# PostgreSQL 15 clusters on this machine (about 30 s):
#   1. a primary with deploy/postgres/gongdan.conf (WAL archiving through archive-wal) and setup.sql;
#   2. a streaming replica made as docs/deploy.md says (pg_basebackup -R through the slot);
#   3. gongdan-backup (pg_dump) from the replica, its retention, and a pg_restore of the dump;
#   4. gongdan-basebackup, then rows written, a moment noted, a mistake (DELETE everything), and a
#      point-in-time recovery of the base backup plus the archived WAL to that moment;
#   5. gongdan-basebackup again with KEEP=1: the older backup and the WAL only it needed are removed.
# Each step checks its outcome; any failure stops the drill with a non-zero exit.
#   scripts/deploy-drill.sh            (as root, the servers run as postgres)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts=$PWD/deploy/postgres
bin=/usr/lib/postgresql/15/bin
[ -x "$bin/initdb" ] || { echo "deploy-drill: PostgreSQL 15 is missing (scripts/install-deps.sh installs it)" >&2; exit 1; }
export PATH=$bin:$PATH

work=$(mktemp -d /tmp/gongdan-deploy-drill.XXXXXX)
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  as_owner=(runuser -u postgres -- env "PATH=$PATH")
  chown postgres: "$work"
fi
chmod 755 "$work"
run() { "${as_owner[@]}" "$@"; }
clusters=(primary replica pitr)
cleanup() {
  for c in "${clusters[@]}"; do
    [ -f "$work/$c/postmaster.pid" ] && run pg_ctl stop -D "$work/$c" -m immediate >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "deploy-drill: FAILED: $*" >&2; for log in "$work"/*.log; do echo "== $log" >&2; tail -20 "$log" >&2; done; exit 1; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
start() { # DIR PORT
  run pg_ctl start -D "$work/$1" -w -t 60 -l "$work/$1.log" \
    -o "-c listen_addresses=127.0.0.1 -c port=$2 -c unix_socket_directories=$work/socket" >/dev/null || fail "start $1"
}
sql() { # PORT DB SQL...
  local port=$1 db=$2
  shift 2
  run psql -h "$work/socket" -p "$port" -U postgres -d "$db" -v ON_ERROR_STOP=1 -qAtX "${@/#/-c}"
}
# What the scripts find in the environment when systemd runs them as postgres on the database host.
as_postgres_on() { PGHOST=$work/socket PGPORT=$1 PGUSER=postgres run "${@:2}"; }

run mkdir -p "$work/socket" "$work/wal" "$work/dumps" "$work/base"
primary=$(free_port)
replica=$(free_port)
pitr=$(free_port)

echo "== 1. primary with deploy/postgres/gongdan.conf and setup.sql"
run initdb -D "$work/primary" -U postgres --auth=trust --locale=C.UTF-8 -E UTF8 >"$work/initdb.log" 2>&1 || fail initdb
# The file as shipped, with the archive folder of this drill.
sed "s#/usr/local/lib/gongdan/archive-wal %p %f /srv/pg-archive/wal#$scripts/archive-wal %p %f $work/wal#" \
  "$scripts/gongdan.conf" | run tee "$work/primary/conf.d-gongdan.conf" >/dev/null
grep -q "archive_command = '$scripts/archive-wal" "$work/primary/conf.d-gongdan.conf" || fail "archive_command not found in gongdan.conf"
echo "include 'conf.d-gongdan.conf'" | run tee -a "$work/primary/postgresql.conf" >/dev/null
printf 'local all all trust\nlocal replication all trust\nhost replication replicator 127.0.0.1/32 trust\n' |
  run tee "$work/primary/pg_hba.conf" >/dev/null
start primary "$primary"
run psql -h "$work/socket" -p "$primary" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAtX -f "$scripts/setup.sql" >/dev/null
sql "$primary" gongdan "CREATE TABLE tickets (id bigserial PRIMARY KEY, subject text NOT NULL)" \
  "INSERT INTO tickets (subject) SELECT '工单 ' || g FROM generate_series(1, 1000) g"

echo "== 2. streaming replica through the slot"
run pg_basebackup -h 127.0.0.1 -p "$primary" -U replicator -D "$work/replica" --wal-method=stream \
  --slot=gongdan_replica1 --write-recovery-conf --checkpoint=fast || fail pg_basebackup
grep -q "primary_slot_name = 'gongdan_replica1'" "$work/replica/postgresql.auto.conf" || fail "no primary_slot_name"
start replica "$replica"
sql "$primary" gongdan "INSERT INTO tickets (subject) VALUES ('seen by the replica')"
for _ in $(seq 100); do
  [ "$(sql "$replica" gongdan "SELECT count(*) FROM tickets")" = 1001 ] && break
  sleep 0.1
done
[ "$(sql "$replica" gongdan "SELECT count(*) FROM tickets")" = 1001 ] || fail "the replica did not catch up"
[ "$(sql "$primary" postgres "SELECT active FROM pg_replication_slots WHERE slot_name = 'gongdan_replica1'")" = t ] ||
  fail "the slot is not in use"
echo "replica streaming, slot active"

echo "== 3. gongdan-backup from the replica, retention, pg_restore"
run touch -d '20 days ago' "$work/dumps/gongdan-20000101T000000Z.dump"
as_postgres_on "$replica" "$scripts/gongdan-backup" "$work/dumps" 14
[ ! -e "$work/dumps/gongdan-20000101T000000Z.dump" ] || fail "a dump older than 14 days was kept"
dump=$(find "$work/dumps" -name 'gongdan-*.dump' | sort | tail -1)
sql "$primary" postgres "CREATE DATABASE restored OWNER gongdan"
run pg_restore -h "$work/socket" -p "$primary" -U postgres -d restored --no-owner --role=gongdan "$dump" || fail pg_restore
[ "$(sql "$primary" restored "SELECT count(*) FROM tickets")" = 1001 ] || fail "the restored dump lacks rows"
echo "dump restored: 1001 rows"

echo "== 4. base backup, a mistake, point-in-time recovery"
as_postgres_on "$primary" "$scripts/gongdan-basebackup" "$work/base" "$work/wal" 4
sql "$primary" gongdan "INSERT INTO tickets (subject) SELECT 'after the base backup ' || g FROM generate_series(1, 500) g"
sleep 0.2
target=$(sql "$primary" gongdan "SELECT now()")
sleep 0.2
sql "$primary" gongdan "DELETE FROM tickets"
last=$(sql "$primary" postgres "SELECT pg_walfile_name(pg_switch_wal())")
for _ in $(seq 100); do
  [ "$(sql "$primary" postgres "SELECT coalesce(last_archived_wal >= '$last', false) FROM pg_stat_archiver")" = t ] && break
  sleep 0.1
done
[ "$(sql "$primary" postgres "SELECT failed_count FROM pg_stat_archiver")" = 0 ] || fail "archive-wal failed"
[ -f "$work/wal/$last" ] || fail "segment $last was not archived"
backup=$(find "$work/base" -mindepth 1 -maxdepth 1 -type d -name '20*' | sort | tail -1)
run mkdir -m 700 "$work/pitr"
run tar -xzf "$backup/base.tar.gz" -C "$work/pitr"
run tar -xzf "$backup/pg_wal.tar.gz" -C "$work/pitr/pg_wal"
run tee -a "$work/pitr/postgresql.auto.conf" >/dev/null <<CONF
restore_command = 'cp $work/wal/%f %p'
recovery_target_time = '$target'
recovery_target_action = 'promote'
archive_mode = off
CONF
run touch "$work/pitr/recovery.signal"
start pitr "$pitr"
for _ in $(seq 300); do
  [ "$(sql "$pitr" postgres "SELECT pg_is_in_recovery()" 2>/dev/null)" = f ] && break
  sleep 0.1
done
rows=$(sql "$pitr" gongdan "SELECT count(*) FROM tickets")
[ "$rows" = 1501 ] || fail "the recovered cluster has $rows rows, expected 1501"
grep -q "recovery stopping before commit" "$work/pitr.log" || fail "recovery did not stop at the target"
echo "recovered to $target: 1501 rows (the primary has $(sql "$primary" gongdan "SELECT count(*) FROM tickets"))"

echo "== 5. base backup retention"
sleep 1  # a new name (the backups are named by the second)
as_postgres_on "$primary" "$scripts/gongdan-basebackup" "$work/base" "$work/wal" 1
[ "$(find "$work/base" -mindepth 1 -maxdepth 1 -type d -name '20*' | wc -l)" = 1 ] || fail "the older base backup was kept"
[ ! -e "$work/wal/$last" ] || fail "WAL older than the kept base backup was kept"
echo "deploy-drill: all procedures passed"
