// Small helpers for the black-box API tests: an HTTP client with bearer or cookie+CSRF sessions,
// problem+json assertions, ticket-number maths (Luhn mod 32) and test files.
import assert from 'node:assert/strict';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const NUMBER_RE = /^\d{6}-[0-9A-HJKMNP-TV-Z]{6}$/;
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

let seq = 0;
/** A unique, lowercase-safe token for emails and subjects of one test run. */
export function uniq(prefix = 'u') {
  seq += 1;
  return `${prefix}${Date.now().toString(36)}${seq}${randomBytes(3).toString('hex')}`;
}
export function uniqEmail(prefix = 'user') {
  return `${uniq(prefix)}@example.com`;
}

// ---------------------------------------------------------------- ticket numbers (Luhn mod 32)

/** Check symbol over the given symbols (Luhn mod N, N = 32, Crockford alphabet). */
export function luhn32Check(symbols) {
  const n = 32;
  let factor = 2;
  let sum = 0;
  for (let i = symbols.length - 1; i >= 0; i -= 1) {
    const cp = CROCKFORD.indexOf(symbols[i]);
    if (cp < 0) throw new Error(`not a Crockford symbol: ${symbols[i]}`);
    let addend = factor * cp;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / n) + (addend % n);
    sum += addend;
  }
  return CROCKFORD[(n - (sum % n)) % n];
}

/** True if `number` (canonical YYMMDD-XXXXXC) carries a valid check symbol. */
export function luhn32Valid(number) {
  const s = number.replace('-', '');
  return s.length === 12 && luhn32Check(s.slice(0, 11)) === s[11];
}

/** A well-formed number with a valid check symbol that the server (almost surely) never issued. */
export function makeNumber(datePart, randomPart) {
  const body = datePart + randomPart;
  return `${datePart}-${randomPart}${luhn32Check(body)}`;
}

/** YYMMDD of an instant in an IANA time zone. */
export function yymmddIn(timeZone, when) {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: '2-digit', month: '2-digit', day: '2-digit' }).formatToParts(when);
  const get = (t) => parts.find((p) => p.type === t).value;
  return `${get('year')}${get('month')}${get('day')}`;
}

/** The server's default time zone for ticket-number dates (docs/api.md, Ticket numbers). */
export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

export function randomSymbols(k) {
  let s = '';
  const bytes = randomBytes(k);
  for (let i = 0; i < k; i += 1) s += CROCKFORD[bytes[i] % 32];
  return s;
}

/** Same number with a different (wrong) check symbol. */
export function withWrongCheck(number) {
  const last = number[number.length - 1];
  const other = CROCKFORD[(CROCKFORD.indexOf(last) + 7) % 32];
  return number.slice(0, -1) + other;
}

// ---------------------------------------------------------------- HTTP

/** Response wrapper: status, headers, text, json (parsed if JSON-ish), bytes. */
async function wrap(res) {
  const bytes = Buffer.from(await res.arrayBuffer());
  const ct = res.headers.get('content-type') || '';
  let json;
  const text = bytes.toString('utf8');
  if (/json/i.test(ct) && bytes.length) {
    try { json = JSON.parse(text); } catch { json = undefined; }
  }
  return { status: res.status, headers: res.headers, text, json, bytes };
}

/** Short description of a response for assertion messages. */
export function show(r) {
  return `HTTP ${r.status} ${r.headers.get ? r.headers.get('content-type') : ''} ${r.text?.slice(0, 600)}`;
}

/**
 * An API client bound to a base (e.g. http://127.0.0.1:PORT/api/v1) and optionally a session:
 *   { token }                       → Authorization: Bearer
 *   { cookies: {gd_session, gd_csrf}, csrf: true|false|string } → Cookie header (+ X-CSRF-Token)
 */
export class Client {
  constructor(srv, auth = null) {
    this.srv = srv;
    this.base = srv.api;
    this.auth = auth;
  }

  withToken(token) { return new Client(this.srv, { token }); }
  withCookies(cookies, csrf = true) { return new Client(this.srv, { cookies, csrf }); }
  anonymous() { return new Client(this.srv, null); }

  url(path) {
    if (/^https?:/.test(path)) return path;
    if (path.startsWith('/api/') || path === '/healthz') return this.srv.baseUrl + path;
    return this.base + path;
  }

  async request(method, path, opts = {}) {
    const headers = { ...(opts.headers || {}) };
    if (this.auth?.token) headers.authorization = `Bearer ${this.auth.token}`;
    if (this.auth?.cookies) {
      headers.cookie = Object.entries(this.auth.cookies).map(([k, v]) => `${k}=${v}`).join('; ');
      if (this.auth.csrf === true && this.auth.cookies.gd_csrf) headers['x-csrf-token'] = this.auth.cookies.gd_csrf;
      else if (typeof this.auth.csrf === 'string') headers['x-csrf-token'] = this.auth.csrf;
    }
    let body;
    if (opts.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(opts.json);
    } else if (opts.form !== undefined) {
      body = opts.form;
    } else if (opts.body !== undefined) {
      body = opts.body;
    }
    const res = await fetch(this.url(path), { method, headers, body, redirect: 'manual' });
    return wrap(res);
  }

  get(path, opts) { return this.request('GET', path, opts); }
  post(path, json, opts = {}) { return this.request('POST', path, { ...opts, json }); }
  patch(path, json, opts = {}) { return this.request('PATCH', path, { ...opts, json }); }
  put(path, json, opts = {}) { return this.request('PUT', path, { ...opts, json }); }
  postForm(path, form, opts = {}) { return this.request('POST', path, { ...opts, form }); }
}

/**
 * A raw HTTP/1.1 request with node:http: exact headers (no Accept-Language added), any body bytes,
 * an optional source address on the loopback (per-IP limits), and a response even when the server
 * answers before reading the whole body (413): the body goes out in chunks and writing stops as
 * soon as a response has arrived.
 */
export function rawRequest(baseUrl, method, path, { headers = {}, body, localAddress } = {}) {
  return new Promise((resolve, reject) => {
    const u = new URL(path, baseUrl);
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method, headers, localAddress, agent: false });
    let responded = false;
    req.on('response', (res) => {
      responded = true;
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const text = bytes.toString('utf8');
        let json;
        if (/json/i.test(res.headers['content-type'] || '')) {
          try { json = JSON.parse(text); } catch { json = undefined; }
        }
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) {
          if (Array.isArray(v)) v.forEach((x) => h.append(k, x)); else if (v !== undefined) h.set(k, String(v));
        }
        resolve({ status: res.statusCode, headers: h, text, json, bytes });
      });
      res.on('error', reject);
    });
    req.on('error', (e) => {
      if (!responded) reject(new Error(`${method} ${path}: connection failed before any response (${e.code || e.message})`));
    });
    if (body === undefined) { req.end(); return; }
    const buf = Buffer.isBuffer(body) ? body : Buffer.from(body);
    if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-length')) req.setHeader('content-length', buf.length);
    if (buf.length <= 256 * 1024) { req.end(buf); return; }
    (async () => {
      // Headers first; a server that refuses on Content-Length answers before any body is sent.
      req.flushHeaders();
      for (let i = 0; i < 30 && !responded && !req.destroyed; i += 1) {
        // eslint-disable-next-line no-await-in-loop
        await new Promise((r) => setTimeout(r, 10));
      }
      const step = 64 * 1024;
      for (let off = 0; off < buf.length && !responded && !req.destroyed; off += step) {
        // eslint-disable-next-line no-await-in-loop
        await new Promise((done) => req.write(buf.subarray(off, off + step), () => done()));
      }
      if (!responded && !req.destroyed) req.end();
    })();
  });
}

/** Parses Set-Cookie lines into { name: {value, attrs: {lowercased: value|true}} }. */
export function parseSetCookies(headers) {
  const out = {};
  for (const line of headers.getSetCookie()) {
    const [pair, ...attrs] = line.split(';').map((s) => s.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const a = {};
    for (const attr of attrs) {
      const i = attr.indexOf('=');
      if (i < 0) a[attr.toLowerCase()] = true; else a[attr.slice(0, i).toLowerCase()] = attr.slice(i + 1);
    }
    out[name] = { value: pair.slice(eq + 1), attrs: a, raw: line };
  }
  return out;
}

export function cookieJar(headers) {
  const c = parseSetCookies(headers);
  const jar = {};
  for (const [k, v] of Object.entries(c)) jar[k] = v.value;
  return jar;
}

// ---------------------------------------------------------------- assertions

/** Asserts an RFC 9457 problem response with the given status and code. */
export function assertProblem(r, status, code) {
  assert.equal(r.status, status, `expected ${status} ${code ?? ''}, got ${show(r)}`);
  const ct = r.headers.get('content-type') || '';
  assert.match(ct, /^application\/problem\+json\b/, `content-type of error: ${show(r)}`);
  assert.ok(r.json && typeof r.json === 'object', `problem body is JSON: ${show(r)}`);
  assert.equal(r.json.status, status, `problem.status: ${show(r)}`);
  assert.equal(typeof r.json.title, 'string', `problem.title: ${show(r)}`);
  assert.ok(r.json.title.length > 0, `problem.title non-empty: ${show(r)}`);
  assert.equal(typeof r.json.code, 'string', `problem.code: ${show(r)}`);
  if (code !== undefined) {
    if (Array.isArray(code)) assert.ok(code.includes(r.json.code), `code in ${code}: ${show(r)}`);
    else assert.equal(r.json.code, code, `problem.code: ${show(r)}`);
  }
  return r.json;
}

/**
 * Asserts 400 validation_failed with an errors[] entry for `field` (and `code`, a string or a
 * list of acceptable codes, when given).
 */
export function assertFieldError(r, field, code, problemCode = 'validation_failed') {
  assertProblem(r, 400, problemCode);
  assert.ok(Array.isArray(r.json.errors), `errors[] present: ${show(r)}`);
  for (const e of r.json.errors) {
    assert.equal(typeof e.field, 'string', `errors[].field: ${show(r)}`);
    assert.equal(typeof e.code, 'string', `errors[].code: ${show(r)}`);
    assert.equal(typeof e.message, 'string', `errors[].message: ${show(r)}`);
  }
  const hit = r.json.errors.find((e) => e.field === field);
  assert.ok(hit, `an error on field "${field}": ${show(r)}`);
  if (code !== undefined) {
    const codes = Array.isArray(code) ? code : [code];
    assert.ok(codes.includes(hit.code), `field "${field}" code ${hit.code} in [${codes}]: ${show(r)}`);
  }
  return hit;
}

export function assertStatus(r, status) {
  assert.equal(r.status, status, `expected ${status}, got ${show(r)}`);
}

export function assertUser(u) {
  assert.equal(typeof u.id, 'number');
  assert.equal(typeof u.email, 'string');
  assert.equal(typeof u.name, 'string');
  assert.ok(['customer', 'agent', 'admin'].includes(u.role), `role ${u.role}`);
  assert.ok(['zh-CN', 'en'].includes(u.locale), `locale ${u.locale}`);
  assert.match(u.created_at, TIME_RE);
  for (const k of Object.keys(u)) assert.doesNotMatch(k, /pass|hash|salt|secret/i, `user leaks ${k}`);
}

/** A ticket object; `listItem`: as the items of a list, with `excerpt` in place of `description`. */
export function assertTicketShape(t, { listItem = false } = {}) {
  assert.match(t.number, NUMBER_RE, `number ${t.number}`);
  assert.ok(luhn32Valid(t.number), `Luhn mod 32 check symbol of ${t.number}`);
  assert.ok(['new', 'open', 'pending', 'resolved', 'closed'].includes(t.status), `status ${t.status}`);
  assert.ok(['low', 'normal', 'high', 'urgent'].includes(t.priority), `priority ${t.priority}`);
  assert.ok(['normal', 'urgent'].includes(t.urgency), `urgency ${t.urgency}`);
  assert.equal(typeof t.subject, 'string');
  if (listItem) {
    assert.equal(typeof t.excerpt, 'string');
    assert.ok([...t.excerpt].length <= 121, `excerpt of ${[...t.excerpt].length} characters`);
    assert.ok(!('description' in t), 'a list item carries no description');
  } else {
    assert.equal(typeof t.description, 'string');
  }
  assert.equal(typeof t.category?.id, 'number', 'category.id');
  assert.equal(typeof t.category?.name, 'string', 'category.name');
  assert.ok(t.occurred_at === null || TIME_RE.test(t.occurred_at), `occurred_at ${t.occurred_at}`);
  for (const k of ['platform', 'os', 'app_version', 'device']) assert.equal(typeof t.environment?.[k], 'string', `environment.${k}`);
  assert.equal(typeof t.customer?.name, 'string');
  assert.equal(typeof t.customer?.email, 'string');
  assert.equal(typeof t.customer?.guest, 'boolean');
  assert.match(t.created_at, TIME_RE);
  assert.match(t.updated_at, TIME_RE);
  for (const k of ['resolved_at', 'closed_at', 'reopen_until']) {
    assert.ok(k in t, `ticket has ${k}`);
    assert.ok(t[k] === null || TIME_RE.test(t[k]), `${k} ${t[k]}`);
  }
}

export function assertMessageShape(m) {
  assert.equal(typeof m.id, 'number');
  assert.equal(typeof m.author?.name, 'string');
  assert.ok(['customer', 'agent', 'admin'].includes(m.author?.role), `author.role ${m.author?.role}`);
  assert.equal(typeof m.body, 'string');
  assert.equal(typeof m.internal, 'boolean');
  assert.match(m.created_at, TIME_RE);
  assert.ok(Array.isArray(m.attachments));
  for (const a of m.attachments) {
    assert.equal(typeof a.id, 'number');
    assert.equal(typeof a.filename, 'string');
    assert.equal(typeof a.content_type, 'string');
    assert.equal(typeof a.size, 'number');
    assert.equal(typeof a.url, 'string');
  }
}

export function assertEventShape(e) {
  assert.equal(typeof e.id, 'number');
  assert.ok(['status_changed', 'priority_changed'].includes(e.type), `event type ${e.type}`);
  assert.equal(typeof e.from, 'string');
  assert.equal(typeof e.to, 'string');
  assert.equal(typeof e.author?.name, 'string');
  assert.match(e.created_at, TIME_RE);
}

// ---------------------------------------------------------------- users and tickets

export const PASSWORD = 'correct horse battery';

/** Registers a customer; returns { user, token, email, password, api (bearer client) }. */
export async function registerCustomer(srv, opts = {}) {
  const email = opts.email || uniqEmail('cust');
  const body = { email, password: opts.password || PASSWORD, name: opts.name || 'Test Customer', ...(opts.locale ? { locale: opts.locale } : {}) };
  const r = await new Client(srv).post('/auth/register', body);
  assert.equal(r.status, 201, `register: ${show(r)}`);
  return { ...r.json, email, password: body.password, api: new Client(srv).withToken(r.json.token), res: r };
}

/** Creates a staff user with the CLI and logs in; returns { user, token, email, api }. */
export async function createStaff(srv, role, opts = {}) {
  const email = opts.email || uniqEmail(role);
  const password = opts.password || PASSWORD;
  const name = opts.name || `Test ${role}`;
  await srv.cli(['user', 'add', '--email', email, '--password', password, '--name', name, '--role', role]);
  const r = await new Client(srv).post('/auth/login', { email, password });
  assert.equal(r.status, 200, `login ${role}: ${show(r)}`);
  return { ...r.json, email, password, api: new Client(srv).withToken(r.json.token) };
}

const categoryCache = new WeakMap();
export async function categoryId(srv) {
  if (!categoryCache.has(srv)) {
    const r = await new Client(srv).get('/categories');
    assert.equal(r.status, 200, `categories: ${show(r)}`);
    assert.ok(r.json.items.length > 0, 'at least one category');
    categoryCache.set(srv, r.json.items[0].id);
  }
  return categoryCache.get(srv);
}

export async function ticketBody(srv, extra = {}) {
  return {
    category_id: await categoryId(srv),
    subject: extra.subject ?? `Cannot send photos ${uniq('s')}`,
    description: 'After the update, sending a photo in a chat fails with a spinner.',
    ...extra,
  };
}

/** Creates a ticket as `api`; returns the ticket. */
export async function createTicket(api, extra = {}) {
  const r = await api.post('/tickets', await ticketBody(api.srv, extra));
  assert.equal(r.status, 201, `create ticket: ${show(r)}`);
  return r.json.ticket;
}

/** All of the caller's ticket numbers (follows cursors). */
export async function myTicketNumbers(api, query = '') {
  const out = [];
  let cursor = null;
  for (let i = 0; i < 100; i += 1) {
    const q = new URLSearchParams(query);
    q.set('limit', '100');
    if (cursor) q.set('cursor', cursor);
    const r = await api.get(`/tickets?${q}`);
    assert.equal(r.status, 200, `my tickets: ${show(r)}`);
    out.push(...r.json.items.map((t) => t.number));
    cursor = r.json.next_cursor;
    if (!cursor) return out;
  }
  throw new Error('too many pages');
}

// ---------------------------------------------------------------- files

export const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
export const GIF_1x1 = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
export const PDF_MIN = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
  'trailer << /Root 1 0 R >>\n%%EOF\n',
);
export const LOG_TEXT = Buffer.from(
  '2026-11-25 10:00:01.123 INFO  app started\n2026-11-25 10:00:02.456 ERROR upload failed: timeout (上传失败)\n',
);
export const HTML_DOC = Buffer.from(
  '<!DOCTYPE html>\n<html><head><title>x</title><script>alert(document.cookie)</script></head>\n<body><h1>hi</h1></body></html>\n',
);
/** A real ELF executable from the machine. */
export function elfBytes() {
  for (const p of ['/bin/true', '/usr/bin/true', process.execPath]) {
    try {
      const b = readFileSync(p);
      if (b.subarray(0, 4).toString('latin1') === '\x7fELF') return b;
    } catch { /* next */ }
  }
  throw new Error('no ELF binary found');
}

/** Multipart form with part `partName` = JSON text and `files` parts ([name, bytes, type?]). */
export function makeForm(partName, json, files = [], { jsonAsBlob = false } = {}) {
  const form = new FormData();
  if (jsonAsBlob) form.append(partName, new Blob([JSON.stringify(json)], { type: 'application/json' }));
  else form.append(partName, JSON.stringify(json));
  for (const [name, bytes, type] of files) {
    form.append('files', new Blob([bytes], { type: type || 'application/octet-stream' }), name);
  }
  return form;
}

export function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }

/**
 * Stops a test server and fails if it did not exit cleanly: exit code 0, no sanitizer report, and
 * no request answered with a 5xx in its access log.
 */
export async function stopServer(srv) {
  if (!srv) return;
  const code = await srv.stop();
  const log = srv.log();
  assert.doesNotMatch(log, /AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:/, `sanitizer report:\n${log.slice(-4000)}`);
  const fiveHundreds = log.split('\n').filter((l) => /\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \S+ 5\d\d\b/.test(l));
  assert.deepEqual(fiveHundreds, [], 'no 5xx answered');
  assert.equal(code, 0, `server exit code ${code}:\n${log.slice(-4000)}`);
}
