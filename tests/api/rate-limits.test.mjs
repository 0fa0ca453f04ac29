// Rate limits (a server started with --rate-limits on): lookups and logins per IP end in 429 with
// Retry-After, and another IP is not affected. Each test sends from its own loopback address
// (127.0.0.x) so the buckets do not mix. Loops are bounded.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import {
  Client, rawRequest, assertProblem, ticketBody, uniqEmail, show, stopServer,
} from './helpers.mjs';

describe('rate limits', () => {
  let srv;
  let api;
  before(async () => { srv = await startServer({ args: ['--rate-limits', 'on'] }); api = new Client(srv); });
  after(async () => { await stopServer(srv); });

  const postFrom = (ip, path, json) => rawRequest(srv.baseUrl, 'POST', `/api/v1${path}`, {
    headers: { 'content-type': 'application/json' }, body: JSON.stringify(json), localAddress: ip,
  });

  /** Sends up to `max` requests; returns [the first 429 response, how many were sent]. */
  async function until429(max, send) {
    for (let i = 1; i <= max; i += 1) {
      const r = await send(i);
      if (r.status === 429) return [r, i];
      assert.ok(r.status < 500, `no server error before the limit: ${show(r)}`);
    }
    return [null, max];
  }

  function assertRateLimited(r) {
    assertProblem(r, 429, 'rate_limited');
    const ra = r.headers.get('retry-after');
    assert.ok(ra, 'Retry-After header');
    assert.match(ra, /^\d+$/, `Retry-After in seconds: ${ra}`);
    assert.ok(Number(ra) >= 1, `Retry-After ≥ 1: ${ra}`);
  }

  it('lookups eventually get 429 rate_limited with Retry-After; other IPs are unaffected', async () => {
    const email = uniqEmail('rl');
    const created = await api.post('/tickets', await ticketBody(srv, { guest: { name: 'G', email } }));
    assert.equal(created.status, 201, show(created));
    const number = created.json.ticket.number;
    const first = await postFrom('127.0.0.2', '/tickets/lookup', { number, email });
    assert.equal(first.status, 200, `the first lookup is not limited: ${show(first)}`);
    const [r] = await until429(300, () => postFrom('127.0.0.2', '/tickets/lookup', { number, email: uniqEmail('guess') }));
    assert.ok(r, 'a 429 within 300 lookups');
    assertRateLimited(r);
    // Limited means limited: even the correct pair is refused now, from that IP.
    assertRateLimited(await postFrom('127.0.0.2', '/tickets/lookup', { number, email }));
    // Per IP: another address still gets its answer.
    const other = await postFrom('127.0.0.3', '/tickets/lookup', { number, email });
    assert.equal(other.status, 200, `another IP: ${show(other)}`);
  });

  it('logins eventually get 429 rate_limited with Retry-After; other IPs are unaffected', async () => {
    const [r, n] = await until429(150, () => postFrom('127.0.0.4', '/auth/login', { email: uniqEmail('nobody'), password: 'wrong password' }));
    assert.ok(r, 'a 429 within 150 logins');
    assertRateLimited(r);
    assert.ok(n > 1, 'the first login is not limited');
    const other = await postFrom('127.0.0.5', '/auth/login', { email: uniqEmail('nobody'), password: 'wrong password' });
    assertProblem(other, 401, 'invalid_credentials');
  });
});
