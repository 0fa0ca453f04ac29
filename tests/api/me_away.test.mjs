// Staff read their own `away` flag from login and /me (the web header's toggle shows it); customers
// have none.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { createStaff, registerCustomer, show, stopServer } from './helpers.mjs';

describe('away on the signed-in user', () => {
  let srv;
  before(async () => { srv = await startServer(); });
  after(async () => { await stopServer(srv); });

  it('login, GET /me and PATCH /me carry away for staff only', async () => {
    const agent = await createStaff(srv, 'agent');
    assert.equal(agent.user.away, false);
    const set = await agent.api.patch('/me', { away: true });
    assert.equal(set.status, 200, show(set));
    assert.equal(set.json.user.away, true);
    assert.equal((await agent.api.get('/me')).json.user.away, true);
    assert.equal((await agent.api.patch('/me', { away: false })).json.user.away, false);
    const customer = await registerCustomer(srv);
    const me = await customer.api.get('/me');
    assert.equal(me.status, 200, show(me));
    assert.equal(me.json.user.away, undefined);
  });
});
