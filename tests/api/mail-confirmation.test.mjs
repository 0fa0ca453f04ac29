// Submitting a ticket mails one confirmation (docs/mail.md, ticket_confirmation): to the right
// address, in the recipient's language, multipart text+html, with the ticket's threading headers
// and a secure link that opens the ticket.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, registerCustomer, createTicket, ticketBody, uniqEmail, uniq, show,
} from './helpers.mjs';
import {
  startMailServer, stopMailServer, waitForMailTo, assertMailCountStays, assertMailBasics,
  assertTicketThreading, ticketLinkIn, hasChinese, guestTicket, mailsTo,
} from './mail-helpers.mjs';

describe('mail: ticket confirmation', () => {
  let env;
  before(async () => { env = await startMailServer(); });
  after(async () => { await stopMailServer(env); });

  function assertConfirmation(mail, ticket, to) {
    assertMailBasics(mail, { to });
    assertTicketThreading(mail, ticket.number);
    assert.ok(mail.subject.includes(ticket.number), `subject names ${ticket.number}: ${mail.subject}`);
    assert.ok(mail.text.includes(ticket.number), `text names ${ticket.number}:\n${mail.text}`);
    assert.ok(mail.html.includes(ticket.number), `html names ${ticket.number}`);
    assert.equal(mail.headers['list-unsubscribe'], undefined, 'the confirmation is not a notification');
    const link = ticketLinkIn(mail, ticket.number);
    assert.match(link.token, /^[A-Za-z0-9_-]{43,}$/, '32 random bytes, URL-safe');
    assert.ok(mail.text.includes(`http://127.0.0.1:${new URL(env.srv.baseUrl).port}/tickets/${ticket.number}#link=`),
      `the link starts with --public-url:\n${mail.text}`);
    assert.ok(mail.html.includes(`#link=${link.token}`), 'the html part carries the same link');
    return link;
  }

  it('a signed-in zh-CN customer gets exactly one confirmation, in Chinese', async () => {
    const cust = await registerCustomer(env.srv, { locale: 'zh-CN' });
    const subject = `无法发送图片 ${uniq('s')}`;
    const t = await createTicket(cust.api, { subject });
    const mail = await waitForMailTo(env.sink, cust.email, (m) => m.subject.includes(t.number));
    assertConfirmation(mail, t, cust.email);
    assert.ok(hasChinese(mail.subject.replace(subject, '')), `Chinese subject: ${mail.subject}`);
    assert.ok(hasChinese(mail.text.replace(subject, '')), `Chinese text:\n${mail.text}`);
    // Registration mails a verification too; the ticket mails exactly one confirmation.
    await assertMailCountStays(env.sink, cust.email, mailsTo(env.sink, cust.email).length, 'no second mail');
    assert.equal(mailsTo(env.sink, cust.email).filter((m) => m.subject.includes(t.number)).length, 1, 'one confirmation');
  });

  it('a signed-in en customer gets it in English', async () => {
    const cust = await registerCustomer(env.srv, { locale: 'en' });
    const t = await createTicket(cust.api, { subject: `Photos fail ${uniq('s')}` });
    const mail = await waitForMailTo(env.sink, cust.email, (m) => m.subject.includes(t.number));
    assertConfirmation(mail, t, cust.email);
    assert.ok(!hasChinese(mail.subject), `English subject: ${mail.subject}`);
    assert.ok(!hasChinese(mail.text), `English text:\n${mail.text}`);
    assert.equal(mailsTo(env.sink, cust.email).filter((m) => m.subject.includes(t.number)).length, 1, 'one confirmation');
  });

  it("the account's language wins over the page's Accept-Language", async () => {
    const cust = await registerCustomer(env.srv, { locale: 'en' });
    const r = await cust.api.post('/tickets', await ticketBody(env.srv, { subject: `Lang ${uniq('s')}` }), { headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    assert.equal(r.status, 201, show(r));
    const t = r.json.ticket;
    const mail = await waitForMailTo(env.sink, cust.email, (m) => m.subject.includes(t.number));
    assert.ok(!hasChinese(mail.text), `English text:\n${mail.text}`);
  });

  for (const locale of ['zh-CN', 'en']) {
    it(`a guest submitting from a ${locale} page gets one confirmation in ${locale} at the guest address`, async () => {
      const email = uniqEmail(`guest-${locale.toLowerCase()}`);
      const t = await guestTicket(env.srv, email, { locale, subject: `Guest ${uniq('s')}` });
      assert.equal(t.customer.guest, true);
      const mail = await waitForMailTo(env.sink, email);
      assertConfirmation(mail, t, email);
      assert.equal(hasChinese(mail.text), locale === 'zh-CN', `language ${locale}:\n${mail.text}`);
      assert.deepEqual(mail.envelope.rcpt_tos.map((a) => a.toLowerCase()), [email], 'envelope recipient');
      await assertMailCountStays(env.sink, email, 1, 'exactly one mail');
    });
  }

  it('the guest name is RFC 2047-encoded in To and decodes to the original', async () => {
    const email = uniqEmail('guest-name');
    const t = await guestTicket(env.srv, email, { name: '张三' });
    const mail = await waitForMailTo(env.sink, email);
    assert.ok(mail.headers.to.includes('张三'), `To decodes: ${mail.headers.to}`);
    assert.match(mail.rawHeaders.to[0], /=\?utf-8\?[bq]\?/i, `To is encoded on the wire: ${mail.rawHeaders.to[0]}`);
    assert.match(mail.rawHeaders.subject[0], /^[\x20-\x7e]*$/, 'the raw Subject is 7-bit (encoded words)');
    assert.ok(mail.subject.includes(t.number));
  });

  it('a refused submission queues no mail', async () => {
    const email = uniqEmail('refused');
    const bad = await new Client(env.srv).post('/tickets', { subject: 'x', description: 'y', guest: { name: 'G', email } });
    assert.equal(bad.status, 400);
    await assertMailCountStays(env.sink, email, 0, 'nothing for a 400');
  });
});
