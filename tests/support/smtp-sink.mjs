// A real SMTP server for the mail tests: tests/support/smtp_sink.py (aiosmtpd) writes every
// accepted message to a directory; this side starts it, reads and parses what arrived, and can
// stop it and start it again on the same port (an SMTP outage the outbox has to survive).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMail } from './mime.mjs';

const here = dirname(fileURLToPath(import.meta.url));
/** Debian's python3 has python3-aiosmtpd; a pyenv python3 earlier on PATH does not. */
export const SINK_PYTHON = process.env.GONGDAN_SINK_PYTHON || '/usr/bin/python3';
const SCRIPT = join(here, 'smtp_sink.py');

function launch(dir, port, { fail451 = [], fail550 = [] }) {
  const args = [SCRIPT, '--dir', dir, '--port', String(port)];
  for (const a of fail451) args.push('--fail-451', a);
  for (const a of fail550) args.push('--fail-550', a);
  const child = spawn(SINK_PYTHON, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`smtp sink did not start:\n${log}`)), 15000);
    const onData = (chunk) => {
      log += chunk;
      const m = /listening on (\d+)/.exec(log);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`smtp sink exited ${code}:\n${log}`)); });
  });
  return { child, ready, log: () => log };
}

async function terminate(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts a capturing SMTP sink on 127.0.0.1.
 * options: port (0 = a free one), fail451 / fail550 (addresses refused at RCPT TO).
 * → {port, url, dir, messages(), waitFor(pred, ms), waitForCount(pred, n, ms), stop(),
 *    restart(options?), dispose(), log()}
 */
export async function startSmtpSink(options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'gongdan-smtp-'));
  let current = launch(dir, options.port || 0, options);
  const port = await current.ready;
  let logs = '';
  const cache = new Map(); // file name → parsed message (files never change once renamed in)

  const sink = {
    port,
    url: `smtp://127.0.0.1:${port}`,
    dir,
    log: () => logs + current.log(),
    running: () => current.child.exitCode === null && current.child.signalCode === null,

    /** Every message received so far, in arrival order: parseMail(...) + {seq, envelope}. */
    messages() {
      const names = readdirSync(dir).filter((n) => /^\d+\.eml$/.test(n)).sort();
      return names.map((n) => {
        if (!cache.has(n)) {
          const seq = Number(n.slice(0, -4));
          const envelope = JSON.parse(readFileSync(join(dir, `${n.slice(0, -4)}.json`), 'utf8'));
          cache.set(n, { seq, envelope, ...parseMail(readFileSync(join(dir, n))) });
        }
        return cache.get(n);
      });
    },

    /** Messages whose envelope or To: header names `address` (case-insensitive). */
    messagesTo(address) {
      const a = address.toLowerCase();
      return sink.messages().filter((m) => m.envelope.rcpt_tos.some((r) => r.toLowerCase() === a) || m.to.includes(a));
    },

    /** Resolves with the first message matching `pred`; rejects after `timeoutMs`. */
    async waitFor(pred, timeoutMs = 10000) {
      const [m] = await sink.waitForCount(pred, 1, timeoutMs);
      return m;
    },

    /** Resolves with the matching messages once there are at least `n`; rejects after `timeoutMs`. */
    async waitForCount(pred, n, timeoutMs = 10000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hits = sink.messages().filter(pred);
        if (hits.length >= n) return hits;
        if (Date.now() > deadline) {
          const seen = sink.messages().map((m) => `${m.envelope.rcpt_tos.join(',')}: ${m.subject}`).join('\n  ');
          throw new Error(`smtp sink: ${hits.length} of ${n} expected messages after ${timeoutMs} ms; received:\n  ${seen}`);
        }
        // eslint-disable-next-line no-await-in-loop
        await new Promise((r) => setTimeout(r, 50));
      }
    },

    /** Stops accepting connections (the port is closed; received messages stay readable). */
    async stop() {
      logs += current.log();
      await terminate(current.child);
    },

    /** Starts again on the same port and directory (options: fail451 / fail550 for the new run). */
    async restart(newOptions = {}) {
      await sink.stop();
      let lastError;
      for (let i = 0; i < 50; i += 1) { // the port may linger for a moment after the old process
        current = launch(dir, port, newOptions);
        try {
          // eslint-disable-next-line no-await-in-loop
          await current.ready;
          return sink;
        } catch (e) {
          lastError = e;
          // eslint-disable-next-line no-await-in-loop
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      throw lastError;
    },

    /** Stops the sink and removes its directory. */
    async dispose() {
      await sink.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return sink;
}
