// Live updates over /api/v1/ws: who may connect, ticket events, presence and typing, and the
// collision check of agent replies (docs/workspace.md "Live updates").
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer } from '../support/server.mjs';
import { openLive } from '../support/live.mjs';
import {
  Client, assertProblem, registerCustomer, createStaff, createTicket, cookieJar, show, sleep, PASSWORD, stopServer,
} from './helpers.mjs';

/** Expects the upgrade to be refused with a problem+json `status` and `code`. */
async function refused(promise, status, code) {
  const err = await promise.then(
    (client) => { client.close(); assert.fail(`the upgrade was accepted, expected ${status} ${code}`); },
    (e) => e,
  );
  assert.equal(err.status, status, String(err.stack));
  assert.match(err.contentType ?? '', /^application\/problem\+json/);
  assert.equal(err.body.code, code);
}

/** A raw upgrade request: the first bytes of the answer. */
function rawUpgrade(srv, headers) {
  return new Promise((resolve, reject) => {
    const req = http.request(`${srv.baseUrl}/api/v1/ws`, {
      headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers },
    });
    req.on('upgrade', (res, socket) => { socket.destroy(); resolve(res.statusCode); });
    req.on('response', (res) => { res.resume(); resolve(res.statusCode); });
    req.on('error', reject);
    req.end();
  });
}

const names = (viewers) => viewers.map((v) => `${v.name}${v.typing ? '…' : ''}`).sort();

describe('live updates', () => {
  let srv;
  let customer;
  let wang;
  let li;
  before(async () => {
    srv = await startServer();
    [customer, wang, li] = await Promise.all([
      registerCustomer(srv, { name: 'Live Customer' }),
      createStaff(srv, 'agent', { name: '王芳' }),
      createStaff(srv, 'agent', { name: 'Li Lei' }),
    ]);
  });
  let lingering;
  after(async () => {
    await stopServer(srv); // exit code 0, no sanitizer report: also with a socket still open
    if (lingering) assert.ok((await lingering.closed).code >= 1000);
  });

  describe('who may connect', () => {
    it('refuses anonymous callers and customers before upgrading', async () => {
      await refused(openLive(srv), 401, 'unauthenticated');
      await refused(openLive(srv, { token: 'not-a-session' }), 401, 'unauthenticated');
      await refused(openLive(srv, { token: customer.token }), 403, 'forbidden');
    });

    it('refuses a page of another site using the session cookie (CSWSH)', async () => {
      const login = await new Client(srv).post('/auth/login', { email: wang.email, password: PASSWORD });
      assert.equal(login.status, 200, show(login));
      const cookies = cookieJar(login.headers);
      assert.ok(cookies.gd_session);
      await refused(openLive(srv, { cookies, origin: 'https://evil.example' }), 403, 'origin_mismatch');
      await refused(openLive(srv, { cookies, origin: 'null' }), 403, 'origin_mismatch');
      await refused(openLive(srv, { cookies, origin: '' }), 403, 'origin_mismatch');
      const ok = await openLive(srv, { cookies });
      assert.equal(ok.hello.user.name, '王芳');
      await ok.close();
    });

    it('answers a plain GET with 426 and lists the route', async () => {
      assertProblem(await new Client(srv).get('/api/v1/ws'), 401, 'unauthenticated');
      assertProblem(await customer.api.get('/api/v1/ws'), 403, 'forbidden');
      const plain = await wang.api.get('/api/v1/ws');
      assertProblem(plain, 426, 'upgrade_required');
      assert.equal(plain.headers.get('upgrade'), 'websocket');
      assert.equal(await rawUpgrade(srv, { authorization: `Bearer ${wang.token}` }), 101);
      assert.equal(await rawUpgrade(srv, {}), 401);
    });
  });

  describe('events and presence', () => {
    it('an agent receives a ticket event when a customer submits and comments', async () => {
      const live = await openLive(srv, { token: wang.token });
      const ticket = await createTicket(customer.api);
      const created = await live.next((f) => f.type === 'ticket' && f.number === ticket.number);
      const shown = (await wang.api.get(`/agent/tickets/${ticket.number}`)).json.ticket;
      assert.deepEqual(created, {
        type: 'ticket', number: ticket.number, group_id: shown.group?.id ?? null, assignee_id: shown.assignee?.id ?? null,
        status: 'new', priority: 'normal', updated_at: ticket.updated_at, change: 'created',
      });
      const c = await customer.api.post(`/tickets/${ticket.number}/messages`, { body: 'One more detail' });
      assert.equal(c.status, 201, show(c));
      const message = await live.next((f) => f.type === 'ticket' && f.number === ticket.number);
      assert.equal(message.change, 'message');
      assert.equal(message.updated_at, c.json.ticket.updated_at);
      const p = await li.api.patch(`/agent/tickets/${ticket.number}`, { priority: 'urgent' });
      assert.equal(p.status, 200, show(p));
      const updated = await live.next((f) => f.type === 'ticket' && f.number === ticket.number);
      assert.equal(updated.change, 'updated');
      assert.equal(updated.priority, 'urgent');
      await live.close();
    });

    it('two agents on one ticket see each other, typing, and leaving on disconnect', async () => {
      const ticket = await createTicket(customer.api);
      const a = await openLive(srv, { token: wang.token });
      const b = await openLive(srv, { token: li.token });
      a.send({ type: 'watch', number: ticket.number });
      assert.deepEqual(names((await a.presence(ticket.number)).viewers), ['王芳']);
      b.send({ type: 'watch', number: ticket.number.toLowerCase() }); // any spelling of the number
      const both = (v) => v.length === 2;
      assert.deepEqual(names((await a.presence(ticket.number, both)).viewers), ['Li Lei', '王芳']);
      const seenByB = (await b.presence(ticket.number, both)).viewers;
      assert.deepEqual(seenByB.find((v) => v.name === '王芳'), { id: wang.user.id, name: '王芳', typing: false });

      b.send({ type: 'typing', number: ticket.number, typing: true });
      assert.deepEqual(names((await a.presence(ticket.number, (v) => v.some((x) => x.typing))).viewers), ['Li Lei…', '王芳']);
      b.send({ type: 'typing', number: ticket.number, typing: false });
      assert.deepEqual(names((await a.presence(ticket.number, (v) => v.every((x) => !x.typing))).viewers), ['Li Lei', '王芳']);

      // Typing not refreshed expires (8 s), so a closed laptop does not warn forever.
      b.send({ type: 'typing', number: ticket.number, typing: true });
      await a.presence(ticket.number, (v) => v.some((x) => x.typing));
      const started = Date.now();
      await a.presence(ticket.number, (v) => v.length === 2 && v.every((x) => !x.typing), 12000);
      const waited = Date.now() - started;
      assert.ok(waited > 6000 && waited < 11000, `typing expired after ${waited} ms`);

      b.ws.terminate(); // no close frame: the connection just drops
      assert.deepEqual(names((await a.presence(ticket.number, (v) => v.length === 1)).viewers), ['王芳']);
      a.send({ type: 'unwatch' });
      await sleep(100);
      await a.close();
    });

    it('malformed frames get an error frame and the socket stays usable; oversized frames close it', async () => {
      const ticket = await createTicket(customer.api);
      const live = await openLive(srv, { token: wang.token });
      for (const bad of ['nonsense', '[]', '{"type":"watch","number":"XYZ"}', '{"type":"dance"}', JSON.stringify({ type: 'watch', number: 7 })]) {
        live.send(bad);
        assert.deepEqual(await live.next((f) => f.type === 'error'), { type: 'error', code: 'bad_message' });
      }
      live.ws.send(Buffer.from([1, 2, 3]), { binary: true });
      assert.equal((await live.next((f) => f.type === 'error')).code, 'bad_message');
      live.send({ type: 'typing', number: ticket.number, typing: true });
      assert.equal((await live.next((f) => f.type === 'error')).code, 'not_watching');
      live.send({ type: 'watch', number: ticket.number });
      await live.presence(ticket.number);
      live.send(JSON.stringify({ type: 'watch', number: ticket.number, pad: 'x'.repeat(5000) }));
      const closed = await live.closed;
      assert.equal(closed.code, 1009); // message too big
    });
  });

  describe('group rules', () => {
    it('an agent outside the ticket\'s group hears nothing of it and cannot watch it, until assigned', async () => {
      const [admin, outsider] = await Promise.all([
        createStaff(srv, 'admin', { name: 'Live Admin' }), createStaff(srv, 'agent', { name: 'Outsider' }),
      ]);
      const g = await admin.api.post('/admin/groups', { name: `Live VIP ${Date.now()}`, member_ids: [outsider.user.id] });
      assert.equal(g.status, 201, show(g));
      const first = (await admin.api.get('/agent/staff')).json.groups.find((x) => x.id === 1);
      const u = await admin.api.put('/admin/groups/1', {
        name: first.name, assignment: 'manual', member_ids: first.member_ids.filter((id) => id !== outsider.user.id),
      });
      assert.equal(u.status, 200, show(u));

      const out = await openLive(srv, { token: outsider.token });
      const inside = await openLive(srv, { token: wang.token });
      const ticket = await createTicket(customer.api);
      await inside.next((f) => f.type === 'ticket' && f.number === ticket.number);
      out.send({ type: 'watch', number: ticket.number });
      assert.deepEqual(await out.next((f) => f.type === 'error'), { type: 'error', code: 'not_found' });
      assert.equal(out.frames.filter((f) => f.type === 'ticket').length, 0, JSON.stringify(out.frames));

      const a = await admin.api.patch(`/agent/tickets/${ticket.number}`, { assignee_id: outsider.user.id });
      assert.equal(a.status, 200, show(a));
      const assigned = await out.next((f) => f.type === 'ticket' && f.number === ticket.number);
      assert.equal(assigned.assignee_id, outsider.user.id);
      out.send({ type: 'watch', number: ticket.number });
      await out.presence(ticket.number);
      await out.close();
      await inside.close();
    });
  });

  describe('collision check', () => {
    it('a reply on a ticket that changed since is 409 ticket_changed and writes nothing; confirm posts it', async () => {
      const ticket = await createTicket(customer.api);
      const shown = (await wang.api.get(`/agent/tickets/${ticket.number}`)).json.ticket.updated_at;
      await sleep(5);
      const first = await li.api.post(`/agent/tickets/${ticket.number}/messages`, { body: 'I am on it', seen_updated_at: shown });
      assert.equal(first.status, 201, show(first));

      const stale = await wang.api.post(`/agent/tickets/${ticket.number}/messages`, { body: 'Hello!', seen_updated_at: shown });
      assertProblem(stale, 409, 'ticket_changed');
      const after = (await wang.api.get(`/agent/tickets/${ticket.number}`)).json;
      assert.deepEqual(after.messages.map((m) => m.body), [ticket.description ?? after.messages[0].body, 'I am on it']);

      const confirmed = await wang.api.post(`/agent/tickets/${ticket.number}/messages`, { body: 'Hello!', seen_updated_at: shown, confirm: true });
      assert.equal(confirmed.status, 201, show(confirmed));
      const now = (await wang.api.get(`/agent/tickets/${ticket.number}`)).json;
      assert.deepEqual(now.messages.map((m) => m.body).slice(1), ['I am on it', 'Hello!']);

      // The page that showed the latest state sends without a question.
      const fresh = await li.api.post(`/agent/tickets/${ticket.number}/messages`, { body: 'Thanks', seen_updated_at: now.ticket.updated_at });
      assert.equal(fresh.status, 201, show(fresh));
    });

    it('leaves a watching socket open for the shutdown', async () => {
      const ticket = await createTicket(customer.api);
      lingering = await openLive(srv, { token: li.token });
      lingering.send({ type: 'watch', number: ticket.number });
      lingering.send({ type: 'typing', number: ticket.number, typing: true });
      await lingering.presence(ticket.number, (v) => v.some((x) => x.typing));
    });

    it('seen_updated_at must be an RFC 3339 time', async () => {
      const ticket = await createTicket(customer.api);
      const r = await wang.api.post(`/agent/tickets/${ticket.number}/messages`, { body: 'x', seen_updated_at: 'yesterday' });
      assertProblem(r, 400, 'validation_failed');
      assert.equal(r.json.errors[0].field, 'seen_updated_at');
    });
  });
});
