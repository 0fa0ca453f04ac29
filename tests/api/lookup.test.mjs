// POST /tickets/lookup: number + email status check, lenient number input, same 404 for unknown
// number and wrong email, invalid_number for a bad check symbol.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import {
  Client, assertProblem, assertFieldError, registerCustomer, createTicket, ticketBody, uniqEmail,
  makeNumber, randomSymbols, withWrongCheck, luhn32Valid, show, TIME_RE, createStaff,
  stopServer,
} from './helpers.mjs';

describe('ticket lookup', () => {
  let srv;
  let api;
  let guestEmail;
  let ticket; // a guest ticket whose number contains both 0 and 1
  before(async () => {
    srv = await startServer();
    api = new Client(srv);
    guestEmail = uniqEmail('lookup');
    for (let i = 0; i < 80 && !ticket; i += 1) {
      const r = await api.post('/tickets', await ticketBody(srv, { guest: { name: 'Guest', email: guestEmail } }));
      assert.equal(r.status, 201, show(r));
      const n = r.json.ticket.number;
      if (n.includes('0') && n.includes('1')) ticket = r.json.ticket;
    }
    assert.ok(ticket, 'a ticket number with a 0 and a 1');
  });
  after(async () => { await stopServer(srv); });

  const lookup = (number, email = guestEmail) => api.post('/tickets/lookup', { number, email });

  it('right number + email → 200 {number, status, updated_at, merged_into, reply_by} and nothing more', async () => {
    const r = await lookup(ticket.number);
    assert.equal(r.status, 200, show(r));
    assert.deepEqual(Object.keys(r.json).sort(), ['merged_into', 'number', 'reply_by', 'status', 'updated_at']);
    assert.equal(r.json.number, ticket.number);
    assert.equal(r.json.status, 'new');
    assert.match(r.json.updated_at, TIME_RE);
  });

  it('status follows the ticket', async () => {
    const agent = await createStaff(srv, 'agent');
    const r0 = await api.post('/tickets', await ticketBody(srv, { guest: { name: 'Guest', email: guestEmail } }));
    const n = r0.json.ticket.number;
    assert.equal((await agent.api.patch(`/agent/tickets/${n}`, { status: 'pending' })).status, 200);
    const r = await lookup(n);
    assert.equal(r.status, 200, show(r));
    assert.equal(r.json.status, 'pending');
  });

  it("works for a signed-in customer's ticket with the account's email", async () => {
    const c = await registerCustomer(srv);
    const t = await createTicket(c.api);
    const r = await lookup(t.number, c.email);
    assert.equal(r.status, 200, show(r));
    assert.equal(r.json.number, t.number);
  });

  it('wrong email and unknown well-formed number → the same 404 body', async () => {
    const wrongEmail = await lookup(ticket.number, uniqEmail('someone-else'));
    const unknown = makeNumber(ticket.number.slice(0, 6), randomSymbols(5));
    assert.ok(luhn32Valid(unknown));
    assert.notEqual(unknown, ticket.number);
    const unknownNumber = await lookup(unknown);
    assertProblem(wrongEmail, 404, 'not_found');
    assertProblem(unknownNumber, 404, 'not_found');
    assert.deepEqual(wrongEmail.json, unknownNumber.json, 'indistinguishable bodies');
    assert.equal(wrongEmail.text.length, unknownNumber.text.length);
  });

  it('a number with a wrong check symbol → 400 invalid_number on field number', async () => {
    const r = await lookup(withWrongCheck(ticket.number));
    assertProblem(r, 400, 'invalid_number');
    assert.ok(Array.isArray(r.json.errors) && r.json.errors.some((e) => e.field === 'number'), `field number: ${show(r)}`);
  });

  for (const [what, bad] of [
    ['letters only', 'hello'],
    ['too short', '261125-ABCD'],
    ['too long', '261125-ABCDEFG'],
    ['U is not a symbol', '261125-UUUUUU'],
    ['punctuation', '261125_ABC!E5'],
    ['empty', ''],
  ]) {
    it(`malformed number (${what}) → 400 invalid_number`, async () => {
      const r = await lookup(bad);
      if (bad === '') assertProblem(r, 400, ['invalid_number', 'validation_failed']);
      else assertProblem(r, 400, 'invalid_number');
      assert.ok(Array.isArray(r.json.errors) && r.json.errors.some((e) => e.field === 'number'), `field number: ${show(r)}`);
    });
  }

  it('missing fields / wrong types → 400 naming the field', async () => {
    assertFieldError(await api.post('/tickets/lookup', { email: guestEmail }), 'number', 'required');
    assertFieldError(await api.post('/tickets/lookup', { number: ticket.number }), 'email', 'required');
    assertFieldError(await api.post('/tickets/lookup', { number: 261125, email: guestEmail }), 'number', 'invalid_type');
  });

  describe('lenient input spellings of a real number', () => {
    const variants = () => {
      const n = ticket.number;
      return [
        ['lowercase', n.toLowerCase()],
        ['no dash', n.replace('-', '')],
        ['spaces', n.replace('-', ' ').replace(/(.{3})/g, '$1 ')],
        ['spaces around', `  ${n}  `],
        ['dashes everywhere', n.replace('-', '').split('').join('-')],
        ['O for 0', n.replaceAll('0', 'O')],
        ['o for 0', n.replaceAll('0', 'o')],
        ['I for 1', n.replaceAll('1', 'I')],
        ['L for 1', n.replaceAll('1', 'L')],
        ['l for 1, lowercase', n.toLowerCase().replaceAll('1', 'l')],
        ['all at once', n.toLowerCase().replaceAll('0', 'o').replaceAll('1', 'i').replace('-', ' ')],
      ];
    };
    it('each variant → 200 with the canonical number', async () => {
      for (const [what, spelling] of variants()) {
        const r = await lookup(spelling);
        assert.equal(r.status, 200, `${what} (${JSON.stringify(spelling)}): ${show(r)}`);
        assert.equal(r.json.number, ticket.number, what);
      }
    });
  });
});
