// Agent endpoints and the authorization matrix (role x action).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import {
  Client, assertProblem, assertFieldError, assertTicketShape, assertMessageShape, assertEventShape,
  registerCustomer, createStaff, createTicket, ticketBody, makeForm, uniq, show, sleep, PNG_1x1, TIME_RE, makeNumber, randomSymbols,
  stopServer,
} from './helpers.mjs';

describe('agents', () => {
  let srv;
  let api;
  let owner;
  let other;
  let agent;
  let admin;
  before(async () => {
    srv = await startServer();
    api = new Client(srv);
    [owner, other, agent, admin] = await Promise.all([
      registerCustomer(srv, { name: 'Owner' }), registerCustomer(srv, { name: 'Other' }),
      createStaff(srv, 'agent', { name: 'Agent A' }), createStaff(srv, 'admin', { name: 'Admin B' }),
    ]);
  });
  after(async () => { await stopServer(srv); });

  it('CLI-made staff have their roles', async () => {
    assert.equal((await agent.api.get('/me')).json.user.role, 'agent');
    assert.equal((await admin.api.get('/me')).json.user.role, 'admin');
  });

  describe('authorization matrix', () => {
    // A fresh ticket per cell: owned by `owner`, with one attachment, resolved for `reopen`.
    async function fixture(action) {
      const form = makeForm('ticket', await ticketBody(srv), [['s.png', PNG_1x1, 'image/png']]);
      const r = await owner.api.postForm('/tickets', form);
      assert.equal(r.status, 201, show(r));
      const t = r.json.ticket;
      if (action === 'reopen') {
        const p = await agent.api.patch(`/agent/tickets/${t.number}`, { status: 'resolved' });
        assert.equal(p.status, 200, show(p));
      }
      const page = await owner.api.get(`/tickets/${t.number}`);
      return { number: t.number, attachmentId: page.json.messages[0].attachments[0].id };
    }

    const actions = {
      'list own tickets': { mutates: false, run: (c) => c.get('/tickets') },
      'view ticket': { mutates: false, run: (c, f) => c.get(`/tickets/${f.number}`) },
      comment: { mutates: true, run: (c, f) => c.post(`/tickets/${f.number}/messages`, { body: 'matrix comment' }) },
      close: { mutates: true, run: (c, f) => c.post(`/tickets/${f.number}/close`, undefined) },
      reopen: { mutates: true, run: (c, f) => c.post(`/tickets/${f.number}/reopen`, undefined) },
      'agent list': { mutates: false, run: (c) => c.get('/agent/tickets') },
      'agent view': { mutates: false, run: (c, f) => c.get(`/agent/tickets/${f.number}`) },
      'agent reply': { mutates: true, run: (c, f) => c.post(`/agent/tickets/${f.number}/messages`, { body: 'matrix reply', internal: false }) },
      'agent internal note': { mutates: true, run: (c, f) => c.post(`/agent/tickets/${f.number}/messages`, { body: 'matrix note', internal: true }) },
      'agent patch': { mutates: true, run: (c, f) => c.patch(`/agent/tickets/${f.number}`, { priority: 'high' }) },
      'download attachment': { mutates: false, run: (c, f) => c.get(`/attachments/${f.attachmentId}`) },
    };

    // Expected status per role. docs/api.md does not spell out two kinds of cell; they are pinned
    // to the server's present, consistent choice (see the comments) so that a change is noticed:
    //  - anonymous on a per-ticket customer endpoint → 401 (as "GET /tickets ... 401 without a
    //    session"), never a 404/200 that would tell whether the number exists;
    //  - agent/admin on the customer-side endpoints of a ticket they do not own → 404: those
    //    endpoints serve the caller's own tickets; staff work through /agent/tickets/{number}.
    const roles = ['anonymous', 'customer', 'other customer', 'agent', 'admin'];
    const expected = {
      //                       anonymous  customer other    agent   admin
      'list own tickets':     [401,       200,     200,     200,    200],
      'view ticket':          [401,       200,     404,     404,    404],
      comment:                [401,       201,     404,     404,    404],
      close:                  [401,       200,     404,     404,    404],
      reopen:                 [401,       200,     404,     404,    404],
      'agent list':           [401,       403,     403,     200,    200],
      'agent view':           [401,       403,     403,     200,    200],
      'agent reply':          [401,       403,     403,     201,    201],
      'agent internal note':  [401,       403,     403,     201,    201],
      'agent patch':          [401,       403,     403,     200,    200],
      'download attachment':  [401,       200,     404,     200,    200],
    };
    const codeFor = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found' };

    const clientFor = (role) => ({ anonymous: api, customer: owner.api, 'other customer': other.api, agent: agent.api, admin: admin.api })[role];

    for (const [action, spec] of Object.entries(actions)) {
      it(`${action}: ${roles.map((r, i) => `${r}→${JSON.stringify(expected[action][i])}`).join(', ')}`, async () => {
        for (const [i, role] of roles.entries()) {
          const want = expected[action][i];
          const f = await fixture(action);
          const before_ = spec.mutates ? (await agent.api.get(`/agent/tickets/${f.number}`)).json : null;
          const r = await spec.run(clientFor(role), f);
          const label = `${role} / ${action}`;
          assert.equal(r.status, want, `${label}: expected ${want}, got ${show(r)}`);
          if (r.status >= 400) {
            assertProblem(r, r.status, codeFor[r.status]);
            if (spec.mutates) {
              const after_ = (await agent.api.get(`/agent/tickets/${f.number}`)).json;
              assert.deepEqual(after_, before_, `${label}: a refused request changes nothing`);
            }
          }
        }
      });
    }
  });

  describe('working tickets', () => {
    it('a public reply on a new ticket → open, with an event by the agent', async () => {
      const t = await createTicket(owner.api);
      const r = await agent.api.post(`/agent/tickets/${t.number}/messages`, { body: '您好，我们正在处理。', internal: false });
      assert.equal(r.status, 201, show(r));
      assertMessageShape(r.json.message);
      assert.equal(r.json.message.internal, false);
      assert.deepEqual(r.json.message.author, { name: 'Agent A', role: 'agent' });
      assert.equal(r.json.ticket.status, 'open');
      const p = await owner.api.get(`/tickets/${t.number}`);
      assert.equal(p.json.ticket.status, 'open');
      assert.equal(p.json.messages[1].body, '您好，我们正在处理。');
      const e = p.json.events.find((x) => x.type === 'status_changed');
      assertEventShape(e);
      assert.deepEqual([e.from, e.to], ['new', 'open']);
      assert.deepEqual(e.author, { name: 'Agent A', role: 'agent' });
    });

    it('internal defaults to a public reply when omitted', async () => {
      const t = await createTicket(owner.api);
      const r = await agent.api.post(`/agent/tickets/${t.number}/messages`, { body: 'default visibility' });
      assert.equal(r.status, 201, show(r));
      assert.equal(r.json.message.internal, false);
    });

    it('an internal note leaves a new ticket new; the agent page shows it with internal: true', async () => {
      const t = await createTicket(owner.api);
      const r = await agent.api.post(`/agent/tickets/${t.number}/messages`, { body: 'note to self', internal: true });
      assert.equal(r.status, 201, show(r));
      assert.equal(r.json.message.internal, true);
      assert.equal(r.json.ticket.status, 'new');
      const p = await agent.api.get(`/agent/tickets/${t.number}`);
      assert.equal(p.status, 200, show(p));
      assertTicketShape(p.json.ticket);
      assert.deepEqual(p.json.messages.map((m) => [m.body, m.internal]), [[t.description, false], ['note to self', true]]);
    });

    it('agent message validation → 400 naming the field, nothing appended', async () => {
      const t = await createTicket(owner.api);
      assertFieldError(await agent.api.post(`/agent/tickets/${t.number}/messages`, { internal: false }), 'body', 'required');
      assertFieldError(await agent.api.post(`/agent/tickets/${t.number}/messages`, { body: 'x', internal: 'yes' }), 'internal', 'invalid_type');
      assertFieldError(await agent.api.post(`/agent/tickets/${t.number}/messages`, { body: 7 }), 'body', 'invalid_type');
      assert.equal((await agent.api.get(`/agent/tickets/${t.number}`)).json.messages.length, 1);
    });

    it('PATCH status pending, then resolved (resolved_at, reopen_until), with events', async () => {
      const t = await createTicket(owner.api);
      let r = await agent.api.patch(`/agent/tickets/${t.number}`, { status: 'pending' });
      assert.equal(r.status, 200, show(r));
      assertTicketShape(r.json.ticket);
      assert.equal(r.json.ticket.status, 'pending');
      r = await agent.api.patch(`/agent/tickets/${t.number}`, { status: 'resolved' });
      assert.equal(r.status, 200, show(r));
      assert.equal(r.json.ticket.status, 'resolved');
      assert.match(r.json.ticket.resolved_at, TIME_RE);
      assert.match(r.json.ticket.reopen_until, TIME_RE);
      assert.ok(r.json.ticket.reopen_until > r.json.ticket.resolved_at);
      const p = await agent.api.get(`/agent/tickets/${t.number}`);
      const changes = p.json.events.filter((e) => e.type === 'status_changed').map((e) => [e.from, e.to]);
      assert.deepEqual(changes, [['new', 'pending'], ['pending', 'resolved']]);
      for (const e of p.json.events) assertEventShape(e);
    });

    it('PATCH priority (and both at once) → priority_changed event', async () => {
      const t = await createTicket(owner.api);
      let r = await agent.api.patch(`/agent/tickets/${t.number}`, { priority: 'high' });
      assert.equal(r.status, 200, show(r));
      assert.equal(r.json.ticket.priority, 'high');
      assert.equal(r.json.ticket.status, 'new');
      r = await agent.api.patch(`/agent/tickets/${t.number}`, { priority: 'low', status: 'open' });
      assert.equal(r.status, 200, show(r));
      assert.equal(r.json.ticket.priority, 'low');
      assert.equal(r.json.ticket.status, 'open');
      const p = await owner.api.get(`/tickets/${t.number}`);
      const pc = p.json.events.filter((e) => e.type === 'priority_changed').map((e) => [e.from, e.to]);
      assert.deepEqual(pc, [['normal', 'high'], ['high', 'low']]);
    });

    it('PATCH out of closed → 409 invalid_transition, nothing changes', async () => {
      const t = await createTicket(owner.api);
      assert.equal((await agent.api.patch(`/agent/tickets/${t.number}`, { status: 'closed' })).status, 200);
      for (const status of ['open', 'new', 'pending', 'resolved']) {
        assertProblem(await agent.api.patch(`/agent/tickets/${t.number}`, { status }), 409, 'invalid_transition');
      }
      assert.equal((await agent.api.get(`/agent/tickets/${t.number}`)).json.ticket.status, 'closed');
    });

    it('PATCH with invalid values → 400 naming the field; unknown ticket → 404', async () => {
      const t = await createTicket(owner.api);
      assertFieldError(await agent.api.patch(`/agent/tickets/${t.number}`, { status: 'done' }), 'status', 'invalid');
      assertFieldError(await agent.api.patch(`/agent/tickets/${t.number}`, { priority: 'critical' }), 'priority', 'invalid');
      assertFieldError(await agent.api.patch(`/agent/tickets/${t.number}`, { priority: 3 }), 'priority', 'invalid_type');
      const p = (await agent.api.get(`/agent/tickets/${t.number}`)).json.ticket;
      assert.deepEqual([p.status, p.priority], ['new', 'normal']);
      const unknown = makeNumber(t.number.slice(0, 6), randomSymbols(5));
      assertProblem(await agent.api.patch(`/agent/tickets/${unknown}`, { status: 'open' }), 404, 'not_found');
      assertProblem(await agent.api.get(`/agent/tickets/${unknown}`), 404, 'not_found');
    });

    it('admin can do what an agent does', async () => {
      const t = await createTicket(owner.api);
      const r = await admin.api.post(`/agent/tickets/${t.number}/messages`, { body: 'admin here', internal: false });
      assert.equal(r.status, 201, show(r));
      assert.deepEqual(r.json.message.author, { name: 'Admin B', role: 'admin' });
      assert.equal((await admin.api.patch(`/agent/tickets/${t.number}`, { status: 'resolved' })).status, 200);
    });
  });

  describe('the queue', () => {
    let marker;
    let made;
    let cust;
    before(async () => {
      marker = uniq('quokka');
      cust = await registerCustomer(srv);
      made = [];
      for (const urgency of ['normal', 'urgent', 'normal', 'urgent', 'normal']) {
        made.push(await createTicket(cust.api, { subject: `Login fails ${marker}`, urgency }));
        await sleep(3);
      }
    });

    const queue = async (query) => {
      const r = await agent.api.get(`/agent/tickets?${new URLSearchParams(query)}`);
      assert.equal(r.status, 200, show(r));
      assert.ok(Array.isArray(r.json.items));
      assert.ok('next_cursor' in r.json);
      r.json.items.forEach((t) => assertTicketShape(t, { listItem: true }));
      return r.json;
    };

    it('all customers\' tickets are in the queue', async () => {
      const theirs = await createTicket(other.api);
      const all = [];
      let cursor = null;
      do {
        const page = await queue(cursor ? { limit: '100', cursor } : { limit: '100' });
        all.push(...page.items.map((t) => t.number));
        cursor = page.next_cursor;
      } while (cursor);
      assert.ok(all.includes(theirs.number));
      assert.ok(made.every((t) => all.includes(t.number)));
      assert.equal(new Set(all).size, all.length);
    });

    it('q by subject word; newest first (docs/workspace.md, Search)', async () => {
      const page = await queue({ q: marker });
      const got = page.items.map((t) => t.number);
      const [n0, u1, n2, u3, n4] = made.map((t) => t.number);
      assert.deepEqual(got, [n4, u3, n2, u1, n0]);
    });

    it('q by customer email', async () => {
      const page = await queue({ q: cust.email });
      assert.deepEqual(new Set(page.items.map((t) => t.number)), new Set(made.map((t) => t.number)));
    });

    it('q by number', async () => {
      const page = await queue({ q: made[2].number });
      assert.deepEqual(page.items.map((t) => t.number), [made[2].number]);
    });

    it('q by a two-character Chinese word (闪退)', async () => {
      const t = await createTicket(cust.api, { subject: '安卓版登录后闪退' });
      const page = await queue({ q: '闪退', limit: '100' });
      assert.ok(page.items.some((x) => x.number === t.number), JSON.stringify(page.items.map((x) => x.subject)));
      assert.ok(page.items.every((x) => x.subject.includes('闪退') || x.excerpt.includes('闪退')));
    });

    it('q is literal text: SQL/LIKE wildcards and quotes match nothing here, and are not errors', async () => {
      for (const q of ['%', '_', "' OR 1=1 --", '"', '\\']) {
        const page = await queue({ q, limit: '100' });
        assert.deepEqual(page.items, [], `q=${q}`);
      }
    });

    it('status and priority filters (comma lists too)', async () => {
      const urgent = await queue({ q: marker, priority: 'urgent' });
      assert.deepEqual(urgent.items.map((t) => t.number), [made[3].number, made[1].number]);  // newest first
      assert.equal((await agent.api.patch(`/agent/tickets/${made[0].number}`, { status: 'pending' })).status, 200);
      const pending = await queue({ q: marker, status: 'pending' });
      assert.deepEqual(pending.items.map((t) => t.number), [made[0].number]);
      const both = await queue({ q: marker, status: 'new,pending' });
      assert.equal(both.items.length, 5);
      const all = await queue({ status: 'pending', limit: '100' });
      assert.ok(all.items.every((t) => t.status === 'pending'));
    });

    it('pagination: no duplicates, no gaps', async () => {
      const seen = [];
      let cursor = null;
      for (let i = 0; i < 10; i += 1) {
        const page = await queue(cursor ? { q: marker, limit: '2', cursor } : { q: marker, limit: '2' });
        assert.ok(page.items.length <= 2);
        seen.push(...page.items.map((t) => t.number));
        cursor = page.next_cursor;
        if (!cursor) break;
      }
      assert.equal(cursor, null);
      assert.equal(new Set(seen).size, seen.length);
      assert.deepEqual(seen, (await queue({ q: marker })).items.map((t) => t.number));
    });

    it('limit outside 1..100 → 400', async () => {
      assertFieldError(await agent.api.get('/agent/tickets?limit=0'), 'limit');
      assertFieldError(await agent.api.get('/agent/tickets?limit=101'), 'limit');
    });
  });
});
