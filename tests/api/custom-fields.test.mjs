// Per-category custom fields (docs/workspace.md, Custom fields): the admin API and who may use it,
// the public form definitions, submissions whose answers are checked and stored (or refused with
// nothing stored), the answers on the ticket, an agent's change recorded as field_changed, and
// categories that are deactivated for new tickets.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import {
  Client, assertProblem, assertFieldError, registerCustomer, createStaff, show, uniq, TIME_RE,
} from './helpers.mjs';

describe('custom fields', () => {
  let srv;
  let admin;
  let agent;
  let cust;
  let anon;
  let custEn; // a customer who reads English: a signed-in user's own locale wins over the header
  let category; // a category of this test run, with the fields below
  let matrix; // a category the authorization matrix adds fields to
  let fields; // key -> admin field object

  const METHOD = {
    key: 'sign_in_method',
    type: 'dropdown',
    label_zh: '登录方式',
    label_en: 'Sign-in method',
    required: true,
    options: [
      { value: 'sms_code', label_zh: '短信验证码', label_en: 'SMS code' },
      { value: 'wechat', label_zh: '微信', label_en: 'WeChat' },
    ],
  };
  const OTHERS = [
    { key: 'phone', type: 'text', label_zh: '手机号', label_en: 'Phone' },
    { key: 'amount', type: 'number', label_zh: '金额', label_en: 'Amount' },
    { key: 'agree', type: 'checkbox', label_zh: '同意联系', label_en: 'May contact me' },
    { key: 'since', type: 'date', label_zh: '开始日期', label_en: 'Since' },
  ];

  const ticketCount = async () => {
    const r = await agent.api.get('/agent/tickets?limit=100');
    assert.equal(r.status, 200, show(r));
    return r.json.items.length;
  };
  const body = (extra = {}) => ({
    category_id: category.id,
    subject: `登录问题 ${uniq('s')}`,
    description: '换了新手机以后登录失败。',
    ...extra,
  });

  before(async () => {
    srv = await startServer();
    [admin, agent, cust, custEn] = await Promise.all([createStaff(srv, 'admin'), createStaff(srv, 'agent'),
      registerCustomer(srv), registerCustomer(srv, { locale: 'en' })]);
    anon = new Client(srv);
    const c = await admin.api.post('/admin/categories', { name_zh: '账号与登录（测试）', name_en: 'Account (test)' });
    assert.equal(c.status, 201, show(c));
    category = c.json;
    matrix = (await admin.api.post('/admin/categories', { name_zh: '矩阵', name_en: 'Matrix' })).json;
    fields = {};
    for (const f of [METHOD, ...OTHERS]) {
      // eslint-disable-next-line no-await-in-loop
      const r = await admin.api.post(`/admin/categories/${category.id}/fields`, f);
      assert.equal(r.status, 201, show(r));
      fields[f.key] = r.json;
    }
  });
  after(async () => { await srv?.stop(); });

  describe('admin API', () => {
    it('categories: list includes inactive ones; create appends; update renames, reorders, deactivates', async () => {
      const created = await admin.api.post('/admin/categories', { name_zh: '表情与贴纸', name_en: 'Stickers' });
      assert.equal(created.status, 201, show(created));
      assert.deepEqual(Object.keys(created.json).sort(), ['active', 'id', 'name_en', 'name_zh', 'position']);
      assert.equal(created.json.active, true);
      const put = await admin.api.request('PUT', `/admin/categories/${created.json.id}`,
        { json: { name_zh: '表情', name_en: 'Stickers & emoji', position: 99, active: false } });
      assert.equal(put.status, 200, show(put));
      assert.equal(put.json.position, 99);
      assert.equal(put.json.active, false);
      const list = await admin.api.get('/admin/categories');
      assert.equal(list.status, 200, show(list));
      const hit = list.json.items.find((x) => x.id === created.json.id);
      assert.equal(hit?.name_en, 'Stickers & emoji');
      assert.equal(hit.active, false);
      const pub = await anon.get('/categories');
      assert.ok(!pub.json.items.some((x) => x.id === created.json.id), 'an inactive category is not offered');
    });

    it('categories: bad input is a 400 naming the field; unknown id 404', async () => {
      assertFieldError(await admin.api.post('/admin/categories', { name_zh: '', name_en: 'x' }), 'name_zh', 'required');
      assertFieldError(await admin.api.post('/admin/categories', { name_zh: 'x', name_en: 'y'.repeat(101) }), 'name_en', 'too_long');
      assertFieldError(await admin.api.post('/admin/categories', { name_zh: 'x', name_en: 'y', active: 'yes' }), 'active', 'invalid_type');
      assertProblem(await admin.api.request('PUT', '/admin/categories/999999', { json: { name_zh: 'x', name_en: 'y' } }), 404, 'not_found');
      assertProblem(await admin.api.get('/admin/categories/abc/fields'), 404, 'not_found');
    });

    it('fields: list in order with options; key and type are fixed; keys unique per category', async () => {
      const list = await admin.api.get(`/admin/categories/${category.id}/fields`);
      assert.equal(list.status, 200, show(list));
      assert.deepEqual(list.json.items.map((f) => f.key), ['sign_in_method', 'phone', 'amount', 'agree', 'since']);
      const m = list.json.items[0];
      assert.deepEqual(Object.keys(m).sort(),
        ['active', 'category_id', 'id', 'key', 'label_en', 'label_zh', 'options', 'position', 'required', 'type']);
      assert.deepEqual(m.options, METHOD.options);
      assertFieldError(await admin.api.post(`/admin/categories/${category.id}/fields`, { ...OTHERS[0] }), 'key', 'taken');
      assertFieldError(await admin.api.post(`/admin/categories/${category.id}/fields`, { ...OTHERS[0], key: 'Bad Key' }), 'key', 'invalid');
      assertFieldError(await admin.api.post(`/admin/categories/${category.id}/fields`, { ...OTHERS[0], key: 'x1', type: 'color' }), 'type', 'invalid');
      assertFieldError(await admin.api.post(`/admin/categories/${category.id}/fields`, { ...METHOD, key: 'x2', options: [] }), 'options', 'required');
      assertFieldError(await admin.api.post(`/admin/categories/${category.id}/fields`,
        { ...METHOD, key: 'x3', options: [{ value: 'a', label_zh: 'A', label_en: 'A' }, { value: 'a', label_zh: 'B', label_en: 'B' }] }),
      'options[1].value', 'taken');
      assertFieldError(await admin.api.post(`/admin/categories/${category.id}/fields`, { ...OTHERS[0], key: 'x4', options: [{ value: 'a', label_zh: 'A', label_en: 'A' }] }), 'options', 'invalid');
      const put = `/admin/categories/${category.id}/fields/${fields.phone.id}`;
      assertFieldError(await admin.api.request('PUT', put, { json: { ...OTHERS[0], key: 'mobile' } }), 'key', 'immutable');
      assertFieldError(await admin.api.request('PUT', put, { json: { ...OTHERS[0], type: 'number' } }), 'type', 'immutable');
      const after2 = await admin.api.get(`/admin/categories/${category.id}/fields`);
      assert.equal(after2.json.items.length, 5, 'nothing was added by refused requests');
    });

    it('fields: update changes labels, options and order; unknown field 404', async () => {
      const scratch = await admin.api.post(`/admin/categories/${category.id}/fields`,
        { key: 'os_choice', type: 'dropdown', label_zh: '系统', label_en: 'OS', options: [{ value: 'ios', label_zh: 'iOS', label_en: 'iOS' }] });
      assert.equal(scratch.status, 201, show(scratch));
      const r = await admin.api.request('PUT', `/admin/categories/${category.id}/fields/${scratch.json.id}`, {
        json: { label_zh: '操作系统', label_en: 'Operating system', required: false, position: 0, options: [
          { value: 'android', label_zh: '安卓', label_en: 'Android' }, { value: 'ios', label_zh: 'iOS', label_en: 'iOS' }] },
      });
      assert.equal(r.status, 200, show(r));
      assert.equal(r.json.key, 'os_choice');
      assert.equal(r.json.position, 0);
      assert.deepEqual(r.json.options.map((o) => o.value), ['android', 'ios']);
      const list = await admin.api.get(`/admin/categories/${category.id}/fields`);
      assert.equal(list.json.items[0].key, 'os_choice', 'position 0 sorts first');
      const del = await admin.api.request('DELETE', `/admin/categories/${category.id}/fields/${scratch.json.id}`);
      assert.equal(del.status, 204, show(del));
      assertProblem(await admin.api.request('PUT', `/admin/categories/${category.id}/fields/${scratch.json.id}`, { json: { label_zh: 'a', label_en: 'b' } }), 404, 'not_found');
      assertProblem(await admin.api.request('DELETE', `/admin/categories/${category.id}/fields/${scratch.json.id}`), 404, 'not_found');
    });

    describe('authorization: anonymous 401, customer 403, agent 403, admin 2xx', () => {
      const cases = [
        ['GET /admin/categories', (c) => c.get('/admin/categories'), 200],
        ['POST /admin/categories', (c) => c.post('/admin/categories', { name_zh: '矩阵', name_en: 'Matrix' }), 201],
        ['PUT /admin/categories/{id}', (c) => c.request('PUT', `/admin/categories/${category.id}`, { json: { name_zh: category.name_zh, name_en: category.name_en } }), 200],
        ['GET /admin/categories/{id}/fields', (c) => c.get(`/admin/categories/${category.id}/fields`), 200],
        ['POST /admin/categories/{id}/fields', (c) => c.post(`/admin/categories/${matrix.id}/fields`, { key: `m_${Math.floor(Math.random() * 1e9)}`, type: 'text', label_zh: '矩阵', label_en: 'Matrix' }), 201],
        ['PUT /admin/categories/{id}/fields/{field_id}', (c) => c.request('PUT', `/admin/categories/${category.id}/fields/${fields.phone.id}`, { json: { ...OTHERS[0] } }), 200],
        ['DELETE /admin/categories/{id}/fields/{field_id}',
          (c) => c.request('DELETE', `/admin/categories/${matrix.id}/fields/${matrix.deletable}`), 204,
          async () => {
            const made = await admin.api.post(`/admin/categories/${matrix.id}/fields`, { key: 'deletable', type: 'date', label_zh: '删', label_en: 'Del' });
            assert.equal(made.status, 201, show(made));
            matrix.deletable = made.json.id;
          }],
      ];
      for (const [name, run, adminStatus, prepare] of cases) {
        it(name, async () => {
          if (prepare) await prepare();
          const count = async () => (await admin.api.get(`/admin/categories/${matrix.id}/fields`)).json.items.length
            + (await admin.api.get('/admin/categories')).json.items.length;
          const before2 = await count();
          assertProblem(await run(anon), 401, 'unauthenticated');
          assertProblem(await run(cust.api), 403, 'forbidden');
          assertProblem(await run(agent.api), 403, 'forbidden');
          assert.equal(await count(), before2, 'refused callers changed nothing');
          const r = await run(admin.api);
          assert.equal(r.status, adminStatus, show(r));
          if (name.startsWith('GET') || name.startsWith('PUT')) assert.equal(await count(), before2, 'nothing was added');
        });
      }
    });
  });

  describe('the form', () => {
    it('GET /categories gives each active category its active fields in the page language', async () => {
      const en = await anon.get('/categories', { headers: { 'accept-language': 'en' } });
      assert.equal(en.status, 200, show(en));
      const c = en.json.items.find((x) => x.id === category.id);
      assert.ok(c, show(en));
      assert.equal(c.name, 'Account (test)');
      assert.deepEqual(c.fields.map((f) => f.key), ['sign_in_method', 'phone', 'amount', 'agree', 'since']);
      assert.deepEqual(c.fields[0], {
        key: 'sign_in_method', label: 'Sign-in method', type: 'dropdown', required: true,
        options: [{ value: 'sms_code', label: 'SMS code' }, { value: 'wechat', label: 'WeChat' }],
      });
      const zh = await anon.get('/categories', { headers: { 'accept-language': 'zh-CN' } });
      const czh = zh.json.items.find((x) => x.id === category.id);
      assert.equal(czh.fields[0].label, '登录方式');
      assert.equal(czh.fields[0].options[1].label, '微信');
      for (const other of en.json.items.filter((x) => x.id !== category.id)) assert.ok(Array.isArray(other.fields));
    });
  });

  describe('submission', () => {
    it('valid answers are stored and shown to the owner and to agents, typed, in the reader\'s language', async () => {
      const r = await custEn.api.post('/tickets', body({
        fields: { sign_in_method: 'wechat', phone: ' 138 0000 1234 ', amount: 12.5, agree: true, since: '2026-02-28' },
      }));
      assert.equal(r.status, 201, show(r));
      const number = r.json.ticket.number;
      const own = await custEn.api.get(`/tickets/${number}`);
      assert.equal(own.status, 200, show(own));
      assert.deepEqual(own.json.ticket.custom_fields, [
        { key: 'sign_in_method', label: 'Sign-in method', type: 'dropdown', value: 'wechat', display: 'WeChat' },
        { key: 'phone', label: 'Phone', type: 'text', value: '138 0000 1234', display: '138 0000 1234' },
        { key: 'amount', label: 'Amount', type: 'number', value: 12.5, display: '12.5' },
        { key: 'agree', label: 'May contact me', type: 'checkbox', value: true, display: 'Yes' },
        { key: 'since', label: 'Since', type: 'date', value: '2026-02-28', display: '2026-02-28' },
      ]);
      const staff = await agent.api.get(`/agent/tickets/${number}`, { headers: { 'accept-language': 'zh-CN' } });
      assert.equal(staff.status, 200, show(staff));
      assert.equal(staff.json.ticket.custom_fields[0].display, '微信');
      assert.equal(staff.json.ticket.custom_fields[3].display, '是');
      // Another customer still gets 404.
      const other = await registerCustomer(srv);
      assertProblem(await other.api.get(`/tickets/${number}`), 404, 'not_found');
    });

    it('multipart: the `fields` object inside the ticket part works the same', async () => {
      const form = new FormData();
      form.append('ticket', new Blob([JSON.stringify(body({ fields: { sign_in_method: 'sms_code' } }))], { type: 'application/json' }));
      const r = await cust.api.postForm('/tickets', form);
      assert.equal(r.status, 201, show(r));
      const v = await cust.api.get(`/tickets/${r.json.ticket.number}`);
      assert.deepEqual(v.json.ticket.custom_fields.map((f) => [f.key, f.value]), [['sign_in_method', 'sms_code']]);
      const bad = new FormData();
      bad.append('ticket', new Blob([JSON.stringify(body({ fields: { sign_in_method: 'carrier_pigeon' } }))], { type: 'application/json' }));
      assertFieldError(await cust.api.postForm('/tickets', bad), 'fields.sign_in_method', 'invalid');
    });

    const invalid = [
      ['dropdown value not an option', { sign_in_method: 'qq' }, 'fields.sign_in_method', 'invalid'],
      ['dropdown given a number', { sign_in_method: 1 }, 'fields.sign_in_method', 'invalid'],
      ['text over 500 characters', { phone: 'x'.repeat(501) }, 'fields.phone', 'too_long'],
      ['text with a newline', { phone: 'a\nb' }, 'fields.phone', 'invalid'],
      ['text given a list', { phone: ['138'] }, 'fields.phone', 'invalid'],
      ['number as words', { amount: 'twelve' }, 'fields.amount', 'invalid'],
      ['number beyond 1e12', { amount: 1e13 }, 'fields.amount', 'invalid'],
      ['number given true', { amount: true }, 'fields.amount', 'invalid'],
      ['checkbox given "yes"', { agree: 'yes' }, 'fields.agree', 'invalid'],
      ['date that does not exist', { since: '2026-02-30' }, 'fields.since', 'invalid'],
      ['date in another format', { since: '28/02/2026' }, 'fields.since', 'invalid'],
      ['unknown key', { favourite_colour: 'blue' }, 'fields.favourite_colour', 'unknown_field'],
    ];
    for (const [what, extra, field, code] of invalid) {
      it(`${what} → 400 on ${field} (${code}), nothing stored`, async () => {
        const before2 = await ticketCount();
        const r = await cust.api.post('/tickets', body({ fields: { sign_in_method: 'wechat', ...extra } }));
        assertFieldError(r, field, code);
        assert.equal(await ticketCount(), before2, 'no ticket was stored');
      });
    }

    it('a missing required field → required, also when null or blank; `fields` must be an object', async () => {
      const before2 = await ticketCount();
      assertFieldError(await cust.api.post('/tickets', body()), 'fields.sign_in_method', 'required');
      assertFieldError(await cust.api.post('/tickets', body({ fields: { sign_in_method: null } })), 'fields.sign_in_method', 'required');
      assertFieldError(await cust.api.post('/tickets', body({ fields: { sign_in_method: '  ', phone: '138' } })), 'fields.sign_in_method', 'required');
      assertFieldError(await cust.api.post('/tickets', body({ fields: ['sign_in_method'] })), 'fields', 'invalid_type');
      // Every problem is named in one answer, beside the ticket's own fields.
      const r = await cust.api.post('/tickets', body({ subject: '', fields: { since: 'soon' } }));
      const fieldsNamed = r.json.errors.map((e) => e.field).sort();
      assert.deepEqual(fieldsNamed, ['fields.sign_in_method', 'fields.since', 'subject']);
      assert.equal(await ticketCount(), before2);
    });

    it('categories without fields take submissions without `fields`, and refuse unknown keys', async () => {
      const cats = await anon.get('/categories');
      const plain = cats.json.items.find((x) => x.fields.length === 0);
      assert.ok(plain, 'a seeded category without fields');
      const ok = await cust.api.post('/tickets', { category_id: plain.id, subject: 'plain', description: 'no fields' });
      assert.equal(ok.status, 201, show(ok));
      assert.deepEqual((await cust.api.get(`/tickets/${ok.json.ticket.number}`)).json.ticket.custom_fields, []);
      assertFieldError(await cust.api.post('/tickets', { category_id: plain.id, subject: 'x', description: 'y', fields: { sign_in_method: 'wechat' } }),
        'fields.sign_in_method', 'unknown_field');
    });
  });

  describe('agent change', () => {
    let number;
    before(async () => {
      const r = await cust.api.post('/tickets', body({ fields: { sign_in_method: 'sms_code', phone: '138' } }));
      assert.equal(r.status, 201, show(r));
      number = r.json.ticket.number;
    });

    it('PATCH fields → 200; the values change and each change is a field_changed event with from and to', async () => {
      const r = await agent.api.patch(`/agent/tickets/${number}`, { fields: { sign_in_method: 'wechat', phone: null, amount: '3.50' } });
      assert.equal(r.status, 200, show(r));
      const v = await agent.api.get(`/agent/tickets/${number}`);
      assert.deepEqual(v.json.ticket.custom_fields.map((f) => [f.key, f.value]), [['sign_in_method', 'wechat'], ['amount', 3.5]]);
      const changes = v.json.events.filter((e) => e.type === 'field_changed');
      assert.equal(changes.length, 3, JSON.stringify(v.json.events));
      const method = changes.find((e) => e.field === 'sign_in_method');
      assert.equal(method.from, 'sms_code');
      assert.equal(method.to, 'wechat');
      // The agent's account reads Chinese.
      assert.equal(method.field_label, '登录方式');
      assert.equal(method.from_display, '短信验证码');
      assert.equal(method.to_display, '微信');
      assert.equal(method.author.name, 'Test agent');
      assert.match(method.created_at, TIME_RE);
      const phone = changes.find((e) => e.field === 'phone');
      assert.deepEqual([phone.from, phone.to], ['138', '']);
      const amount = changes.find((e) => e.field === 'amount');
      assert.deepEqual([amount.from, amount.to], ['', '3.5']);
      // The customer sees the new answers, not the staff's corrections.
      const own = await cust.api.get(`/tickets/${number}`);
      assert.deepEqual(own.json.ticket.custom_fields.map((f) => f.value), ['wechat', 3.5]);
      assert.ok(!own.json.events.some((e) => e.type === 'field_changed'), show(own));
    });

    it('the same values again record nothing', async () => {
      const before2 = (await agent.api.get(`/agent/tickets/${number}`)).json.events.length;
      const r = await agent.api.patch(`/agent/tickets/${number}`, { fields: { sign_in_method: 'wechat' } });
      assert.equal(r.status, 200, show(r));
      assert.equal((await agent.api.get(`/agent/tickets/${number}`)).json.events.length, before2);
    });

    it('invalid changes are refused like submissions, and nothing changes', async () => {
      const before2 = await agent.api.get(`/agent/tickets/${number}`);
      assertFieldError(await agent.api.patch(`/agent/tickets/${number}`, { fields: { sign_in_method: 'qq' } }), 'fields.sign_in_method', 'invalid');
      assertFieldError(await agent.api.patch(`/agent/tickets/${number}`, { fields: { sign_in_method: '' } }), 'fields.sign_in_method', 'required');
      assertFieldError(await agent.api.patch(`/agent/tickets/${number}`, { fields: { nope: 1 } }), 'fields.nope', 'unknown_field');
      assertFieldError(await agent.api.patch(`/agent/tickets/${number}`, { status: 'open', fields: { since: '2026-13-01' } }), 'fields.since', 'invalid');
      const after2 = await agent.api.get(`/agent/tickets/${number}`);
      assert.deepEqual(after2.json.ticket.custom_fields, before2.json.ticket.custom_fields);
      assert.equal(after2.json.ticket.status, before2.json.ticket.status, 'the status in the refused request did not apply');
      assert.equal(after2.json.events.length, before2.json.events.length);
    });

    it('customers cannot change fields (403), not even on their own ticket', async () => {
      assertProblem(await cust.api.patch(`/agent/tickets/${number}`, { fields: { phone: '1' } }), 403, 'forbidden');
    });
  });

  describe('removing and deactivating', () => {
    it('DELETE of a field with answers deactivates it (200): old tickets still show the answer, new ones may not send it', async () => {
      const r = await cust.api.post('/tickets', body({ fields: { sign_in_method: 'wechat', since: '2026-01-05' } }));
      assert.equal(r.status, 201, show(r));
      const del = await admin.api.request('DELETE', `/admin/categories/${category.id}/fields/${fields.since.id}`);
      assert.equal(del.status, 200, show(del));
      assert.equal(del.json.active, false);
      assert.equal(del.json.key, 'since');
      const v = await cust.api.get(`/tickets/${r.json.ticket.number}`);
      assert.ok(v.json.ticket.custom_fields.some((f) => f.key === 'since' && f.value === '2026-01-05'), show(v));
      const pub = await anon.get('/categories');
      assert.ok(!pub.json.items.find((x) => x.id === category.id).fields.some((f) => f.key === 'since'));
      assertFieldError(await cust.api.post('/tickets', body({ fields: { sign_in_method: 'wechat', since: '2026-01-05' } })), 'fields.since', 'unknown_field');
      // Reactivating brings it back.
      const back = await admin.api.request('PUT', `/admin/categories/${category.id}/fields/${fields.since.id}`,
        { json: { ...OTHERS[3], active: true } });
      assert.equal(back.status, 200, show(back));
      assert.equal(back.json.active, true);
    });

    it('a deactivated category refuses new tickets (unknown_category) and its old tickets stay readable', async () => {
      const r = await custEn.api.post('/tickets', body({ fields: { sign_in_method: 'wechat' } }));
      assert.equal(r.status, 201, show(r));
      const off = await admin.api.request('PUT', `/admin/categories/${category.id}`,
        { json: { name_zh: category.name_zh, name_en: category.name_en, active: false } });
      assert.equal(off.status, 200, show(off));
      try {
        assertFieldError(await cust.api.post('/tickets', body({ fields: { sign_in_method: 'wechat' } })), 'category_id', 'unknown_category');
        const v = await custEn.api.get(`/tickets/${r.json.ticket.number}`);
        assert.equal(v.status, 200, show(v));
        assert.equal(v.json.ticket.category.name, 'Account (test)');
        assert.equal(v.json.ticket.custom_fields[0].display, 'WeChat');
        assert.ok(!(await anon.get('/categories')).json.items.some((x) => x.id === category.id));
      } finally {
        await admin.api.request('PUT', `/admin/categories/${category.id}`,
          { json: { name_zh: category.name_zh, name_en: category.name_en, active: true } });
      }
    });
  });
});
