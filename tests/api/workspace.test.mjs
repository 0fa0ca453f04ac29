// The agent workspace: groups and who sees what, assignment on arrival, manual assignment, tags,
// views with counts, sorts, bulk changes, the customer panel, and the admin's people routes.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import {
  Client, assertProblem, assertFieldError, registerCustomer, createStaff, createTicket, show, stopServer, uniq,
} from './helpers.mjs';

describe('agent workspace', () => {
  let srv;
  let admin;
  let supervisor;
  let a1;
  let a2;
  let outsider;
  let customer;
  let vip; // the second group, with `outsider` as its only member
  before(async () => {
    srv = await startServer();
    [admin, supervisor, a1, a2, outsider, customer] = await Promise.all([
      createStaff(srv, 'admin', { name: 'Admin 管理员' }), createStaff(srv, 'supervisor', { name: 'Sup 主管' }),
      createStaff(srv, 'agent', { name: 'Agent 一' }), createStaff(srv, 'agent', { name: 'Agent 二' }),
      createStaff(srv, 'agent', { name: 'Outsider' }), registerCustomer(srv, { name: '客户 Customer' }),
    ]);
    const r = await admin.api.post('/admin/groups', { name: `VIP ${uniq('g')}`, member_ids: [outsider.user.id] });
    assert.equal(r.status, 201, show(r));
    vip = r.json.group;
    // The outsider leaves the default group they joined on creation: they work only VIP tickets.
    const staff = (await admin.api.get('/agent/staff')).json;
    const first = staff.groups.find((g) => g.id === 1);
    const members = first.member_ids.filter((id) => id !== outsider.user.id);
    const u = await admin.api.put('/admin/groups/1', { name: first.name, assignment: 'manual', member_ids: members });
    assert.equal(u.status, 200, show(u));
  });
  after(async () => { await stopServer(srv); });

  async function setDefaultGroup(assignment, memberIds) {
    const r = await admin.api.put('/admin/groups/1', { name: '一线支持 First line', assignment, member_ids: memberIds });
    assert.equal(r.status, 200, show(r));
  }

  it('new staff join the default group; the directory names staff and groups', async () => {
    const r = await a1.api.get('/agent/staff');
    assert.equal(r.status, 200, show(r));
    const me = r.json.staff.find((s) => s.id === a1.user.id);
    assert.deepEqual(me.group_ids, [1]);
    assert.equal(me.away, false);
    assert.ok(r.json.groups.some((g) => g.id === vip.id && g.member_ids.includes(outsider.user.id)));
  });

  describe('who sees what', () => {
    it('an agent outside the ticket’s group gets 404 on every agent route and no queue row', async () => {
      const t = await createTicket(customer.api);
      for (const run of [
        (c) => c.get(`/agent/tickets/${t.number}`),
        (c) => c.patch(`/agent/tickets/${t.number}`, { priority: 'high' }),
        (c) => c.post(`/agent/tickets/${t.number}/messages`, { body: 'hi', internal: true }),
      ]) assertProblem(await run(outsider.api), 404, 'not_found');
      const list = await outsider.api.get('/agent/tickets?limit=100');
      assert.equal(list.status, 200, show(list));
      assert.ok(!list.json.items.some((i) => i.number === t.number));
      // Nothing changed by the refused calls.
      const seen = await a1.api.get(`/agent/tickets/${t.number}`);
      assert.equal(seen.json.ticket.priority, 'normal');
      assert.equal(seen.json.messages.length, 1);
      // Supervisors and admins see every group's tickets.
      assert.equal((await supervisor.api.get(`/agent/tickets/${t.number}`)).status, 200);
      assert.equal((await admin.api.get(`/agent/tickets/${t.number}`)).status, 200);
    });

    it('moving a ticket to another group hands it over, except to its assignee', async () => {
      const t = await createTicket(customer.api);
      // Assigning someone outside the target group in the same change is refused...
      assertFieldError(await a1.api.patch(`/agent/tickets/${t.number}`, { assignee_id: a1.user.id, group_id: vip.id }), 'assignee_id', 'assignee_not_in_group');
      // ...but an assignee keeps a ticket that moves on.
      assert.equal((await a1.api.patch(`/agent/tickets/${t.number}`, { assignee_id: a1.user.id })).status, 200);
      const moved = await a1.api.patch(`/agent/tickets/${t.number}`, { group_id: vip.id });
      assert.equal(moved.status, 200, show(moved));
      assert.equal(moved.json.ticket.group.id, vip.id);
      assert.equal((await a1.api.get(`/agent/tickets/${t.number}`)).status, 200); // still the assignee
      assert.equal((await a2.api.get(`/agent/tickets/${t.number}`)).status, 404);
      assert.equal((await outsider.api.get(`/agent/tickets/${t.number}`)).status, 200);
    });

    it('customers reach no agent or admin route; agents and supervisors no admin route', async () => {
      for (const path of ['/agent/views', '/agent/staff', '/agent/tickets', '/admin/users']) {
        assertProblem(await customer.api.get(path), 403, 'forbidden');
        assertProblem(await new Client(srv).get(path), 401, 'unauthenticated');
      }
      assertProblem(await customer.api.post('/agent/tickets/bulk', { numbers: ['x'], changes: { priority: 'low' } }), 403, 'forbidden');
      for (const who of [a1, supervisor]) {
        assertProblem(await who.api.get('/admin/users'), 403, 'forbidden');
        assertProblem(await who.api.post('/admin/groups', { name: 'x', member_ids: [] }), 403, 'forbidden');
        assertProblem(await who.api.patch(`/admin/users/${a2.user.id}`, { away: true }), 403, 'forbidden');
      }
    });
  });

  describe('assignment', () => {
    it('round robin takes members in turn and skips agents who are away', async () => {
      await setDefaultGroup('round_robin', [a1.user.id, a2.user.id]);
      try {
        const got = [];
        for (let i = 0; i < 3; i += 1) got.push((await a1.api.get(`/agent/tickets/${(await createTicket(customer.api)).number}`)).json.ticket.assignee?.id);
        const [x, y, z] = got;
        assert.notEqual(x, y);
        assert.equal(x, z);
        assert.deepEqual(new Set([x, y]), new Set([a1.user.id, a2.user.id]));
        // The next would be y; y steps away, so x takes it.
        const who = y === a1.user.id ? a1 : a2;
        assert.equal((await who.api.patch('/me', { away: true })).status, 200);
        const t = await createTicket(customer.api);
        assert.equal((await a1.api.get(`/agent/tickets/${t.number}`)).json.ticket.assignee.id, x);
        assert.equal((await who.api.patch('/me', { away: false })).status, 200);
      } finally {
        await setDefaultGroup('manual', [a1.user.id, a2.user.id, supervisor.user.id, admin.user.id]);
      }
    });

    it('least load hands arrivals to the member with the fewest active tickets', async () => {
      await setDefaultGroup('least_load', [a1.user.id, a2.user.id]);
      try {
        const staff = (await a1.api.get('/agent/staff')).json.staff;
        const load = (u) => staff.find((s) => s.id === u.user.id).active_tickets;
        const lighter = load(a1) <= load(a2) ? a1 : a2;
        const t = await createTicket(customer.api);
        assert.equal((await a1.api.get(`/agent/tickets/${t.number}`)).json.ticket.assignee.id, lighter.user.id);
      } finally {
        await setDefaultGroup('manual', [a1.user.id, a2.user.id, supervisor.user.id, admin.user.id]);
      }
    });

    it('manual assignment: events with names, unassign with null, and clear refusals', async () => {
      const t = await createTicket(customer.api);
      const r = await a1.api.patch(`/agent/tickets/${t.number}`, { assignee_id: a2.user.id });
      assert.equal(r.status, 200, show(r));
      assert.deepEqual(r.json.ticket.assignee, { id: a2.user.id, name: 'Agent 二' });
      assertFieldError(await a1.api.patch(`/agent/tickets/${t.number}`, { assignee_id: 999999 }), 'assignee_id', 'unknown_user');
      assertFieldError(await a1.api.patch(`/agent/tickets/${t.number}`, { assignee_id: customer.user.id }), 'assignee_id', 'unknown_user');
      assertFieldError(await a1.api.patch(`/agent/tickets/${t.number}`, { assignee_id: outsider.user.id }), 'assignee_id', 'assignee_not_in_group');
      assertFieldError(await a1.api.patch(`/agent/tickets/${t.number}`, { group_id: 424242 }), 'group_id', 'unknown_group');
      assertFieldError(await a1.api.patch(`/agent/tickets/${t.number}`, { assignee_id: 'a2' }), 'assignee_id', 'invalid_type');
      // A supervisor may hand it to anyone on staff.
      assert.equal((await supervisor.api.patch(`/agent/tickets/${t.number}`, { assignee_id: outsider.user.id })).status, 200);
      const none = await a1.api.patch(`/agent/tickets/${t.number}`, { assignee_id: null });
      assert.equal(none.status, 200, show(none));
      assert.equal(none.json.ticket.assignee, null);
      const page = await a1.api.get(`/agent/tickets/${t.number}`);
      const moves = page.json.events.filter((e) => e.type === 'assignee_changed').map((e) => [e.from, e.to]);
      assert.deepEqual(moves, [['', 'Agent 二'], ['Agent 二', 'Outsider'], ['Outsider', '']]);
    });
  });

  describe('tags', () => {
    it('adds and removes tags with events the customer does not see', async () => {
      const t = await createTicket(customer.api);
      const r = await a1.api.patch(`/agent/tickets/${t.number}`, { add_tags: ['闪退', 'iOS', 'ios'] });
      assert.equal(r.status, 200, show(r));
      assert.deepEqual(r.json.ticket.tags, ['ios', '闪退']);
      const r2 = await a1.api.patch(`/agent/tickets/${t.number}`, { remove_tags: ['ios'] });
      assert.deepEqual(r2.json.ticket.tags, ['闪退']);
      const types = (await a1.api.get(`/agent/tickets/${t.number}`)).json.events.map((e) => e.type);
      assert.deepEqual(types.filter((x) => x.startsWith('tag_')), ['tag_added', 'tag_added', 'tag_removed']);
      const mine = await customer.api.get(`/tickets/${t.number}`);
      assert.equal(mine.status, 200);
      assert.ok(!mine.json.events.some((e) => e.type.startsWith('tag_')));
      assert.equal(mine.json.ticket.tags, undefined);
      const byTag = await a1.api.get(`/agent/tickets?tag=${encodeURIComponent('闪退')}&limit=100`);
      assert.ok(byTag.json.items.some((i) => i.number === t.number));
    });

    it('refuses bad tags and changes nothing', async () => {
      const t = await createTicket(customer.api);
      for (const bad of [['a b'], ['a,b'], [''], ['x'.repeat(41)]]) {
        assertFieldError(await a1.api.patch(`/agent/tickets/${t.number}`, { add_tags: bad, priority: 'high' }), 'add_tags', 'invalid');
      }
      const many = Array.from({ length: 21 }, (_, i) => `t${i}`);
      assertFieldError(await a1.api.patch(`/agent/tickets/${t.number}`, { add_tags: many }), 'add_tags', 'too_many');
      const page = await a1.api.get(`/agent/tickets/${t.number}`);
      assert.deepEqual(page.json.ticket.tags, []);
      assert.equal(page.json.ticket.priority, 'normal');
    });
  });

  describe('views, sorts and bulk changes', () => {
    it('counts every view for the caller and lists a view’s tickets', async () => {
      const t = await createTicket(customer.api, { urgency: 'urgent' });
      await a2.api.patch(`/agent/tickets/${t.number}`, { assignee_id: a2.user.id });
      const r = await a2.api.get('/agent/views');
      assert.equal(r.status, 200, show(r));
      const ids = r.json.views.map((v) => v.id);
      assert.deepEqual(ids, ['unassigned', 'mine', 'my_groups', 'pending', 'urgent', 'open', 'recently_solved', 'breach_risk']);
      const count = (id) => r.json.views.find((v) => v.id === id).count;
      assert.ok(count('mine') >= 1 && count('urgent') >= 1 && count('open') >= count('mine'));
      const mine = await a2.api.get('/agent/tickets?view=mine&limit=100');
      assert.equal(mine.json.items.length, count('mine'));
      assert.ok(mine.json.items.every((i) => i.assignee?.id === a2.user.id));
      const outsiderViews = (await outsider.api.get('/agent/views')).json.views;
      assert.ok(outsiderViews.find((v) => v.id === 'open').count < count('open'));
      assertFieldError(await a2.api.get('/agent/tickets?view=everything'), 'view', 'invalid');
      assertFieldError(await a2.api.get('/agent/tickets?sort=random'), 'sort', 'invalid');
    });

    it('sorts by age and by last customer message, with working cursors', async () => {
      const t1 = await createTicket(customer.api);
      const t2 = await createTicket(customer.api);
      // The customer writes on the older ticket: it is now the most recently waiting.
      assert.equal((await customer.api.post(`/tickets/${t1.number}/messages`, { body: 'more details' })).status, 201);
      const waiting = await a1.api.get('/agent/tickets?view=open&sort=last_customer_message&limit=1');
      assert.equal(waiting.json.items[0].number, t1.number);
      const second = await a1.api.get(`/agent/tickets?view=open&sort=last_customer_message&limit=1&cursor=${encodeURIComponent(waiting.json.next_cursor)}`);
      assert.equal(second.json.items[0].number, t2.number);
      const all = [];
      let cursor = '';
      for (let i = 0; i < 50; i += 1) {
        const page = await a1.api.get(`/agent/tickets?view=open&sort=age&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        all.push(...page.json.items);
        if (!page.json.next_cursor) break;
        cursor = page.json.next_cursor;
      }
      const created = all.map((i) => i.created_at);
      assert.deepEqual(created, [...created].sort());
      assert.equal(new Set(all.map((i) => i.number)).size, all.length);
      const due = await a1.api.get('/agent/tickets?view=open&sort=due');
      assert.equal(due.status, 200, show(due));
      assertProblem(await a1.api.get(`/agent/tickets?sort=due&cursor=${encodeURIComponent(waiting.json.next_cursor)}`), 400, 'validation_failed');
    });

    it('bulk: checks the change first, then reports each ticket', async () => {
      const t1 = await createTicket(customer.api);
      const t2 = await createTicket(customer.api);
      const hidden = await createTicket(customer.api);
      await supervisor.api.patch(`/agent/tickets/${hidden.number}`, { group_id: vip.id });
      const bad = await a1.api.post('/agent/tickets/bulk', { numbers: [t1.number, t2.number], changes: { assignee_id: 999999, priority: 'high' } });
      assertFieldError(bad, 'assignee_id', 'unknown_user');
      assert.equal((await a1.api.get(`/agent/tickets/${t1.number}`)).json.ticket.priority, 'normal');
      const r = await a1.api.post('/agent/tickets/bulk', {
        numbers: [t1.number, t2.number, hidden.number], changes: { assignee_id: a1.user.id, priority: 'high', add_tags: ['bulk'] },
      });
      assert.equal(r.status, 200, show(r));
      assert.deepEqual(r.json.results.map((x) => x.ok), [true, true, false]);
      assert.equal(r.json.results[2].status, 404);
      for (const t of [t1, t2]) {
        const page = (await a1.api.get(`/agent/tickets/${t.number}`)).json.ticket;
        assert.equal(page.priority, 'high');
        assert.equal(page.assignee.id, a1.user.id);
        assert.deepEqual(page.tags, ['bulk']);
      }
      assertFieldError(await a1.api.post('/agent/tickets/bulk', { numbers: [], changes: { priority: 'low' } }), 'numbers', 'invalid');
      assertFieldError(await a1.api.post('/agent/tickets/bulk', { numbers: [t1.number], changes: {} }), 'status', 'required');
    });
  });

  it('the customer panel names only tickets the agent may open', async () => {
    const mine = await createTicket(customer.api);
    const elsewhere = await createTicket(customer.api);
    assert.equal((await supervisor.api.patch(`/agent/tickets/${mine.number}`, { group_id: vip.id })).status, 200);
    const r = await outsider.api.get(`/agent/tickets/${mine.number}`);
    assert.equal(r.status, 200, show(r));
    const listed = r.json.customer_panel.tickets.map((t) => t.number);
    assert.ok(!listed.includes(elsewhere.number), 'a ticket of a group the outsider is not in');
    assert.equal((await outsider.api.get(`/agent/tickets/${elsewhere.number}`)).status, 404);
  });

  it('the agent page carries the customer panel', async () => {
    const first = await createTicket(customer.api);
    const second = await createTicket(customer.api);
    const r = await a1.api.get(`/agent/tickets/${second.number}`);
    assert.equal(r.status, 200, show(r));
    assert.equal(r.json.customer_panel.account.email, customer.email);
    const others = r.json.customer_panel.tickets.map((t) => t.number);
    assert.ok(others.includes(first.number));
    assert.ok(!others.includes(second.number));
    assert.equal((await customer.api.get(`/tickets/${second.number}`)).json.customer_panel, undefined);
  });

  describe('admin: users and groups', () => {
    it('creates staff, changes roles and away, refuses bad input', async () => {
      const email = `${uniq('new')}@example.com`;
      const r = await admin.api.post('/admin/users', { email, password: 'a long enough password', name: '新同事', role: 'agent' });
      assert.equal(r.status, 201, show(r));
      const id = r.json.user.id;
      assert.equal(r.json.user.away, false);
      const dir = (await admin.api.get('/agent/staff')).json.staff.find((s) => s.id === id);
      assert.deepEqual(dir.group_ids, [1]);
      const up = await admin.api.patch(`/admin/users/${id}`, { role: 'supervisor', away: true });
      assert.equal(up.status, 200, show(up));
      assert.equal(up.json.user.role, 'supervisor');
      assert.equal(up.json.user.away, true);
      assertProblem(await admin.api.post('/admin/users', { email, password: 'a long enough password', name: 'x', role: 'agent' }), 409, 'email_taken');
      assertFieldError(await admin.api.patch(`/admin/users/${id}`, { role: 'king' }), 'role', 'invalid');
      assertProblem(await admin.api.patch(`/admin/users/${admin.user.id}`, { role: 'agent' }), 409, 'own_role');
      assertFieldError(await admin.api.patch(`/admin/users/${customer.user.id}`, { away: true }), 'away', 'invalid');
      assertProblem(await admin.api.patch('/admin/users/999999', { away: false }), 404, 'not_found');
      const list = await admin.api.get('/admin/users?role=supervisor');
      assert.ok(list.json.items.some((u) => u.id === id));
      assert.ok(list.json.items.every((u) => u.role === 'supervisor'));
      assertFieldError(await customer.api.patch('/me', { away: true }), 'away', 'invalid');
    });

    it('groups: names unique, members must be staff, modes checked', async () => {
      const name = `Billing ${uniq('g')}`;
      const r = await admin.api.post('/admin/groups', { name, assignment: 'least_load', member_ids: [a1.user.id, a1.user.id] });
      assert.equal(r.status, 201, show(r));
      assert.deepEqual(r.json.group.member_ids, [a1.user.id]);
      assertProblem(await admin.api.post('/admin/groups', { name, member_ids: [] }), 409, 'name_taken');
      assertFieldError(await admin.api.post('/admin/groups', { name: 'x2', member_ids: [customer.user.id] }), 'member_ids', 'unknown_user');
      assertFieldError(await admin.api.post('/admin/groups', { name: 'x3', assignment: 'random', member_ids: [] }), 'assignment', 'invalid');
      assertFieldError(await admin.api.post('/admin/groups', { name: '', member_ids: [] }), 'name', 'required');
      assertProblem(await admin.api.put('/admin/groups/424242', { name: 'y', member_ids: [] }), 404, 'not_found');
    });
  });
});
