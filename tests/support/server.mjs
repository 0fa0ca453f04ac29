// Starts the real gongdan binary on a free port with a fresh data directory, for black-box tests.
import { spawn, execFile } from 'node:child_process';
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
 * Starts `gongdan serve` on 127.0.0.1 with port 0; resolves once it prints its address.
 * options.args: extra serve flags (e.g. ['--rate-limits', 'on']).
 */
export async function startServer(options = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongdan-test-'));
  const args = ['serve', '--listen', '127.0.0.1:0', '--data-dir', dataDir,
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
