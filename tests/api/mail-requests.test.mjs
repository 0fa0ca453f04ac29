// Public forms that make Gongdan send mail (docs/mail.md, Public endpoints that send mail): they
// always answer 202 with the same body, so a stranger learns nothing about an address; mail goes
// only where it matches; at most 5 of a kind per address per hour.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, registerCustomer, createStaff, createTicket, uniqEmail, show, makeNumber, randomSymbols,
} from './helpers.mjs';
import {
  startMailServer, stopMailServer, waitForMailTo, assertMailCountStays, assertMailBasics,
  guestTicket, mailsTo, ticketLinkIn, ticketLinksIn, linkClient, outboxFor, signInTokenIn,
} from './mail-helpers.mjs';

describe('mail: public requests', () => {
  let env;
  let api;
  let admin;
  before(async () => {
    env = await startMailServer();
    api = new Client(env.srv);
    admin = await createStaff(env.srv, 'admin');
  });
  after(async () => { await stopMailServer(env); });

  const kinds = async (email) => (await outboxFor(admin, email)).map((x) => x.kind);

  function assertAccepted(r) {
    assert.equal(r.status, 202, show(r));
    return r.text;
  }

  describe('POST /tickets/lookup/link', () => {
    it('number + matching email → 202 and a ticket_link mail whose link opens the ticket', async () => {
      const email = uniqEmail('lk');
      const t = await guestTicket(env.srv, email, { locale: 'en' });
      await waitForMailTo(env.sink, email);
      assertAccepted(await api.post('/tickets/lookup/link', { number: t.number, email }));
      const [, mail] = await env.sink.waitForCount((m) => m.envelope.rcpt_tos.includes(email), 2);
      assertMailBasics(mail, { to: email });
      assert.ok(mail.subject.includes(t.number), mail.subject);
      const { token } = ticketLinkIn(mail, t.number);
      assert.equal((await linkClient(env.srv, token).get(`/tickets/${t.number}`)).status, 200);
      assert.deepEqual((await kinds(email)).sort(), ['ticket_confirmation', 'ticket_link']);
    });

    it('the lenient number spelling and the email in another case still match', async () => {
      const email = uniqEmail('lk');
      const t = await guestTicket(env.srv, email);
      await waitForMailTo(env.sink, email);
      assertAccepted(await api.post('/tickets/lookup/link', { number: t.number.toLowerCase().replace('-', ''), email: email.toUpperCase() }));
      await env.sink.waitForCount((m) => m.envelope.rcpt_tos.map((a) => a.toLowerCase()).includes(email), 2);
    });

    it('wrong email, unknown number → the same 202 body and no mail to anyone', async () => {
      const email = uniqEmail('lk');
      const t = await guestTicket(env.srv, email);
      await waitForMailTo(env.sink, email);
      const stranger = uniqEmail('stranger');
      const known = assertAccepted(await api.post('/tickets/lookup/link', { number: t.number, email }));
      const wrongEmail = assertAccepted(await api.post('/tickets/lookup/link', { number: t.number, email: stranger }));
      const unknown = assertAccepted(await api.post('/tickets/lookup/link', { number: makeNumber(t.number.slice(0, 6), randomSymbols(5)), email }));
      assert.equal(wrongEmail, known, 'identical bodies');
      assert.equal(unknown, known, 'identical bodies');
      await assertMailCountStays(env.sink, stranger, 0, 'nothing to the stranger');
      assert.equal(mailsTo(env.sink, email).length, 2, 'only the matching request mailed the owner');
    });

    it('a malformed number or email → 400 (input errors are not secrets)', async () => {
      const r = await api.post('/tickets/lookup/link', { number: 'hello', email: uniqEmail() });
      assert.equal(r.status, 400, show(r));
      const r2 = await api.post('/tickets/lookup/link', { number: makeNumber('261125', randomSymbols(5)) });
      assert.equal(r2.status, 400, show(r2));
    });
  });

  describe('POST /mail/ticket-list', () => {
    it('lists every ticket of the address, each with a link to its own ticket', async () => {
      const email = uniqEmail('list');
      const tickets = [];
      for (let i = 0; i < 3; i += 1) tickets.push(await guestTicket(env.srv, email, { locale: 'en' }));
      await env.sink.waitForCount((m) => m.envelope.rcpt_tos.includes(email), 3);
      const otherEmail = uniqEmail('list-other');
      const otherTicket = await guestTicket(env.srv, otherEmail);
      assertAccepted(await api.post('/mail/ticket-list', { email }));
      const mails = await env.sink.waitForCount((m) => m.envelope.rcpt_tos.includes(email), 4);
      const mail = mails[3];
      assertMailBasics(mail, { to: email });
      const links = ticketLinksIn(mail);
      assert.deepEqual([...new Set(links.map((l) => l.number))].sort(), tickets.map((t) => t.number).sort(), `every ticket, no other:\n${mail.text}`);
      assert.ok(!mail.text.includes(otherTicket.number), "another address's ticket is not listed");
      for (const t of tickets) assert.ok(mail.html.includes(t.number), `html lists ${t.number}`);
      for (const l of links) {
        const page = await linkClient(env.srv, l.token).get(`/tickets/${l.number}`);
        assert.equal(page.status, 200, `${l.number}: ${show(page)}`);
      }
      const [a, b] = links.filter((l, i) => links.findIndex((x) => x.number === l.number) === i);
      assert.equal((await linkClient(env.srv, a.token).get(`/tickets/${b.number}`)).status, 404, 'each link opens its own ticket only');
      assert.ok((await kinds(email)).includes('ticket_list'));
    });

    it("includes a registered customer's tickets", async () => {
      const cust = await registerCustomer(env.srv, { locale: 'en' });
      const t = await createTicket(cust.api);
      await waitForMailTo(env.sink, cust.email, (m) => m.subject.includes(t.number));
      const before = mailsTo(env.sink, cust.email).length;
      assertAccepted(await api.post('/mail/ticket-list', { email: cust.email }));
      const mails = await env.sink.waitForCount((m) => m.envelope.rcpt_tos.includes(cust.email), before + 1);
      const mail = mails[before];
      assert.deepEqual(ticketLinksIn(mail).map((l) => l.number), [t.number], mail.text);
    });

    it('an address without tickets → the same 202 body, no mail', async () => {
      const withTickets = uniqEmail('list');
      await guestTicket(env.srv, withTickets);
      await waitForMailTo(env.sink, withTickets);
      const nobody = uniqEmail('nobody');
      const a = assertAccepted(await api.post('/mail/ticket-list', { email: withTickets }));
      const b = assertAccepted(await api.post('/mail/ticket-list', { email: nobody }));
      assert.equal(b, a, 'identical bodies');
      await assertMailCountStays(env.sink, nobody, 0, 'no mail for an address without tickets');
      assert.equal((await outboxFor(admin, nobody)).length, 0, 'nothing queued either');
    });

    it('an invalid email → 400 on field email', async () => {
      const r = await api.post('/mail/ticket-list', { email: 'not an address' });
      assert.equal(r.status, 400, show(r));
    });
  });

  describe('POST /auth/link', () => {
    it('a registered address → sign_in_link mail; unknown → same 202 body, no mail', async () => {
      const cust = await registerCustomer(env.srv, { locale: 'zh-CN' });
      await waitForMailTo(env.sink, cust.email); // the registration's verification mail
      const nobody = uniqEmail('nobody');
      const a = assertAccepted(await api.post('/auth/link', { email: cust.email }));
      const b = assertAccepted(await api.post('/auth/link', { email: nobody }));
      assert.equal(b, a, 'identical bodies');
      const [, mail] = await env.sink.waitForCount((m) => m.envelope.rcpt_tos.includes(cust.email), 2);
      assertMailBasics(mail, { to: cust.email });
      signInTokenIn(mail);
      await assertMailCountStays(env.sink, nobody, 0, 'no mail to an unknown address');
      assert.ok((await kinds(cust.email)).includes('sign_in_link'));
    });
  });

  describe('at most 5 of a kind per address per hour', () => {
    it('ticket-list: the 6th request → still 202 with the same body, no 6th mail', async () => {
      const email = uniqEmail('flood');
      await guestTicket(env.srv, email);
      await waitForMailTo(env.sink, email);
      const bodies = [];
      for (let i = 0; i < 6; i += 1) bodies.push(assertAccepted(await api.post('/mail/ticket-list', { email })));
      assert.equal(new Set(bodies).size, 1, 'all six bodies identical');
      await env.sink.waitForCount((m) => m.envelope.rcpt_tos.includes(email), 6, 15000);
      await assertMailCountStays(env.sink, email, 6, 'confirmation + 5 lists, not 6');
      assert.equal((await kinds(email)).filter((k) => k === 'ticket_list').length, 5, 'five queued');
    });

    it('lookup link: 6 requests → 5 mails', async () => {
      const email = uniqEmail('flood');
      const t = await guestTicket(env.srv, email);
      await waitForMailTo(env.sink, email);
      for (let i = 0; i < 6; i += 1) assertAccepted(await api.post('/tickets/lookup/link', { number: t.number, email }));
      await env.sink.waitForCount((m) => m.envelope.rcpt_tos.includes(email), 6, 15000);
      await assertMailCountStays(env.sink, email, 6, 'confirmation + 5 links');
      assert.equal((await kinds(email)).filter((k) => k === 'ticket_link').length, 5);
    });

    it('sign-in link: 6 requests → 5 mails; another kind to the same address is not affected', async () => {
      const cust = await registerCustomer(env.srv);
      await waitForMailTo(env.sink, cust.email); // the registration's verification mail
      const before = mailsTo(env.sink, cust.email).length;
      for (let i = 0; i < 6; i += 1) assertAccepted(await api.post('/auth/link', { email: cust.email }));
      await env.sink.waitForCount((m) => m.envelope.rcpt_tos.includes(cust.email), before + 5, 15000);
      await assertMailCountStays(env.sink, cust.email, before + 5, '5 sign-in links, not 6');
      assert.equal((await kinds(cust.email)).filter((k) => k === 'sign_in_link').length, 5);
      // A different kind still goes out: the throttle counts per kind.
      await createTicket(cust.api);
      assertAccepted(await api.post('/mail/ticket-list', { email: cust.email }));
      await env.sink.waitForCount((m) => m.envelope.rcpt_tos.includes(cust.email), before + 7, 15000);
    });
  });
});
