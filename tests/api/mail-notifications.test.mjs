// Notifications (docs/mail.md, The mails): an agent's public reply is mailed to the customer with
// the reply quoted; an internal note never is; a status change mails only for pending and
// resolved. Notifications carry List-Unsubscribe and thread with the ticket's other mails.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  registerCustomer, createStaff, createTicket, show, uniqEmail,
} from './helpers.mjs';
import {
  startMailServer, stopMailServer, waitForMailTo, assertMailCountStays, assertMailBasics,
  assertTicketThreading, guestTicket, mailsTo, hasChinese, ticketLinkIn, linkClient,
} from './mail-helpers.mjs';

describe('mail: notifications', () => {
  let env;
  let agent;
  before(async () => {
    env = await startMailServer();
    agent = await createStaff(env.srv, 'agent', { name: 'Agent Li' });
  });
  after(async () => { await stopMailServer(env); });

  /** A guest ticket whose confirmation has arrived; returns {email, ticket, count()}. */
  async function ticketWithConfirmation(locale = 'zh-CN') {
    const email = uniqEmail('notify');
    const ticket = await guestTicket(env.srv, email, { locale });
    await waitForMailTo(env.sink, email);
    return { email, ticket, count: () => mailsTo(env.sink, email).length };
  }
  const reply = async (number, body, internal) => {
    const r = await agent.api.post(`/agent/tickets/${number}/messages`, { body, internal });
    assert.equal(r.status, 201, show(r));
    return r.json;
  };
  const setStatus = async (number, status) => {
    const r = await agent.api.patch(`/agent/tickets/${number}`, { status });
    assert.equal(r.status, 200, `status ${status}: ${show(r)}`);
  };

  it('a public reply → one agent_reply mail quoting the reply, with List-Unsubscribe', async () => {
    const { email, ticket } = await ticketWithConfirmation('zh-CN');
    const body = '您好，请更新到 3.2.1 版本后再试一次。\n如果仍然失败，请回复本邮件。';
    await reply(ticket.number, body, false);
    const mail = await waitForMailTo(env.sink, email, (m) => m.text.includes('3.2.1'));
    assertMailBasics(mail, { to: email });
    assertTicketThreading(mail, ticket.number);
    assert.ok(mail.subject.includes(ticket.number), `subject names the ticket: ${mail.subject}`);
    assert.ok(mail.text.includes('您好，请更新到 3.2.1 版本后再试一次。'), `the reply is quoted in full:\n${mail.text}`);
    assert.ok(mail.text.includes('如果仍然失败，请回复本邮件。'), 'second line too');
    assert.ok(mail.html.includes('3.2.1'), 'html has the reply');
    assert.ok(hasChinese(mail.subject), 'zh-CN subject');
    assert.ok(mail.headers['list-unsubscribe'], 'List-Unsubscribe on a notification');
    assert.match(mail.headers['list-unsubscribe'], /<mailto:[^>]+>/);
    assert.ok(mail.headers['list-unsubscribe-post'], 'List-Unsubscribe-Post');
    const link = ticketLinkIn(mail, ticket.number);
    assert.equal((await linkClient(env.srv, link.token).get(`/tickets/${ticket.number}`)).status, 200, 'its link opens the ticket');
    await assertMailCountStays(env.sink, email, 2, 'confirmation + one reply');
  });

  it('the reply is HTML-escaped in the html part', async () => {
    const { email, ticket } = await ticketWithConfirmation('en');
    await reply(ticket.number, 'Try <b>this</b> & <script>alert(1)</script> tag', false);
    const mail = await waitForMailTo(env.sink, email, (m) => m.text.includes('alert(1)'));
    assert.ok(!mail.html.includes('<script>alert(1)</script>'), 'no live script in the html part');
    assert.ok(mail.html.includes('&lt;script&gt;') || mail.html.includes('&lt;script'), 'escaped');
    assert.ok(mail.text.includes('<b>this</b> & <script>'), 'the text part keeps the text as written');
  });

  it('an internal note → no mail', async () => {
    const { email, ticket, count } = await ticketWithConfirmation();
    await reply(ticket.number, 'SECRET-NOTE: customer is on an old build', true);
    await assertMailCountStays(env.sink, email, count(), 'an internal note mails nobody');
    assert.ok(env.sink.messages().every((m) => !m.text.includes('SECRET-NOTE')), 'the note text is in no mail at all');
  });

  it("a signed-in customer's ticket: the reply goes to the account address in its language", async () => {
    const cust = await registerCustomer(env.srv, { locale: 'en' });
    const t = await createTicket(cust.api);
    await waitForMailTo(env.sink, cust.email, (m) => m.subject.includes(t.number));
    await reply(t.number, 'Please update the app and try again.', false);
    const mail = await waitForMailTo(env.sink, cust.email, (m) => m.text.includes('Please update the app'));
    assert.ok(!hasChinese(mail.subject), `en subject: ${mail.subject}`);
    assertTicketThreading(mail, t.number);
  });

  it('a customer comment mails nothing to the customer', async () => {
    const cust = await registerCustomer(env.srv);
    const t = await createTicket(cust.api);
    await waitForMailTo(env.sink, cust.email, (m) => m.subject.includes(t.number));
    const before = mailsTo(env.sink, cust.email).length;
    assert.equal((await cust.api.post(`/tickets/${t.number}/messages`, { body: 'more info' })).status, 201);
    await assertMailCountStays(env.sink, cust.email, before, 'no echo of their own comment');
  });

  for (const status of ['pending', 'resolved']) {
    it(`status → ${status}: one status_changed mail with List-Unsubscribe`, async () => {
      const { email, ticket } = await ticketWithConfirmation('en');
      await setStatus(ticket.number, status);
      const mails = await env.sink.waitForCount((m) => m.envelope.rcpt_tos.includes(email), 2, 10000);
      const mail = mails[1];
      assertMailBasics(mail, { to: email });
      assertTicketThreading(mail, ticket.number);
      assert.ok(mail.subject.includes(ticket.number), mail.subject);
      assert.ok(mail.headers['list-unsubscribe'], 'List-Unsubscribe');
      assert.ok(!hasChinese(mail.text), `en text:\n${mail.text}`);
      await assertMailCountStays(env.sink, email, 2, `one mail for ${status}`);
    });
  }

  it('pending and resolved mails differ (each says what happened)', async () => {
    const a = await ticketWithConfirmation('en');
    const b = await ticketWithConfirmation('en');
    await setStatus(a.ticket.number, 'pending');
    await setStatus(b.ticket.number, 'resolved');
    const [, ma] = await env.sink.waitForCount((m) => m.envelope.rcpt_tos.includes(a.email), 2);
    const [, mb] = await env.sink.waitForCount((m) => m.envelope.rcpt_tos.includes(b.email), 2);
    const strip = (m, n) => m.text.replaceAll(n, '').replace(/#link=[A-Za-z0-9_-]+/g, '');
    assert.notEqual(strip(ma, a.ticket.number), strip(mb, b.ticket.number), 'pending and resolved texts differ');
  });

  for (const status of ['open', 'closed']) {
    it(`status → ${status}: no mail`, async () => {
      const { email, ticket, count } = await ticketWithConfirmation();
      await setStatus(ticket.number, status);
      await assertMailCountStays(env.sink, email, count(), `no mail for ${status}`);
    });
  }

  it('a priority change: no mail', async () => {
    const { email, ticket, count } = await ticketWithConfirmation();
    const r = await agent.api.patch(`/agent/tickets/${ticket.number}`, { priority: 'high' });
    assert.equal(r.status, 200, show(r));
    await assertMailCountStays(env.sink, email, count(), 'no mail for priority');
  });

  it('a ticket’s mails share one thread and never one Message-ID', async () => {
    const { email, ticket } = await ticketWithConfirmation();
    await reply(ticket.number, 'first reply', false);
    await setStatus(ticket.number, 'pending');
    const mails = await env.sink.waitForCount((m) => m.envelope.rcpt_tos.includes(email), 3);
    const ids = mails.map((m) => m.messageId);
    assert.equal(new Set(ids).size, 3, `distinct Message-IDs: ${ids}`);
    for (const m of mails) assertTicketThreading(m, ticket.number);
  });
});
