// GET /tickets/{number}, messages, close, reopen, immutability (405), and internal notes never
// reaching the customer.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import {
  Client, assertProblem, assertFieldError, assertTicketShape, assertMessageShape, assertEventShape,
  registerCustomer, createStaff, createTicket, makeForm, show, PNG_1x1, LOG_TEXT, TIME_RE,
  makeNumber, randomSymbols, withWrongCheck,
  stopServer,
} from './helpers.mjs';

describe('ticket page', () => {
  let srv;
  let api;
  let cust;
  let other;
  let agent;
  before(async () => {
    srv = await startServer();
    api = new Client(srv);
    [cust, other, agent] = await Promise.all([registerCustomer(srv, { name: 'Owner' }), registerCustomer(srv), createStaff(srv, 'agent', { name: 'Agent Smith' })]);
  });
  after(async () => { await stopServer(srv); });

  const page = async (who, number) => {
    const r = await who.api.get(`/tickets/${number}`);
    assert.equal(r.status, 200, show(r));
    return r.json;
  };
  const setStatus = async (number, status) => {
    const r = await agent.api.patch(`/agent/tickets/${number}`, { status });
    assert.equal(r.status, 200, `agent sets ${status}: ${show(r)}`);
    return r.json.ticket;
  };

  it('200 {ticket, messages, events}; the first message is the description', async () => {
    const t = await createTicket(cust.api, { description: '第一条消息' });
    const p = await page(cust, t.number);
    assertTicketShape(p.ticket);
    // The single-ticket page adds where a merged ticket went (null here) to the ticket object.
    const { merged_into: mergedInto, ...rest } = p.ticket;
    assert.equal(mergedInto, null);
    assert.deepEqual(rest, t);
    assert.equal(p.messages.length, 1);
    assertMessageShape(p.messages[0]);
    assert.equal(p.messages[0].body, '第一条消息');
    assert.equal(p.messages[0].internal, false);
    assert.deepEqual(p.messages[0].author, { name: 'Owner', role: 'customer' });
    assert.deepEqual(p.messages[0].attachments, []);
    assert.ok(Array.isArray(p.events));
  });

  it("another customer's ticket → 404 not_found (not 403), same as an unknown number", async () => {
    const t = await createTicket(cust.api);
    const theirs = await other.api.get(`/tickets/${t.number}`);
    assertProblem(theirs, 404, 'not_found');
    const unknown = await other.api.get(`/tickets/${makeNumber(t.number.slice(0, 6), randomSymbols(5))}`);
    assertProblem(unknown, 404, 'not_found');
    assert.deepEqual(unknown.json, theirs.json, 'the same body: existence does not leak');
    assertProblem(await other.api.get(`/tickets/${withWrongCheck(t.number)}`), 400, 'invalid_number');
    for (const [path, body] of [[`/tickets/${t.number}/messages`, { body: 'hi' }], [`/tickets/${t.number}/close`, undefined], [`/tickets/${t.number}/reopen`, undefined]]) {
      assertProblem(await other.api.post(path, body), 404, 'not_found');
    }
    // And nothing happened to it.
    const p = await page(cust, t.number);
    assert.equal(p.ticket.status, 'new');
    assert.equal(p.messages.length, 1);
  });

  it('the number in the path accepts the lenient spellings (lowercase, no dash)', async () => {
    const t = await createTicket(cust.api);
    for (const spelling of [t.number.toLowerCase(), t.number.replace('-', '')]) {
      const r = await cust.api.get(`/tickets/${encodeURIComponent(spelling)}`);
      assert.equal(r.status, 200, `${spelling}: ${show(r)}`);
      assert.equal(r.json.ticket.number, t.number);
    }
  });

  describe('messages', () => {
    it('201 {message, ticket}; appended to the page', async () => {
      const t = await createTicket(cust.api);
      const r = await cust.api.post(`/tickets/${t.number}/messages`, { body: '补充：安卓 14 上也一样。' });
      assert.equal(r.status, 201, show(r));
      assertMessageShape(r.json.message);
      assertTicketShape(r.json.ticket);
      assert.equal(r.json.message.body, '补充：安卓 14 上也一样。');
      assert.equal(r.json.message.internal, false);
      assert.deepEqual(r.json.message.author, { name: 'Owner', role: 'customer' });
      const p = await page(cust, t.number);
      assert.equal(p.messages.length, 2);
      assert.deepEqual(p.messages[1], r.json.message);
      assert.ok(p.ticket.updated_at >= t.updated_at);
    });

    it('multipart message with files (message part as JSON Blob)', async () => {
      const t = await createTicket(cust.api);
      const form = makeForm('message', { body: 'log attached' }, [['crash.log', LOG_TEXT, 'text/plain'], ['s.png', PNG_1x1, 'image/png']], { jsonAsBlob: true });
      const r = await cust.api.postForm(`/tickets/${t.number}/messages`, form);
      assert.equal(r.status, 201, show(r));
      assert.equal(r.json.message.attachments.length, 2);
      const a = r.json.message.attachments.find((x) => x.filename === 'crash.log');
      const d = await cust.api.get(a.url);
      assert.equal(d.status, 200, show(d));
      assert.ok(d.bytes.equals(LOG_TEXT));
    });

    it('invalid message bodies → 400 naming body; nothing appended', async () => {
      const t = await createTicket(cust.api);
      assertFieldError(await cust.api.post(`/tickets/${t.number}/messages`, {}), 'body', 'required');
      assertFieldError(await cust.api.post(`/tickets/${t.number}/messages`, { body: '' }), 'body', ['required', 'too_short']);
      assertFieldError(await cust.api.post(`/tickets/${t.number}/messages`, { body: 12 }), 'body', 'invalid_type');
      const form = makeForm('message', { body: 'x' }, [['a.png', Buffer.from('<html><script>1</script></html>'), 'image/png']]);
      assertFieldError(await cust.api.postForm(`/tickets/${t.number}/messages`, form), 'files[0]', 'unsupported_type');
      const six = makeForm('message', { body: 'x' }, Array.from({ length: 6 }, (_, i) => [`${i}.png`, PNG_1x1, 'image/png']));
      const r6 = await cust.api.postForm(`/tickets/${t.number}/messages`, six);
      assertProblem(r6, 400, 'validation_failed');
      assert.ok(r6.json.errors.some((e) => e.code === 'too_many'), show(r6));
      assert.equal((await page(cust, t.number)).messages.length, 1);
    });

    it('on a pending ticket → status open', async () => {
      const t = await createTicket(cust.api);
      await setStatus(t.number, 'pending');
      const r = await cust.api.post(`/tickets/${t.number}/messages`, { body: 'Here is the info you asked for.' });
      assert.equal(r.status, 201, show(r));
      assert.equal(r.json.ticket.status, 'open');
      const p = await page(cust, t.number);
      assert.equal(p.ticket.status, 'open');
      const last = p.events[p.events.length - 1];
      assertEventShape(last);
      assert.deepEqual([last.type, last.from, last.to], ['status_changed', 'pending', 'open']);
      assert.equal(last.author.role, 'customer');
    });

    it('on a resolved ticket → status open, resolved_at/reopen_until cleared', async () => {
      const t = await createTicket(cust.api);
      const resolved = await setStatus(t.number, 'resolved');
      assert.match(resolved.resolved_at, TIME_RE);
      assert.match(resolved.reopen_until, TIME_RE);
      const r = await cust.api.post(`/tickets/${t.number}/messages`, { body: 'Still broken.' });
      assert.equal(r.status, 201, show(r));
      assert.equal(r.json.ticket.status, 'open');
      assert.equal(r.json.ticket.reopen_until, null);
    });

    it('on a closed ticket → 409 invalid_transition, nothing appended', async () => {
      const t = await createTicket(cust.api);
      assert.equal((await cust.api.post(`/tickets/${t.number}/close`, undefined)).status, 200);
      const r = await cust.api.post(`/tickets/${t.number}/messages`, { body: 'one more thing' });
      assertProblem(r, 409, 'invalid_transition');
      const p = await page(cust, t.number);
      assert.equal(p.messages.length, 1);
      assert.equal(p.ticket.status, 'closed');
    });
  });

  describe('close and reopen', () => {
    it('close → 200 {ticket} closed with closed_at; an event records it', async () => {
      const t = await createTicket(cust.api);
      const r = await cust.api.post(`/tickets/${t.number}/close`, undefined);
      assert.equal(r.status, 200, show(r));
      assertTicketShape(r.json.ticket);
      assert.equal(r.json.ticket.status, 'closed');
      assert.match(r.json.ticket.closed_at, TIME_RE);
      const p = await page(cust, t.number);
      const e = p.events.find((x) => x.type === 'status_changed' && x.to === 'closed');
      assert.ok(e, JSON.stringify(p.events));
      assertEventShape(e);
      assert.equal(e.from, 'new');
      assert.deepEqual(e.author, { name: 'Owner', role: 'customer' });
    });

    it('close from open, pending and resolved → 200', async () => {
      for (const s of ['open', 'pending', 'resolved']) {
        const t = await createTicket(cust.api);
        await setStatus(t.number, s);
        const r = await cust.api.post(`/tickets/${t.number}/close`, undefined);
        assert.equal(r.status, 200, `close from ${s}: ${show(r)}`);
        assert.equal(r.json.ticket.status, 'closed');
      }
    });

    it('close a closed ticket → 409 invalid_transition', async () => {
      const t = await createTicket(cust.api);
      await cust.api.post(`/tickets/${t.number}/close`, undefined);
      assertProblem(await cust.api.post(`/tickets/${t.number}/close`, undefined), 409, 'invalid_transition');
    });

    it('reopen from resolved → 200, status open, reopen_until null again', async () => {
      const t = await createTicket(cust.api);
      const res = await setStatus(t.number, 'resolved');
      const until = Date.parse(res.reopen_until) - Date.parse(res.resolved_at);
      assert.ok(Math.abs(until - 14 * 86400e3) < 2 * 86400e3, `reopen_until ≈ resolved_at + 14 days (${res.resolved_at} → ${res.reopen_until})`);
      const r = await cust.api.post(`/tickets/${t.number}/reopen`, undefined);
      assert.equal(r.status, 200, show(r));
      assert.equal(r.json.ticket.status, 'open');
      assert.equal(r.json.ticket.reopen_until, null);
      const p = await page(cust, t.number);
      const last = p.events[p.events.length - 1];
      assert.deepEqual([last.type, last.from, last.to], ['status_changed', 'resolved', 'open']);
    });

    it('reopen from new, open, pending, closed → 409 invalid_transition', async () => {
      for (const s of ['new', 'open', 'pending', 'closed']) {
        const t = await createTicket(cust.api);
        if (s !== 'new') await setStatus(t.number, s);
        const r = await cust.api.post(`/tickets/${t.number}/reopen`, undefined);
        assertProblem(r, 409, 'invalid_transition');
        assert.equal((await page(cust, t.number)).ticket.status, s);
      }
    });
  });

  it('PATCH and PUT /tickets/{number} → 405 with Allow (subject and description are immutable)', async () => {
    const t = await createTicket(cust.api, { subject: 'Original subject' });
    for (const method of ['PATCH', 'PUT']) {
      const r = await cust.api.request(method, `/tickets/${t.number}`, { json: { subject: 'Changed', description: 'Changed' } });
      assertProblem(r, 405, 'method_not_allowed');
      const allow = (r.headers.get('allow') || '').split(',').map((s) => s.trim().toUpperCase());
      assert.ok(allow.includes('GET'), `Allow: ${r.headers.get('allow')}`);
      assert.ok(!allow.includes(method), `Allow: ${r.headers.get('allow')}`);
    }
    const p = await page(cust, t.number);
    assert.equal(p.ticket.subject, 'Original subject');
    assert.equal(p.messages[0].body, t.description);
  });

  it("the agent's internal note never reaches the customer (messages, attachment id, ticket list)", async () => {
    const t = await createTicket(cust.api);
    const secret = 'INTERNAL: customer is on a legacy plan, do not promise a refund';
    const form = makeForm('message', { body: secret, internal: true }, [['internal.png', PNG_1x1, 'image/png']]);
    const n = await agent.api.postForm(`/agent/tickets/${t.number}/messages`, form);
    assert.equal(n.status, 201, show(n));
    assert.equal(n.json.message.internal, true);
    const attId = n.json.message.attachments[0].id;
    assert.equal(n.json.ticket.status, 'new', 'an internal note does not open a new ticket');
    // A public reply too, so that the page has something else from the agent.
    const pub = await agent.api.post(`/agent/tickets/${t.number}/messages`, { body: 'Thanks, we are looking.', internal: false });
    assert.equal(pub.status, 201, show(pub));

    const raw = await cust.api.get(`/tickets/${t.number}`);
    assert.equal(raw.status, 200);
    assert.ok(!raw.text.includes('legacy plan'), 'note body absent from the customer page');
    assert.ok(!raw.text.includes('internal.png'), 'note attachment absent from the customer page');
    assert.ok(raw.json.messages.every((m) => m.internal === false));
    assert.deepEqual(raw.json.messages.map((m) => m.body), [t.description, 'Thanks, we are looking.']);
    assert.deepEqual(raw.json.messages[1].author, { name: 'Agent Smith', role: 'agent' });
    assertProblem(await cust.api.get(`/attachments/${attId}`), 404, 'not_found');
    const list = await cust.api.get('/tickets?limit=100');
    assert.ok(!list.text.includes('legacy plan'));
    // The agent sees it.
    const ap = await agent.api.get(`/agent/tickets/${t.number}`);
    assert.equal(ap.status, 200, show(ap));
    const note = ap.json.messages.find((m) => m.internal);
    assert.equal(note.body, secret);
    assert.equal((await agent.api.get(`/attachments/${attId}`)).status, 200);
    // A customer message after a note still works and the note stays hidden.
    assert.equal((await cust.api.post(`/tickets/${t.number}/messages`, { body: 'ok' })).status, 201);
    assert.ok(!(await cust.api.get(`/tickets/${t.number}`)).text.includes('legacy plan'));
  });

  it('attachments: unknown id → 404; another customer → 404; anonymous → 401', async () => {
    const form = makeForm('ticket', { category_id: (await api.get('/categories')).json.items[0].id, subject: 's', description: 'd' }, [['s.png', PNG_1x1, 'image/png']]);
    const t = (await cust.api.postForm('/tickets', form)).json.ticket;
    const att = (await page(cust, t.number)).messages[0].attachments[0];
    assertProblem(await cust.api.get('/attachments/99999999'), 404, 'not_found');
    assertProblem(await other.api.get(`/attachments/${att.id}`), 404, 'not_found');
    assertProblem(await api.get(`/attachments/${att.id}`), 401, 'unauthenticated');
    assert.equal((await agent.api.get(`/attachments/${att.id}`)).status, 200);
  });
});
