// Helpers for the mail tests (docs/mail.md): a server wired to a capturing SMTP sink, secure links
// read out of mails, header checks, the admin outbox, and "no mail arrived" waits.
import assert from 'node:assert/strict';
import { startServer, freePort } from '../support/server.mjs';
import { startSmtpSink } from '../support/smtp-sink.mjs';
import { Client, show, sleep, stopServer, ticketBody } from './helpers.mjs';

/** The public host in every mail's ids: the host of --public-url. */
export const PUBLIC_HOST = '127.0.0.1';
/** Back-off and polling made short so that retries happen within a test's patience. */
export const FAST_OUTBOX = ['--outbox-retry-base-ms', '200', '--outbox-poll-ms', '100'];
/** How long a test waits before it believes that a mail is not coming. */
export const QUIET_MS = 1500;

const CJK = /[\u4e00-\u9fff]/;
export const hasChinese = (s) => CJK.test(s || '');

/**
 * Starts a sink and a server that sends to it, with --public-url naming the server itself.
 * options.sink: startSmtpSink options; options.args: more serve flags.
 * → {srv, sink, publicUrl}
 */
export async function startMailServer(options = {}) {
  const sink = await startSmtpSink(options.sink || {});
  let lastError;
  for (let i = 0; i < 3; i += 1) { // the free port may be taken between freePort and listen
    // eslint-disable-next-line no-await-in-loop
    const port = await freePort();
    try {
      // eslint-disable-next-line no-await-in-loop
      const publicUrl = `http://${PUBLIC_HOST}:${port}`;
      const srv = await startServer({
        port,
        args: ['--smtp', sink.url, '--public-url', publicUrl, ...FAST_OUTBOX, ...(options.args || [])],
      });
      return { srv, sink, publicUrl };
    } catch (e) {
      lastError = e;
    }
  }
  await sink.dispose();
  throw lastError;
}

export async function stopMailServer(env) {
  if (!env) return;
  try {
    await stopServer(env.srv);
  } finally {
    await env.sink.dispose();
  }
}

/** Mails to `address` (case-insensitive) received so far. */
export const mailsTo = (sink, address) => sink.messagesTo(address);

/** Waits for the n-th mail to `address` (matching `pred`) and returns it. */
export async function waitForMailTo(sink, address, pred = () => true, timeoutMs = 10000) {
  const a = address.toLowerCase();
  return sink.waitFor((m) => (m.envelope.rcpt_tos.some((r) => r.toLowerCase() === a)) && pred(m), timeoutMs);
}

/** Waits QUIET_MS and asserts that the number of mails to `address` is still `expected`. */
export async function assertMailCountStays(sink, address, expected, why, ms = QUIET_MS) {
  await sleep(ms);
  const got = mailsTo(sink, address);
  assert.equal(got.length, expected, `${why}: mails to ${address}: ${got.map((m) => m.subject).join(' | ')}`);
}

/** {number, token} of the first `/tickets/{number}#link=TOKEN` in a mail's text part. */
export function ticketLinkIn(mail, number) {
  const re = /\/tickets\/([0-9A-Za-z-]+)#link=([A-Za-z0-9_-]+)/g;
  const all = [...(mail.text || '').matchAll(re)].map((m) => ({ number: m[1], token: m[2], url: m[0] }));
  const hit = number ? all.find((l) => l.number === number) : all[0];
  assert.ok(hit, `a ticket link${number ? ` for ${number}` : ''} in the mail text:\n${mail.text}`);
  return hit;
}

/** Every `/tickets/{number}#link=TOKEN` of a mail's text part. */
export function ticketLinksIn(mail) {
  return [...(mail.text || '').matchAll(/\/tickets\/([0-9A-Za-z-]+)#link=([A-Za-z0-9_-]+)/g)]
    .map((m) => ({ number: m[1], token: m[2] }));
}

/** The token of `/auth/link#token=TOKEN` in a mail's text part. */
export function signInTokenIn(mail) {
  const m = /\/auth\/link#token=([A-Za-z0-9_-]+)/.exec(mail.text || '');
  assert.ok(m, `a sign-in link in the mail text:\n${mail.text}`);
  return m[1];
}

/** The headers every Gongdan mail carries (docs/mail.md, "The mails"). */
export function assertMailBasics(mail, { to } = {}) {
  const h = mail.headers;
  assert.match(h['message-id'] || '', new RegExp(`^<o\\d+\\.\\d+@${PUBLIC_HOST.replace(/\./g, '\\.')}>$`), `Message-ID: ${h['message-id']}`);
  assert.ok(h.date && !Number.isNaN(Date.parse(h.date)), `Date: ${h.date}`);
  assert.ok(Math.abs(Date.parse(h.date) - Date.now()) < 10 * 60 * 1000, `Date is now-ish: ${h.date}`);
  assert.ok(h.from && mail.from, `From: ${h.from}`);
  assert.equal(h['mime-version'], '1.0');
  assert.equal(h['auto-submitted'], 'auto-generated');
  assert.ok(mail.subject.length > 0, 'a subject');
  if (to) assert.ok(mail.to.includes(to.toLowerCase()), `To: ${h.to} names ${to}`);
  assert.equal(mail.contentType, 'multipart/alternative', `multipart/alternative: ${h['content-type']}`);
  const types = mail.root.parts.map((p) => p.contentType);
  assert.deepEqual(types, ['text/plain', 'text/html'], `parts text/plain then text/html: ${types}`);
  for (const p of mail.root.parts) {
    assert.equal((p.params.charset || '').toLowerCase(), 'utf-8', `${p.contentType} charset utf-8`);
    assert.ok(['quoted-printable', 'base64'].includes(p.transferEncoding), `${p.contentType} encoding ${p.transferEncoding}`);
  }
  assert.ok(mail.text.trim().length > 0, 'text part not empty');
  assert.match(mail.html, /<[a-z]/i, 'html part has markup');
  // Lines of an SMTP message stay within 998 octets (RFC 5322 2.1.1).
  for (const line of mail.raw.toString('latin1').split('\r\n')) assert.ok(line.length <= 998, 'line ≤ 998 octets');
}

/** Threading headers of mail about a ticket. */
export function assertTicketThreading(mail, number) {
  const ref = `<ticket.${number}@${PUBLIC_HOST}>`;
  assert.ok((mail.headers.references || '').includes(ref), `References has ${ref}: ${mail.headers.references}`);
  assert.ok((mail.headers['in-reply-to'] || '').includes(ref), `In-Reply-To has ${ref}: ${mail.headers['in-reply-to']}`);
  assert.equal((mail.headers['x-gongdan-ticket'] || '').trim(), number, 'X-Gongdan-Ticket');
}

/** Outbox items for a recipient (admin only), following cursors. */
export async function outboxFor(admin, recipient, state) {
  const out = [];
  let cursor = null;
  for (let i = 0; i < 20; i += 1) {
    const q = new URLSearchParams({ limit: '100' });
    if (recipient) q.set('recipient', recipient);
    if (state) q.set('state', state);
    if (cursor) q.set('cursor', cursor);
    const r = await admin.api.get(`/admin/outbox?${q}`);
    assert.equal(r.status, 200, `admin outbox: ${show(r)}`);
    out.push(...r.json.items);
    cursor = r.json.next_cursor;
    if (!cursor) return out;
  }
  throw new Error('outbox: too many pages');
}

/** Polls the outbox until `pred(items)` holds; returns the items. */
export async function waitForOutbox(admin, recipient, pred, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const items = await outboxFor(admin, recipient);
    if (pred(items)) return items;
    if (Date.now() > deadline) assert.fail(`outbox for ${recipient} never matched: ${JSON.stringify(items)}`);
    await sleep(100);
  }
}

/** Submits a guest ticket from a page in `locale` (Accept-Language); returns the ticket. */
export async function guestTicket(srv, email, { locale = 'zh-CN', name = 'Guest', ...extra } = {}) {
  const r = await new Client(srv).post('/tickets', await ticketBody(srv, { guest: { name, email }, ...extra }), {
    headers: { 'accept-language': locale === 'en' ? 'en-US,en;q=0.9' : 'zh-CN,zh;q=0.9' },
  });
  assert.equal(r.status, 201, `guest ticket: ${show(r)}`);
  return r.json.ticket;
}

/** A client that opens tickets with `X-Ticket-Link: token`. */
export function linkClient(srv, token) {
  const c = new Client(srv);
  const request = c.request.bind(c);
  c.request = (method, path, opts = {}) => request(method, path, { ...opts, headers: { 'x-ticket-link': token, ...(opts.headers || {}) } });
  return c;
}
