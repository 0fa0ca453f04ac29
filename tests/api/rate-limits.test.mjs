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

// Behind a reverse proxy (docs/deploy.md): the proxy's X-Real-IP names the client, but only when
// the proxy is listed with --trusted-proxy; from anyone else the header changes nothing, so a
// client cannot step around a limit by naming another address.
describe('rate limits behind a trusted proxy', () => {
  let srv;
  before(async () => { srv = await startServer({ args: ['--rate-limits', 'on', '--trusted-proxy', '127.0.0.6'] }); });
  after(async () => { await stopServer(srv); });

  const login = (from, realIp) => rawRequest(srv.baseUrl, 'POST', '/api/v1/auth/login', {
    headers: { 'content-type': 'application/json', ...(realIp ? { 'x-real-ip': realIp } : {}) },
    body: JSON.stringify({ email: uniqEmail('nobody'), password: 'wrong password' }),
    localAddress: from,
  });

  async function limitedAfter(send, max = 150) {
    for (let i = 1; i <= max; i += 1) {
      const r = await send(i); // eslint-disable-line no-await-in-loop
      if (r.status === 429) return i;
    }
    return null;
  }

  it('counts the client the trusted proxy names, each on its own', async () => {
    assert.ok(await limitedAfter(() => login('127.0.0.6', '203.0.113.7')), 'the named client is limited');
    // Another client behind the same proxy still gets its answer.
    assertProblem(await login('127.0.0.6', '203.0.113.8'), 401, 'invalid_credentials');
    assertProblem(await login('127.0.0.6', '2001:db8::1'), 401, 'invalid_credentials');
  });

  it('ignores X-Real-IP from anyone else, and a value that is not an address', async () => {
    // A new address per request from an untrusted peer: still one bucket, the peer's.
    assert.ok(await limitedAfter((i) => login('127.0.0.7', `198.51.100.${i % 250}`)), 'spoofing does not escape the limit');
    assert.ok(await limitedAfter(() => login('127.0.0.6', 'not-an-address')), 'a bad header counts as the proxy itself');
  });
});
