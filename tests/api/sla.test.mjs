// Service levels in the product (docs/sla.md "Service levels in the product"): policies and their
// validation, calendars with import and export, due times on tickets (pauses, replies, priority
// changes), what customers see, the escalation pass run twice, the breach-risk view, the report,
// and who may use each route.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { binaryPath, startServer } from '../support/server.mjs';
import {
  Client, assertProblem, assertFieldError, registerCustomer, createStaff, createTicket, show, sleep, stopServer, uniq,
} from './helpers.mjs';
import { outboxFor } from './mail-helpers.mjs';
import { openLive } from '../support/live.mjs';

const HOUR = 3600 * 1000;
const ms = (t) => Date.parse(t);

describe('service levels', () => {
  let srv;
  let admin;
  let supervisor;
  let agent;
  let customer;
  before(async () => {
    // The server's own escalation job runs every second, so the breach-risk test sees it fire.
    srv = await startServer({ args: ['--sla-interval', '1'] });
    [admin, supervisor, agent, customer] = await Promise.all([
      createStaff(srv, 'admin'), createStaff(srv, 'supervisor'), createStaff(srv, 'agent'),
      registerCustomer(srv, { name: '王小明' }),
    ]);
  });
  after(async () => { await stopServer(srv); });

  // The same code the server uses, from the command line (`gongdan calendar due`): the expected
  // instant of a business-time target.
  async function businessDue(from, add) {
    const { stdout } = await promisify(execFile)(binaryPath(),
      ['calendar', 'due', '--calendar', 'cn-mainland-2026', '--from', from, '--add', add]);
    return stdout.trim();
  }
  async function staffTicket(number, who = admin) {
    const r = await who.api.get(`/agent/tickets/${number}`);
    assert.equal(r.status, 200, show(r));
    return r.json;
  }
  async function policies() {
    const r = await admin.api.get('/admin/sla/policies');
    assert.equal(r.status, 200, show(r));
    return r.json.items;
  }
  async function slaCheck(now, ...flags) {
    const out = await srv.cli(['sla', 'check', '--now', new Date(now).toISOString(), ...flags]);
    return JSON.parse(out);
  }

  describe('who may use the routes', () => {
    const adminRoutes = [
      ['GET', '/admin/sla/policies'],
      ['POST', '/admin/sla/policies', { name: 'x' }],
      ['POST', '/admin/sla/policies/order', { ids: [] }],
      ['GET', '/admin/sla/policies/1'],
      ['PATCH', '/admin/sla/policies/1', { enabled: true }],
      ['DELETE', '/admin/sla/policies/1'],
      ['GET', '/admin/sla/calendars'],
      ['GET', '/admin/sla/calendars/cn-mainland-2026'],
      ['PUT', '/admin/sla/calendars/cn-mainland-2026', { time_zone: 'Asia/Shanghai' }],
      ['DELETE', '/admin/sla/calendars/cn-mainland-2026'],
      ['POST', '/admin/sla/calendars/cn-mainland-2026/import', undefined, '2027-01-01,holiday,元旦\n'],
      ['GET', '/admin/sla/calendars/cn-mainland-2026/export?format=csv'],
    ];
    async function call(client, [method, path, json, text]) {
      if (text !== undefined) return client.request(method, path, { body: text, headers: { 'content-type': 'text/csv' } });
      return client.request(method, path, json === undefined ? {} : { json });
    }

    it('admin routes: anonymous 401, customer, agent and supervisor 403, and nothing changes', async () => {
      const before = await policies();
      for (const route of adminRoutes) {
        assertProblem(await call(new Client(srv), route), 401);
        for (const who of [customer, agent, supervisor]) {
          const r = await call(who.api, route);
          assertProblem(r, 403);
        }
      }
      assert.deepEqual(await policies(), before);
      const cal = await admin.api.get('/admin/sla/calendars/cn-mainland-2026');
      assert.equal(cal.json.calendar.special_days.length, 39, 'the seeded preset is intact');
    });

    it('the report: supervisors and admins read it; agents and customers 403; anonymous 401', async () => {
      const path = '/agent/reports/sla?from=2026-01-01&to=2026-01-31';
      assert.equal((await supervisor.api.get(path)).status, 200);
      assert.equal((await admin.api.get(path)).status, 200);
      assertProblem(await agent.api.get(path), 403);
      assertProblem(await customer.api.get(path), 403);
      assertProblem(await new Client(srv).get(path), 401);
    });
  });

  describe('policies', () => {
    it('ships the standard policy with the contract’s targets', async () => {
      const [standard] = await policies();
      assert.equal(standard.name, '标准服务 Standard');
      assert.equal(standard.calendar, 'cn-mainland-2026');
      assert.equal(standard.enabled, true);
      assert.deepEqual(standard.categories, []);
      assert.deepEqual(standard.customer_domains, []);
      assert.deepEqual(standard.targets.urgent, {
        first_response: { duration: '1h', clock: 'calendar' },
        next_response: { duration: '2h', clock: 'calendar' },
        resolution: { duration: '1d', clock: 'calendar' },
      });
      assert.deepEqual(standard.targets.high.first_response, { duration: '4h', clock: 'business' });
      assert.deepEqual(standard.targets.normal.first_response, { duration: '24h', clock: 'calendar' });
      assert.deepEqual(standard.targets.low.resolution, { duration: '10d', clock: 'business' });
      assert.deepEqual(standard.escalation, { notify_supervisors: true, raise_priority: false, escalation_group_id: null });
    });

    it('creates, reads, edits, orders and deletes a policy', async () => {
      const name = uniq('VIP ');
      let r = await admin.api.post('/admin/sla/policies', {
        name, customer_domains: ['vip.example.com'], calendar: '24x7', enabled: false,
        targets: { urgent: { first_response: { duration: '30m', clock: 'calendar' } } },
        escalation: { raise_priority: true },
      });
      assert.equal(r.status, 201, show(r));
      const created = r.json.policy;
      assert.equal(created.name, name);
      assert.equal(created.enabled, false);
      assert.deepEqual(created.targets.urgent.first_response, { duration: '30m', clock: 'calendar' });
      assert.equal(created.targets.urgent.resolution, null);
      assert.equal(created.targets.high.first_response, null);
      assert.equal(created.escalation.raise_priority, true);
      assert.equal(created.escalation.notify_supervisors, true);
      r = await admin.api.get(`/admin/sla/policies/${created.id}`);
      assert.deepEqual(r.json.policy, created);
      r = await admin.api.patch(`/admin/sla/policies/${created.id}`, {
        targets: { urgent: { resolution: { duration: '4h', clock: 'business' } } },
      });
      assert.equal(r.status, 200, show(r));
      assert.deepEqual(r.json.policy.targets.urgent.first_response, { duration: '30m', clock: 'calendar' }, 'others stay');
      assert.deepEqual(r.json.policy.targets.urgent.resolution, { duration: '4h', clock: 'business' });
      const ids = (await policies()).map((p) => p.id);
      r = await admin.api.post('/admin/sla/policies/order', { ids: [...ids].reverse() });
      assert.equal(r.status, 200, show(r));
      assert.deepEqual(r.json.items.map((p) => p.id), [...ids].reverse());
      r = await admin.api.post('/admin/sla/policies/order', { ids });
      assert.equal(r.status, 200, show(r));
      assertFieldError(await admin.api.post('/admin/sla/policies/order', { ids: ids.slice(1) }), 'ids', 'invalid');
      r = await admin.api.request('DELETE', `/admin/sla/policies/${created.id}`);
      assert.equal(r.status, 204, show(r));
      assertProblem(await admin.api.get(`/admin/sla/policies/${created.id}`), 404);
    });

    it('refuses bad fields with one error each and writes nothing', async () => {
      const before = await policies();
      const [standard] = before;
      const r = await admin.api.post('/admin/sla/policies', {
        name: standard.name,
        calendar: 'no-such-calendar',
        categories: [999999],
        customer_domains: ['Not A Domain'],
        targets: { high: { first_response: { duration: '90', clock: 'sometimes' } } },
        escalation: { escalation_group_id: 999999 },
      });
      assertFieldError(r, 'name', 'duplicate');
      assertFieldError(r, 'calendar', 'unknown_calendar');
      assertFieldError(r, 'categories[0]', 'unknown_category');
      assertFieldError(r, 'customer_domains[0]', 'invalid');
      assertFieldError(r, 'targets.high.first_response.duration', 'invalid');
      assertFieldError(r, 'targets.high.first_response.clock', 'invalid');
      assertFieldError(r, 'escalation.escalation_group_id', 'unknown_group');
      assertFieldError(await admin.api.post('/admin/sla/policies', {}), 'name', 'required');
      assertFieldError(await admin.api.post('/admin/sla/policies', { name: 'x', enabled: 'yes' }), 'enabled', 'invalid_type');
      const patch = await admin.api.patch(`/admin/sla/policies/${standard.id}`, {
        targets: { low: { resolution: { duration: '3x', clock: 'business' } } },
      });
      assertFieldError(patch, 'targets.low.resolution.duration', 'invalid');
      assert.deepEqual(await policies(), before, 'nothing was written');
    });

    it('refuses lists over the limit instead of saving a policy that matches everything', async () => {
      const before = await policies();
      const categories = Array.from({ length: 202 }, (_, i) => i + 1);
      const domains = Array.from({ length: 202 }, (_, i) => `d${i}.example`);
      let r = await admin.api.post('/admin/sla/policies', { name: uniq('many'), categories });
      assertProblem(r, 400);
      assertFieldError(r, 'categories', 'too_many');
      r = await admin.api.post('/admin/sla/policies', { name: uniq('many'), customer_domains: domains });
      assertFieldError(r, 'customer_domains', 'too_many');
      r = await admin.api.patch(`/admin/sla/policies/${before[0].id}`, { categories });
      assertFieldError(r, 'categories', 'too_many');
      assert.deepEqual(await policies(), before, 'nothing was written');
    });
  });

  describe('calendars', () => {
    it('lists the seeded preset and the built-in 24x7 with who uses them', async () => {
      const r = await admin.api.get('/admin/sla/calendars');
      assert.equal(r.status, 200, show(r));
      const names = r.json.items.map((c) => c.name);
      assert.deepEqual(names.slice(0, 1), ['24x7']);
      const cn = r.json.items.find((c) => c.name === 'cn-mainland-2026');
      assert.equal(cn.time_zone, 'Asia/Shanghai');
      assert.deepEqual(cn.weekly.monday, ['09:00-18:00']);
      assert.deepEqual(cn.weekly.saturday, []);
      assert.equal(cn.special_days.length, 39);
      assert.ok(cn.used_by.includes('标准服务 Standard'));
      assert.equal(cn.read_only, false);
      const feb14 = cn.special_days.find((d) => d.date === '2026-02-14');
      assert.equal(feb14.kind, 'workday');
      assert.equal(r.json.items[0].read_only, true);
    });

    it('PUT creates and replaces; import replaces the years it covers; export round-trips', async () => {
      const name = `ops-${Date.now()}`;
      let r = await admin.api.put(`/admin/sla/calendars/${name}`, {
        time_zone: 'Asia/Shanghai',
        weekly: { monday: ['09:00-12:00', '13:30-18:30'], tuesday: ['09:00-18:00'] },
        special_days: [
          { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
          { date: '2027-01-01', kind: 'holiday', name: '元旦' },
          { date: '2026-10-10', kind: 'workday', name: '调休', hours: ['10:00-16:00'] },
        ],
      });
      assert.equal(r.status, 200, show(r));
      assert.deepEqual(r.json.calendar.weekly.monday, ['09:00-12:00', '13:30-18:30']);
      assert.deepEqual(r.json.calendar.special_days.map((d) => d.date), ['2026-10-01', '2026-10-10', '2027-01-01']);
      assert.deepEqual(r.json.calendar.special_days[1].hours, ['10:00-16:00']);
      assert.equal(r.json.calendar.special_days[0].hours, null);

      const csv = '# 2027\ndate,kind,name\n2027-02-06,holiday,春节\n2027-02-07,holiday,春节\n2027-02-13,workday,春节调休\n';
      r = await admin.api.request('POST', `/admin/sla/calendars/${name}/import`, { body: csv, headers: { 'content-type': 'text/csv' } });
      assert.equal(r.status, 200, show(r));
      assert.equal(r.json.imported, 3);
      assert.deepEqual(r.json.years, [2027]);
      assert.equal(r.json.replaced, 1, '2027-01-01 was replaced');
      assert.deepEqual(r.json.calendar.special_days.map((d) => d.date),
        ['2026-10-01', '2026-10-10', '2027-02-06', '2027-02-07', '2027-02-13'], '2026 stays');

      r = await admin.api.get(`/admin/sla/calendars/${name}/export?format=ics`);
      assert.equal(r.status, 200, show(r));
      assert.match(r.headers.get('content-type'), /^text\/calendar/);
      assert.match(r.headers.get('content-disposition'), new RegExp(`filename="${name}\\.ics"`));
      const ics = r.text;
      assert.match(ics, /BEGIN:VCALENDAR/);
      assert.match(ics, /DTSTART;VALUE=DATE:20270206/);
      // Round trip: the exported file imported into a second calendar gives the same days.
      const copy = `${name}-copy`;
      r = await admin.api.put(`/admin/sla/calendars/${copy}`, { time_zone: 'Asia/Shanghai', weekly: { monday: ['09:00-18:00'] } });
      assert.equal(r.status, 200, show(r));
      r = await admin.api.request('POST', `/admin/sla/calendars/${copy}/import`, { body: ics, headers: { 'content-type': 'text/calendar' } });
      assert.equal(r.status, 200, show(r));
      const original = (await admin.api.get(`/admin/sla/calendars/${name}`)).json.calendar.special_days;
      assert.deepEqual(r.json.calendar.special_days, original);

      r = await admin.api.get(`/admin/sla/calendars/${name}/export?format=csv`);
      assert.equal(r.status, 200, show(r));
      assert.match(r.headers.get('content-type'), /^text\/csv/);
      assert.match(r.text, /2027-02-13,workday,春节调休/);
      assert.match(r.text, /2026-10-10,workday,调休,10:00-16:00/);
    });

    it('refuses bad calendars and files, in-use and read-only deletes', async () => {
      const name = `bad-${Date.now()}`;
      let r = await admin.api.put(`/admin/sla/calendars/${name}`, {
        time_zone: 'Mars/Olympus',
        weekly: { tuesday: ['09:00-12:00', '11:00-13:00'] },
        special_days: [{ date: '2026-02-30', kind: 'holiday', name: 'x' }],
      });
      assertFieldError(r, 'time_zone', 'unknown_time_zone');
      assertFieldError(r, 'special_days[0].date', 'invalid');
      r = await admin.api.put(`/admin/sla/calendars/${name}`, { time_zone: 'Asia/Shanghai', weekly: { tuesday: ['09:00-12:00', '11:00-13:00'] } });
      assertFieldError(r, 'weekly.tuesday[1]', 'overlapping');
      r = await admin.api.put(`/admin/sla/calendars/${name}`, { time_zone: 'Asia/Shanghai', weekly: {} });
      assertFieldError(r, 'weekly', 'no_working_time');
      assertProblem(await admin.api.get(`/admin/sla/calendars/${name}`), 404);
      r = await admin.api.request('POST', '/admin/sla/calendars/cn-mainland-2026/import', {
        body: 'not,a,date\n', headers: { 'content-type': 'text/csv' } });
      assertProblem(r, 400, 'invalid_calendar_file');
      r = await admin.api.request('POST', '/admin/sla/calendars/cn-mainland-2026/import', {
        body: 'x', headers: { 'content-type': 'application/octet-stream' } });
      assertProblem(r, 415, 'unsupported_media_type');
      assertProblem(await admin.api.request('DELETE', '/admin/sla/calendars/cn-mainland-2026'), 409, 'calendar_in_use');
      assertProblem(await admin.api.request('DELETE', '/admin/sla/calendars/24x7'), 409, 'read_only');
      assertProblem(await admin.api.put('/admin/sla/calendars/24x7', { time_zone: 'UTC', weekly: { monday: ['00:00-24:00'] } }), 409, 'read_only');
      assertFieldError(await admin.api.get('/admin/sla/calendars/cn-mainland-2026/export?format=pdf'), 'format', 'invalid');
      const cal = (await admin.api.get('/admin/sla/calendars/cn-mainland-2026')).json.calendar;
      assert.equal(cal.special_days.length, 39, 'nothing was written');
    });
  });

  describe('due times on tickets', () => {
    it('a new normal ticket is due per the standard policy', async () => {
      const t = await createTicket(customer.api);
      const { ticket } = await staffTicket(t.number);
      const created = ms(ticket.created_at);
      assert.equal(ticket.priority, 'normal');
      assert.equal(ms(ticket.first_response_due_at), created + 24 * HOUR, 'first response: 24 h around the clock');
      assert.equal(ticket.next_response_due_at, null, 'no next response is owed yet');
      const resolution = await businessDue(ticket.created_at, '5d');
      assert.equal(ms(ticket.resolution_due_at), ms(resolution), 'resolution: 5 business days');
      assert.equal(ticket.sla.policy, '标准服务 Standard');
      assert.equal(ticket.sla.state, 'ok');
      assert.deepEqual(ticket.sla.targets.map((x) => [x.kind, x.state]), [['first_response', 'running'], ['resolution', 'running']]);
      const list = await admin.api.get('/agent/tickets?view=open&sort=due&limit=100');
      const item = list.json.items.find((i) => i.number === t.number);
      assert.equal(item.first_response_due_at, ticket.first_response_due_at);
      assert.deepEqual(item.sla, { policy: '标准服务 Standard', state: 'ok' }, 'lists carry the state, not the targets');
    });

    it('pending pauses every clock; a customer reply resumes it with the pause added', async () => {
      const t = await createTicket(customer.api);
      let r = await agent.api.patch(`/agent/tickets/${t.number}`, { status: 'pending' });
      assert.equal(r.status, 200, show(r));
      let { ticket } = await staffTicket(t.number);
      assert.equal(ticket.first_response_due_at, null);
      assert.equal(ticket.resolution_due_at, null);
      assert.ok(ticket.sla.targets.every((x) => x.state === 'paused'));
      const pausedAt = ms(ticket.updated_at);
      r = await customer.api.post(`/tickets/${t.number}/messages`, { body: '补充：还是不行' });
      assert.equal(r.status, 201, show(r));
      ({ ticket } = await staffTicket(t.number));
      assert.equal(ticket.status, 'open');
      const resumedAt = ms(ticket.updated_at);
      assert.equal(ms(ticket.first_response_due_at), ms(ticket.created_at) + 24 * HOUR + (resumedAt - pausedAt));
    });

    it('a public reply meets the first response; a customer message starts a next-response cycle', async () => {
      const t = await createTicket(customer.api);
      let r = await agent.api.post(`/agent/tickets/${t.number}/messages`, { body: '内部备注', internal: true });
      assert.equal(r.status, 201, show(r));
      let { ticket } = await staffTicket(t.number);
      assert.notEqual(ticket.first_response_due_at, null, 'an internal note is no response');
      r = await agent.api.post(`/agent/tickets/${t.number}/messages`, { body: '您好，我们正在处理。', internal: false });
      assert.equal(r.status, 201, show(r));
      ({ ticket } = await staffTicket(t.number));
      assert.equal(ticket.first_response_due_at, null);
      const first = ticket.sla.targets.find((x) => x.kind === 'first_response');
      assert.equal(first.state, 'met');
      assert.ok(first.finished_at);
      r = await customer.api.post(`/tickets/${t.number}/messages`, { body: '谢谢，还有一个问题' });
      assert.equal(r.status, 201, show(r));
      ({ ticket } = await staffTicket(t.number));
      const next = ticket.sla.targets.find((x) => x.kind === 'next_response');
      assert.equal(next.cycle, 1);
      assert.equal(next.state, 'running');
      const messages = (await staffTicket(t.number)).messages;
      const asked = ms(messages[messages.length - 1].created_at);
      assert.equal(ms(ticket.next_response_due_at), asked + 24 * HOUR);
    });

    it('a priority change recomputes the running targets from the start', async () => {
      const t = await createTicket(customer.api);
      const r = await agent.api.patch(`/agent/tickets/${t.number}`, { priority: 'urgent' });
      assert.equal(r.status, 200, show(r));
      const { ticket } = await staffTicket(t.number);
      assert.equal(ms(ticket.first_response_due_at), ms(ticket.created_at) + HOUR);
      assert.equal(ms(ticket.resolution_due_at), ms(ticket.created_at) + 24 * HOUR);
    });

    it('editing a policy moves the due times of its open tickets', async () => {
      const t = await createTicket(customer.api);
      const [standard] = await policies();
      const target = (duration) => ({ targets: { normal: { first_response: { duration, clock: 'calendar' } } } });
      let r = await admin.api.patch(`/admin/sla/policies/${standard.id}`, target('48h'));
      assert.equal(r.status, 200, show(r));
      try {
        const { ticket } = await staffTicket(t.number);
        assert.equal(ms(ticket.first_response_due_at), ms(ticket.created_at) + 48 * HOUR);
      } finally {
        r = await admin.api.patch(`/admin/sla/policies/${standard.id}`, target('24h'));
        assert.equal(r.status, 200, show(r));
      }
      const { ticket } = await staffTicket(t.number);
      assert.equal(ms(ticket.first_response_due_at), ms(ticket.created_at) + 24 * HOUR);
    });

    it('customers see reply_by and none of the staff fields', async () => {
      const earlier = await createTicket(customer.api);
      const t = await createTicket(customer.api);
      assert.ok(t.reply_by, 'the 201 of a submission carries reply_by');
      assert.equal(t.reply_by.basis, 'sla');
      assert.equal(ms(t.reply_by.at), ms(t.created_at) + 24 * HOUR);
      assert.ok(t.reply_by.holiday === null || typeof t.reply_by.holiday.name === 'string');
      for (const field of ['sla', 'first_response_due_at', 'next_response_due_at', 'resolution_due_at']) {
        assert.equal(field in t, false, `no ${field} for customers`);
      }
      const page = await customer.api.get(`/tickets/${t.number}`);
      assert.equal(page.status, 200, show(page));
      assert.equal(page.json.ticket.reply_by.at, t.reply_by.at);
      assert.equal('sla' in page.json.ticket, false);
      const lookup = await new Client(srv).post('/tickets/lookup', { number: t.number, email: customer.email });
      assert.equal(lookup.status, 200, show(lookup));
      assert.equal(lookup.json.reply_by.at, t.reply_by.at);
      const mine = await customer.api.get('/tickets?limit=100');
      assert.equal(mine.json.items.find((i) => i.number === t.number).reply_by.at, t.reply_by.at);
      await agent.api.post(`/agent/tickets/${t.number}/messages`, { body: '已回复', internal: false });
      const answered = await customer.api.get(`/tickets/${t.number}`);
      assert.equal(answered.json.ticket.reply_by, null, 'no reply is owed after the answer');
      // My tickets reads every row's reply_by at once: the rows must not trade answers.
      const list = await customer.api.get('/tickets?limit=100');
      const row = (number) => list.json.items.find((i) => i.number === number);
      assert.equal(row(t.number).reply_by, null, show(list));
      assert.equal(row(earlier.number).reply_by.at, earlier.reply_by.at, 'the older row after it keeps its own');
    });
  });

  describe('escalation', () => {
    it('warns at 75 % and breaches once each, mails the supervisors, lists breach risk, and reports', async () => {
      const t = await createTicket(customer.api, { subject: `SLA ${uniq('e')}` });
      const { ticket } = await staffTicket(t.number);
      const created = ms(ticket.created_at);
      const warnAt = created + 18 * HOUR + 60 * 1000;
      const breachAt = created + 24 * HOUR + 60 * 1000;
      for (let i = 0; i < 2; i += 1) await slaCheck(warnAt);
      let events = (await staffTicket(t.number)).events.filter((e) => e.type.startsWith('sla_'));
      assert.deepEqual(events.map((e) => [e.type, e.to]), [['sla_warning', 'first_response']]);
      for (let i = 0; i < 2; i += 1) await slaCheck(breachAt);
      const view = await staffTicket(t.number);
      events = view.events.filter((e) => e.type.startsWith('sla_'));
      assert.deepEqual(events.map((e) => [e.type, e.to]), [['sla_warning', 'first_response'], ['sla_breached', 'first_response']]);
      assert.equal(view.ticket.sla.state, 'breached', 'a recorded breach on a running target');
      const mails = (await outboxFor(admin, supervisor.email)).filter((m) => (m.ticket_number || '') === t.number);
      assert.equal(mails.length, 1, `one notice: ${JSON.stringify(mails)}`);
      assert.equal(mails[0].kind, 'sla_breached');
      // Customers never see the SLA events.
      const own = await customer.api.get(`/tickets/${t.number}`);
      assert.ok(own.json.events.every((e) => !e.type.startsWith('sla_')));
    });

    it('--dry-run prints what would fire and writes nothing; without it the pass records and acts', async () => {
      const t = await createTicket(customer.api, { subject: `SLA ${uniq('dry')}` });
      const { ticket } = await staffTicket(t.number);
      const breachAt = ms(ticket.created_at) + 24 * HOUR + 60 * 1000;
      for (let i = 0; i < 2; i += 1) {
        const preview = await slaCheck(breachAt, '--dry-run');
        assert.equal(preview.dry_run, true);
        const mine = preview.fired.filter((f) => f.ticket === t.number).map((f) => [f.kind, f.target, f.cycle]);
        assert.deepEqual(mine, [['warning', 'first_response', 0], ['breached', 'first_response', 0]], 'the same each time');
      }
      const untouched = await staffTicket(t.number);
      assert.deepEqual(untouched.events.filter((e) => e.type.startsWith('sla_')), [], 'no events written');
      assert.equal(untouched.ticket.priority, ticket.priority);
      assert.equal(untouched.ticket.updated_at, ticket.updated_at);
      const mails = (await outboxFor(admin, supervisor.email)).filter((m) => m.ticket_number === t.number);
      assert.deepEqual(mails, [], 'no mail queued');
      const acted = await slaCheck(breachAt);
      assert.equal('dry_run' in acted, false);
      assert.deepEqual(acted.fired.filter((f) => f.ticket === t.number).map((f) => f.kind), ['warning', 'breached']);
      const recorded = (await staffTicket(t.number)).events.filter((e) => e.type.startsWith('sla_')).map((e) => e.type);
      assert.deepEqual(recorded, ['sla_warning', 'sla_breached']);
    });

    it('breach_risk lists open tickets past 75 % or due, soonest due first', async () => {
      // A policy for one customer domain with zero-length targets: due the moment a ticket arrives.
      const domain = `risk${Date.now()}.example.com`;
      let r = await admin.api.post('/admin/sla/policies', {
        name: uniq('Risk '), customer_domains: [domain], calendar: '24x7',
        targets: { normal: { first_response: { duration: '0m', clock: 'calendar' } } },
      });
      assert.equal(r.status, 201, show(r));
      const risky = r.json.policy;
      const ids = (await policies()).map((p) => p.id);
      r = await admin.api.post('/admin/sla/policies/order', { ids: [risky.id, ...ids.filter((id) => id !== risky.id)] });
      assert.equal(r.status, 200, show(r));
      const riskCustomer = await registerCustomer(srv, { email: `c${Date.now()}@${domain}` });
      const live = await openLive(srv, { token: supervisor.token });
      const late = await createTicket(riskCustomer.api);
      const calm = await createTicket(customer.api);
      const risk = await admin.api.get('/agent/tickets?view=breach_risk&limit=100');
      assert.equal(risk.status, 200, show(risk));
      const numbers = risk.json.items.map((i) => i.number);
      assert.ok(numbers.includes(late.number), 'the overdue ticket is at risk');
      assert.ok(!numbers.includes(calm.number), 'a ticket far from its due time is not');
      const item = risk.json.items.find((i) => i.number === late.number);
      assert.equal(item.sla.state, 'breached');
      assert.equal(item.sla.policy, risky.name);
      const dues = risk.json.items.map((i) => ms(i.first_response_due_at ?? i.next_response_due_at ?? i.resolution_due_at));
      assert.deepEqual(dues, [...dues].sort((a, b) => a - b), 'soonest due first');
      const views = await admin.api.get('/agent/views');
      assert.ok(views.json.views.find((v) => v.id === 'breach_risk').count >= 1);
      // The server's own job (every second here) records the breach and tells the supervisors once.
      let fired = [];
      for (let i = 0; i < 50 && fired.length === 0; i += 1) {
        await sleep(200);
        fired = (await staffTicket(late.number)).events.filter((e) => e.type === 'sla_breached');
      }
      assert.equal(fired.length, 1, 'the periodic job recorded the breach');
      // and announced it live to the staff who may see the ticket.
      const frame = await live.next((f) => f.type === 'ticket' && f.number === late.number && f.change === 'updated');
      assert.equal(frame.group_id !== undefined, true);
      await live.close();
      await sleep(1500);
      assert.equal((await staffTicket(late.number)).events.filter((e) => e.type === 'sla_breached').length, 1, 'once');
      // The customer is promised the due time, which has come: still the SLA basis.
      assert.equal(late.reply_by.basis, 'sla');
      // A customer of another domain is unaffected; pending takes the ticket off the view.
      await agent.api.patch(`/agent/tickets/${late.number}`, { status: 'pending' });
      const after = await admin.api.get('/agent/tickets?view=breach_risk&limit=100');
      assert.ok(!after.json.items.some((i) => i.number === late.number));
      r = await admin.api.request('DELETE', `/admin/sla/policies/${risky.id}`);
      assert.equal(r.status, 204, show(r));
    });

    it('a customer sees the raised priority without learning of the breach', async () => {
      const domain = `raise${Date.now()}.example.com`;
      let r = await admin.api.post('/admin/sla/policies', {
        name: uniq('Raise '), customer_domains: [domain], calendar: '24x7',
        targets: { normal: { first_response: { duration: '0m', clock: 'calendar' } } },
        escalation: { raise_priority: true, notify_supervisors: false },
      });
      assert.equal(r.status, 201, show(r));
      const raising = r.json.policy;
      const ids = (await policies()).map((p) => p.id);
      r = await admin.api.post('/admin/sla/policies/order', { ids: [raising.id, ...ids.filter((id) => id !== raising.id)] });
      assert.equal(r.status, 200, show(r));
      const who = await registerCustomer(srv, { email: `c${Date.now()}@${domain}` });
      const t = await createTicket(who.api);
      let raised = null;
      for (let i = 0; i < 50 && !raised; i += 1) {
        await sleep(200);
        raised = (await staffTicket(t.number)).events.find((e) => e.type === 'priority_changed');
      }
      assert.ok(raised, 'the server job raised the priority');
      const own = await who.api.get(`/tickets/${t.number}`);
      assert.equal(own.status, 200, show(own));
      const change = own.json.events.find((e) => e.type === 'priority_changed');
      assert.ok(change, `the customer sees the priority change: ${show(own)}`);
      for (const e of own.json.events) {
        assert.doesNotMatch(JSON.stringify(e.author ?? null), /SLA|服务级别/, `no SLA author: ${JSON.stringify(e)}`);
      }
      r = await admin.api.request('DELETE', `/admin/sla/policies/${raising.id}`);
      assert.equal(r.status, 204, show(r));
    });

    it('the report counts tickets and measures finished targets', async () => {
      const t = await createTicket(customer.api);
      await agent.api.post(`/agent/tickets/${t.number}/messages`, { body: '回复', internal: false });
      await agent.api.patch(`/agent/tickets/${t.number}`, { status: 'resolved' });
      const day = new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 10);
      const r = await supervisor.api.get(`/agent/reports/sla?from=${day}&to=${day}`);
      assert.equal(r.status, 200, show(r));
      assert.deepEqual(r.json.priorities.map((p) => p.priority), ['urgent', 'high', 'normal', 'low']);
      const normal = r.json.priorities.find((p) => p.priority === 'normal');
      assert.ok(normal.created >= 1);
      assert.ok(normal.first_response.measured >= 1);
      assert.ok(normal.first_response.met >= 1);
      assert.ok(normal.first_response.met_share > 0 && normal.first_response.met_share <= 1);
      assert.ok(normal.first_response.median_minutes >= 0);
      assert.ok(normal.resolution.measured >= 1);
      assert.equal(r.json.daily.length, 1);
      assert.equal(r.json.daily[0].date, day);
      assertFieldError(await supervisor.api.get('/agent/reports/sla?from=2025-01-01&to=2026-06-01'), 'to', 'too_long');
      assertFieldError(await supervisor.api.get('/agent/reports/sla?from=2026-13-01&to=2026-01-01'), 'from', 'invalid');
    });
  });
});
