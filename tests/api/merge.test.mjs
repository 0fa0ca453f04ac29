// Merging duplicates: the source's conversation appears in the target's history in time order, the
// source is closed pointing at the target, its customer is told, and lookups lead to the target.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import {
  Client, assertProblem, assertFieldError, registerCustomer, createStaff, createTicket, show, stopServer, ticketBody, makeForm, PNG_1x1,
} from './helpers.mjs';

describe('merge', () => {
  let srv;
  let agent;
  let customer;
  let stranger;
  before(async () => {
    srv = await startServer();
    [agent, customer, stranger] = await Promise.all([
      createStaff(srv, 'agent', { name: 'Agent 合并' }), registerCustomer(srv, { name: '王芳' }), registerCustomer(srv, { name: 'Other' }),
    ]);
  });
  after(async () => { await stopServer(srv); });

  it('merges A into B: history in time order, A closed with a pointer, the customer told, lookups lead to B', async () => {
    const form = makeForm('ticket', await ticketBody(srv, { subject: '闪退 A' }), [['a.png', PNG_1x1, 'image/png']]);
    const a = (await customer.api.postForm('/tickets', form)).json.ticket;
    const b = await createTicket(customer.api, { subject: '闪退 B' });
    assert.equal((await customer.api.post(`/tickets/${a.number}/messages`, { body: 'A 的补充' })).status, 201);
    const r = await agent.api.post(`/agent/tickets/${a.number}/merge`, { into: b.number });
    assert.equal(r.status, 200, show(r));
    assert.equal(r.json.ticket.number, b.number);

    const pageB = (await agent.api.get(`/agent/tickets/${b.number}`)).json;
    const bodies = pageB.messages.map((m) => m.body);
    assert.ok(bodies.includes('A 的补充'));
    const times = pageB.messages.map((m) => m.created_at);
    assert.deepEqual(times, [...times].sort());
    assert.ok(pageB.messages.some((m) => m.attachments.some((x) => x.filename === 'a.png')));
    assert.ok(pageB.events.some((e) => e.type === 'merged_from' && e.from === a.number));

    const pageA = (await customer.api.get(`/tickets/${a.number}`)).json;
    assert.equal(pageA.ticket.status, 'closed');
    assert.equal(pageA.ticket.merged_into, b.number);
    assert.ok(pageA.messages.at(-1).body.includes(b.number));
    assert.ok(pageA.events.some((e) => e.type === 'merged_into' && e.to === b.number));
    // The customer can open B and sees their own words from A there.
    const mineB = (await customer.api.get(`/tickets/${b.number}`)).json;
    assert.ok(mineB.messages.some((m) => m.body === 'A 的补充'));

    const look = await new Client(srv).post('/tickets/lookup', { number: a.number, email: customer.email });
    assert.equal(look.status, 200, show(look));
    assert.equal(look.json.merged_into, b.number);
  });

  it('another customer’s ticket: the conversation arrives as internal notes, and B is not named to A’s customer', async () => {
    const a = await createTicket(stranger.api, { subject: 'same crash' });
    const b = await createTicket(customer.api, { subject: 'crash' });
    assert.equal((await agent.api.post(`/agent/tickets/${a.number}/merge`, { into: b.number })).status, 200);
    const seenByB = (await customer.api.get(`/tickets/${b.number}`)).json;
    assert.ok(!seenByB.messages.some((m) => m.body.includes('same crash') || m.author.name === 'Other'));
    const staffB = (await agent.api.get(`/agent/tickets/${b.number}`)).json;
    assert.ok(staffB.messages.some((m) => m.internal && m.author.name === 'Other'));
    const seenByA = (await stranger.api.get(`/tickets/${a.number}`)).json;
    assert.equal(seenByA.ticket.status, 'closed');
    assert.equal(seenByA.ticket.merged_into, null);
    assert.ok(!JSON.stringify(seenByA).includes(b.number));
    const look = await new Client(srv).post('/tickets/lookup', { number: a.number, email: stranger.email });
    assert.equal(look.json.merged_into, null);
  });

  it('refuses a merge into itself, into or from a closed ticket, and unknown tickets; nothing changes', async () => {
    const a = await createTicket(customer.api);
    const b = await createTicket(customer.api);
    assertFieldError(await agent.api.post(`/agent/tickets/${a.number}/merge`, { into: a.number }), 'into', 'same_ticket');
    assertFieldError(await agent.api.post(`/agent/tickets/${a.number}/merge`, {}), 'into', 'required');
    assertProblem(await agent.api.post(`/agent/tickets/${a.number}/merge`, { into: 'not-a-number' }), 400, 'invalid_number');
    assert.equal((await customer.api.post(`/tickets/${b.number}/close`)).status, 200);
    assertProblem(await agent.api.post(`/agent/tickets/${a.number}/merge`, { into: b.number }), 409, 'invalid_transition');
    assertProblem(await agent.api.post(`/agent/tickets/${b.number}/merge`, { into: a.number }), 409, 'invalid_transition');
    const pageA = (await agent.api.get(`/agent/tickets/${a.number}`)).json;
    assert.equal(pageA.ticket.status, 'new');
    assert.equal(pageA.messages.length, 1);
    assertProblem(await customer.api.post(`/agent/tickets/${a.number}/merge`, { into: b.number }), 403, 'forbidden');
  });
});
