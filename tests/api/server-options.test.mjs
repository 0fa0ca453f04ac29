// Contract lines that need a configured server: the reopen window (409 reopen_window_passed),
// ticket-number dates in the server's time zone, and the attachment size limit from /config.
// Uses `gongdan serve` options --reopen-days, --timezone and --max-attachment-mb.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import {
  Client, assertProblem, assertFieldError, registerCustomer, createStaff, createTicket, ticketBody,
  makeForm, myTicketNumbers, show, sleep, luhn32Valid, yymmddIn,
  stopServer,
} from './helpers.mjs';

// UTC+14 all year (no DST): its date differs from UTC's for 14 hours of every day.
const TZ = 'Pacific/Kiritimati';

describe('server options', () => {
  let srv;
  let cust;
  let agent;
  before(async () => {
    srv = await startServer({ args: ['--reopen-days', '0', '--timezone', TZ, '--max-attachment-mb', '1'] });
    [cust, agent] = await Promise.all([registerCustomer(srv), createStaff(srv, 'agent')]);
  });
  after(async () => { await stopServer(srv); });

  it('/config reflects the options', async () => {
    const r = await new Client(srv).get('/config');
    assert.equal(r.status, 200, show(r));
    assert.equal(r.json.reopen_days, 0);
    assert.equal(r.json.max_attachment_bytes, 1024 * 1024);
  });

  it('reopen after the window → 409 reopen_window_passed, ticket stays resolved', async () => {
    const t = await createTicket(cust.api);
    const res = await agent.api.patch(`/agent/tickets/${t.number}`, { status: 'resolved' });
    assert.equal(res.status, 200, show(res));
    assert.equal(res.json.ticket.reopen_until, res.json.ticket.resolved_at, 'window of 0 days');
    await sleep(20);
    const r = await cust.api.post(`/tickets/${t.number}/reopen`, undefined);
    assertProblem(r, 409, 'reopen_window_passed');
    const p = await cust.api.get(`/tickets/${t.number}`);
    assert.equal(p.json.ticket.status, 'resolved');
  });

  it('the number carries the creation date in the server time zone', async () => {
    const before_ = new Date();
    const t = await createTicket(cust.api);
    const after_ = new Date();
    assert.ok(luhn32Valid(t.number));
    const allowed = new Set([yymmddIn(TZ, before_), yymmddIn(TZ, after_)]);
    assert.ok(allowed.has(t.number.slice(0, 6)), `${t.number}: date in ${TZ} is ${[...allowed]}`);
  });

  it('a file over max_attachment_bytes → 400 too_large on its index, nothing left behind', async () => {
    const before_ = await myTicketNumbers(cust.api);
    const ok = Buffer.alloc(1024 * 1024, 'a');
    const big = Buffer.alloc(1024 * 1024 + 1, 'b');
    const form = makeForm('ticket', await ticketBody(srv), [['ok.log', ok, 'text/plain'], ['big.log', big, 'text/plain']]);
    assertFieldError(await cust.api.postForm('/tickets', form), 'files[1]', 'too_large');
    assert.deepEqual(await myTicketNumbers(cust.api), before_);
    const exact = await cust.api.postForm('/tickets', makeForm('ticket', await ticketBody(srv), [['ok.log', ok, 'text/plain']]));
    assert.equal(exact.status, 201, `exactly the limit is accepted: ${show(exact)}`);
  });
});
