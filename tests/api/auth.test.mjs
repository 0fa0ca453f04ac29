// Registration, login, logout, /me, cookies, CSRF and request-body limits.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import {
  Client, rawRequest, assertProblem, assertFieldError, assertUser, parseSetCookies, cookieJar,
  registerCustomer, uniqEmail, PASSWORD, show, ticketBody, myTicketNumbers, createStaff, createTicket,
  stopServer,
} from './helpers.mjs';

describe('authentication', () => {
  let srv;
  let api;
  before(async () => { srv = await startServer(); api = new Client(srv); });
  after(async () => { await stopServer(srv); });

  const valid = () => ({ email: uniqEmail('reg'), password: PASSWORD, name: '张伟' });

  describe('POST /auth/register', () => {
    it('201 {user, token}, signs the browser in', async () => {
      const body = { ...valid(), locale: 'en' };
      const r = await api.post('/auth/register', body);
      assert.equal(r.status, 201, show(r));
      assert.equal(typeof r.json.token, 'string');
      assert.ok(r.json.token.length >= 16, 'token is long enough');
      assertUser(r.json.user);
      assert.equal(r.json.user.email, body.email);
      assert.equal(r.json.user.name, '张伟');
      assert.equal(r.json.user.role, 'customer');
      assert.equal(r.json.user.locale, 'en');
      const cookies = parseSetCookies(r.headers);
      assert.ok(cookies.gd_session?.value, `gd_session set: ${r.headers.getSetCookie()}`);
      assert.ok(cookies.gd_csrf?.value, `gd_csrf set: ${r.headers.getSetCookie()}`);
      assert.ok(cookies.gd_session.attrs.httponly, 'gd_session HttpOnly');
      // The token works.
      const me = await api.withToken(r.json.token).get('/me');
      assert.equal(me.status, 200, show(me));
      assert.equal(me.json.user.email, body.email);
    });

    it('duplicate email → 409 email_taken on field email', async () => {
      const body = valid();
      assert.equal((await api.post('/auth/register', body)).status, 201);
      const r = await api.post('/auth/register', { ...body, name: 'Someone else' });
      assertProblem(r, 409, 'email_taken');
      assert.ok(Array.isArray(r.json.errors) && r.json.errors.some((e) => e.field === 'email'), `field email named: ${show(r)}`);
    });

    const bad = [
      ['missing email', (b) => { delete b.email; }, 'email', 'required'],
      ['missing password', (b) => { delete b.password; }, 'password', 'required'],
      ['missing name', (b) => { delete b.name; }, 'name', 'required'],
      ['invalid email (no @)', (b) => { b.email = 'not-an-email'; }, 'email', 'invalid'],
      ['invalid email (no domain)', (b) => { b.email = 'someone@'; }, 'email', 'invalid'],
      ['email longer than 254', (b) => { b.email = `${'a'.repeat(60)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}.com`; }, 'email', 'too_long'],
      ['password of 7 chars', (b) => { b.password = 'abcdefg'; }, 'password', 'too_short'],
      ['password of 129 chars', (b) => { b.password = 'p'.repeat(129); }, 'password', 'too_long'],
      ['empty name', (b) => { b.name = ''; }, 'name', ['required', 'too_short']],
      ['name of 101 chars', (b) => { b.name = '名'.repeat(101); }, 'name', 'too_long'],
      ['email is a number', (b) => { b.email = 12345; }, 'email', 'invalid_type'],
      ['password is an array', (b) => { b.password = ['x']; }, 'password', 'invalid_type'],
      ['name is an object', (b) => { b.name = { first: 'a' }; }, 'name', 'invalid_type'],
      ['name is null', (b) => { b.name = null; }, 'name', ['invalid_type', 'required']],
      ['unknown locale', (b) => { b.locale = 'fr'; }, 'locale', 'invalid'],
    ];
    for (const [what, mutate, field, code] of bad) {
      it(`${what} → 400 on ${field}`, async () => {
        const body = valid();
        mutate(body);
        const r = await api.post('/auth/register', body);
        assertFieldError(r, field, code);
        // Nothing was created: the same email can still register.
        if (typeof body.email === 'string' && field !== 'email') {
          const ok = await api.post('/auth/register', { ...valid(), email: body.email });
          assert.equal(ok.status, 201, `nothing left behind: ${show(ok)}`);
        }
      });
    }

    it('password of 8 and 128 chars, name of 100 code points, email of 254 → 201 (boundaries)', async () => {
      const email254 = `${'a'.repeat(60)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}.com`;
      assert.equal(email254.length, 254);
      const uniqLocal = uniqEmail('b').split('@')[0].slice(0, 20);
      const email = uniqLocal + email254.slice(uniqLocal.length);
      assert.equal(email.length, 254);
      let r = await api.post('/auth/register', { email, password: 'p'.repeat(128), name: '名'.repeat(100) });
      assert.equal(r.status, 201, show(r));
      r = await api.post('/auth/register', { email: uniqEmail('b8'), password: 'abcdefgh', name: '😀'.repeat(100) });
      assert.equal(r.status, 201, show(r));
    });

    it('body is not an object → 400', async () => {
      for (const body of ['[]', '"x"', '42', 'null']) {
        const r = await api.request('POST', '/auth/register', { body, headers: { 'content-type': 'application/json' } });
        assertProblem(r, 400, ['invalid_json', 'validation_failed']);
      }
    });

    it('bad JSON → 400 invalid_json', async () => {
      for (const body of ['{"email": "a@example.com",', '{email: 1}', '', "{'a':1}", '{"a":1} trailing']) {
        const r = await api.request('POST', '/auth/register', { body, headers: { 'content-type': 'application/json' } });
        assertProblem(r, 400, 'invalid_json');
      }
    });

    it('invalid UTF-8 in a string field → 400 (invalid_utf8 on the field, or invalid_json)', async () => {
      const email = uniqEmail('utf');
      const raw = Buffer.concat([
        Buffer.from(`{"email":"${email}","password":"${PASSWORD}","name":"ab`),
        Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
        Buffer.from('"}'),
      ]);
      const r = await rawRequest(srv.baseUrl, 'POST', '/api/v1/auth/register', { headers: { 'content-type': 'application/json' }, body: raw });
      assertProblem(r, 400, ['invalid_json', 'validation_failed']);
      if (r.json.code === 'validation_failed') assertFieldError(r, 'name', 'invalid_utf8');
      // Nothing was created.
      const again = await api.post('/auth/register', { email, password: PASSWORD, name: 'ok' });
      assert.equal(again.status, 201, show(again));
    });

    it('overlong UTF-8 encoding and a lone surrogate escape → 400', async () => {
      const overlong = Buffer.concat([
        Buffer.from(`{"email":"${uniqEmail('ol')}","password":"${PASSWORD}","name":"`),
        Buffer.from([0xc0, 0xaf]),
        Buffer.from('"}'),
      ]);
      let r = await rawRequest(srv.baseUrl, 'POST', '/api/v1/auth/register', { headers: { 'content-type': 'application/json' }, body: overlong });
      assertProblem(r, 400, ['invalid_json', 'validation_failed']);
      r = await api.request('POST', '/auth/register', {
        body: `{"email":"${uniqEmail('sur')}","password":"${PASSWORD}","name":"a\\ud800b"}`,
        headers: { 'content-type': 'application/json' },
      });
      assertProblem(r, 400, ['invalid_json', 'validation_failed']);
    });

    it('body over 1 MiB → 413 payload_too_large', async () => {
      const body = JSON.stringify({ ...valid(), name: 'x'.repeat(1024 * 1024 + 10) });
      const r = await rawRequest(srv.baseUrl, 'POST', '/api/v1/auth/register', { headers: { 'content-type': 'application/json' }, body });
      assertProblem(r, 413, 'payload_too_large');
    });

    it('413 on Content-Length alone (the server does not wait for 2 MiB it will refuse)', async () => {
      const body = Buffer.alloc(2 * 1024 * 1024, 0x20);
      const r = await rawRequest(srv.baseUrl, 'POST', '/api/v1/auth/login', { headers: { 'content-type': 'application/json' }, body });
      assertProblem(r, 413, 'payload_too_large');
    });
  });

  describe('POST /auth/login', () => {
    let account;
    before(async () => { account = await registerCustomer(srv, { name: 'Login Person' }); });

    it('200 {token, user} + gd_session (HttpOnly, SameSite=Lax, Path=/) and gd_csrf (readable)', async () => {
      const r = await api.post('/auth/login', { email: account.email, password: account.password });
      assert.equal(r.status, 200, show(r));
      assert.equal(typeof r.json.token, 'string');
      assertUser(r.json.user);
      assert.equal(r.json.user.email, account.email);
      const c = parseSetCookies(r.headers);
      assert.ok(c.gd_session, `gd_session: ${r.headers.getSetCookie()}`);
      assert.ok(c.gd_csrf, `gd_csrf: ${r.headers.getSetCookie()}`);
      assert.ok(c.gd_session.value.length >= 16);
      assert.ok(c.gd_csrf.value.length >= 16);
      assert.equal(c.gd_session.attrs.httponly, true, c.gd_session.raw);
      assert.equal(String(c.gd_session.attrs.samesite).toLowerCase(), 'lax', c.gd_session.raw);
      assert.equal(c.gd_session.attrs.path, '/', c.gd_session.raw);
      assert.equal(c.gd_csrf.attrs.httponly, undefined, `gd_csrf must be readable by JS: ${c.gd_csrf.raw}`);
      assert.equal(String(c.gd_csrf.attrs.samesite).toLowerCase(), 'lax', c.gd_csrf.raw);
      assert.equal(c.gd_csrf.attrs.path, '/', c.gd_csrf.raw);
    });

    it('wrong password → 401 invalid_credentials', async () => {
      const r = await api.post('/auth/login', { email: account.email, password: 'wrong password!' });
      assertProblem(r, 401, 'invalid_credentials');
      assert.equal(r.headers.getSetCookie().filter((l) => /^gd_session=[^;]+/.test(l) && !/max-age=0|expires=thu, 01 jan 1970/i.test(l)).length, 0, 'no session cookie');
    });

    it('unknown email → the same 401 invalid_credentials', async () => {
      const a = await api.post('/auth/login', { email: uniqEmail('ghost'), password: 'whatever123' });
      const b = await api.post('/auth/login', { email: account.email, password: 'whatever123' });
      assertProblem(a, 401, 'invalid_credentials');
      assertProblem(b, 401, 'invalid_credentials');
      assert.equal(a.json.title, b.json.title);
      assert.equal(a.json.detail, b.json.detail);
    });

    it('missing fields → 400 naming the field', async () => {
      assertFieldError(await api.post('/auth/login', { password: 'x'.repeat(10) }), 'email', 'required');
      assertFieldError(await api.post('/auth/login', { email: account.email }), 'password', 'required');
      assertFieldError(await api.post('/auth/login', { email: account.email, password: 12345678 }), 'password', 'invalid_type');
    });

    it('bad JSON → 400 invalid_json', async () => {
      const r = await api.request('POST', '/auth/login', { body: '{"email":"a', headers: { 'content-type': 'application/json' } });
      assertProblem(r, 400, 'invalid_json');
    });
  });

  describe('GET /me and POST /auth/logout', () => {
    it('anonymous → 401 unauthenticated; garbage token → 401', async () => {
      assertProblem(await api.get('/me'), 401, 'unauthenticated');
      assertProblem(await api.withToken('not-a-real-token').get('/me'), 401, 'unauthenticated');
      assertProblem(await api.withCookies({ gd_session: 'forged', gd_csrf: 'x' }).get('/me'), 401, 'unauthenticated');
    });

    it('200 {user} with bearer and with cookie', async () => {
      const acct = await registerCustomer(srv);
      const viaBearer = await acct.api.get('/me');
      assert.equal(viaBearer.status, 200, show(viaBearer));
      assertUser(viaBearer.json.user);
      assert.equal(viaBearer.json.user.email, acct.email);
      const login = await api.post('/auth/login', { email: acct.email, password: acct.password });
      const viaCookie = await api.withCookies(cookieJar(login.headers), false).get('/me');
      assert.equal(viaCookie.status, 200, show(viaCookie));
      assert.equal(viaCookie.json.user.email, acct.email);
      // The cookie from register works too.
      const viaRegisterCookie = await api.withCookies(cookieJar(acct.res.headers), false).get('/me');
      assert.equal(viaRegisterCookie.status, 200, show(viaRegisterCookie));
    });

    it('logout with bearer → 204; the token no longer works', async () => {
      const acct = await registerCustomer(srv);
      const r = await acct.api.post('/auth/logout', undefined);
      assert.equal(r.status, 204, show(r));
      assert.equal(r.bytes.length, 0);
      assertProblem(await acct.api.get('/me'), 401, 'unauthenticated');
    });

    it('logout with cookie (+CSRF) → 204, clears both cookies, session revoked; other sessions live on', async () => {
      const acct = await registerCustomer(srv);
      const login = await api.post('/auth/login', { email: acct.email, password: acct.password });
      const jar = cookieJar(login.headers);
      const session = api.withCookies(jar, true);
      const r = await session.post('/auth/logout', undefined);
      assert.equal(r.status, 204, show(r));
      const c = parseSetCookies(r.headers);
      for (const name of ['gd_session', 'gd_csrf']) {
        assert.ok(c[name], `${name} cleared: ${r.headers.getSetCookie()}`);
        const expired = c[name].attrs['max-age'] === '0' || /1970/.test(c[name].attrs.expires || '') || c[name].value === '';
        assert.ok(expired, `${name} expired: ${c[name].raw}`);
      }
      assertProblem(await api.withCookies(jar, false).get('/me'), 401, 'unauthenticated');
      // The register token is another session and still works.
      assert.equal((await acct.api.get('/me')).status, 200);
      // The login token of the revoked session does not.
      assertProblem(await api.withToken(login.json.token).get('/me'), 401, 'unauthenticated');
    });

    it('logout anonymous → 401', async () => {
      assertProblem(await api.post('/auth/logout', undefined), 401, 'unauthenticated');
    });
  });

  describe('PATCH /me', () => {
    const HAN = /\p{Script=Han}/u;
    const categoryNames = async (client) => {
      const r = await client.get('/categories', { headers: { 'accept-language': 'fr' } });
      assert.equal(r.status, 200, show(r));
      return r.json.items.map((c) => c.name);
    };

    it('changes name and locale → 200 {user}; GET /me and server-made text follow', async () => {
      const acct = await registerCustomer(srv, { locale: 'en', name: 'Old Name' });
      assert.ok((await categoryNames(acct.api)).every((n) => !HAN.test(n)));
      const r = await acct.api.patch('/me', { name: '新名字', locale: 'zh-CN' });
      assert.equal(r.status, 200, show(r));
      assertUser(r.json.user);
      assert.equal(r.json.user.name, '新名字');
      assert.equal(r.json.user.locale, 'zh-CN');
      assert.equal(r.json.user.email, acct.email);
      const me = await acct.api.get('/me');
      assert.deepEqual(me.json.user, r.json.user);
      // The account's language now wins over Accept-Language: fr (which alone means en).
      assert.ok((await categoryNames(acct.api)).every((n) => HAN.test(n)));
    });

    it('each field is optional', async () => {
      const acct = await registerCustomer(srv, { locale: 'zh-CN', name: 'Keep Me' });
      let r = await acct.api.patch('/me', { locale: 'en' });
      assert.equal(r.status, 200, show(r));
      assert.deepEqual([r.json.user.name, r.json.user.locale], ['Keep Me', 'en']);
      r = await acct.api.patch('/me', { name: 'Renamed' });
      assert.equal(r.status, 200, show(r));
      assert.deepEqual([r.json.user.name, r.json.user.locale], ['Renamed', 'en']);
    });

    it('the new name is the author name on new messages', async () => {
      const acct = await registerCustomer(srv, { name: 'Before' });
      const t = (await acct.api.post('/tickets', await ticketBody(srv))).json.ticket;
      assert.equal((await acct.api.patch('/me', { name: 'After' })).status, 200);
      const m = await acct.api.post(`/tickets/${t.number}/messages`, { body: 'hello' });
      assert.equal(m.status, 201, show(m));
      assert.equal(m.json.message.author.name, 'After');
    });

    const bad = [
      ['empty name', { name: '' }, 'name', ['required', 'too_short']],
      ['name of 101 code points', { name: '名'.repeat(101) }, 'name', 'too_long'],
      ['name is a number', { name: 5 }, 'name', 'invalid_type'],
      ['unknown locale', { locale: 'fr' }, 'locale', 'invalid'],
      ['locale is a number', { locale: 1 }, 'locale', ['invalid_type', 'invalid']],
    ];
    for (const [what, body, field, code] of bad) {
      it(`${what} → 400 on ${field}, nothing changed`, async () => {
        const acct = await registerCustomer(srv, { name: 'Stable', locale: 'en' });
        assertFieldError(await acct.api.patch('/me', { ...body, ...(field === 'name' ? { locale: 'zh-CN' } : { name: 'Changed' }) }), field, code);
        const me = (await acct.api.get('/me')).json.user;
        assert.deepEqual([me.name, me.locale], ['Stable', 'en']);
      });
    }

    it('cannot change role or email (400 or ignored, never applied)', async () => {
      const acct = await registerCustomer(srv);
      const r = await acct.api.patch('/me', { role: 'admin', email: uniqEmail('hijack') });
      assert.ok([200, 400].includes(r.status), show(r));
      const me = (await acct.api.get('/me')).json.user;
      assert.equal(me.role, 'customer');
      assert.equal(me.email, acct.email);
      assertProblem(await acct.api.get('/agent/tickets'), 403, 'forbidden');
    });

    it('anonymous → 401; bad JSON → 400 invalid_json', async () => {
      assertProblem(await api.patch('/me', { name: 'x' }), 401, 'unauthenticated');
      const acct = await registerCustomer(srv);
      assertProblem(await acct.api.request('PATCH', '/me', { body: '{"name":', headers: { 'content-type': 'application/json' } }), 400, 'invalid_json');
    });

    it('by cookie: without X-CSRF-Token → 403 csrf_failed (unchanged); with it → 200', async () => {
      const acct = await registerCustomer(srv, { name: 'Cookie Person' });
      const jar = cookieJar(acct.res.headers);
      assertProblem(await api.withCookies(jar, false).patch('/me', { name: 'Forged' }), 403, 'csrf_failed');
      assert.equal((await acct.api.get('/me')).json.user.name, 'Cookie Person');
      const ok = await api.withCookies(jar, true).patch('/me', { name: 'Real Change' });
      assert.equal(ok.status, 200, show(ok));
      assert.equal(ok.json.user.name, 'Real Change');
    });
  });

  describe('CSRF', () => {
    let acct;
    let jar;
    before(async () => {
      acct = await registerCustomer(srv);
      const login = await api.post('/auth/login', { email: acct.email, password: acct.password });
      jar = cookieJar(login.headers);
    });

    it('cookie-authenticated POST without X-CSRF-Token → 403 csrf_failed, nothing created', async () => {
      const before_ = await myTicketNumbers(acct.api);
      const r = await api.withCookies(jar, false).post('/tickets', await ticketBody(srv));
      assertProblem(r, 403, 'csrf_failed');
      assert.deepEqual(await myTicketNumbers(acct.api), before_);
    });

    it('cookie-authenticated POST with a wrong X-CSRF-Token → 403 csrf_failed', async () => {
      const r = await api.withCookies(jar, 'wrong-token-value').post('/tickets', await ticketBody(srv));
      assertProblem(r, 403, 'csrf_failed');
      // Another user's valid csrf value does not fit this session either.
      const other = await registerCustomer(srv);
      const otherJar = cookieJar(other.res.headers);
      const r2 = await api.withCookies(jar, otherJar.gd_csrf).post('/tickets', await ticketBody(srv));
      assertProblem(r2, 403, 'csrf_failed');
    });

    it('cookie-authenticated POST with the right X-CSRF-Token → works', async () => {
      const r = await api.withCookies(jar, true).post('/tickets', await ticketBody(srv));
      assert.equal(r.status, 201, show(r));
      assert.equal(r.json.ticket.customer.email, acct.email);
    });

    it('bearer POST without X-CSRF-Token → works', async () => {
      const r = await acct.api.post('/tickets', await ticketBody(srv));
      assert.equal(r.status, 201, show(r));
    });

    it('cookie logout without X-CSRF-Token → 403 csrf_failed and the session survives', async () => {
      const r = await api.withCookies(jar, false).post('/auth/logout', undefined);
      assertProblem(r, 403, 'csrf_failed');
      assert.equal((await api.withCookies(jar, false).get('/me')).status, 200);
    });

    it('cookie-authenticated PATCH (agent) without X-CSRF-Token → 403 csrf_failed, unchanged; with it → 200', async () => {
      const staff = await createStaff(srv, 'agent');
      const t = await createTicket(acct.api);
      const login = await api.post('/auth/login', { email: staff.email, password: staff.password });
      const staffJar = cookieJar(login.headers);
      assertProblem(await api.withCookies(staffJar, false).patch(`/agent/tickets/${t.number}`, { priority: 'high' }), 403, 'csrf_failed');
      assertProblem(await api.withCookies(staffJar, false).post(`/agent/tickets/${t.number}/messages`, { body: 'x', internal: true }), 403, 'csrf_failed');
      const page = await staff.api.get(`/agent/tickets/${t.number}`);
      assert.equal(page.json.ticket.priority, 'normal');
      assert.equal(page.json.messages.length, 1);
      const ok = await api.withCookies(staffJar, true).patch(`/agent/tickets/${t.number}`, { priority: 'high' });
      assert.equal(ok.status, 200, show(ok));
      assert.equal(ok.json.ticket.priority, 'high');
    });

    it('cookie GET needs no CSRF token', async () => {
      assert.equal((await api.withCookies(jar, false).get('/tickets')).status, 200);
    });
  });
});
