// Full-text search in the agents' queue (docs/workspace.md, Search): two-character Chinese words,
// English words in any case, customer emails, ticket numbers, message and internal-note text.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import {
  assertFieldError, assertProblem, registerCustomer, createStaff, createTicket, uniq, show, stopServer,
} from './helpers.mjs';

describe('search', () => {
  let srv;
  let agent;
  let cust;
  let other;
  const marker = uniq('search');  // one word in every ticket of this file, to keep results to them
  const made = {};
  const find = async (q, extra = {}) => {
    const params = new URLSearchParams({ q, limit: '100', ...extra });
    const r = await agent.api.get(`/agent/tickets?${params}`);
    assert.equal(r.status, 200, show(r));
    return r.json;
  };
  const numbers = async (q, extra) => new Set((await find(q, extra)).items.map((t) => t.number));

  before(async () => {
    srv = await startServer();
    [agent, cust, other] = await Promise.all([
      createStaff(srv, 'agent', { name: 'Search Agent' }),
      registerCustomer(srv, { name: '陈爱丽 Alice', email: `${uniq('alice')}@Example.com`.toLowerCase() }),
      registerCustomer(srv, { name: 'Bob' }),
    ]);
    made.crash = await createTicket(cust.api, { subject: `应用闪退了 ${marker}`, description: '打开群聊就退出' });
    made.login = await createTicket(cust.api, { subject: `收不到验证码 ${marker}`, description: '换手机后无法登录，一直转圈' });
    made.english = await createTicket(other.api, { subject: `Voice Messages FAIL ${marker}`, description: 'Since this MORNING nothing sends.' });
    made.apart = await createTicket(other.api, { subject: `应用闪 退出 ${marker}`, description: '闪。退' });
    made.thread = await createTicket(other.api, { subject: `账号问题 ${marker}`, description: 'account question' });
    let r = await other.api.post(`/tickets/${made.thread.number}/messages`, { body: '现在又出现闪退' });
    assert.equal(r.status, 201, show(r));
    r = await agent.api.post(`/agent/tickets/${made.thread.number}/messages`, { body: '内部备注：网关故障 gateway', internal: true });
    assert.equal(r.status, 201, show(r));
  });
  after(async () => { await stopServer(srv); });

  it('finds 闪退 in a subject and in a later message', async () => {
    assert.deepEqual(await numbers(`闪退 ${marker}`), new Set([made.crash.number, made.thread.number]));
  });

  it('finds 登录 inside a longer description', async () => {
    assert.deepEqual(await numbers(`登录 ${marker}`), new Set([made.login.number]));
  });

  it('never matches a bigram across two separate words', async () => {
    const found = await numbers(`闪退 ${marker}`);
    assert.ok(!found.has(made.apart.number));
  });

  it('English words match in any case', async () => {
    assert.deepEqual(await numbers(`voice messages ${marker}`), new Set([made.english.number]));
    assert.deepEqual(await numbers(`Morning ${marker.toUpperCase()}`), new Set([made.english.number]));
  });

  it('finds internal-note text (staff search)', async () => {
    assert.deepEqual(await numbers(`网关 ${marker}`), new Set([made.thread.number]));
    assert.deepEqual(await numbers('GATEWAY 网关故障'), new Set([made.thread.number]));
  });

  it("finds a customer's tickets by email and name", async () => {
    assert.deepEqual(await numbers(cust.email), new Set([made.crash.number, made.login.number]));
    assert.deepEqual(await numbers(`爱丽 ${marker}`), new Set([made.crash.number, made.login.number]));
  });

  it('a ticket number still finds its ticket, in any spelling', async () => {
    assert.deepEqual(await numbers(made.login.number), new Set([made.login.number]));
    assert.deepEqual(await numbers(made.login.number.replace('-', '').toLowerCase()), new Set([made.login.number]));
  });

  it('combines with status filters and pages newest first', async () => {
    let r = await agent.api.patch(`/agent/tickets/${made.login.number}`, { status: 'pending' });
    assert.equal(r.status, 200, show(r));
    assert.deepEqual(await numbers(marker, { status: 'pending' }), new Set([made.login.number]));
    const seen = [];
    let cursor = null;
    do {
      const params = { q: marker, limit: '2', ...(cursor ? { cursor } : {}) };
      r = await agent.api.get(`/agent/tickets?${new URLSearchParams(params)}`);
      assert.equal(r.status, 200, show(r));
      seen.push(...r.json.items.map((t) => t.number));
      cursor = r.json.next_cursor;
    } while (cursor);
    assert.deepEqual(seen, [made.thread, made.apart, made.english, made.login, made.crash].map((t) => t.number));
  });

  it('q longer than 200 characters → 422', async () => {
    assertFieldError(await agent.api.get(`/agent/tickets?q=${encodeURIComponent('闪'.repeat(201))}`), 'q');
  });

  it('a customer gets 403 from the agent search', async () => {
    assertProblem(await cust.api.get(`/agent/tickets?q=${encodeURIComponent('闪退')}`), 403);
  });
});
