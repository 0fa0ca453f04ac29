// Automation rules (docs/workspace.md "Automation rules"): the shipped crash and data-loss rules,
// routing and assignment, notes and canned replies, order, inactive rules, loop refusal, bad
// references, and who may read and write them.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import {
  Client, assertProblem, assertFieldError, registerCustomer, createStaff, createTicket, categoryId, show, stopServer,
  uniq,
} from './helpers.mjs';
import { outboxFor } from './mail-helpers.mjs';

describe('automation rules', () => {
  let srv;
  let admin;
  let supervisor;
  let agent;
  let customer;
  before(async () => {
    srv = await startServer();
    [admin, supervisor, agent, customer] = await Promise.all([
      createStaff(srv, 'admin'), createStaff(srv, 'supervisor'), createStaff(srv, 'agent', { name: 'Agent 李' }),
      registerCustomer(srv, { name: '王小明' }),
    ]);
  });
  after(async () => { await stopServer(srv); });

  async function addRule(body) {
    const r = await admin.api.post('/admin/rules', { event: 'created', ...body });
    assert.equal(r.status, 201, show(r));
    return r.json.rule;
  }
  async function rules() {
    const r = await admin.api.get('/admin/rules');
    assert.equal(r.status, 200, show(r));
    return r.json.items;
  }
  async function staffView(number) {
    const r = await admin.api.get(`/agent/tickets/${number}`);
    assert.equal(r.status, 200, show(r));
    return r.json;
  }

  it('ships the crash and data-loss rules', async () => {
    const items = await rules();
    assert.equal(items.length, 2);
    assert.ok(items[0].conditions.keywords.includes('闪退'));
    assert.ok(items[0].conditions.keywords.includes('crash'));
    assert.deepEqual(items[0].actions.add_tags, ['crash']);
    assert.ok(items[1].conditions.keywords.includes('数据丢失'));
    assert.deepEqual(items[1].actions.add_tags, ['data-loss']);
    for (const rule of items) {
      assert.equal(rule.actions.priority, 'urgent');
      assert.equal(rule.event, 'created');
      assert.equal(rule.active, true);
    }
  });

  it('the defaults make a 应用闪退 report urgent and tagged, audited as the automation', async () => {
    const t = await createTicket(customer.api, { subject: `应用闪退 ${uniq('s')}`, description: '打开聊天就闪退了' });
    assert.equal(t.priority, 'urgent');
    const view = await staffView(t.number);
    assert.equal(view.ticket.priority, 'urgent');
    assert.deepEqual(view.ticket.tags, ['crash']);
    assert.equal(view.ticket.channel, 'web');
    const applied = view.events.find((e) => e.type === 'rule_applied');
    assert.ok(applied, JSON.stringify(view.events));
    assert.match(applied.to, /Crash/);
    assert.equal(applied.author.name, '自动规则 Automation');
    // The customer sees the raised priority, not the team's bookkeeping.
    const own = (await customer.api.get(`/tickets/${t.number}`)).json;
    assert.equal(own.ticket.priority, 'urgent');
    assert.ok(own.events.some((e) => e.type === 'priority_changed' && e.to === 'urgent'));
    assert.ok(!own.events.some((e) => e.type === 'rule_applied' || e.type === 'tag_added'));
  });

  it('an English "the app crashes" report and a data-loss report are urgent too; crashpad is not', async () => {
    const crash = await createTicket(customer.api, { subject: `The app crashes on start ${uniq('s')}` });
    assert.equal(crash.priority, 'urgent');
    const loss = await createTicket(customer.api, { subject: `聊天记录丢失 ${uniq('s')}` });
    assert.equal(loss.priority, 'urgent');
    assert.deepEqual((await staffView(loss.number)).ticket.tags, ['data-loss']);
    const other = await createTicket(customer.api, { subject: `crashpad upload is slow ${uniq('s')}` });
    assert.equal(other.priority, 'normal');
    assert.deepEqual((await staffView(other.number)).ticket.tags, []);
  });

  it('a custom rule routes a category to a group and assigns', async () => {
    const categories = (await new Client(srv).get('/categories')).json.items;
    const category = categories[categories.length - 1].id;
    const g = await admin.api.post('/admin/groups', { name: `支付 ${uniq('g')}`, member_ids: [agent.user.id] });
    assert.equal(g.status, 201, show(g));
    const rule = await addRule({
      name: 'route', conditions: { categories: [category] },
      actions: { group_id: g.json.group.id, assignee_id: agent.user.id },
    });
    assert.equal(rule.actions.group.name, g.json.group.name);
    assert.equal(rule.actions.assignee.name, 'Agent 李');
    try {
      const t = await createTicket(customer.api, { category_id: category });
      const view = await staffView(t.number);
      assert.equal(view.ticket.group.id, g.json.group.id);
      assert.equal(view.ticket.assignee.id, agent.user.id);
      // The agent works it: it is in their group's queue.
      assert.equal((await agent.api.get(`/agent/tickets/${t.number}`)).status, 200);
      const elsewhere = await createTicket(customer.api, { category_id: await categoryId(srv) });
      assert.equal((await staffView(elsewhere.number)).ticket.group.id, 1);
    } finally {
      assert.equal((await admin.api.request('DELETE', `/admin/rules/${rule.id}`)).status, 204);
    }
  });

  it('a keyword rule adds an internal note and a canned reply: the customer sees the reply, not the note', async () => {
    const word = uniq('退款');
    const rule = await addRule({
      name: 'refunds', conditions: { keywords: [word] },
      actions: { internal_note: '转财务核实', reply: '{{customer.name}}您好，工单 {{ticket.number}} 已收到退款申请。' },
    });
    try {
      const t = await createTicket(customer.api, { subject: `申请${word}` });
      const view = await staffView(t.number);
      const note = view.messages.find((m) => m.internal);
      assert.equal(note.body, '转财务核实');
      assert.equal(note.author.name, '自动规则 Automation');
      const own = (await customer.api.get(`/tickets/${t.number}`)).json;
      assert.equal(own.messages.length, 2);
      assert.equal(own.messages[1].body, `王小明您好，工单 ${t.number} 已收到退款申请。`);
      assert.ok(!own.messages.some((m) => m.body.includes('财务')));
      const mails = (await outboxFor(admin, customer.email)).filter((m) => m.ticket_number === t.number);
      assert.deepEqual(mails.map((m) => m.kind).sort(), ['agent_reply', 'ticket_confirmation']);
    } finally {
      await admin.api.request('DELETE', `/admin/rules/${rule.id}`);
    }
  });

  it('an internal note’s words trigger no update rule; a customer’s message does', async () => {
    const word = uniq('notecrash');
    const rule = await addRule({ name: 'words on updates', event: 'updated', conditions: { keywords: [word] }, actions: { add_tags: ['heard'] } });
    try {
      const t = await createTicket(customer.api, { subject: 'plain subject' });
      const note = await agent.api.post(`/agent/tickets/${t.number}/messages`, { body: `not a ${word}`, internal: true });
      assert.equal(note.status, 201, show(note));
      assert.deepEqual((await staffView(t.number)).ticket.tags, []);
      assert.equal((await customer.api.post(`/tickets/${t.number}/messages`, { body: `it is a ${word}` })).status, 201);
      assert.deepEqual((await staffView(t.number)).ticket.tags, ['heard']);
    } finally {
      await admin.api.request('DELETE', `/admin/rules/${rule.id}`);
    }
  });

  it('rules run in order and each sees the changes before it; reordering changes the outcome', async () => {
    const word = uniq('order');
    const raise = await addRule({ name: 'raise', conditions: { keywords: [word] }, actions: { priority: 'high' } });
    const tag = await addRule({ name: 'tag high', conditions: { keywords: [word], priorities: ['high'] }, actions: { add_tags: ['escalated'] } });
    try {
      let t = await createTicket(customer.api, { subject: `x ${word}` });
      assert.deepEqual((await staffView(t.number)).ticket.tags, ['escalated']);
      const ids = (await rules()).map((r) => r.id);
      const reordered = ids.filter((id) => id !== raise.id);
      reordered.splice(reordered.indexOf(tag.id) + 1, 0, raise.id);
      const r = await admin.api.put('/admin/rules/order', { ids: reordered });
      assert.equal(r.status, 200, show(r));
      assert.deepEqual(r.json.items.map((i) => i.id), reordered);
      t = await createTicket(customer.api, { subject: `y ${word}` });
      const view = await staffView(t.number);
      assert.equal(view.ticket.priority, 'high');
      assert.deepEqual(view.ticket.tags, []);
      // An order that leaves a rule out is refused.
      assertFieldError(await admin.api.put('/admin/rules/order', { ids: reordered.slice(1) }), 'ids', 'invalid');
    } finally {
      await admin.api.request('DELETE', `/admin/rules/${raise.id}`);
      await admin.api.request('DELETE', `/admin/rules/${tag.id}`);
    }
  });

  it('inactive rules do nothing; update rules run on customer replies', async () => {
    const word = uniq('again');
    const rule = await addRule({ name: 'off', active: false, conditions: { keywords: [word] }, actions: { priority: 'high' } });
    try {
      const t = await createTicket(customer.api, { subject: `z ${word}` });
      assert.equal(t.priority, 'normal');
      const put = await admin.api.put(`/admin/rules/${rule.id}`, {
        name: 'on updates', active: true, event: 'updated', conditions: { keywords: [word] }, actions: { priority: 'high' },
      });
      assert.equal(put.status, 200, show(put));
      assert.equal(put.json.rule.event, 'updated');
      const c = await customer.api.post(`/tickets/${t.number}/messages`, { body: '补充一下' });
      assert.equal(c.status, 201, show(c));
      assert.equal((await staffView(t.number)).ticket.priority, 'high');
    } finally {
      await admin.api.request('DELETE', `/admin/rules/${rule.id}`);
    }
  });

  it('a looping rule is refused with 400 rule_loop and nothing is saved', async () => {
    const before = await rules();
    const r = await admin.api.post('/admin/rules', {
      name: 'keep urgent', event: 'updated', conditions: { priorities: ['urgent'] },
      actions: { priority: 'urgent', internal_note: 'still urgent' },
    });
    assertFieldError(r, 'actions', 'rule_loop', 'rule_loop');
    // Two rules flipping each other: the second is refused.
    const up = await addRule({ name: 'high→urgent', event: 'both', conditions: { priorities: ['high'] }, actions: { priority: 'urgent' } });
    try {
      assertFieldError(await admin.api.post('/admin/rules', {
        name: 'urgent→high', event: 'updated', conditions: { priorities: ['urgent'] }, actions: { priority: 'high' },
      }), 'actions', 'rule_loop', 'rule_loop');
    } finally {
      await admin.api.request('DELETE', `/admin/rules/${up.id}`);
    }
    assert.deepEqual(await rules(), before);
  });

  it('unknown category, group or assignee in a rule is a 400 naming the field', async () => {
    const before = await rules();
    const r = await admin.api.post('/admin/rules', {
      name: 'bad', conditions: { categories: [9999] }, actions: { group_id: 9999, assignee_id: customer.user.id },
    });
    assertFieldError(r, 'conditions.categories', 'unknown_category');
    assertFieldError(r, 'actions.group_id', 'unknown_group');
    assertFieldError(r, 'actions.assignee_id', 'unknown_user');
    assertFieldError(await admin.api.post('/admin/rules', { name: 'x', event: 'sometimes', actions: { priority: 'high' } }), 'event', 'invalid');
    assertFieldError(await admin.api.post('/admin/rules', { name: 'x', actions: { reply: 'Hi {{customer.nmae}}' } }), 'actions.reply', 'unknown_placeholder');
    assertFieldError(await admin.api.post('/admin/rules', { name: 'nothing' }), 'actions', 'required');
    assertFieldError(await admin.api.post('/admin/rules', { name: 'x', conditions: { keywords: 'crash' }, actions: { priority: 'high' } }), 'conditions.keywords', 'invalid_type');
    assertProblem(await admin.api.put('/admin/rules/99999', { name: 'x', actions: { priority: 'high' } }), 404, 'not_found');
    assert.deepEqual(await rules(), before);
  });

  it('admins write; supervisors read; agents and customers get 403', async () => {
    const body = { name: 'x', actions: { priority: 'high' } };
    assert.equal((await supervisor.api.get('/admin/rules')).status, 200);
    const id = (await rules())[0].id;
    for (const who of [agent, customer]) {
      assertProblem(await who.api.get('/admin/rules'), 403, 'forbidden');
    }
    for (const who of [supervisor, agent, customer]) {
      assertProblem(await who.api.post('/admin/rules', body), 403, 'forbidden');
      assertProblem(await who.api.put(`/admin/rules/${id}`, body), 403, 'forbidden');
      assertProblem(await who.api.request('DELETE', `/admin/rules/${id}`), 403, 'forbidden');
      assertProblem(await who.api.put('/admin/rules/order', { ids: [id] }), 403, 'forbidden');
    }
    assertProblem(await new Client(srv).get('/admin/rules'), 401, 'unauthenticated');
    assert.equal((await rules()).length, 2);
  });
});
