// docs/deploy.md's front end, for real: deploy/nginx/gongdan.conf in a throwaway nginx from Debian
// (only the lines marked "(test: ...)" rewritten: ports, certificate, access log) in front of two
// `gongdan serve` processes sharing one database and one attachments folder, with a self-signed
// certificate for help.example.com. It checks what the file promises: HTTP redirects to HTTPS, the
// API and /healthz over TLS (HTTP/1.1 and HTTP/2), requests spread over both processes, the live
// WebSocket through the proxy, static assets gzipped but API answers not, the upload limit at
// gongdan's own, per-client rate limits, and GETs still answered after one process is SIGKILLed.
// Engine: GONGDAN_TEST_ENGINE as for the API suite (PostgreSQL: one fresh database for both).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { binaryPath, freePort, repoRoot, startServer } from './server.mjs';
import { openLive } from './live.mjs';

const NGINX = '/usr/sbin/nginx';
const SITE = 'help.example.com';
const PASSWORD = 'correct horse battery';
const MiB = 1024 * 1024;
const UPLOAD_LIMIT = 5 * 20 * MiB + MiB; // kMaxMultipartBodyBytes, and client_max_body_size 101m
const HSTS = 'max-age=63072000';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** deploy/nginx/gongdan.conf with each "(test: ...)" line replaced; fails when one is missing. */
function renderSiteConf({ upstreams, httpPort, httpsPort, cert, key, accessLog }) {
  const lines = readFileSync(join(repoRoot, 'deploy', 'nginx', 'gongdan.conf'), 'utf8').split('\n');
  const swaps = [
    ['server 127.0.0.1:8081 ', `server 127.0.0.1:${upstreams[0]} max_fails=3 fail_timeout=10s;`],
    ['server 127.0.0.1:8082 ', `server 127.0.0.1:${upstreams[1]} max_fails=3 fail_timeout=10s;`],
    ['listen 80;', `listen 127.0.0.1:${httpPort};`],
    ['listen [::]:80;', ''],
    ['listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`],
    ['listen [::]:443 ssl http2;', ''],
    ['ssl_certificate ', `ssl_certificate ${cert};`],
    ['ssl_certificate_key ', `ssl_certificate_key ${key};`],
    ['access_log ', `access_log ${accessLog} gongdan;`],
  ];
  for (const [directive, replacement] of swaps) {
    const at = lines.flatMap((line, i) => (line.trim().startsWith(directive) && line.includes('(test: ') ? [i] : []));
    assert.equal(at.length, 1, `deploy/nginx/gongdan.conf has one "${directive}..." line marked "(test: ...)"`);
    lines[at[0]] = `    ${replacement}`;
  }
  const left = lines.filter((line) => line.includes('(test: ') && !line.trim().startsWith('#'));
  assert.deepEqual(left, [], 'every line marked "(test: ...)" was replaced');
  return lines.join('\n');
}

/**
 * A throwaway nginx: Debian's http-level settings (so that the site file is checked against
 * them: a directive it repeats at that level would fail), then the site file; pid, logs and temp
 * paths in `dir`. As root its workers run as nobody, so `dir` is world-readable.
 */
async function startNginx(dir, siteConf) {
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'gongdan.conf'), siteConf);
  const temps = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((k) => `  ${k}_temp_path ${dir}/${k}_temp;`).join('\n');
  writeFileSync(join(dir, 'nginx.conf'), `
worker_processes 2;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log notice;
daemon off;
events { worker_connections 256; }
http {
  # As /etc/nginx/nginx.conf on Debian 12:
  sendfile on;
  tcp_nopush on;
  types_hash_max_size 2048;
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;
  ssl_prefer_server_ciphers on;
  gzip on;
  access_log ${dir}/access.log;
${temps}
  include ${dir}/gongdan.conf;
}
`);
  const errors = () => (existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : '');
  const child = spawn(NGINX, ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
  const exited = new Promise((r) => child.once('exit', (code, signal) => r(code ?? signal)));
  return { child, exited, errors };
}

/** Answers for help.example.com from 127.0.0.1, whatever the caller asks (net's `lookup`). */
function lookup(_hostname, options, callback) {
  if (options?.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
}

function collect(res, resolve) {
  const chunks = [];
  res.on('data', (c) => chunks.push(c));
  res.on('end', () => {
    const bytes = Buffer.concat(chunks);
    const text = bytes.toString('utf8');
    let json;
    if (/json/.test(res.headers['content-type'] || '')) {
      try { json = JSON.parse(text); } catch { json = undefined; }
    }
    resolve({ status: res.statusCode, headers: res.headers, text, json, bytes });
  });
}

const show = (r) => `HTTP ${r.status} ${r.headers['content-type'] || ''} ${r.text.slice(0, 400)}`;

describe('deploy/nginx/gongdan.conf in front of two gongdan processes on PostgreSQL', { timeout: 60_000 }, () => {
  let dir;
  let ca;
  let nginx;
  let httpPort;
  let httpsPort;
  let procs = []; // the two gongdan processes: { baseUrl, log(), pid, stop() }
  let categoryId;
  let customer; // bearer token
  let admin; // { token, cookies }

  /** A request to nginx over TLS as https://help.example.com:PORT. Large bodies go out in chunks,
   *  and writing stops as soon as an answer arrives (nginx refuses an upload by its length). */
  function request(method, path, { headers = {}, body, localAddress } = {}) {
    return new Promise((resolve, reject) => {
      const req = https.request({
        host: SITE, port: httpsPort, path, method, headers, ca, lookup, localAddress, agent: false,
      });
      let answered = false;
      req.on('response', (res) => { answered = true; collect(res, resolve); });
      req.on('error', (e) => { if (!answered) reject(e); });
      if (body === undefined) { req.end(); return; }
      req.setHeader('content-length', headers['content-length'] ?? body.length);
      (async () => {
        req.flushHeaders();
        const step = 256 * 1024;
        for (let off = 0; off < body.length && !answered && !req.destroyed; off += step) {
          // eslint-disable-next-line no-await-in-loop
          await new Promise((done) => req.write(body.subarray(off, off + step), () => done()));
        }
        if (answered) req.destroy(); else req.end();
      })();
    });
  }
  const json = (method, path, value, headers = {}, localAddress = undefined) => request(method, path, {
    headers: { 'content-type': 'application/json', ...headers }, body: Buffer.from(JSON.stringify(value)), localAddress,
  });

  /** A multipart ticket submission: the ticket's JSON part and `files` ([name, bytes]). */
  function ticketForm(subject, files) {
    const boundary = `gongdanDeploy${Date.now()}`;
    const parts = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="ticket"\r\nContent-Type: application/json\r\n\r\n`
      + `${JSON.stringify({ category_id: categoryId, subject, description: 'Uploaded through nginx.' })}\r\n`)];
    for (const [name, bytes] of files) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n`));
      parts.push(bytes, Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body: Buffer.concat(parts) };
  }

  /** Lines of a process's log matching `re`. */
  const count = (proc, re) => proc.log().split('\n').filter((l) => re.test(l)).length;
  // A server writes its log lines in batches at least every 100 ms (src/logging/buffered_sink.hpp).
  const LOG_SETTLES_MS = 400;
  /** `count` once every line logged so far has been written. */
  const settledCount = async (proc, re) => { await sleep(LOG_SETTLES_MS); return count(proc, re); };
  /** Waits until `done()` holds for the processes' logs; fails with `show()` after 5 s. */
  const logsShow = async (done, show) => {
    for (const deadline = Date.now() + 5000; !done();) {
      assert.ok(Date.now() < deadline, show());
      // eslint-disable-next-line no-await-in-loop
      await sleep(20);
    }
  };

  before(async () => {
    assert.ok(existsSync(NGINX), `${NGINX} is missing: run scripts/install-deps.sh`);
    dir = mkdtempSync(join(tmpdir(), 'gongdan-deploy-nginx.'));
    await promisify(execFile)('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
      '-nodes', '-days', '2', '-subj', `/CN=${SITE}`, '-addext', `subjectAltName=DNS:${SITE}`,
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')]);
    ca = readFileSync(join(dir, 'cert.pem'));

    // What `make build` puts beside the binary, in miniature: an index page and one hashed asset,
    // both big enough for gzip_min_length.
    const web = join(dir, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), `<!doctype html><html><head><title>工单</title></head><body>${'<p>帮助中心 help center</p>\n'.repeat(80)}</body></html>\n`);
    writeFileSync(join(web, 'assets', 'app-3f9c2a1b.js'), 'export const greet = (name) => `你好, ${name}`;\n'.repeat(200));

    // Two processes as in deploy/systemd/gongdan@.service: fixed ports, one PostgreSQL database (the
    // production layout; startServer gives the second the first one's), one attachments folder.
    const data = join(dir, 'data');
    const ports = [await freePort(), await freePort()];
    const args = ['--secure-cookies', '--web-dir', web, '--attachments-dir', join(dir, 'attachments')];
    for (const port of ports) {
      // eslint-disable-next-line no-await-in-loop
      procs.push(await startServer({ dataDir: data, port, args, engine: 'postgres' }));
    }
    httpPort = await freePort();
    httpsPort = await freePort();
    nginx = await startNginx(dir, renderSiteConf({
      upstreams: ports, httpPort, httpsPort, cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem'), accessLog: join(dir, 'gongdan.access.log'),
    }));
    for (let i = 0; ; i += 1) {
      // eslint-disable-next-line no-await-in-loop
      const up = await request('GET', '/healthz').then((r) => r.status === 200, () => false);
      if (up) break;
      assert.ok(nginx.child.exitCode === null && i < 200, `nginx did not start:\n${nginx.errors()}`);
      // eslint-disable-next-line no-await-in-loop
      await sleep(50);
    }

    const categories = await request('GET', '/api/v1/categories');
    assert.equal(categories.status, 200, show(categories));
    categoryId = categories.json.items[0].id;
    const registered = await json('POST', '/api/v1/auth/register', { email: `deploy-${Date.now()}@example.com`, password: PASSWORD, name: 'Deploy Customer' });
    assert.equal(registered.status, 201, show(registered));
    customer = registered.json.token;
    const adminEmail = `deploy-admin-${Date.now()}@example.com`;
    await procs[0].cli(['user', 'add', '--email', adminEmail, '--password', PASSWORD, '--name', '管理员', '--role', 'admin']);
    const login = await json('POST', '/api/v1/auth/login', { email: adminEmail, password: PASSWORD });
    assert.equal(login.status, 200, show(login));
    const cookies = {};
    for (const line of login.headers['set-cookie'] || []) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      cookies[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    assert.ok(cookies.gd_session, 'the session cookie came through');
    admin = { token: login.json.token, cookies };
  });

  after(async () => {
    if (nginx && nginx.child.exitCode === null) {
      nginx.child.kill('SIGTERM');
      await nginx.exited;
    }
    // The second process first: the first one's stop() drops the shared PostgreSQL database.
    const codes = [];
    for (const proc of [...procs].reverse()) {
      // eslint-disable-next-line no-await-in-loop
      codes.unshift(await proc.stop());
    }
    const errors = nginx ? nginx.errors() : '';
    if (dir) rmSync(dir, { recursive: true, force: true });
    assert.doesNotMatch(errors, /\[(emerg|alert|crit)\]/, `nginx error log:\n${errors}`);
    for (const proc of procs) {
      const log = proc.log();
      assert.doesNotMatch(log, /AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:/, `sanitizer report:\n${log.slice(-4000)}`);
      assert.deepEqual(log.split('\n').filter((l) => /\b(GET|POST|PUT|PATCH|DELETE) \S+ 5\d\d\b/.test(l)), [], 'no 5xx answered');
    }
    // The survivor stopped cleanly on SIGTERM (the other one was SIGKILLed: no exit code).
    if (procs.length === 2) assert.equal(codes[1], 0, `exit code of the survivor:\n${procs[1].log().slice(-4000)}`);
  });

  it('redirects plain HTTP to the same path over HTTPS', async () => {
    const r = await new Promise((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: httpPort, path: '/agent/tickets?view=mine', headers: { host: SITE } }, (res) => collect(res, resolve))
        .on('error', reject);
    });
    assert.equal(r.status, 301);
    assert.equal(r.headers.location, `https://${SITE}/agent/tickets?view=mine`);
  });

  it('answers /healthz and the API over TLS with HSTS, over HTTP/1.1 and HTTP/2', async () => {
    const health = await request('GET', '/healthz');
    assert.equal(health.status, 200, show(health));
    assert.equal(health.headers['strict-transport-security'], HSTS);
    const me = await request('GET', '/api/v1/me', { headers: { authorization: `Bearer ${customer}` } });
    assert.equal(me.status, 200, show(me));
    assert.equal(me.json.user.name, 'Deploy Customer');
    assert.equal(me.headers['strict-transport-security'], HSTS);

    const session = http2.connect(`https://${SITE}:${httpsPort}`, { ca, lookup });
    try {
      const r = await new Promise((resolve, reject) => {
        const stream = session.request({ ':path': '/api/v1/categories' });
        let status;
        const chunks = [];
        stream.on('response', (h) => { status = h[':status']; });
        stream.on('data', (c) => chunks.push(c));
        stream.on('end', () => resolve({ status, body: Buffer.concat(chunks).toString('utf8') }));
        stream.on('error', reject);
        stream.end();
      });
      assert.equal(r.status, 200, r.body);
      assert.equal(session.alpnProtocol, 'h2');
      assert.equal(JSON.parse(r.body).items[0].id, categoryId);
    } finally {
      session.close();
    }
  });

  it('spreads requests over both processes', async () => {
    await sleep(LOG_SETTLES_MS);
    const before = procs.map((p) => count(p, /GET \/healthz 200/));
    for (let i = 0; i < 10; i += 1) {
      // eslint-disable-next-line no-await-in-loop
      assert.equal((await request('GET', '/healthz')).status, 200);
    }
    const served = () => procs.map((p, i) => count(p, /GET \/healthz 200/) - before[i]);
    await logsShow(() => served()[0] + served()[1] >= 10, () => `served ${served()}`);
    assert.equal(served()[0] + served()[1], 10, `served ${served()}`);
    assert.ok(served()[0] >= 3 && served()[1] >= 3, `round robin: served ${served()}`);
  });

  it('gzips the web app (cached as gongdan says) but never an API answer', async () => {
    const gz = { 'accept-encoding': 'gzip' };
    const asset = await request('GET', '/assets/app-3f9c2a1b.js', { headers: gz });
    assert.equal(asset.status, 200);
    assert.equal(asset.headers['content-encoding'], 'gzip');
    assert.match(asset.headers['cache-control'], /immutable/);
    assert.match(asset.headers.vary || '', /Accept-Encoding/i);
    const page = await request('GET', '/agent/tickets', { headers: gz });
    assert.equal(page.status, 200);
    assert.equal(page.headers['content-encoding'], 'gzip');
    assert.equal(page.headers['cache-control'], 'no-cache');
    const api = await request('GET', '/api/v1/articles', { headers: gz });
    assert.equal(api.status, 200, show(api));
    assert.ok(api.bytes.length > 1024, `an answer gzip would take (${api.bytes.length} bytes)`);
    assert.equal(api.headers['content-encoding'], undefined);
  });

  it('carries the live WebSocket: hello, a watch and its presence, then a ticket event', async () => {
    const t = await json('POST', '/api/v1/tickets', { category_id: categoryId, subject: '实时 live', description: 'Watch me.' },
      { authorization: `Bearer ${customer}` });
    assert.equal(t.status, 201, show(t));
    const { number } = t.json.ticket;
    await sleep(LOG_SETTLES_MS);
    const before = procs.map((p) => count(p, /GET \/api\/v1\/ws 101/));
    // Signed in by cookie from a page of the site: gongdan compares the Origin with the Host nginx
    // passed on, port included.
    const live = await openLive({ baseUrl: `https://${SITE}:${httpsPort}` }, {
      cookies: admin.cookies, wsOptions: { ca, lookup },
    });
    try {
      assert.equal(live.hello.user.name, '管理员');
      live.send({ type: 'watch', number });
      const presence = await live.presence(number, (v) => v.some((x) => x.name === '管理员'));
      assert.equal(presence.viewers.length, 1);
      // On SQLite only the process holding the socket hears a change (PostgreSQL relays it to the
      // others: tests/api/several-processes.test.mjs): make it there, straight to its port.
      const holderOf = () => procs.find((p, i) => count(p, /GET \/api\/v1\/ws 101/) > before[i]);
      await logsShow(() => holderOf(), () => 'one of the processes took the socket');
      const holder = holderOf();
      const reply = await fetch(`${holder.baseUrl}/api/v1/tickets/${number}/messages`, {
        method: 'POST', headers: { authorization: `Bearer ${customer}`, 'content-type': 'application/json' }, body: JSON.stringify({ body: '还在吗?' }),
      });
      assert.equal(reply.status, 201, await reply.text());
      const event = await live.next((f) => f.type === 'ticket' && f.number === number && f.change === 'message');
      assert.equal(event.status, 'new');
    } finally {
      await live.close();
    }
  });

  it('takes an upload of 5 files of 20 MiB, refuses one over the limit with 413, and both processes serve the files', async () => {
    const big = Buffer.alloc(20 * MiB, 'a');
    const files = Array.from({ length: 5 }, (_, i) => [`log-${i}.txt`, big]);
    const form = ticketForm('五个大文件 five big files', files);
    assert.ok(form.body.length > 100 * MiB && form.body.length <= UPLOAD_LIMIT, `near the limit: ${form.body.length}`);
    const ok = await request('POST', '/api/v1/tickets', { headers: { ...form.headers, authorization: `Bearer ${customer}` }, body: form.body });
    assert.equal(ok.status, 201, show(ok));

    await sleep(LOG_SETTLES_MS);
    const refusedBefore = procs.map((p) => count(p, / 413 /));
    const over = await request('POST', '/api/v1/tickets', {
      headers: { ...form.headers, authorization: `Bearer ${customer}`, 'content-length': UPLOAD_LIMIT + 1 }, body: Buffer.alloc(UPLOAD_LIMIT + 1, 'b'),
    });
    assert.equal(over.status, 413, show(over));
    assert.match(over.headers['content-type'], /^application\/problem\+json/);
    assert.equal(over.json.code, 'payload_too_large');
    assert.deepEqual(await Promise.all(procs.map((p) => settledCount(p, / 413 /))), refusedBefore,
      'nginx refused it without bothering gongdan');

    // Attachments live in the shared folder: whichever process stored them, both serve them.
    const small = ticketForm('共享附件 shared attachment', [['note.txt', Buffer.from('共享 shared\n'.repeat(50))]]);
    const created = await request('POST', '/api/v1/tickets', { headers: { ...small.headers, authorization: `Bearer ${customer}` }, body: small.body });
    assert.equal(created.status, 201, show(created));
    const page = await request('GET', `/api/v1/tickets/${created.json.ticket.number}`, { headers: { authorization: `Bearer ${customer}` } });
    const [attachment] = page.json.messages[0].attachments;
    for (const proc of procs) {
      // eslint-disable-next-line no-await-in-loop
      const d = await fetch(new URL(attachment.url, proc.baseUrl), { headers: { authorization: `Bearer ${customer}` } });
      assert.equal(d.status, 200, `${proc.baseUrl}: ${d.status}`);
      // eslint-disable-next-line no-await-in-loop
      assert.equal(await d.text(), '共享 shared\n'.repeat(50));
    }
  });

  it('keeps the per-client sign-in budget in nginx: 429 problem+json for one address, not the others', async () => {
    const statuses = [];
    let limited;
    for (let i = 0; i < 12 && !limited; i += 1) {
      // eslint-disable-next-line no-await-in-loop
      const r = await json('POST', '/api/v1/auth/login', { email: 'nobody@example.com', password: 'wrong' }, {}, '127.0.0.2');
      statuses.push(r.status);
      if (r.status === 429) limited = r;
    }
    assert.ok(limited, `no 429 after ${statuses}`);
    assert.ok(statuses.filter((s) => s === 401).length >= 5, `the burst first: ${statuses}`);
    assert.match(limited.headers['content-type'], /^application\/problem\+json/);
    assert.equal(limited.json.code, 'rate_limited');
    assert.equal(limited.headers['retry-after'], '60');
    assert.equal(limited.headers['strict-transport-security'], HSTS);
    const other = await json('POST', '/api/v1/auth/login', { email: 'nobody@example.com', password: 'wrong' });
    assert.equal(other.status, 401, `another address keeps its budget: ${show(other)}`);
  });

  it('answers GETs (and a new ticket) from the other process when one is SIGKILLed', async () => {
    const [dead, alive] = procs;
    process.kill(dead.pid, 'SIGKILL');
    for (let i = 0; i < 100; i += 1) {
      try { process.kill(dead.pid, 0); } catch { break; }
      // eslint-disable-next-line no-await-in-loop
      await sleep(20);
    }
    const before = await settledCount(alive, /GET \/(healthz|api\/v1\/categories) 200/);
    for (let i = 0; i < 10; i += 1) {
      // eslint-disable-next-line no-await-in-loop
      const r = await request('GET', i % 2 ? '/healthz' : '/api/v1/categories');
      assert.equal(r.status, 200, `request ${i}: ${show(r)}`);
    }
    // A POST is passed to the other process only when it never reached the dead one (refused).
    const t = await json('POST', '/api/v1/tickets', { category_id: categoryId, subject: 'after the crash', description: 'Still here?' },
      { authorization: `Bearer ${customer}` });
    assert.equal(t.status, 201, show(t));
    const answered = () => count(alive, /GET \/(healthz|api\/v1\/categories) 200/) - before;
    await logsShow(() => answered() >= 10, () => `the survivor answered ${answered()} of 10`);
    assert.equal(await settledCount(alive, /GET \/(healthz|api\/v1\/categories) 200/) - before, 10,
      'the survivor answered them all');
  });

  it('names in deploy/gongdan.toml only options its commands have', async () => {
    const toml = readFileSync(join(repoRoot, 'deploy', 'gongdan.toml'), 'utf8');
    let section = '';
    const keys = [];
    for (const line of toml.split('\n')) {
      const header = /^\[([a-z-]+)\]/.exec(line);
      if (header) section = header[1];
      const key = /^([a-z-]+)\s*=/.exec(line);
      if (key) keys.push([section, key[1]]);
    }
    assert.ok(keys.length > 5, 'the file has settings');
    const help = {};
    for (const [section, key] of keys) {
      if (section === 'database') { assert.equal(key, 'url'); continue; }
      // eslint-disable-next-line no-await-in-loop
      help[section] ??= (await promisify(execFile)(binaryPath(), [section, '--help'])).stdout;
      assert.match(help[section], new RegExp(`--${key}\\b`), `[${section}] ${key} is an option of \`gongdan ${section}\``);
    }
  });
});
