// Sign-in by mail and address verification (docs/mail.md, Secure links): a sign-in link works
// once, signs the account in like /auth/login, and confirms the address; registration mails an
// email_verification link that does the same.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, assertProblem, assertUser, cookieJar, parseSetCookies, registerCustomer, createStaff,
  createTicket, show,
} from './helpers.mjs';
import {
  startMailServer, stopMailServer, waitForMailTo, assertMailBasics, signInTokenIn, hasChinese, mailsTo,
  outboxFor, assertMailCountStays,
} from './mail-helpers.mjs';

describe('mail: sign-in links and verification', () => {
  let env;
  let api;
  let admin;
  before(async () => {
    env = await startMailServer();
    api = new Client(env.srv);
    admin = await createStaff(env.srv, 'admin');
  });
  after(async () => { await stopMailServer(env); });

  /** Registers and returns the account with its verification mail. */
  async function registered(locale = 'zh-CN') {
    const cust = await registerCustomer(env.srv, { locale });
    const verification = await waitForMailTo(env.sink, cust.email);
    return { cust, verification };
  }

  /** Requests a sign-in link and returns its token (the newest mail to the address). */
  async function signInLink(email) {
    const before = mailsTo(env.sink, email).length;
    assert.equal((await api.post('/auth/link', { email })).status, 202);
    const mails = await env.sink.waitForCount((m) => m.envelope.rcpt_tos.includes(email), before + 1);
    const mail = mails[before];
    assertMailBasics(mail, { to: email });
    return { mail, token: signInTokenIn(mail) };
  }

  it('registration mails one email_verification in the account language', async () => {
    const { cust, verification } = await registered('zh-CN');
    assertMailBasics(verification, { to: cust.email });
    assert.ok(hasChinese(verification.subject), verification.subject);
    signInTokenIn(verification);
    assert.deepEqual((await outboxFor(admin, cust.email)).map((x) => x.kind), ['email_verification']);
    assert.equal(verification.headers['list-unsubscribe'], undefined, 'not a notification');
    const en = await registered('en');
    assert.ok(!hasChinese(en.verification.text), en.verification.text);
  });

  it('/me says email_verified false until the verification link is used, then true', async () => {
    const { cust, verification } = await registered();
    const me0 = await cust.api.get('/me');
    assert.equal(me0.status, 200, show(me0));
    assert.equal(me0.json.user.email_verified, false, `email_verified before: ${show(me0)}`);
    const r = await api.post('/auth/link/session', { token: signInTokenIn(verification) });
    assert.equal(r.status, 200, show(r));
    const me1 = await cust.api.get('/me');
    assert.equal(me1.json.user.email_verified, true, `email_verified after: ${show(me1)}`);
  });

  it('POST /auth/link/session {token} → 200 {token, user} and session cookies, like /auth/login', async () => {
    const { cust } = await registered('en');
    const { token } = await signInLink(cust.email);
    const r = await api.post('/auth/link/session', { token });
    assert.equal(r.status, 200, show(r));
    assert.equal(typeof r.json.token, 'string');
    assertUser(r.json.user);
    assert.equal(r.json.user.email, cust.email);
    const set = parseSetCookies(r.headers);
    assert.ok(set.gd_session?.attrs.httponly, 'gd_session HttpOnly');
    assert.ok(set.gd_csrf, 'gd_csrf');
    const byBearer = await api.withToken(r.json.token).get('/me');
    assert.equal(byBearer.status, 200, show(byBearer));
    assert.equal(byBearer.json.user.id, cust.user.id);
    const byCookie = await api.withCookies(cookieJar(r.headers)).get('/me');
    assert.equal(byCookie.status, 200, show(byCookie));
    assert.equal(byCookie.json.user.id, cust.user.id);
    assert.equal(byCookie.json.user.email_verified, true, 'a sign-in link confirms the address');
  });

  it('the second use of a sign-in link → 401 link_invalid', async () => {
    const { cust } = await registered();
    const { token } = await signInLink(cust.email);
    assert.equal((await api.post('/auth/link/session', { token })).status, 200);
    assertProblem(await api.post('/auth/link/session', { token }), 401, 'link_invalid');
  });

  it('the verification link is also used up after one use', async () => {
    const { verification } = await registered();
    const token = signInTokenIn(verification);
    assert.equal((await api.post('/auth/link/session', { token })).status, 200);
    assertProblem(await api.post('/auth/link/session', { token }), 401, 'link_invalid');
  });

  it('a ticket link is no sign-in link, and unknown tokens → 401 link_invalid', async () => {
    const { cust } = await registered();
    const t = await createTicket(cust.api);
    const mail = await waitForMailTo(env.sink, cust.email, (m) => m.subject.includes(t.number));
    const ticketToken = /#link=([A-Za-z0-9_-]+)/.exec(mail.text)[1];
    assertProblem(await api.post('/auth/link/session', { token: ticketToken }), 401, 'link_invalid');
    assertProblem(await api.post('/auth/link/session', { token: 'B'.repeat(43) }), 401, 'link_invalid');
    // And a sign-in token does not open a ticket.
    const { token } = await signInLink(cust.email);
    assertProblem(await api.post('/links/ticket', { token }), 401, 'link_invalid');
  });

  it('a new sign-in link does not need the old one; each works once', async () => {
    const { cust } = await registered();
    const first = await signInLink(cust.email);
    const second = await signInLink(cust.email);
    assert.notEqual(first.token, second.token);
    assert.equal((await api.post('/auth/link/session', { token: second.token })).status, 200);
    assert.equal((await api.post('/auth/link/session', { token: first.token })).status, 200);
  });

  it('staff accounts get no sign-in link (the same 202): they sign in with their password only', async () => {
    for (const role of ['agent', 'admin']) {
      const staff = await createStaff(env.srv, role);
      const r = await api.post('/auth/link', { email: staff.email });
      assert.equal(r.status, 202, show(r));
      await assertMailCountStays(env.sink, staff.email, 0, `no sign-in link for the ${role}`);
    }
  });
});
