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

/** Runs a gongdan subcommand (e.g. `user add`) against a data directory. */
export async function cli(dataDir, args) {
  const { stdout } = await promisify(execFile)(binaryPath(), [...args, '--data-dir', dataDir]);
  return stdout;
}

/**
 * Runs a gongdan subcommand with `input` on stdin; resolves {code, stdout, stderr} whatever the
 * exit code (e.g. `mail-in`, whose exit codes are part of its contract).
 */
export function cliWithInput(dataDir, args, input) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(binaryPath(), [...args, '--data-dir', dataDir], { stdio: ['pipe', 'pipe', 'pipe'] });
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
  // options.dataDir: a folder prepared beforehand (removed by stop() like a fresh one).
  const dataDir = options.dataDir || mkdtempSync(join(tmpdir(), 'gongdan-test-'));
  const args = [...(options.globalArgs || []), 'serve', '--listen', `127.0.0.1:${options.port || 0}`, '--data-dir', dataDir,
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
    log: () => log,
    cli: (cliArgs) => cli(dataDir, cliArgs),
    cliWithInput: (cliArgs, input) => cliWithInput(dataDir, cliArgs, input),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
      return child.exitCode;
    },
  };
}
