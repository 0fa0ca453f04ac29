// Incoming mail through `gongdan mail-in` (docs/mail.md, Incoming), run against the data directory
// of a running server: a customer's reply becomes a comment without its quoted history (UTF-8,
// GBK from QQ Mail and Foxmail), a duplicate changes nothing, another sender opens a new ticket,
// automatic mail is never answered. Fixtures: tests/data/mail/README.md.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Client, registerCustomer, createStaff, createTicket, uniqEmail, uniq, show,
} from './helpers.mjs';
import {
  startMailServer, stopMailServer, waitForMailTo, assertMailCountStays, mailsTo, signInTokenIn,
} from './mail-helpers.mjs';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'mail');

/** A fixture's bytes with its ASCII placeholders replaced (binary-safe: latin1 round trip). */
function fixture(name, values) {
  let s = readFileSync(join(fixtures, name)).toString('latin1');
  for (const [k, v] of Object.entries(values)) s = s.replaceAll(`__${k}__`, v);
  assert.doesNotMatch(s, /__[A-Z]+__/, `every placeholder of ${name} filled`);
  return Buffer.from(s, 'latin1');
}

describe('mail: incoming (gongdan mail-in)', () => {
  let env;
  let agent;
  before(async () => {
    env = await startMailServer();
    agent = await createStaff(env.srv, 'agent');
  });
  after(async () => { await stopMailServer(env); });

  const mailIn = async (bytes) => {
    // serve and mail-in share the public URL: its host is how replies are recognised (docs/mail.md).
    const r = await env.srv.cliWithInput(['mail-in', '--public-url', env.publicUrl], bytes);
    return r;
  };
  const handled = async (bytes) => {
    const r = await mailIn(bytes);
    assert.equal(r.code, 0, `mail-in exit 0: ${JSON.stringify(r)}`);
    return r;
  };
  const agentPage = async (number) => {
    const r = await agent.api.get(`/agent/tickets/${number}`);
    assert.equal(r.status, 200, show(r));
    return r.json;
  };
  /** Tickets whose customer email (or subject) matches `q`, as the agent list finds them. */
  const agentFind = async (q) => {
    const r = await agent.api.get(`/agent/tickets?q=${encodeURIComponent(q)}&limit=100`);
    assert.equal(r.status, 200, show(r));
    return r.json.items;
  };

  /** A customer with a ticket whose confirmation has arrived. */
  async function customerTicket() {
    const cust = await registerCustomer(env.srv, { locale: 'zh-CN' });
    const ticket = await createTicket(cust.api, { subject: `无法发送图片 ${uniq('s')}` });
    const confirmation = await waitForMailTo(env.sink, cust.email, (m) => m.subject.includes(ticket.number));
    return { cust, ticket, confirmation };
  }

  const msgId = () => `${uniq('in')}@mail.example.com`;

  // Uses the verification mail registration sent: mail from the address then reaches the account.
  async function verify(cust) {
    const verification = await waitForMailTo(env.sink, cust.email, (m) => m.text?.includes('#token='));
    const r = await new Client(env.srv).post('/auth/link/session', { token: signInTokenIn(verification) });
    assert.equal(r.status, 200, show(r));
  }

  it('a Gmail reply from the customer → one comment, quoted history cut', async () => {
    const { cust, ticket, confirmation } = await customerTicket();
    const inReplyTo = confirmation.messageId.replace(/^<|>$/g, '');
    const bytes = fixture('reply-gmail-utf8.eml', { FROM: cust.email, NUMBER: ticket.number, MSGID: msgId(), INREPLYTO: inReplyTo });
    await handled(bytes);
    const page = await cust.api.get(`/tickets/${ticket.number}`);
    assert.equal(page.status, 200, show(page));
    assert.equal(page.json.messages.length, 2, `one comment added: ${show(page)}`);
    const m = page.json.messages[1];
    assert.equal(m.author.role, 'customer');
    assert.equal(m.internal, false);
    assert.equal(m.body.trim(), 'Thanks, updating to 3.2.1 fixed it. Résumé: all photos send now.', `history cut: ${JSON.stringify(m.body)}`);
  });

  it('the same message again → exit 0 and no second comment', async () => {
    const { cust, ticket, confirmation } = await customerTicket();
    const bytes = fixture('reply-gmail-utf8.eml', {
      FROM: cust.email, NUMBER: ticket.number, MSGID: msgId(), INREPLYTO: confirmation.messageId.replace(/^<|>$/g, ''),
    });
    await handled(bytes);
    await handled(bytes);
    const page = await cust.api.get(`/tickets/${ticket.number}`);
    assert.equal(page.json.messages.length, 2, `a duplicate changes nothing: ${page.json.messages.map((x) => x.body)}`);
  });

  it('a QQ Mail reply in GBK/GB18030 → a comment in correct Chinese, history cut', async () => {
    const { cust, ticket } = await customerTicket();
    await handled(fixture('reply-qq-gbk.eml', { FROM: cust.email, NUMBER: ticket.number, MSGID: msgId() }));
    const page = await cust.api.get(`/tickets/${ticket.number}`);
    assert.equal(page.json.messages.length, 2, show(page));
    const body = page.json.messages[1].body;
    assert.equal(body.trim(), '谢谢，更新以后问题已经解决了。图片都能发出去了。', `decoded and cut: ${JSON.stringify(body)}`);
    assert.ok(!body.includes('原始邮件') && !body.includes('引用历史'), 'no history');
    assert.ok(!body.includes('\ufffd'), 'no replacement characters');
  });

  it('a Foxmail reply in raw 8-bit GBK → a comment in correct Chinese', async () => {
    const { cust, ticket } = await customerTicket();
    await handled(fixture('reply-foxmail-gbk-8bit.eml', { FROM: cust.email, NUMBER: ticket.number, MSGID: msgId() }));
    const page = await cust.api.get(`/tickets/${ticket.number}`);
    assert.equal(page.json.messages.length, 2, show(page));
    assert.equal(page.json.messages[1].body.trim(), '好的，我明天再试一下。', JSON.stringify(page.json.messages[1].body));
  });

  it('a reply mails no confirmation back to the customer', async () => {
    const { cust, ticket } = await customerTicket();
    const before = mailsTo(env.sink, cust.email).length;
    await handled(fixture('reply-qq-gbk.eml', { FROM: cust.email, NUMBER: ticket.number, MSGID: msgId() }));
    await assertMailCountStays(env.sink, cust.email, before, 'a comment by mail is not confirmed by mail');
  });

  it("a reply from another sender → a new (guest) ticket, not a comment on the customer's ticket", async () => {
    const { cust, ticket } = await customerTicket();
    const stranger = uniqEmail('stranger');
    await handled(fixture('reply-foxmail-gbk-8bit.eml', { FROM: stranger, NUMBER: ticket.number, MSGID: msgId() }));
    const page = await cust.api.get(`/tickets/${ticket.number}`);
    assert.equal(page.json.messages.length, 1, 'no comment on the original ticket');
    const found = await agentFind(stranger);
    assert.equal(found.length, 1, `one new ticket for ${stranger}: ${JSON.stringify(found)}`);
    assert.notEqual(found[0].number, ticket.number);
    assert.equal(found[0].customer.email, stranger);
    assert.equal(found[0].customer.guest, true);
    // The subject as sent, or without its reply prefix: the contract does not say which.
    assert.ok(['回复: 无法发送图片', '无法发送图片'].includes(found[0].subject), `decoded subject: ${found[0].subject}`);
    const p = await agentPage(found[0].number);
    assert.ok(p.messages[0].body.includes('好的，我明天再试一下。'), JSON.stringify(p.messages[0].body));
    const mail = await waitForMailTo(env.sink, stranger);
    assert.ok(mail.subject.includes(found[0].number), 'the new ticket is confirmed by mail');
  });

  it('a first mail → a new guest ticket with the decoded subject and body, and a confirmation', async () => {
    const sender = uniqEmail('newmail');
    const tag = uniq('tag');
    await handled(fixture('new-ticket-utf8.eml', { FROM: sender, MSGID: msgId(), TAG: tag }));
    const [t] = await agentFind(sender);
    assert.ok(t, 'a ticket');
    assert.equal(t.subject, `登录后闪退 ${tag}`);
    assert.equal(t.customer.name, '王五');
    assert.equal(t.status, 'new');
    const p = await agentPage(t.number);
    assert.match(p.messages[0].body, /更新到 3\.2\.0 以后，一登录就闪退。\r?\n手机是华为 Mate 60。/);
    const mail = await waitForMailTo(env.sink, sender);
    assert.ok(mail.subject.includes(t.number));
    assert.ok(/#link=/.test(mail.text), 'with its link');
  });

  it("a mail from a verified customer's address opens a ticket of that account", async () => {
    const cust = await registerCustomer(env.srv);
    await verify(cust);
    await handled(fixture('new-ticket-utf8.eml', { FROM: cust.email.toUpperCase(), MSGID: msgId(), TAG: uniq('tag') }));
    const r = await cust.api.get('/tickets');
    assert.equal(r.status, 200, show(r));
    assert.equal(r.json.items.length, 1, `the account's ticket: ${show(r)}`);
    assert.equal(r.json.items[0].customer.guest, false);
  });

  it("a mail from an unverified account's address opens a guest ticket, not one of the account", async () => {
    // Anyone can register someone else's address; that must not route the owner's mail to them.
    const cust = await registerCustomer(env.srv);
    await handled(fixture('new-ticket-utf8.eml', { FROM: cust.email, MSGID: msgId(), TAG: uniq('tag') }));
    assert.equal((await cust.api.get('/tickets')).json.items.length, 0);
    const found = await agentFind(cust.email);
    assert.equal(found.length, 1, 'one guest ticket');
    assert.equal(found[0].customer.guest, true);
  });

  it('a reply to a closed ticket opens a new ticket', async () => {
    const { cust, ticket } = await customerTicket();
    await verify(cust);
    assert.equal((await cust.api.post(`/tickets/${ticket.number}/close`)).status, 200);
    await handled(fixture('reply-qq-gbk.eml', { FROM: cust.email, NUMBER: ticket.number, MSGID: msgId() }));
    const page = await cust.api.get(`/tickets/${ticket.number}`);
    assert.equal(page.json.messages.length, 1, 'the closed ticket is unchanged');
    const r = await cust.api.get('/tickets');
    assert.equal(r.json.items.length, 2, `a second ticket: ${show(r)}`);
  });

  it('an auto-reply (Auto-Submitted: auto-replied) → nothing created, no mail back', async () => {
    const { cust, ticket } = await customerTicket();
    const before = mailsTo(env.sink, cust.email).length;
    await handled(fixture('auto-replied.eml', { FROM: cust.email, NUMBER: ticket.number, MSGID: msgId() }));
    const page = await cust.api.get(`/tickets/${ticket.number}`);
    assert.equal(page.json.messages.length, 1, 'no comment');
    assert.equal((await cust.api.get('/tickets')).json.items.length, 1, 'no new ticket');
    const stranger = uniqEmail('ooo');
    await handled(fixture('auto-replied.eml', { FROM: stranger, NUMBER: ticket.number, MSGID: msgId() }));
    assert.equal((await agentFind(stranger)).length, 0, 'no ticket for an auto-reply from a stranger');
    await assertMailCountStays(env.sink, cust.email, before, 'nothing mailed to the customer');
    assert.equal(mailsTo(env.sink, stranger).length, 0, 'nothing mailed to the stranger');
    assert.ok(env.sink.messages().every((m) => !m.text?.includes('AUTO-REPLY-BODY')), 'the auto-reply is not quoted anywhere');
  });

  it('input that is not a message → exit 65 (EX_DATAERR)', async () => {
    const r = await mailIn(Buffer.alloc(0));
    assert.equal(r.code, 65, JSON.stringify(r));
  });
});
