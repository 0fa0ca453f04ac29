// The outbox keeps its promise (docs/mail.md, Outgoing): mail survives an SMTP outage and arrives
// exactly once; a 4xx is retried with back-off; a 5xx fails at once with the server's answer and
// an admin can retry it. The server runs with --outbox-retry-base-ms 200 so retries come quickly.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertProblem, createStaff, uniqEmail, show, TIME_RE,
} from './helpers.mjs';
import {
  startMailServer, stopMailServer, waitForMailTo, assertMailCountStays, guestTicket, outboxFor,
  waitForOutbox, mailsTo,
} from './mail-helpers.mjs';

const STATES = ['queued', 'sending', 'sent', 'failed'];

function assertOutboxItem(item) {
  for (const k of ['id', 'kind', 'to', 'locale', 'ticket_number', 'state', 'attempts', 'created_at', 'next_attempt_at', 'sent_at', 'last_error']) {
    assert.ok(k in item, `outbox item has ${k}: ${JSON.stringify(item)}`);
  }
  assert.equal(typeof item.id, 'number');
  assert.ok(STATES.includes(item.state), `state ${item.state}`);
  assert.equal(typeof item.attempts, 'number');
  assert.match(item.created_at, TIME_RE);
  assert.ok(item.sent_at === null || TIME_RE.test(item.sent_at), `sent_at ${item.sent_at}`);
  assert.equal(typeof item.last_error === 'string' || item.last_error === null, true, `last_error ${item.last_error}`);
  for (const k of Object.keys(item)) assert.doesNotMatch(k, /token|secret|password|body|values/i, `outbox item leaks ${k}`);
}

describe('mail: outbox delivery', () => {
  const transient = uniqEmail('busy');
  const permanent = uniqEmail('nobody');
  let env;
  let admin;
  before(async () => {
    env = await startMailServer({ sink: { fail451: [transient], fail550: [permanent] } });
    admin = await createStaff(env.srv, 'admin');
  });
  after(async () => { await stopMailServer(env); });

  it('a delivered confirmation shows as sent, with its kind, recipient, locale and ticket', async () => {
    const email = uniqEmail('ok');
    const t = await guestTicket(env.srv, email, { locale: 'en' });
    const mail = await waitForMailTo(env.sink, email);
    const [item] = await waitForOutbox(admin, email, (items) => items.length === 1 && items[0].state === 'sent');
    assertOutboxItem(item);
    assert.equal(item.kind, 'ticket_confirmation');
    assert.equal(item.to, email);
    assert.equal(item.locale, 'en');
    assert.equal(item.ticket_number, t.number);
    assert.equal(item.attempts, 1);
    assert.match(item.sent_at, TIME_RE);
    assert.ok(!JSON.stringify(item).includes('#link='), 'no secret link in the admin view');
    assert.ok(mail.messageId.startsWith(`<o${item.id}.`), `Message-ID derived from outbox id ${item.id}: ${mail.messageId}`);
  });

  it('451 at RCPT → stays queued, retried with back-off, last_error keeps the answer', async () => {
    const t = await guestTicket(env.srv, transient);
    const items = await waitForOutbox(admin, transient, (xs) => xs.length === 1 && xs[0].attempts >= 2, 15000);
    const [item] = items;
    assertOutboxItem(item);
    assert.ok(['queued', 'sending'].includes(item.state), `still queued: ${JSON.stringify(item)}`);
    assert.equal(item.ticket_number, t.number);
    assert.match(item.last_error, /451/, `the server's answer: ${item.last_error}`);
    assert.match(item.next_attempt_at, TIME_RE);
    assert.equal(mailsTo(env.sink, transient).length, 0);
    const queued = await outboxFor(admin, transient, 'queued,failed');
    assert.ok(queued.some((x) => x.id === item.id) || item.state === 'sending', 'the state filter finds it');
    const sent = await outboxFor(admin, transient, 'sent');
    assert.equal(sent.length, 0, 'not listed as sent');
  });

  it('550 at RCPT → failed at once with the answer; retry on a non-failed item → 409 not_failed', async () => {
    const t = await guestTicket(env.srv, permanent);
    const [item] = await waitForOutbox(admin, permanent, (xs) => xs.length === 1 && xs[0].state === 'failed', 15000);
    assertOutboxItem(item);
    assert.equal(item.attempts, 1, 'a permanent failure is not retried');
    assert.equal(item.ticket_number, t.number);
    assert.match(item.last_error, /550/, `the server's answer: ${item.last_error}`);
    const failed = await outboxFor(admin, permanent, 'failed');
    assert.deepEqual(failed.map((x) => x.id), [item.id]);
    const ok = (await outboxFor(admin, '')).find((x) => x.state === 'sent');
    if (ok) assertProblem(await admin.api.post(`/admin/outbox/${ok.id}/retry`), 409, 'not_failed');
    assertProblem(await admin.api.post('/admin/outbox/999999999/retry'), 404, 'not_found');
  });

  it('with the sink accepting again: the 451 mail arrives, and an admin retry sends the failed one', async () => {
    await env.sink.restart(); // no refusals any more
    await waitForMailTo(env.sink, transient, () => true, 20000);
    const [failed] = await outboxFor(admin, permanent, 'failed');
    assert.ok(failed, 'the failed mail is still there');
    const r = await admin.api.post(`/admin/outbox/${failed.id}/retry`);
    assert.equal(r.status, 200, show(r));
    assertOutboxItem(r.json);
    assert.equal(r.json.id, failed.id);
    assert.ok(['queued', 'sending', 'sent'].includes(r.json.state), `queued again: ${JSON.stringify(r.json)}`);
    const mail = await waitForMailTo(env.sink, permanent, () => true, 10000);
    assert.ok(mail.subject.length > 0);
    await waitForOutbox(admin, permanent, (xs) => xs.length === 1 && xs[0].state === 'sent');
    await assertMailCountStays(env.sink, permanent, 1, 'sent once');
    await assertMailCountStays(env.sink, transient, 1, 'the retried 451 mail arrives once', 0);
  });

  it('mail arrives once: submitted during an SMTP outage, queued with its error, delivered after the sink comes back', async () => {
    await env.sink.stop();
    const emails = [uniqEmail('outage'), uniqEmail('outage')];
    const tickets = [];
    for (const email of emails) tickets.push(await guestTicket(env.srv, email));
    for (const email of emails) {
      const [item] = await waitForOutbox(admin, email, (xs) => xs.length === 1 && xs[0].attempts >= 1 && xs[0].last_error, 15000);
      assertOutboxItem(item);
      assert.ok(['queued', 'sending'].includes(item.state), `queued, not failed, during an outage: ${JSON.stringify(item)}`);
      assert.ok(item.last_error.length > 0);
    }
    await env.sink.restart();
    for (const [i, email] of emails.entries()) {
      const mail = await waitForMailTo(env.sink, email, () => true, 20000);
      assert.ok(mail.subject.includes(tickets[i].number));
    }
    for (const email of emails) {
      await assertMailCountStays(env.sink, email, 1, 'exactly once after the outage');
      const [item] = await outboxFor(admin, email);
      assert.equal(item.state, 'sent');
      assert.ok(item.attempts >= 2, `attempts counted: ${item.attempts}`);
    }
    const ids = env.sink.messages().map((m) => m.messageId);
    assert.equal(new Set(ids).size, ids.length, 'no Message-ID was delivered twice');
  });

  it('the outbox list pages with cursors and filters by state', async () => {
    const seen = [];
    let cursor = null;
    for (let i = 0; i < 50; i += 1) {
      const q = new URLSearchParams({ limit: '2' });
      if (cursor) q.set('cursor', cursor);
      const r = await admin.api.get(`/admin/outbox?${q}`);
      assert.equal(r.status, 200, show(r));
      assert.ok(r.json.items.length <= 2);
      seen.push(...r.json.items.map((x) => x.id));
      cursor = r.json.next_cursor;
      if (!cursor) break;
    }
    assert.ok(seen.length >= 5, `all items (5 mails so far in this file): ${seen}`);
    assert.equal(new Set(seen).size, seen.length, 'no item twice across pages');
    const sent = await admin.api.get('/admin/outbox?state=sent&limit=100');
    assert.ok(sent.json.items.every((x) => x.state === 'sent'), show(sent));
    const badState = await admin.api.get('/admin/outbox?state=lost');
    assert.equal(badState.status, 400, show(badState));
  });
});
