// Secure ticket links from mail (docs/mail.md, Secure links): POST /links/ticket trades the token
// for a gd_link cookie; X-Ticket-Link works for API clients; a link opens its own ticket only;
// revoking ends it with 401 link_invalid.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, assertProblem, assertTicketShape, parseSetCookies, cookieJar, registerCustomer, createTicket,
  uniqEmail, show, makeForm, ticketBody, PNG_1x1, TIME_RE,
} from './helpers.mjs';
import {
  startMailServer, stopMailServer, waitForMailTo, ticketLinkIn, guestTicket, linkClient,
} from './mail-helpers.mjs';

describe('mail: secure ticket links', () => {
  let env;
  let api;
  before(async () => { env = await startMailServer(); api = new Client(env.srv); });
  after(async () => { await stopMailServer(env); });

  /** A guest ticket and the token from its confirmation mail. */
  async function guestWithLink() {
    const email = uniqEmail('link');
    const ticket = await guestTicket(env.srv, email);
    const mail = await waitForMailTo(env.sink, email, (m) => m.subject.includes(ticket.number));
    return { email, ticket, token: ticketLinkIn(mail, ticket.number).token };
  }

  it('POST /links/ticket {token} → 200 {number} and an HttpOnly gd_link cookie that opens the ticket', async () => {
    const { ticket, token } = await guestWithLink();
    const r = await api.post('/links/ticket', { token });
    assert.equal(r.status, 200, show(r));
    assert.equal(r.json.number, ticket.number);
    assert.match(r.json.expires_at, TIME_RE);
    const days = (Date.parse(r.json.expires_at) - Date.now()) / 86400000;
    assert.ok(days > 29.9 && days <= 30.01, `a ticket link works for 30 days: ${r.json.expires_at}`);
    const set = parseSetCookies(r.headers);
    assert.ok(set.gd_link, `gd_link cookie: ${r.headers.getSetCookie()}`);
    assert.equal(set.gd_link.attrs.httponly, true, 'gd_link is HttpOnly');
    assert.equal(set.gd_link.attrs.samesite?.toLowerCase(), 'lax', 'SameSite=Lax');
    assert.equal(set.gd_link.attrs.path, '/');
    assert.equal(set.gd_link.value, token, 'the cookie holds the token');
    assert.ok(set.gd_csrf, 'a CSRF cookie comes with it');
    const jar = cookieJar(r.headers);
    const page = await api.withCookies(jar).get(`/tickets/${ticket.number}`);
    assert.equal(page.status, 200, show(page));
    assertTicketShape(page.json.ticket);
    assert.equal(page.json.ticket.number, ticket.number);
    assert.ok(page.json.messages.every((m) => m.internal === false));
  });

  it('the cookie lets a guest comment (with the CSRF header); without it → 403 csrf_failed', async () => {
    const { ticket, token } = await guestWithLink();
    const jar = cookieJar((await api.post('/links/ticket', { token })).headers);
    assertProblem(await api.withCookies(jar, false).post(`/tickets/${ticket.number}/messages`, { body: 'no csrf' }), 403, 'csrf_failed');
    const r = await api.withCookies(jar).post(`/tickets/${ticket.number}/messages`, { body: '访客通过链接补充' });
    assert.equal(r.status, 201, show(r));
    assert.equal(r.json.message.author.role, 'customer');
  });

  it('X-Ticket-Link: TOKEN opens the ticket and lets the guest comment', async () => {
    const { ticket, token } = await guestWithLink();
    const viaHeader = linkClient(env.srv, token);
    const page = await viaHeader.get(`/tickets/${ticket.number}`);
    assert.equal(page.status, 200, show(page));
    assert.equal(page.json.ticket.number, ticket.number);
    const c = await viaHeader.post(`/tickets/${ticket.number}/messages`, { body: 'a comment through the link' });
    assert.equal(c.status, 201, show(c));
    const after = await viaHeader.get(`/tickets/${ticket.number}`);
    assert.deepEqual(after.json.messages.map((m) => m.body).slice(-1), ['a comment through the link']);
  });

  it('the link opens the ticket\'s attachments and lets the guest close it', async () => {
    const email = uniqEmail('link-files');
    const form = makeForm('ticket', await ticketBody(env.srv, { guest: { name: 'Guest', email } }), [['shot.png', PNG_1x1, 'image/png']]);
    const created = await api.postForm('/tickets', form);
    assert.equal(created.status, 201, show(created));
    const { number } = created.json.ticket;
    const mail = await waitForMailTo(env.sink, email);
    const viaHeader = linkClient(env.srv, ticketLinkIn(mail, number).token);
    const page = await viaHeader.get(`/tickets/${number}`);
    const [file] = page.json.messages[0].attachments;
    const d = await viaHeader.get(file.url);
    assert.equal(d.status, 200, show(d));
    assert.ok(d.bytes.equals(PNG_1x1));
    assert.equal((await api.get(file.url)).status === 200, false, 'not without the link');
    const closed = await viaHeader.post(`/tickets/${number}/close`);
    assert.equal(closed.status, 200, show(closed));
    assert.equal(closed.json.ticket.status, 'closed');
  });

  it('the link stays reusable (a ticket link is not used up)', async () => {
    const { ticket, token } = await guestWithLink();
    for (let i = 0; i < 3; i += 1) {
      const r = await api.post('/links/ticket', { token });
      assert.equal(r.status, 200, `use ${i + 1}: ${show(r)}`);
      assert.equal((await linkClient(env.srv, token).get(`/tickets/${ticket.number}`)).status, 200);
    }
  });

  it("a link for ticket A does not open ticket B (404), not even B of the same guest", async () => {
    const a = await guestWithLink();
    const b = await guestTicket(env.srv, a.email);
    const other = await guestWithLink();
    for (const number of [b.number, other.ticket.number]) {
      assertProblem(await linkClient(env.srv, a.token).get(`/tickets/${number}`), 404, 'not_found');
      assertProblem(await linkClient(env.srv, a.token).post(`/tickets/${number}/messages`, { body: 'x' }), 404, 'not_found');
      const jar = cookieJar((await api.post('/links/ticket', { token: a.token })).headers);
      assertProblem(await api.withCookies(jar).get(`/tickets/${number}`), 404, 'not_found');
    }
  });

  it('a link does not reach agent endpoints', async () => {
    const { ticket, token } = await guestWithLink();
    const r = await linkClient(env.srv, token).get(`/agent/tickets/${ticket.number}`);
    assert.ok([401, 403].includes(r.status), show(r));
  });

  it("a signed-in customer's confirmation link opens the ticket without a session", async () => {
    const cust = await registerCustomer(env.srv, { locale: 'en' });
    const t = await createTicket(cust.api);
    const mail = await waitForMailTo(env.sink, cust.email, (m) => m.subject.includes(t.number));
    const { token } = ticketLinkIn(mail, t.number);
    const page = await linkClient(env.srv, token).get(`/tickets/${t.number}`);
    assert.equal(page.status, 200, show(page));
  });

  it('unknown and malformed tokens → 401 link_invalid, one answer for all', async () => {
    const bodies = [];
    for (const token of ['A'.repeat(43), 'not a token', '']) {
      const r = await api.post('/links/ticket', { token });
      if (token === '') { assert.ok([400, 401].includes(r.status), show(r)); continue; }
      assertProblem(r, 401, 'link_invalid');
      bodies.push(r.json);
    }
    assert.deepEqual(bodies[0], bodies[1]);
  });

  it('a dead X-Ticket-Link on a ticket endpoint → 401 link_invalid too (unknown or revoked)', async () => {
    const { ticket, token } = await guestWithLink();
    assertProblem(await linkClient(env.srv, 'A'.repeat(43)).get(`/tickets/${ticket.number}`), 401, 'link_invalid');
    assert.equal((await linkClient(env.srv, token).post(`/tickets/${ticket.number}/links/revoke`)).status, 200);
    assertProblem(await linkClient(env.srv, token).get(`/tickets/${ticket.number}`), 401, 'link_invalid');
  });

  it('POST /tickets/{n}/links/revoke by the link holder → 200 {revoked}; the token then gives 401 link_invalid', async () => {
    const { ticket, token } = await guestWithLink();
    const jar = cookieJar((await api.post('/links/ticket', { token })).headers);
    const r = await linkClient(env.srv, token).post(`/tickets/${ticket.number}/links/revoke`);
    assert.equal(r.status, 200, show(r));
    assert.equal(typeof r.json.revoked, 'number', `revoked count: ${show(r)}`);
    assert.ok(r.json.revoked >= 1, show(r));
    assertProblem(await api.post('/links/ticket', { token }), 401, 'link_invalid');
    assertProblem(await linkClient(env.srv, token).get(`/tickets/${ticket.number}`), 401); // code: see the test above
    const viaCookie = await api.withCookies(jar).get(`/tickets/${ticket.number}`);
    assert.ok([401, 404].includes(viaCookie.status), `the gd_link cookie is dead too: ${show(viaCookie)}`);
  });

  it('the owner and staff may revoke; a stranger may not', async () => {
    const cust = await registerCustomer(env.srv);
    const t = await createTicket(cust.api);
    const mail = await waitForMailTo(env.sink, cust.email, (m) => m.subject.includes(t.number));
    const { token } = ticketLinkIn(mail, t.number);
    const stranger = await registerCustomer(env.srv);
    assertProblem(await stranger.api.post(`/tickets/${t.number}/links/revoke`), 404, 'not_found');
    assertProblem(await api.post(`/tickets/${t.number}/links/revoke`), 401);
    assert.equal((await linkClient(env.srv, token).get(`/tickets/${t.number}`)).status, 200, 'still valid');
    const r = await cust.api.post(`/tickets/${t.number}/links/revoke`);
    assert.equal(r.status, 200, show(r));
    assertProblem(await api.post('/links/ticket', { token }), 401, 'link_invalid');
    assertProblem(await linkClient(env.srv, token).get(`/tickets/${t.number}`), 401);
  });
});
