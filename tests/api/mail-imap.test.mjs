// Incoming mail through the IMAP poller (docs/mail.md, Incoming), against a real Dovecot
// (tests/support/imap-server.mjs): a first mail opens a guest ticket and is confirmed, a
// customer's reply becomes a comment, automatic mail is flagged \Seen but changes nothing and is
// never answered, and IMAP settings saved on the admin page are used without a restart.
// The poller's first round runs at start-up, then every poll_seconds (10, the minimum); its job
// looks every 5 s, so a mail delivered later is handled within about 15 s.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  registerCustomer, createStaff, createTicket, uniqEmail, uniq, show, sleep,
} from './helpers.mjs';
import {
  PUBLIC_HOST, startMailServer, stopMailServer, waitForMailTo, mailsTo,
} from './mail-helpers.mjs';
import { startImapServer, dovecotInstalled } from '../support/imap-server.mjs';

/** `s` as a literal inside a regular expression. */
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const skip = dovecotInstalled() ? false : 'dovecot-imapd is not installed (/usr/sbin/dovecot)';
/** Longest wait for a poll round: start-up or poll_seconds (10) + the job's 5 s tick + slack. */
const ROUND_MS = 20000;

/** Polls `fn` until it returns a truthy value; fails with `what()` after `timeoutMs`. */
async function waitUntil(fn, what, timeoutMs = ROUND_MS) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // eslint-disable-next-line no-await-in-loop
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms: ${typeof what === 'function' ? what() : what}`);
    // eslint-disable-next-line no-await-in-loop
    await sleep(200);
  }
}

/** An RFC 5322 message with CRLF line ends. */
function mail({ from, to = 'support@example.com', subject, body, messageId, headers = {} }) {
  const lines = [
    `From: ${from}`, `To: ${to}`, `Subject: ${subject}`, `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${messageId || `${uniq('imap')}@mail.example.com`}>`, 'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', ...body.split('\n'), '',
  ];
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

const agentFind = async (staff, q) => {
  const r = await staff.api.get(`/agent/tickets?q=${encodeURIComponent(q)}&limit=100`);
  assert.equal(r.status, 200, show(r));
  return r.json.items;
};
const agentPage = async (staff, number) => {
  const r = await staff.api.get(`/agent/tickets/${number}`);
  assert.equal(r.status, 200, show(r));
  return r.json;
};

describe('mail: incoming through the IMAP poller (--imap)', { skip }, () => {
  let imap;
  let env;
  let agent;
  const guest = uniqEmail('imap-guest');
  const stranger = uniqEmail('imap-stranger');
  const newSubject = `打印机无法连接 ${uniq('s')}`;
  const newBody = '您好，办公室的打印机从昨天起无法连接，请帮忙看看。';
  let firstId;

  before(async () => {
    imap = await startImapServer({
      messages: [mail({ from: `=?UTF-8?B?${Buffer.from('赵六').toString('base64')}?= <${guest}>`, subject: newSubject, body: newBody })],
    });
    [firstId] = imap.initial;
    env = await startMailServer({
      args: ['--imap', imap.url, '--imap-username', imap.username, '--imap-password', imap.password,
        '--imap-poll-seconds', '10'],
    });
    agent = await createStaff(env.srv, 'agent');
  });
  after(async () => {
    try {
      await stopMailServer(env);
    } finally {
      await imap?.stop();
    }
  });

  const diagnostics = () => `maildir: ${JSON.stringify(imap.messages())}\nserver log:\n${env.srv.log().slice(-3000)}\n`
    + `dovecot log:\n${imap.log().slice(-2000)}`;

  let guestTicket;
  let guestConfirmation;
  it('the first round (at start-up) turns a new message into a guest ticket, confirmed by mail, flagged \\Seen', async () => {
    [guestTicket] = await waitUntil(async () => {
      const found = await agentFind(agent, guest);
      return found.length ? found : null;
    }, () => `a ticket for ${guest}\n${diagnostics()}`);
    const found = await agentFind(agent, guest);
    assert.equal(found.length, 1, `exactly one ticket for ${guest}: ${JSON.stringify(found)}`);
    assert.equal(guestTicket.subject, newSubject);
    assert.equal(guestTicket.customer.email, guest);
    assert.equal(guestTicket.customer.guest, true);
    assert.equal(guestTicket.customer.name, '赵六');
    const page = await agentPage(agent, guestTicket.number);
    assert.equal(page.messages.length, 1, JSON.stringify(page.messages));
    assert.equal(page.messages[0].body.trim(), newBody);

    guestConfirmation = await waitForMailTo(env.sink, guest, (m) => m.subject.includes(guestTicket.number));
    assert.ok(mailsTo(env.sink, guest).length === 1, 'one confirmation');
    await waitUntil(() => imap.seen(firstId), () => `the first message flagged \\Seen\n${diagnostics()}`, 5000);
  });

  let cust;
  let custTicket;
  let custMailsBefore;
  const replyBody = '谢谢，重启路由器之后已经可以连接了。';
  const ids = {};
  it("a later round: the customer's reply becomes a comment; auto-replies are flagged \\Seen and change nothing", async () => {
    assert.ok(guestTicket, 'the previous test found the guest ticket');
    cust = await registerCustomer(env.srv, { locale: 'zh-CN' });
    custTicket = await createTicket(cust.api, { subject: `无法登录 ${uniq('s')}` });
    await waitForMailTo(env.sink, cust.email, (m) => m.subject.includes(custTicket.number));
    custMailsBefore = mailsTo(env.sink, cust.email).length;

    const ref = `<ticket.${custTicket.number}@${PUBLIC_HOST}>`;
    ids.reply = imap.deliver(mail({
      from: `Customer <${cust.email}>`, subject: `Re: ${custTicket.subject}`, body: `${replyBody}\n\n> 原来的问题`,
      headers: { 'In-Reply-To': ref, References: ref },
    }));
    // The guest's autoresponder answers the confirmation: threaded onto the guest ticket, from its
    // customer, so only the automatic-mail filter keeps it from becoming a comment.
    const confirmationId = guestConfirmation.messageId;
    ids.guestAuto = imap.deliver(mail({
      from: guest, subject: `自动回复: ${guestConfirmation.subject}`, body: '我正在休假，3 月 5 日返回。',
      headers: { 'Auto-Submitted': 'auto-replied', 'In-Reply-To': confirmationId, References: `<ticket.${guestTicket.number}@${PUBLIC_HOST}> ${confirmationId}` },
    }));
    // An auto-reply from an address Gongdan never wrote to: it would otherwise open a ticket.
    ids.strangerAuto = imap.deliver(mail({
      from: stranger, subject: 'Out of office', body: 'I am away until Monday.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    }));

    const page = await waitUntil(async () => {
      const p = await agentPage(agent, custTicket.number);
      return p.messages.length >= 2 ? p : null;
    }, () => `a comment on ${custTicket.number}\n${diagnostics()}`);
    assert.equal(page.messages.length, 2, `exactly one comment: ${JSON.stringify(page.messages)}`);
    const comment = page.messages[1];
    assert.equal(comment.author.role, 'customer');
    assert.equal(comment.internal, false);
    assert.equal(comment.body.trim(), replyBody, 'quoted history cut');

    await waitUntil(() => ids.reply && imap.seen(ids.reply) && imap.seen(ids.guestAuto) && imap.seen(ids.strangerAuto),
      () => `every message flagged \\Seen\n${diagnostics()}`);
    assert.equal(imap.seenCount(), 4, `all four messages seen: ${JSON.stringify(imap.messages())}`);
    // The poller says what it did with each message (src/app/imap_poll.cpp). The server writes its
    // log in batches (src/logging/buffered_sink.hpp): the last lines may come a moment later.
    const said = [
      [new RegExp(`imap: message \\d+ from ${esc(guest)}: created`), 'the new message: created'],
      [new RegExp(`imap: message \\d+ from ${esc(cust.email)}: commented`), 'the reply: commented'],
      [new RegExp(`imap: message \\d+ from ${esc(guest)}: ignored`), "the guest's auto-reply: ignored"],
      [new RegExp(`imap: message \\d+ from ${esc(stranger)}: ignored`), "the stranger's auto-reply: ignored"],
    ];
    await waitUntil(() => said.every(([re]) => re.test(env.srv.log())), () => `the poller's lines\n${diagnostics()}`, 5000);
    for (const [re, what] of said) assert.match(env.srv.log(), re, what);
  });

  it('the auto-replies created nothing and sent nothing; the reply mailed nothing back', async () => {
    assert.ok(custTicket, 'the previous test ran');
    await sleep(1500); // the outbox polls every 100 ms here: anything queued would have gone out
    assert.deepEqual(await agentFind(agent, stranger), [], 'no ticket for an auto-reply from a stranger');
    assert.equal((await agentFind(agent, guest)).length, 1, 'still one ticket for the guest');
    const guestPage = await agentPage(agent, guestTicket.number);
    assert.equal(guestPage.messages.length, 1, `no comment from the auto-reply: ${JSON.stringify(guestPage.messages)}`);
    assert.equal((await agentPage(agent, custTicket.number)).messages.length, 2, 'no more comments on the customer ticket');
    assert.equal(mailsTo(env.sink, stranger).length, 0, 'nothing mailed to the stranger');
    assert.equal(mailsTo(env.sink, guest).length, 1, 'only the confirmation mailed to the guest');
    assert.equal(mailsTo(env.sink, cust.email).length, custMailsBefore, 'nothing mailed back for the reply');
  });
});

describe('mail: IMAP settings saved on the admin page are polled without a restart', { skip }, () => {
  let imap;
  let env;
  let admin;
  const sender = uniqEmail('imap-admin');
  const subject = `VPN 断线 ${uniq('s')}`;

  before(async () => {
    imap = await startImapServer({ messages: [mail({ from: sender, subject, body: 'VPN 每隔十分钟断一次。' })] });
    env = await startMailServer(); // no --imap: nothing is polled until the admin saves a mailbox
    admin = await createStaff(env.srv, 'admin');
  });
  after(async () => {
    try {
      await stopMailServer(env);
    } finally {
      await imap?.stop();
    }
  });

  it('PUT /admin/mail/settings with an imap mailbox → its unseen mail becomes a ticket, flagged \\Seen', async () => {
    const current = await admin.api.get('/admin/mail/settings');
    assert.equal(current.status, 200, show(current));
    assert.equal(current.json.imap.url, '', 'no mailbox configured at start');
    const { password_set: ignored, ...smtp } = current.json.smtp;
    const put = await admin.api.request('PUT', '/admin/mail/settings', {
      json: { smtp, imap: { url: imap.url, username: imap.username, password: imap.password, poll_seconds: 10 } },
    });
    assert.equal(put.status, 200, show(put));
    assert.equal(put.json.imap.url, imap.url);
    assert.equal(put.json.imap.password_set, true);
    assert.equal(put.json.imap.password, undefined, 'the password is never returned');

    const [t] = await waitUntil(async () => {
      const found = await agentFind(admin, sender);
      return found.length ? found : null;
    }, () => `a ticket for ${sender}\nmaildir: ${JSON.stringify(imap.messages())}\nserver log:\n${env.srv.log().slice(-3000)}`, 12000);
    assert.equal(t.subject, subject);
    assert.equal(t.customer.guest, true);
    await waitForMailTo(env.sink, sender, (m) => m.subject.includes(t.number));
    await waitUntil(() => imap.seen(imap.initial[0]), () => `flagged \\Seen: ${JSON.stringify(imap.messages())}`, 5000);
  });
});
