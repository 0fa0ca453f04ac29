// A throw-away Dovecot (Debian's dovecot-imapd) for the IMAP poller tests, like the C++ fixture in
// src/mail/inbound/imap_fetcher_test.cpp: a static password, one maildir user, plain IMAP on a free
// loopback port, everything in a temporary folder, the master in the foreground as a child
// process. Dovecot never gives mail processes uid 0: as root, the mail belongs to the package's
// `dovecot` user; otherwise everything runs as the current user.
import { spawn } from 'node:child_process';
import {
  existsSync, mkdtempSync, mkdirSync, writeFileSync, renameSync, readdirSync, readFileSync, rmSync,
  chownSync, chmodSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server.mjs';

export const DOVECOT = '/usr/sbin/dovecot';
export const USERNAME = 'tester';
export const PASSWORD = 'secret';

/** Whether Dovecot is installed; tests skip themselves otherwise. */
export const dovecotInstalled = () => existsSync(DOVECOT);

/** {name, uid, gid} of a user from /etc/passwd, or null. */
function passwdEntry(name) {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
  if (!line) return null;
  const [, , uid, gid] = line.split(':');
  return { name, uid: Number(uid), gid: Number(gid) };
}

/** {name} of a group id from /etc/group, or null. */
function groupName(gid) {
  const line = readFileSync('/etc/group', 'utf8').split('\n').find((l) => l.split(':')[2] === String(gid));
  return line ? line.split(':')[0] : null;
}

function acceptsConnections(port) {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

/** The maildir flags of a file name ("1764.M1P1.x:2,S" → "S"), "" for mail still in new/. */
const flagsOf = (name) => { const i = name.indexOf(':2,'); return i < 0 ? '' : name.slice(i + 3); };

/**
 * Starts Dovecot with `messages` (Buffer|string, each a whole RFC 5322 message) unseen in INBOX.
 * → {port, url, username, password, dir, initial (ids of `messages`), deliver(raw) → id,
 *    messages() → [{id, dir, flags, seen}],
 *    seen(id), seenCount(), log(), stop()}
 * An id is the maildir base name (before ":2,") that deliver() chose, stable across new/ → cur/.
 */
export async function startImapServer({ messages = [] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'gongdan-dovecot-'));
  chmodSync(dir, 0o755);
  const maildir = join(dir, 'mail', USERNAME);
  for (const sub of ['new', 'cur', 'tmp']) mkdirSync(join(maildir, sub), { recursive: true });
  mkdirSync(join(dir, 'home', USERNAME), { recursive: true });

  const root = process.geteuid() === 0;
  const me = userInfo();
  const mailUser = root ? passwdEntry('dovecot') : { name: me.username, uid: me.uid, gid: me.gid };
  if (root && !mailUser) throw new Error('running as root, but there is no `dovecot` user');
  const own = (path) => { if (root) chownSync(path, mailUser.uid, mailUser.gid); };
  for (const p of [join(dir, 'mail'), maildir, ...['new', 'cur', 'tmp'].map((s) => join(maildir, s)),
    join(dir, 'home'), join(dir, 'home', USERNAME)]) own(p);

  let counter = 0;
  const deliver = (raw) => {
    counter += 1;
    // <time>.M<usec>P<pid>Q<n>.<host>: unique, and Dovecot keeps the base name when it moves to cur/.
    const id = `${Math.floor(Date.now() / 1000)}.M${counter}P${process.pid}Q${counter}.gongdan-test`;
    const tmp = join(maildir, 'tmp', id);
    writeFileSync(tmp, typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw);
    own(tmp);
    renameSync(tmp, join(maildir, 'new', id)); // atomic: Dovecot never sees half a message
    return id;
  };
  const initial = messages.map(deliver);

  let port;
  let child;
  let log = '';
  const logPath = join(dir, 'dovecot.log');
  const readLog = () => { try { return readFileSync(logPath, 'utf8') + log; } catch { return log; } };
  for (let attempt = 0; attempt < 3 && !child; attempt += 1) { // the free port may be taken meanwhile
    // eslint-disable-next-line no-await-in-loop
    port = await freePort();
    let config = `base_dir = ${join(dir, 'run')}\nstate_dir = ${join(dir, 'state')}\nlog_path = ${logPath}\n`
      + 'protocols = imap\nlisten = 127.0.0.1\nssl = no\ndisable_plaintext_auth = no\n'
      + 'auth_mechanisms = plain login\nfirst_valid_uid = 1\n'
      + `mail_location = maildir:${join(dir, 'mail', '%u')}\n`
      + `passdb {\n  driver = static\n  args = password=${PASSWORD}\n}\n`
      + `userdb {\n  driver = static\n  args = uid=${mailUser.uid} gid=${mailUser.gid} home=${join(dir, 'home', '%u')}\n}\n`
      + `service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }\n`
      + '  inet_listener imaps {\n    port = 0\n  }\n  chroot =\n}\n'
      // Only root may chroot: the login and anvil processes run unconfined in a test.
      + 'service anvil {\n  chroot =\n}\n';
    if (!root) {
      config += `default_internal_user = ${mailUser.name}\ndefault_login_user = ${mailUser.name}\n`
        + `default_internal_group = ${groupName(mailUser.gid) || ''}\n`;
    }
    const configPath = join(dir, 'dovecot.conf');
    writeFileSync(configPath, config);
    const c = spawn(DOVECOT, ['-F', '-c', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    c.stdout.on('data', (d) => { log += d; });
    c.stderr.on('data', (d) => { log += d; });
    let exited = false;
    c.once('exit', () => { exited = true; });
    for (let i = 0; i < 200 && !exited; i += 1) {
      // eslint-disable-next-line no-await-in-loop
      if (await acceptsConnections(port)) { child = c; break; }
      // eslint-disable-next-line no-await-in-loop
      await new Promise((r) => setTimeout(r, 50));
    }
    if (!child && !exited) {
      c.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`dovecot did not start:\n${readLog()}`);
    }
  }
  if (!child) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`dovecot did not start:\n${readLog()}`);
  }

  const server = {
    port,
    url: `imap://127.0.0.1:${port}/INBOX`,
    username: USERNAME,
    password: PASSWORD,
    dir,
    initial,
    deliver,
    log: readLog,
    /** Every message in the maildir: {id, dir: 'new'|'cur', flags, seen}. */
    messages() {
      const out = [];
      for (const sub of ['new', 'cur']) {
        for (const name of readdirSync(join(maildir, sub))) {
          const flags = sub === 'new' ? '' : flagsOf(name);
          out.push({ id: name.split(':2,')[0], dir: sub, flags, seen: flags.includes('S') });
        }
      }
      return out;
    },
    /** Whether the message `id` (from deliver) is flagged \Seen. */
    seen(id) { return server.messages().some((m) => m.id === id && m.seen); },
    seenCount() { return server.messages().filter((m) => m.seen).length; },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}
