-- Run once on the primary as the postgres superuser: psql -f setup.sql
-- (passwords: \password gongdan and \password replicator afterwards, so none lands in a file).
-- The database in UTF-8 with the C.UTF-8 collation, as the tests run it: byte order, the same on
-- every machine and every glibc, so an upgrade of the OS never reorders an index.
CREATE ROLE gongdan LOGIN;
CREATE DATABASE gongdan OWNER gongdan ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0;
-- The replica streams as this role; it may read the WAL and nothing else.
CREATE ROLE replicator LOGIN REPLICATION;
-- One slot per replica: the primary keeps the WAL it still needs (max_slot_wal_keep_size bounds it).
SELECT pg_create_physical_replication_slot('gongdan_replica1');
