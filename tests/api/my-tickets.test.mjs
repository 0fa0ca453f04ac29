// GET /tickets: own tickets only, most recent activity first, status filter, cursor pagination.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import {
  Client, assertProblem, assertFieldError, assertTicketShape, registerCustomer, createTicket,
  createStaff, show, sleep,
  stopServer,
} from './helpers.mjs';

describe('My tickets', () => {
  let srv;
  let api;
  let me;
  let other;
  let agent;
  let mine = [];
  before(async () => {
    srv = await startServer();
    api = new Client(srv);
    [me, other, agent] = await Promise.all([registerCustomer(srv), registerCustomer(srv), createStaff(srv, 'agent')]);
    for (let i = 0; i < 25; i += 1) {
      mine.push(await createTicket(me.api, { subject: `Mine ${i}` }));
      if (i % 5 === 0) await createTicket(other.api, { subject: `Theirs ${i}` });
    }
  });
  after(async () => { await stopServer(srv); });

  it('401 without a session', async () => {
    assertProblem(await api.get('/tickets'), 401, 'unauthenticated');
  });

  it('default page: 20 items, next_cursor set, only my tickets, ticket objects', async () => {
    const r = await me.api.get('/tickets');
    assert.equal(r.status, 200, show(r));
    assert.equal(r.json.items.length, 20);
    assert.equal(typeof r.json.next_cursor, 'string');
    for (const t of r.json.items) {
      assertTicketShape(t, { listItem: true });
      assert.equal(t.customer.email, me.email);
    }
  });

  it('the other customer sees only theirs', async () => {
    const r = await other.api.get('/tickets?limit=100');
    assert.equal(r.status, 200, show(r));
    assert.equal(r.json.items.length, 5);
    assert.ok(r.json.items.every((t) => t.customer.email === other.email));
    assert.equal(r.json.next_cursor, null);
  });

  it('pagination with a cursor: no duplicates, no gaps, in order, across > limit tickets', async () => {
    const seen = [];
    let cursor = null;
    let pages = 0;
    do {
      const q = new URLSearchParams({ limit: '7' });
      if (cursor) q.set('cursor', cursor);
      const r = await me.api.get(`/tickets?${q}`);
      assert.equal(r.status, 200, show(r));
      assert.ok(r.json.items.length <= 7);
      seen.push(...r.json.items);
      cursor = r.json.next_cursor;
      pages += 1;
      assert.ok(pages < 20, 'terminates');
    } while (cursor);
    assert.equal(pages, 4); // 7 + 7 + 7 + 4
    const numbers = seen.map((t) => t.number);
    assert.equal(new Set(numbers).size, numbers.length, 'no duplicates');
    assert.deepEqual([...numbers].sort(), mine.map((t) => t.number).sort(), 'no gaps');
    const full = (await me.api.get('/tickets?limit=100')).json.items.map((t) => t.number);
    assert.deepEqual(numbers, full, 'pages concatenate to the single-page order');
  });

  it('newest activity first: a new message moves an old ticket to the top', async () => {
    const r0 = await me.api.get('/tickets?limit=100');
    const order0 = r0.json.items.map((t) => t.number);
    // Creation order: newest first.
    assert.deepEqual(order0, [...mine].reverse().map((t) => t.number));
    for (let i = 1; i < r0.json.items.length; i += 1) {
      assert.ok(r0.json.items[i - 1].updated_at >= r0.json.items[i].updated_at, 'updated_at descending');
    }
    await sleep(5);
    const oldest = mine[0].number;
    const m = await me.api.post(`/tickets/${oldest}/messages`, { body: 'Any news?' });
    assert.equal(m.status, 201, show(m));
    const r1 = await me.api.get('/tickets?limit=3');
    assert.equal(r1.json.items[0].number, oldest);
    // An agent's reply is activity too.
    await sleep(5);
    const second = mine[1].number;
    const a = await agent.api.post(`/agent/tickets/${second}/messages`, { body: 'We are on it.', internal: false });
    assert.equal(a.status, 201, show(a));
    const r2 = await me.api.get('/tickets?limit=3');
    assert.equal(r2.json.items[0].number, second);
    assert.equal(r2.json.items[1].number, oldest);
  });

  it('status filter, one status and a comma list', async () => {
    const toClose = mine[5].number;
    const c = await me.api.post(`/tickets/${toClose}/close`, undefined);
    assert.equal(c.status, 200, show(c));
    const closed = await me.api.get('/tickets?status=closed');
    assert.equal(closed.status, 200, show(closed));
    assert.deepEqual(closed.json.items.map((t) => t.number), [toClose]);
    const open = await me.api.get('/tickets?status=open&limit=100');
    assert.ok(open.json.items.length >= 1, 'the agent-replied ticket is open');
    assert.ok(open.json.items.every((t) => t.status === 'open'));
    const both = await me.api.get('/tickets?status=open,closed&limit=100');
    assert.equal(both.json.items.length, open.json.items.length + 1);
    assert.ok(both.json.items.every((t) => ['open', 'closed'].includes(t.status)));
    const neu = await me.api.get('/tickets?status=new&limit=100');
    assert.ok(neu.json.items.every((t) => t.status === 'new'));
    assert.equal(neu.json.items.length + both.json.items.length, mine.length);
    // A filter with pagination.
    const p1 = await me.api.get('/tickets?status=new&limit=10');
    assert.equal(p1.json.items.length, 10);
    const p2 = await me.api.get(`/tickets?status=new&limit=10&cursor=${encodeURIComponent(p1.json.next_cursor)}`);
    const p3 = p2.json.next_cursor ? await me.api.get(`/tickets?status=new&limit=10&cursor=${encodeURIComponent(p2.json.next_cursor)}`) : { json: { items: [] } };
    const all = [...p1.json.items, ...p2.json.items, ...p3.json.items].map((t) => t.number);
    assert.equal(new Set(all).size, all.length);
    assert.equal(all.length, neu.json.items.length);
  });

  it('limit outside 1..100 and an unknown status → 400 naming the parameter', async () => {
    assertFieldError(await me.api.get('/tickets?limit=0'), 'limit');
    assertFieldError(await me.api.get('/tickets?limit=101'), 'limit');
    assertFieldError(await me.api.get('/tickets?limit=abc'), 'limit');
    assertFieldError(await me.api.get('/tickets?status=bogus'), 'status');
  });

  it('limit=100 and limit=1 are accepted', async () => {
    assert.equal((await me.api.get('/tickets?limit=100')).json.items.length, 25);
    const one = await me.api.get('/tickets?limit=1');
    assert.equal(one.json.items.length, 1);
    assert.equal(typeof one.json.next_cursor, 'string');
  });

  it('a garbage cursor → 400, not 500', async () => {
    const r = await me.api.get('/tickets?cursor=%%%garbage');
    assertProblem(r, 400);
  });
});
