// Starts the real gongdan binary on a free port with a fresh data directory, for black-box tests.
import { spawn, execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');

/** The binary under test: $GONGDAN_BIN, else the sanitizer build, else the release build. */
export function binaryPath() {
  return process.env.GONGDAN_BIN || join(repoRoot, 'build', 'asan', 'gongdan');
}

/**
 * The engine the black-box tests run on: 'postgres' when GONGDAN_TEST_ENGINE=postgres (then
 * GONGDAN_TEST_PG_URL names the test cluster, started by `make api-test` with
 * scripts/pg-cluster.sh), else 'sqlite'.
 */
export function testEngine() {
  return process.env.GONGDAN_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
}

/** The test cluster's URL (throws when the run has no cluster: a PostgreSQL test never skips). */
export function pgClusterUrl() {
  const url = process.env.GONGDAN_TEST_PG_URL;
  if (!url) throw new Error('GONGDAN_TEST_PG_URL is not set: run with `make api-test`, or start scripts/pg-cluster.sh');
  return url;
}

/** `url` (postgresql://user@host:port/db) naming database `name` instead. */
export function pgUrlWithDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

let databaseCounter = 0;

/** Runs one SQL statement on the test cluster's default database with psql. */
export async function psql(sql, url = pgClusterUrl()) {
  const { stdout } = await promisify(execFile)('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAtc', sql]);
  return stdout;
}

/** A new, empty database on the test cluster; resolves its URL. */
export async function createPgDatabase(prefix = 'gd_test') {
  const name = `${prefix}_${process.pid}_${databaseCounter++}_${Math.floor(Math.random() * 1e6)}`;
  await psql(`CREATE DATABASE ${name}`);
  return pgUrlWithDatabase(pgClusterUrl(), name);
}

/** Drops a database createPgDatabase made, even with connections still open. */
export async function dropPgDatabase(url) {
  const name = new URL(url).pathname.slice(1);
  // FORCE terminates the sessions still in the database; an autovacuum worker that happens to be
  // in it belongs to no role, which only pg_signal_backend (granted by pg-cluster.sh) may end,
  // and a session may just be on its way out: ask again after a moment before giving up.
  for (let attempt = 1; ; attempt++) {
    try {
      await psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

// The PostgreSQL database of each data directory a test server runs on, so that cli() reaches
// the same data as the server.
const databaseOfDataDir = new Map();

function storageArgs(dataDir) {
  const url = databaseOfDataDir.get(dataDir);
  return url ? ['--data-dir', dataDir, '--db', url] : ['--data-dir', dataDir];
}

/** Runs a gongdan subcommand (e.g. `user add`) against a data directory (and its database). */
export async function cli(dataDir, args) {
  const { stdout } = await promisify(execFile)(binaryPath(), [...args, ...storageArgs(dataDir)]);
  return stdout;
}

/**
 * Runs a gongdan subcommand with `input` on stdin; resolves {code, stdout, stderr} whatever the
 * exit code (e.g. `mail-in`, whose exit codes are part of its contract).
 */
export function cliWithInput(dataDir, args, input) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(binaryPath(), [...args, ...storageArgs(dataDir)], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    child.on('error', reject);
    child.on('close', (code, signal) => resolveRun({
      code: code ?? signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'),
    }));
    child.stdin.on('error', () => {}); // a command that exits before reading all of stdin
    child.stdin.end(input);
  });
}

/** A TCP port on 127.0.0.1 that was free a moment ago (for flags that need the port up front). */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts `gongdan serve` on 127.0.0.1 with port 0; resolves once it prints its address.
 * options.args: extra serve flags (e.g. ['--rate-limits', 'on']); options.port: listen on this
 * port instead of 0 (when a flag such as --public-url must name it before the server starts);
 * options.globalArgs: options before the `serve` subcommand (e.g. ['--config', file]).
 */
export async function startServer(options = {}) {
  // options.dataDir: a folder prepared beforehand (removed by stop() like a fresh one, unless
  // options.keepDataDir: then it stays for the test to use after the server stopped).
  const dataDir = options.dataDir || mkdtempSync(join(tmpdir(), 'gongdan-test-'));
  // On PostgreSQL each server gets a fresh database (options.dbUrl: one prepared beforehand, e.g.
  // shared by two processes; it is then left for its owner to drop).
  // options.engine: 'sqlite' for a test of something SQLite-only (the bench loader).
  const engine = options.engine || testEngine();
  const ownsDatabase = engine === 'postgres' && !options.dbUrl && !databaseOfDataDir.has(dataDir);
  const dbUrl = options.dbUrl || databaseOfDataDir.get(dataDir) || (ownsDatabase ? await createPgDatabase() : undefined);
  if (dbUrl) databaseOfDataDir.set(dataDir, dbUrl);
  const args = [...(options.globalArgs || []), 'serve', '--listen', `127.0.0.1:${options.port || 0}`, ...storageArgs(dataDir),
    '--rate-limits', 'off', ...(options.args || [])];
  const child = spawn(binaryPath(), args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...(options.env || {}) } });
  let log = '';
  const baseUrl = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 30000);
    const onData = (chunk) => {
      log += chunk;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (m) { clearTimeout(timer); resolveUrl(m[1]); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}:\n${log}`)); });
  });
  return {
    baseUrl,
    api: `${baseUrl}/api/v1`,
    dataDir,
    dbUrl,
    pid: child.pid,
    log: () => log,
    cli: (cliArgs) => cli(dataDir, cliArgs),
    cliWithInput: (cliArgs, input) => cliWithInput(dataDir, cliArgs, input),
    async stop() {
      // A process killed by a signal has no exit code, only a signal code, and will not exit again.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (!options.keepDataDir) rmSync(dataDir, { recursive: true, force: true });
      databaseOfDataDir.delete(dataDir);
      if (ownsDatabase) await dropPgDatabase(dbUrl);
      return child.exitCode;
    },
  };
}
