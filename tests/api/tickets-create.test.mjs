// POST /tickets (JSON and multipart), validation (nothing left behind), Idempotency-Key, guests,
// attachments download, and GET /tickets/similar.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import {
  Client, rawRequest, assertProblem, assertFieldError, assertTicketShape, assertMessageShape,
  registerCustomer, ticketBody, myTicketNumbers, makeForm, uniq, uniqEmail, show,
  PNG_1x1, GIF_1x1, PDF_MIN, LOG_TEXT, HTML_DOC, elfBytes, NUMBER_RE, luhn32Valid, TIME_RE,
  yymmddIn, DEFAULT_TIMEZONE,
  stopServer,
} from './helpers.mjs';

describe('creating tickets', () => {
  let srv;
  let api;
  let cust;
  let catId;
  before(async () => {
    srv = await startServer();
    api = new Client(srv);
    cust = await registerCustomer(srv, { name: '李娜' });
    catId = (await api.get('/categories')).json.items[0].id;
  });
  after(async () => { await stopServer(srv); });

  /** Runs `fn` (which must fail) and asserts the customer's ticket list is unchanged. */
  async function leavesNothing(who, fn) {
    const before_ = await myTicketNumbers(who.api);
    const r = await fn();
    assert.deepEqual(await myTicketNumbers(who.api), before_, 'nothing left behind');
    return r;
  }

  describe('JSON', () => {
    it('201 {ticket}, Location, number format + Luhn mod 32, status new, priority normal', async () => {
      const body = {
        category_id: catId,
        subject: '发送图片失败',
        description: '更新之后，在聊天里发送图片一直转圈。',
        occurred_at: '2026-11-20T08:30:00.000Z',
        environment: { platform: 'android', os: 'Android 14', app_version: '8.0.52', device: 'Xiaomi 14' },
      };
      const t0 = Date.now();
      const r = await cust.api.post('/tickets', body);
      assert.equal(r.status, 201, show(r));
      const t = r.json.ticket;
      assertTicketShape(t);
      assert.match(t.number, NUMBER_RE);
      assert.ok(luhn32Valid(t.number), `check symbol of ${t.number}`);
      // The creation date in the server's default time zone (Asia/Shanghai), not the machine's.
      const days = new Set([yymmddIn(DEFAULT_TIMEZONE, new Date(t0)), yymmddIn(DEFAULT_TIMEZONE, new Date())]);
      assert.ok(days.has(t.number.slice(0, 6)), `date part of ${t.number} is today in ${DEFAULT_TIMEZONE}: ${[...days]}`);
      const loc = r.headers.get('location');
      assert.ok(loc, 'Location header');
      assert.equal(new URL(loc, srv.baseUrl).pathname, `/api/v1/tickets/${t.number}`);
      assert.equal(t.status, 'new');
      assert.equal(t.priority, 'normal');
      assert.equal(t.urgency, 'normal');
      assert.equal(t.subject, body.subject);
      assert.equal(t.description, body.description);
      assert.equal(t.category.id, catId);
      assert.equal(t.occurred_at, '2026-11-20T08:30:00.000Z');
      assert.deepEqual(t.environment, body.environment);
      assert.deepEqual(t.customer, { name: '李娜', email: cust.email, guest: false });
      assert.equal(t.resolved_at, null);
      assert.equal(t.closed_at, null);
      assert.equal(t.reopen_until, null);
      assert.ok(Math.abs(Date.parse(t.created_at) - t0) < 60e3, 'created_at is now');
      // It is on the ticket page, with the description as the first message.
      const page = await cust.api.get(`/tickets/${t.number}`);
      assert.equal(page.status, 200, show(page));
      assert.equal(page.json.ticket.number, t.number);
      assert.equal(page.json.messages[0].body, body.description);
    });

    it('environment omitted → all four fields "", occurred_at null', async () => {
      const r = await cust.api.post('/tickets', await ticketBody(srv));
      assert.equal(r.status, 201, show(r));
      assert.deepEqual(r.json.ticket.environment, { platform: '', os: '', app_version: '', device: '' });
      assert.equal(r.json.ticket.occurred_at, null);
    });

    it('urgency urgent → priority urgent', async () => {
      const r = await cust.api.post('/tickets', await ticketBody(srv, { urgency: 'urgent' }));
      assert.equal(r.status, 201, show(r));
      assert.equal(r.json.ticket.urgency, 'urgent');
      assert.equal(r.json.ticket.priority, 'urgent');
      const n = await cust.api.post('/tickets', await ticketBody(srv, { urgency: 'normal' }));
      assert.equal(n.json.ticket.priority, 'normal');
    });

    it('30 concurrent submissions → 30 distinct tickets, all durable in My tickets', async () => {
      const who = await registerCustomer(srv);
      const rs = await Promise.all(Array.from({ length: 30 }, async (_, i) => who.api.post('/tickets', await ticketBody(srv, { subject: `Concurrent ${i}` }))));
      for (const r of rs) assert.equal(r.status, 201, show(r));
      const numbers = rs.map((r) => r.json.ticket.number);
      assert.equal(new Set(numbers).size, 30);
      assert.deepEqual((await myTicketNumbers(who.api)).sort(), [...numbers].sort());
    });

    it('many numbers are distinct and all carry valid check symbols', async () => {
      const seen = new Set();
      for (let i = 0; i < 15; i += 1) {
        const t = (await cust.api.post('/tickets', await ticketBody(srv))).json.ticket;
        assert.match(t.number, NUMBER_RE);
        assert.ok(luhn32Valid(t.number), t.number);
        seen.add(t.number);
      }
      assert.equal(seen.size, 15);
    });

    it('subject of 200 code points (Chinese, emoji) is accepted', async () => {
      for (const subject of ['工'.repeat(200), '😀'.repeat(200), 'a'.repeat(200)]) {
        const r = await cust.api.post('/tickets', await ticketBody(srv, { subject }));
        assert.equal(r.status, 201, `${subject.slice(0, 3)}…: ${show(r)}`);
        assert.equal(r.json.ticket.subject, subject);
      }
    });

    it('description of 20000 chars and environment fields of 100 are accepted', async () => {
      const r = await cust.api.post('/tickets', await ticketBody(srv, {
        description: '描'.repeat(20000), environment: { platform: 'p'.repeat(100), os: '系'.repeat(100), app_version: '', device: '' },
      }));
      assert.equal(r.status, 201, show(r));
    });

    // Each case: [what, body mutation, field, code]. Each must leave nothing behind.
    const invalid = [
      ['missing subject', (b) => { delete b.subject; }, 'subject', 'required'],
      ['empty subject', (b) => { b.subject = ''; }, 'subject', ['required', 'too_short']],
      ['subject of 201 Chinese characters', (b) => { b.subject = '工'.repeat(201); }, 'subject', 'too_long'],
      ['subject of 201 emoji', (b) => { b.subject = '😀'.repeat(201); }, 'subject', 'too_long'],
      ['subject of 201 ASCII chars', (b) => { b.subject = 'x'.repeat(201); }, 'subject', 'too_long'],
      ['subject is a number', (b) => { b.subject = 42; }, 'subject', 'invalid_type'],
      ['missing description', (b) => { delete b.description; }, 'description', 'required'],
      ['description of 20001 chars', (b) => { b.description = 'd'.repeat(20001); }, 'description', 'too_long'],
      ['description is an array', (b) => { b.description = ['a']; }, 'description', 'invalid_type'],
      ['missing category_id', (b) => { delete b.category_id; }, 'category_id', 'required'],
      ['unknown category', (b) => { b.category_id = 987654; }, 'category_id', 'unknown_category'],
      ['category_id is a string', (b) => { b.category_id = 'billing'; }, 'category_id', 'invalid_type'],
      ['occurred_at not a time', (b) => { b.occurred_at = 'yesterday'; }, 'occurred_at', 'invalid'],
      ['occurred_at impossible date', (b) => { b.occurred_at = '2026-02-30T10:00:00.000Z'; }, 'occurred_at', 'invalid'],
      ['occurred_at is a number', (b) => { b.occurred_at = 1764000000; }, 'occurred_at', ['invalid_type', 'invalid']],
      ['environment.os of 101 chars', (b) => { b.environment = { os: 'o'.repeat(101) }; }, 'environment.os', 'too_long'],
      ['environment.device is a number', (b) => { b.environment = { device: 7 }; }, 'environment.device', 'invalid_type'],
      ['environment is a string', (b) => { b.environment = 'android'; }, 'environment', 'invalid_type'],
      ['unknown urgency', (b) => { b.urgency = 'asap'; }, 'urgency', 'invalid'],
    ];
    for (const [what, mutate, field, code] of invalid) {
      it(`${what} → 400 on ${field}, nothing left behind`, async () => {
        const body = await ticketBody(srv);
        mutate(body);
        const r = await leavesNothing(cust, () => cust.api.post('/tickets', body));
        assertFieldError(r, field, code);
      });
    }

    it('several invalid fields → all of them are named', async () => {
      const r = await leavesNothing(cust, () => cust.api.post('/tickets', { category_id: catId, subject: '', description: 5 }));
      assertFieldError(r, 'subject', ['required', 'too_short']);
      assertFieldError(r, 'description', 'invalid_type');
    });

    it('bad JSON → 400 invalid_json; invalid UTF-8 in subject → 400; nothing left behind', async () => {
      let r = await leavesNothing(cust, () => cust.api.request('POST', '/tickets', {
        body: '{"subject": "x", ', headers: { 'content-type': 'application/json' },
      }));
      assertProblem(r, 400, 'invalid_json');
      const raw = Buffer.concat([
        Buffer.from(`{"category_id":${catId},"subject":"bad `),
        Buffer.from([0xe5, 0xb7]), // truncated 3-byte sequence
        Buffer.from('","description":"d"}'),
      ]);
      r = await leavesNothing(cust, () => rawRequest(srv.baseUrl, 'POST', '/api/v1/tickets', {
        headers: { 'content-type': 'application/json', authorization: `Bearer ${cust.token}` }, body: raw,
      }));
      assertProblem(r, 400, ['invalid_json', 'validation_failed']);
      if (r.json.code === 'validation_failed') assertFieldError(r, 'subject', 'invalid_utf8');
    });

    it('JSON body over 1 MiB → 413, nothing left behind', async () => {
      const body = JSON.stringify({ ...(await ticketBody(srv)), description: 'x'.repeat(1024 * 1024 + 1) });
      const r = await leavesNothing(cust, () => rawRequest(srv.baseUrl, 'POST', '/api/v1/tickets', {
        headers: { 'content-type': 'application/json', authorization: `Bearer ${cust.token}` }, body,
      }));
      assertProblem(r, 413, 'payload_too_large');
    });
  });

  describe('multipart', () => {
    it('PNG + text log: listed on the first message, downloadable byte-identical, attachment + nosniff', async () => {
      const body = await ticketBody(srv, { subject: '截图和日志' });
      const form = makeForm('ticket', body, [['screen.png', PNG_1x1, 'image/png'], ['app.log', LOG_TEXT, 'text/plain']]);
      const r = await cust.api.postForm('/tickets', form);
      assert.equal(r.status, 201, show(r));
      const t = r.json.ticket;
      assertTicketShape(t);
      assert.equal(t.subject, '截图和日志');
      assert.equal(new URL(r.headers.get('location'), srv.baseUrl).pathname, `/api/v1/tickets/${t.number}`);
      const page = await cust.api.get(`/tickets/${t.number}`);
      assert.equal(page.status, 200, show(page));
      const first = page.json.messages[0];
      assertMessageShape(first);
      assert.equal(first.body, body.description);
      assert.equal(first.attachments.length, 2, JSON.stringify(first.attachments));
      const byName = Object.fromEntries(first.attachments.map((a) => [a.filename, a]));
      assert.ok(byName['screen.png'] && byName['app.log'], JSON.stringify(first.attachments));
      assert.equal(byName['screen.png'].content_type, 'image/png');
      assert.match(byName['app.log'].content_type, /^text\/plain/);
      assert.equal(byName['screen.png'].size, PNG_1x1.length);
      assert.equal(byName['app.log'].size, LOG_TEXT.length);
      for (const [name, bytes] of [['screen.png', PNG_1x1], ['app.log', LOG_TEXT]]) {
        const a = byName[name];
        const d = await cust.api.get(a.url);
        assert.equal(d.status, 200, `${a.url}: ${show(d)}`);
        assert.match(d.headers.get('content-disposition') || '', /^attachment\b/i, name);
        assert.equal(d.headers.get('x-content-type-options'), 'nosniff', name);
        assert.equal(d.headers.get('content-type').split(';')[0].trim(), a.content_type.split(';')[0].trim());
        assert.ok(d.bytes.equals(bytes), `${name} bytes identical`);
      }
      // Also reachable as /attachments/{id}.
      const byId = await cust.api.get(`/attachments/${byName['screen.png'].id}`);
      assert.equal(byId.status, 200, show(byId));
      assert.ok(byId.bytes.equals(PNG_1x1));
    });

    it('ticket part sent as an application/json Blob also works; GIF and PDF are accepted', async () => {
      const form = makeForm('ticket', await ticketBody(srv), [['a.gif', GIF_1x1, 'image/gif'], ['b.pdf', PDF_MIN, 'application/pdf']], { jsonAsBlob: true });
      const r = await cust.api.postForm('/tickets', form);
      assert.equal(r.status, 201, show(r));
      const page = await cust.api.get(`/tickets/${r.json.ticket.number}`);
      const types = page.json.messages[0].attachments.map((a) => a.content_type).sort();
      assert.deepEqual(types, ['application/pdf', 'image/gif']);
    });

    it('filenames: Chinese names round-trip; directory parts are dropped', async () => {
      const form = makeForm('ticket', await ticketBody(srv), [['截图 一.png', PNG_1x1, 'image/png'], ['../../etc/passwd.png', PNG_1x1, 'image/png']]);
      const r = await cust.api.postForm('/tickets', form);
      assert.equal(r.status, 201, show(r));
      const atts = (await cust.api.get(`/tickets/${r.json.ticket.number}`)).json.messages[0].attachments;
      assert.equal(atts[0].filename, '截图 一.png');
      assert.doesNotMatch(atts[1].filename, /[\\/]|\.\./, `no path in ${atts[1].filename}`);
      for (const a of atts) {
        const d = await cust.api.get(a.url);
        assert.equal(d.status, 200, show(d));
        assert.match(d.headers.get('content-disposition'), /^attachment\b/);
      }
    });

    it('type comes from the content, not the name or the declared type', async () => {
      const form = makeForm('ticket', await ticketBody(srv), [['photo.txt', PNG_1x1, 'text/plain']]);
      const r = await cust.api.postForm('/tickets', form);
      assert.equal(r.status, 201, show(r));
      const page = await cust.api.get(`/tickets/${r.json.ticket.number}`);
      assert.equal(page.json.messages[0].attachments[0].content_type, 'image/png');
    });

    const rejected = [
      ['an ELF executable named .png', () => [['cat.png', elfBytes(), 'image/png']], 'files[0]'],
      ['an HTML page named .png', () => [['cat.png', HTML_DOC, 'image/png']], 'files[0]'],
      ['an HTML page named .txt', () => [['notes.txt', HTML_DOC, 'text/plain']], 'files[0]'],
      ['an HTML page as the second file', () => [['ok.png', PNG_1x1, 'image/png'], ['x.png', HTML_DOC, 'image/png']], 'files[1]'],
    ];
    for (const [what, files, field] of rejected) {
      it(`${what} → 400 unsupported_type on ${field}, nothing left behind`, async () => {
        const form = makeForm('ticket', await ticketBody(srv), files());
        const r = await leavesNothing(cust, () => cust.api.postForm('/tickets', form));
        assertFieldError(r, field, 'unsupported_type');
      });
    }

    it('6 files → 400 too_many, nothing left behind', async () => {
      const files = Array.from({ length: 6 }, (_, i) => [`s${i}.png`, PNG_1x1, 'image/png']);
      const form = makeForm('ticket', await ticketBody(srv), files);
      const r = await leavesNothing(cust, () => cust.api.postForm('/tickets', form));
      assertProblem(r, 400, 'validation_failed');
      assert.ok(r.json.errors.some((e) => e.code === 'too_many' && /^files/.test(e.field)), show(r));
    });

    it('5 files → 201 with five attachments', async () => {
      const files = Array.from({ length: 5 }, (_, i) => [`s${i}.png`, PNG_1x1, 'image/png']);
      const r = await cust.api.postForm('/tickets', makeForm('ticket', await ticketBody(srv), files));
      assert.equal(r.status, 201, show(r));
      const page = await cust.api.get(`/tickets/${r.json.ticket.number}`);
      assert.equal(page.json.messages[0].attachments.length, 5);
    });

    it('a file over 20 MiB → 400 too_large on files[0], nothing left behind', async () => {
      const big = Buffer.alloc(20 * 1024 * 1024 + 1, 'a');
      const form = makeForm('ticket', await ticketBody(srv), [['big.log', big, 'text/plain']]);
      const r = await leavesNothing(cust, () => cust.api.postForm('/tickets', form));
      assertFieldError(r, 'files[0]', 'too_large');
    });

    it('a validation error in the ticket part → 400 on the field, nothing left behind', async () => {
      const body = await ticketBody(srv);
      delete body.subject;
      const form = makeForm('ticket', body, [['s.png', PNG_1x1, 'image/png']]);
      const r = await leavesNothing(cust, () => cust.api.postForm('/tickets', form));
      assertFieldError(r, 'subject', 'required');
    });

    it('multipart without the ticket part → 400 required on ticket', async () => {
      const form = new FormData();
      form.append('files', new Blob([PNG_1x1], { type: 'image/png' }), 's.png');
      const r = await leavesNothing(cust, () => cust.api.postForm('/tickets', form));
      assertFieldError(r, 'ticket', 'required');
    });

    it('ticket part that is not JSON → 400 invalid_json', async () => {
      const form = new FormData();
      form.append('ticket', '{not json');
      const r = await leavesNothing(cust, () => cust.api.postForm('/tickets', form));
      assertProblem(r, 400, 'invalid_json');
    });

    it('multipart body over 5 x 20 MiB + 1 MiB → 413', async () => {
      const limit = 5 * 20 * 1024 * 1024 + 1024 * 1024;
      const boundary = 'gongdanTestBoundary42';
      const r = await rawRequest(srv.baseUrl, 'POST', '/api/v1/tickets', {
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          authorization: `Bearer ${cust.token}`,
        },
        body: Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="x.log"\r\nContent-Type: text/plain\r\n\r\n`),
          Buffer.alloc(limit + 1024, 'a'),
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      });
      assertProblem(r, 413, 'payload_too_large');
    });
  });

  describe('Idempotency-Key', () => {
    it('the same key twice → 201 with the same number, one ticket in My tickets', async () => {
      const who = await registerCustomer(srv);
      const key = uniq('idem');
      const body = await ticketBody(srv);
      const a = await who.api.post('/tickets', body, { headers: { 'idempotency-key': key } });
      const b = await who.api.post('/tickets', body, { headers: { 'idempotency-key': key } });
      assert.equal(a.status, 201, show(a));
      assert.equal(b.status, 201, show(b));
      assert.equal(a.json.ticket.number, b.json.ticket.number);
      assert.equal(b.headers.get('location'), a.headers.get('location'));
      assert.deepEqual(await myTicketNumbers(who.api), [a.json.ticket.number]);
    });

    it('the same key with a different body → still the first ticket (201, same number, first subject)', async () => {
      const who = await registerCustomer(srv);
      const key = uniq('idem');
      const a = await who.api.post('/tickets', await ticketBody(srv, { subject: 'first attempt' }), { headers: { 'idempotency-key': key } });
      const b = await who.api.post('/tickets', await ticketBody(srv, { subject: 'second attempt' }), { headers: { 'idempotency-key': key } });
      assert.equal(a.status, 201, show(a));
      assert.equal(b.status, 201, show(b));
      assert.equal(b.json.ticket.number, a.json.ticket.number);
      assert.equal(b.json.ticket.subject, 'first attempt');
      assert.equal((await myTicketNumbers(who.api)).length, 1);
    });

    it('the same key twice in multipart → one ticket with one set of attachments', async () => {
      const who = await registerCustomer(srv);
      const key = uniq('idem');
      const body = await ticketBody(srv);
      const send = () => who.api.postForm('/tickets', makeForm('ticket', body, [['s.png', PNG_1x1, 'image/png']]), { headers: { 'idempotency-key': key } });
      const a = await send();
      const b = await send();
      assert.equal(a.status, 201, show(a));
      assert.equal(b.status, 201, show(b));
      assert.equal(a.json.ticket.number, b.json.ticket.number);
      assert.deepEqual(await myTicketNumbers(who.api), [a.json.ticket.number]);
      const page = await who.api.get(`/tickets/${a.json.ticket.number}`);
      assert.equal(page.json.messages.length, 1);
      assert.equal(page.json.messages[0].attachments.length, 1);
    });

    it('the same key twice at the same time → one ticket', async () => {
      const who = await registerCustomer(srv);
      const key = uniq('idem');
      const body = await ticketBody(srv);
      const rs = await Promise.all([1, 2, 3].map(() => who.api.post('/tickets', body, { headers: { 'idempotency-key': key } })));
      for (const r of rs) assert.equal(r.status, 201, show(r));
      assert.equal(new Set(rs.map((r) => r.json.ticket.number)).size, 1);
      assert.equal((await myTicketNumbers(who.api)).length, 1);
    });

    it('different keys → different tickets; the same key from another caller → its own ticket', async () => {
      const a = await registerCustomer(srv);
      const b = await registerCustomer(srv);
      const key = uniq('idem');
      const ta = await a.api.post('/tickets', await ticketBody(srv), { headers: { 'idempotency-key': key } });
      const ta2 = await a.api.post('/tickets', await ticketBody(srv), { headers: { 'idempotency-key': `${key}-2` } });
      const tb = await b.api.post('/tickets', await ticketBody(srv), { headers: { 'idempotency-key': key } });
      assert.equal(ta.status, 201);
      assert.equal(ta2.status, 201);
      assert.equal(tb.status, 201, show(tb));
      assert.notEqual(ta.json.ticket.number, ta2.json.ticket.number);
      assert.notEqual(ta.json.ticket.number, tb.json.ticket.number);
      assert.equal(tb.json.ticket.customer.email, b.email);
      assert.deepEqual(await myTicketNumbers(b.api), [tb.json.ticket.number]);
    });

    it('a key of 200 chars works; 201 chars → 400, nothing left behind', async () => {
      const who = await registerCustomer(srv);
      const ok = await who.api.post('/tickets', await ticketBody(srv), { headers: { 'idempotency-key': 'k'.repeat(200) } });
      assert.equal(ok.status, 201, show(ok));
      const r = await leavesNothing(who, () => who.api.post('/tickets', ticketBodySync(catId), { headers: { 'idempotency-key': 'k'.repeat(201) } }));
      assertProblem(r, 400);
    });
  });

  describe('guests', () => {
    it('no session + guest {name, email} → 201, customer.guest true', async () => {
      const email = uniqEmail('guest');
      const r = await api.post('/tickets', await ticketBody(srv, { guest: { name: '王芳', email } }));
      assert.equal(r.status, 201, show(r));
      assertTicketShape(r.json.ticket);
      assert.deepEqual(r.json.ticket.customer, { name: '王芳', email, guest: true });
      assert.equal(r.json.ticket.status, 'new');
      assert.equal(new URL(r.headers.get('location'), srv.baseUrl).pathname, `/api/v1/tickets/${r.json.ticket.number}`);
      // The guest can check it by number + email.
      const l = await api.post('/tickets/lookup', { number: r.json.ticket.number, email });
      assert.equal(l.status, 200, show(l));
    });

    it('guest multipart with a file → 201', async () => {
      const form = makeForm('ticket', await ticketBody(srv, { guest: { name: 'G', email: uniqEmail('g') } }), [['s.png', PNG_1x1, 'image/png']]);
      const r = await api.postForm('/tickets', form);
      assert.equal(r.status, 201, show(r));
    });

    it('no session and no guest → 400 required on guest', async () => {
      assertFieldError(await api.post('/tickets', await ticketBody(srv)), 'guest', 'required');
    });

    it('guest with bad fields → 400 naming guest.email / guest.name', async () => {
      assertFieldError(await api.post('/tickets', await ticketBody(srv, { guest: { name: 'G', email: 'nope' } })), 'guest.email', 'invalid');
      assertFieldError(await api.post('/tickets', await ticketBody(srv, { guest: { name: 'G' } })), 'guest.email', 'required');
      assertFieldError(await api.post('/tickets', await ticketBody(srv, { guest: { email: uniqEmail('g') } })), 'guest.name', 'required');
      assertFieldError(await api.post('/tickets', await ticketBody(srv, { guest: { name: 'n'.repeat(101), email: uniqEmail('g') } })), 'guest.name', 'too_long');
    });

    it('signed in: guest is ignored, the ticket is the user\'s', async () => {
      const r = await cust.api.post('/tickets', await ticketBody(srv, { guest: { name: 'Someone', email: uniqEmail('x') } }));
      assert.equal(r.status, 201, show(r));
      assert.deepEqual(r.json.ticket.customer, { name: '李娜', email: cust.email, guest: false });
      assert.ok((await myTicketNumbers(cust.api)).includes(r.json.ticket.number));
    });
  });

  describe('GET /tickets/similar', () => {
    let who;
    let crash;
    let cjk;
    before(async () => {
      who = await registerCustomer(srv);
      crash = (await who.api.post('/tickets', await ticketBody(srv, { subject: 'App crashes when uploading a photo' }))).json.ticket;
      cjk = (await who.api.post('/tickets', await ticketBody(srv, { subject: '上传图片时应用闪退' }))).json.ticket;
      await who.api.post('/tickets', await ticketBody(srv, { subject: 'Question about my invoice' }));
    });

    const similar = async (client, subject) => {
      const r = await client.get(`/tickets/similar?subject=${encodeURIComponent(subject)}`);
      assert.equal(r.status, 200, show(r));
      assert.ok(Array.isArray(r.json.items));
      for (const it_ of r.json.items) {
        assert.deepEqual(Object.keys(it_).sort(), ['number', 'status', 'subject', 'updated_at']);
        assert.match(it_.updated_at, TIME_RE);
      }
      return r.json.items;
    };

    it('finds the caller\'s open ticket with a very similar subject', async () => {
      const items = await similar(who.api, 'App crashes when uploading photos');
      assert.ok(items.some((i) => i.number === crash.number), JSON.stringify(items));
      assert.ok(!items.some((i) => i.subject === 'Question about my invoice'), JSON.stringify(items));
      const hit = items.find((i) => i.number === crash.number);
      assert.equal(hit.subject, crash.subject);
      assert.equal(hit.status, 'new');
    });

    it('works for Chinese subjects', async () => {
      const items = await similar(who.api, '上传图片时应用闪退了');
      assert.ok(items.some((i) => i.number === cjk.number), JSON.stringify(items));
    });

    it('an unrelated subject finds nothing', async () => {
      assert.deepEqual(await similar(who.api, 'Change my phone number'), []);
    });

    it('never lists other customers\' tickets', async () => {
      const other = await registerCustomer(srv);
      assert.deepEqual(await similar(other.api, 'App crashes when uploading a photo'), []);
    });

    it('closed tickets are not listed', async () => {
      const t = (await who.api.post('/tickets', await ticketBody(srv, { subject: 'Voice messages are silent on iPhone' }))).json.ticket;
      assert.ok((await similar(who.api, 'Voice messages are silent on my iPhone')).some((i) => i.number === t.number));
      assert.equal((await who.api.post(`/tickets/${t.number}/close`, undefined)).status, 200);
      assert.ok(!(await similar(who.api, 'Voice messages are silent on my iPhone')).some((i) => i.number === t.number));
    });

    it('guests (no session) get an empty list', async () => {
      assert.deepEqual(await similar(api, 'App crashes when uploading a photo'), []);
    });
  });
});

function ticketBodySync(catId) {
  return { category_id: catId, subject: 'Key too long', description: 'd' };
}
