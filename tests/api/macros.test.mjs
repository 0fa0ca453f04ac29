// Macros (canned replies): CRUD, the authorization matrix, placeholder checks, and applying a
// macro (reply + status/priority + macro_applied event in one transaction).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import {
  Client, assertProblem, assertFieldError, assertMessageShape, assertTicketShape, registerCustomer, createStaff,
  createTicket, show, TIME_RE, stopServer,
} from './helpers.mjs';

const put = (c, path, json) => c.request('PUT', path, { json });
const del = (c, path) => c.request('DELETE', path);

describe('macros', () => {
  let srv;
  let customer;
  let agent;
  let otherAgent;
  let admin;
  let supervisor;
  before(async () => {
    srv = await startServer();
    [customer, agent, otherAgent, admin, supervisor] = await Promise.all([
      registerCustomer(srv, { name: '王小明' }), createStaff(srv, 'agent', { name: '李娜' }),
      createStaff(srv, 'agent', { name: '张伟' }), createStaff(srv, 'admin', { name: 'Admin B' }),
      createStaff(srv, 'supervisor', { name: '主管 Sup' }),
    ]);
  });
  after(async () => { await stopServer(srv); });

  const body = (extra = {}) => ({
    title: '请提供日志',
    body: '{{customer.name}}您好，工单 {{ ticket.number }}（{{ticket.subject}}）需要日志。—— {{agent.name}}',
    actions: { status: 'pending', priority: 'high', add_tags: ['Logs', '需要日志'] },
    ...extra,
  });

  async function create(who, extra = {}) {
    const r = await who.api.post('/agent/macros', body(extra));
    assert.equal(r.status, 201, show(r));
    return r.json;
  }

  function assertMacroShape(m) {
    assert.equal(typeof m.id, 'number');
    for (const k of ['title', 'body']) assert.equal(typeof m[k], 'string');
    assert.ok(['personal', 'shared'].includes(m.scope));
    assert.equal(typeof m.internal, 'boolean');
    assert.equal(typeof m.editable, 'boolean');
    assert.ok(Array.isArray(m.actions.add_tags));
    assert.ok(m.actions.status === null || typeof m.actions.status === 'string');
    assert.ok(m.actions.priority === null || typeof m.actions.priority === 'string');
    assert.match(m.created_at, TIME_RE);
    assert.match(m.updated_at, TIME_RE);
  }

  describe('CRUD', () => {
    it('an agent creates, lists, edits and deletes a personal macro', async () => {
      const m = await create(agent);
      assertMacroShape(m);
      assert.equal(m.scope, 'personal');
      assert.equal(m.editable, true);
      assert.deepEqual(m.actions, { status: 'pending', priority: 'high', add_tags: ['logs', '需要日志'] });

      const list = await agent.api.get('/agent/macros');
      assert.equal(list.status, 200, show(list));
      assert.ok(list.json.items.some((x) => x.id === m.id));

      const edited = await put(agent.api, `/agent/macros/${m.id}`, body({ title: '请提供日志 v2', actions: { status: 'resolved' } }));
      assert.equal(edited.status, 200, show(edited));
      assert.equal(edited.json.title, '请提供日志 v2');
      assert.deepEqual(edited.json.actions, { status: 'resolved', priority: null, add_tags: [] });
      assert.equal(edited.json.created_at, m.created_at);

      const removed = await del(agent.api, `/agent/macros/${m.id}`);
      assert.equal(removed.status, 204, show(removed));
      assertProblem(await del(agent.api, `/agent/macros/${m.id}`), 404, 'not_found');
      assert.ok(!(await agent.api.get('/agent/macros')).json.items.some((x) => x.id === m.id));
    });

    it('lists the shared macros and the caller\'s own, by title', async () => {
      const shared = await create(admin, { title: 'B 共享', scope: 'shared' });
      const mine = await create(otherAgent, { title: 'A 我的' });
      const theirs = await create(agent, { title: 'C 别人的' });
      const items = (await otherAgent.api.get('/agent/macros')).json.items;
      const ids = items.map((x) => x.id);
      assert.ok(ids.includes(shared.id) && ids.includes(mine.id));
      assert.ok(!ids.includes(theirs.id), 'another agent\'s personal macro is not listed');
      const titles = items.map((x) => x.title);
      assert.deepEqual(titles, [...titles].sort());
      assert.equal(items.find((x) => x.id === shared.id).editable, false, 'an agent may not edit a shared macro');
      assert.equal(items.find((x) => x.id === mine.id).editable, true);
    });

    it('refuses unknown placeholders, bad names and too many tags, and stores nothing', async () => {
      const before = (await agent.api.get('/agent/macros')).json.items.length;
      const typo = await agent.api.post('/agent/macros', body({ body: '{{customer.nmae}}您好' }));
      const hit = assertFieldError(typo, 'body', 'unknown_placeholder');
      assert.match(hit.message, /customer\.nmae/);
      assertFieldError(await agent.api.post('/agent/macros', body({ body: 'Hi {{ticket.number' })), 'body', 'unknown_placeholder');
      assertFieldError(await agent.api.post('/agent/macros', body({ title: 'x'.repeat(101) })), 'title', 'too_long');
      assertFieldError(await agent.api.post('/agent/macros', body({ title: '' })), 'title', 'required');
      assertFieldError(await agent.api.post('/agent/macros', body({ actions: { status: 'waiting' } })), 'actions.status', 'invalid');
      assertFieldError(await agent.api.post('/agent/macros', body({ actions: { priority: 'asap' } })), 'actions.priority', 'invalid');
      assertFieldError(await agent.api.post('/agent/macros', body({ actions: { add_tags: ['a b'] } })), 'actions.add_tags[0]', 'invalid');
      assertFieldError(await agent.api.post('/agent/macros', body({ actions: { add_tags: Array(11).fill('t') } })), 'actions.add_tags', 'too_many');
      assertFieldError(await agent.api.post('/agent/macros', body({ actions: { add_tags: 'logs' } })), 'actions.add_tags', 'invalid_type');
      assertFieldError(await agent.api.post('/agent/macros', body({ scope: 'team' })), 'scope', 'invalid');
      assertFieldError(await agent.api.post('/agent/macros', body({ body: 'x'.repeat(20001) })), 'body', 'too_long');
      assert.equal((await agent.api.get('/agent/macros')).json.items.length, before);
    });

    it('a macro keeps its scope', async () => {
      const m = await create(agent);
      assertFieldError(await put(agent.api, `/agent/macros/${m.id}`, body({ scope: 'shared' })), 'scope', 'invalid');
      assert.equal((await put(agent.api, `/agent/macros/${m.id}`, body({ scope: 'personal' }))).status, 200);
    });
  });

  describe('authorization matrix', () => {
    let ticket;
    let shared;
    let agentsOwn;
    before(async () => {
      ticket = await createTicket(customer.api);
      shared = await create(admin, { title: '共享宏', scope: 'shared' });
      agentsOwn = await create(agent, { title: '李娜的宏' });
    });

    it('another agent\'s personal macro is 404 for every action, admins included', async () => {
      for (const who of [otherAgent, admin]) {
        assertProblem(await put(who.api, `/agent/macros/${agentsOwn.id}`, body()), 404, 'not_found');
        assertProblem(await del(who.api, `/agent/macros/${agentsOwn.id}`), 404, 'not_found');
        assertProblem(await who.api.get(`/agent/tickets/${ticket.number}/macros/${agentsOwn.id}/preview`), 404, 'not_found');
        assertProblem(await who.api.post(`/agent/tickets/${ticket.number}/macros/${agentsOwn.id}/apply`), 404, 'not_found');
      }
      assertProblem(await otherAgent.api.get(`/agent/tickets/${ticket.number}/macros/abc/preview`), 404, 'not_found');
      assertProblem(await otherAgent.api.get(`/agent/tickets/${ticket.number}/macros/999999/preview`), 404, 'not_found');
      const page = await agent.api.get(`/agent/tickets/${ticket.number}`);
      assert.equal(page.json.messages.length, 1, 'nothing was posted');
    });

    it('agents may not create, edit or delete shared macros; supervisors and admins may', async () => {
      assertProblem(await agent.api.post('/agent/macros', body({ scope: 'shared' })), 403, 'forbidden');
      assertProblem(await put(agent.api, `/agent/macros/${shared.id}`, body()), 403, 'forbidden');
      assertProblem(await del(agent.api, `/agent/macros/${shared.id}`), 403, 'forbidden');
      const edited = await put(admin.api, `/agent/macros/${shared.id}`, body({ title: '共享宏 v2' }));
      assert.equal(edited.status, 200, show(edited));
      assert.equal(edited.json.scope, 'shared');
      assert.equal(edited.json.editable, true);
      const bySupervisor = await create(supervisor, { title: '主管的共享宏', scope: 'shared' });
      assert.equal(bySupervisor.scope, 'shared');
      const renamed = await put(supervisor.api, `/agent/macros/${shared.id}`, body({ title: '共享宏 v3' }));
      assert.equal(renamed.status, 200, show(renamed));
      assert.equal((await del(supervisor.api, `/agent/macros/${bySupervisor.id}`)).status, 204);
      assertProblem(await put(supervisor.api, `/agent/macros/${agentsOwn.id}`, body()), 404, 'not_found');
    });

    it('customers reach no macro route (403) and the anonymous must sign in (401)', async () => {
      const calls = [
        (c) => c.get('/agent/macros'),
        (c) => c.post('/agent/macros', body()),
        (c) => put(c, `/agent/macros/${shared.id}`, body()),
        (c) => del(c, `/agent/macros/${shared.id}`),
        (c) => c.get(`/agent/tickets/${ticket.number}/macros/${shared.id}/preview`),
        (c) => c.post(`/agent/tickets/${ticket.number}/macros/${shared.id}/apply`),
        (c) => put(c, '/agent/macros/abc', body()),
      ];
      for (const call of calls) {
        assertProblem(await call(customer.api), 403, 'forbidden');
        assertProblem(await call(new Client(srv)), 401, 'unauthenticated');
      }
      const page = await customer.api.get(`/tickets/${ticket.number}`);
      assert.equal(page.json.messages.length, 1, 'nothing was posted');
      assert.equal(page.json.ticket.status, 'new');
    });
  });

  describe('applying', () => {
    it('preview fills the placeholders and writes nothing', async () => {
      const m = await create(agent);
      const ticket = await createTicket(customer.api, { subject: '收不到验证码' });
      const r = await agent.api.get(`/agent/tickets/${ticket.number}/macros/${m.id}/preview`);
      assert.equal(r.status, 200, show(r));
      assert.equal(r.json.body, `王小明您好，工单 ${ticket.number}（收不到验证码）需要日志。—— 李娜`);
      assert.equal(r.json.internal, false);
      assert.deepEqual(r.json.actions, { status: 'pending', priority: 'high', add_tags: ['logs', '需要日志'] });
      assert.equal(r.json.macro.id, m.id);
      const page = await agent.api.get(`/agent/tickets/${ticket.number}`);
      assert.equal(page.json.messages.length, 1);
      assert.equal(page.json.events.length, 0);
    });

    it('apply posts the filled-in reply and sets status and priority in one change', async () => {
      const m = await create(agent);
      const ticket = await createTicket(customer.api, { subject: '收不到验证码' });
      const r = await agent.api.post(`/agent/tickets/${ticket.number}/macros/${m.id}/apply`);
      assert.equal(r.status, 201, show(r));
      assertTicketShape(r.json.ticket);
      assertMessageShape(r.json.message);
      assert.equal(r.json.message.body, `王小明您好，工单 ${ticket.number}（收不到验证码）需要日志。—— 李娜`);
      assert.equal(r.json.message.internal, false);
      assert.equal(r.json.ticket.status, 'pending');
      assert.equal(r.json.ticket.priority, 'high');
      // An agent route answers with the staff's ticket: workspace members, no customer's reply_by.
      assert.deepEqual(r.json.ticket.tags, ['logs', '需要日志']);
      assert.ok('sla' in r.json.ticket && !('reply_by' in r.json.ticket), show(r));

      const page = await agent.api.get(`/agent/tickets/${ticket.number}`);
      const events = page.json.events.map((e) => `${e.type}:${e.from}>${e.to}`);
      assert.deepEqual(events, ['macro_applied:>请提供日志', 'status_changed:new>open', 'status_changed:open>pending',
        'priority_changed:normal>high', 'tag_added:>logs', 'tag_added:>需要日志']);
      assert.deepEqual(page.json.ticket.tags, ['logs', '需要日志']);
      // All of it in one transaction: one timestamp.
      assert.equal(new Set([...page.json.events.map((e) => e.created_at), page.json.messages[1].created_at]).size, 1);

      const mine = await customer.api.get(`/tickets/${ticket.number}`);
      assert.equal(mine.json.messages.at(-1).body, r.json.message.body);
      assert.ok(!mine.json.events.some((e) => e.type === 'macro_applied'), 'customers do not see which macro');
    });

    it('an internal macro adds a note the customer never sees', async () => {
      const m = await create(admin, { title: '转二线', scope: 'shared', internal: true, body: '已转二线：{{ticket.number}}', actions: { priority: 'urgent' } });
      const ticket = await createTicket(customer.api);
      const r = await agent.api.post(`/agent/tickets/${ticket.number}/macros/${m.id}/apply`);
      assert.equal(r.status, 201, show(r));
      assert.equal(r.json.message.internal, true);
      assert.equal(r.json.ticket.status, 'new');
      assert.equal(r.json.ticket.priority, 'urgent');
      const mine = await customer.api.get(`/tickets/${ticket.number}`);
      assert.equal(mine.json.messages.length, 1);
    });

    it('apply on a closed ticket is 409 and writes nothing', async () => {
      const m = await create(agent);
      const ticket = await createTicket(customer.api);
      assert.equal((await agent.api.patch(`/agent/tickets/${ticket.number}`, { status: 'closed' })).status, 200);
      const before = (await agent.api.get(`/agent/tickets/${ticket.number}`)).json;
      assertProblem(await agent.api.post(`/agent/tickets/${ticket.number}/macros/${m.id}/apply`), 409, 'invalid_transition');
      const after = (await agent.api.get(`/agent/tickets/${ticket.number}`)).json;
      assert.deepEqual(after, before);
    });

    it('a status the rules refuse (back to new) refuses the reply too', async () => {
      const m = await create(agent, { actions: { status: 'new' } });
      const ticket = await createTicket(customer.api);
      assertProblem(await agent.api.post(`/agent/tickets/${ticket.number}/macros/${m.id}/apply`), 409, 'invalid_transition');
      assert.equal((await agent.api.get(`/agent/tickets/${ticket.number}`)).json.messages.length, 1);
    });
  });

  describe('reply and set status', () => {
    it('a plain reply can set pending and priority in the same request', async () => {
      const ticket = await createTicket(customer.api);
      const r = await agent.api.post(`/agent/tickets/${ticket.number}/messages`, { body: '请提供日志', status: 'pending', priority: 'low', add_tags: ['Logs'] });
      assert.equal(r.status, 201, show(r));
      assert.equal(r.json.ticket.status, 'pending');
      assert.equal(r.json.ticket.priority, 'low');
      assert.deepEqual(r.json.ticket.tags, ['logs']);
    });

    it('bad names are field errors and nothing is written', async () => {
      const ticket = await createTicket(customer.api);
      const r = await agent.api.post(`/agent/tickets/${ticket.number}/messages`, { body: 'x', status: 'waiting' });
      assertFieldError(r, 'status', 'invalid');
      assertFieldError(await agent.api.post(`/agent/tickets/${ticket.number}/messages`, { body: 'x', priority: 1 }), 'priority', 'invalid_type');
      assertFieldError(await agent.api.post(`/agent/tickets/${ticket.number}/messages`, { body: 'x', add_tags: ['a b'] }), 'add_tags', 'invalid');
      assert.equal((await agent.api.get(`/agent/tickets/${ticket.number}`)).json.messages.length, 1);
    });

    it('customers cannot set status through their messages', async () => {
      const ticket = await createTicket(customer.api);
      const r = await customer.api.post(`/tickets/${ticket.number}/messages`, { body: 'more', status: 'closed' });
      assert.equal(r.status, 201, show(r));
      assert.equal(r.json.ticket.status, 'new');
    });
  });
});
