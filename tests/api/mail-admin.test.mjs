// The admin's mail pages (docs/mail.md, Admin endpoints): who may use them, settings that never
// return passwords, templates that are checked, previewed, applied and reset, and a test mail
// that shows the SMTP server's answer.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, assertProblem, registerCustomer, createStaff, uniqEmail, show, TIME_RE,
} from './helpers.mjs';
import {
  startMailServer, stopMailServer, waitForMailTo, assertMailBasics, guestTicket, assertMailCountStays,
  waitForOutbox,
} from './mail-helpers.mjs';

const KINDS = ['ticket_confirmation', 'agent_reply', 'status_changed', 'ticket_link', 'ticket_list',
  'sign_in_link', 'email_verification', 'test_mail', 'sla_breached'];

describe('mail: admin endpoints', () => {
  let env;
  let admin;
  let agent;
  let cust;
  let anon;
  before(async () => {
    env = await startMailServer();
    [admin, agent, cust] = await Promise.all([createStaff(env.srv, 'admin'), createStaff(env.srv, 'agent'), registerCustomer(env.srv)]);
    anon = new Client(env.srv);
  });
  after(async () => { await stopMailServer(env); });

  const settings = async () => {
    const r = await admin.api.get('/admin/mail/settings');
    assert.equal(r.status, 200, show(r));
    return r.json;
  };
  const shipped = async (kind, locale) => {
    const r = await admin.api.get('/admin/mail/templates');
    assert.equal(r.status, 200, show(r));
    const t = r.json.items.find((x) => x.kind === kind && x.locale === locale);
    assert.ok(t, `template ${kind}/${locale}`);
    return t;
  };

  describe('authorization: anonymous 401, customer 403, agent 403, admin 2xx', () => {
    const cases = [
      ['GET /admin/outbox', (c) => c.get('/admin/outbox'), 200],
      ['GET /admin/mail/settings', (c) => c.get('/admin/mail/settings'), 200],
      ['PUT /admin/mail/settings', async (c) => c.request('PUT', '/admin/mail/settings', { json: await settingsBody() }), 200],
      ['GET /admin/mail/templates', (c) => c.get('/admin/mail/templates'), 200],
      ['PUT /admin/mail/templates/ticket_link/en', async (c) => {
        const t = await shipped('ticket_link', 'en');
        return c.request('PUT', '/admin/mail/templates/ticket_link/en', { json: { subject: t.subject, text: t.text, html: t.html } });
      }, 200],
      ['POST .../preview', async (c) => {
        const t = await shipped('ticket_link', 'en');
        return c.post('/admin/mail/templates/ticket_link/en/preview', { subject: t.subject, text: t.text, html: t.html });
      }, 200],
      ['DELETE /admin/mail/templates/ticket_link/en', (c) => c.request('DELETE', '/admin/mail/templates/ticket_link/en'), 204],
      ['POST /admin/mail/test', (c) => c.post('/admin/mail/test', { to: uniqEmail('matrix') }), 200],
      ['POST /admin/outbox/1/retry', (c) => c.post('/admin/outbox/1/retry'), [404, 409]],
    ];
    async function settingsBody() {
      const s = await settings();
      return { smtp: { url: s.smtp.url, username: s.smtp.username, require_tls: s.smtp.require_tls, from_email: s.smtp.from_email, from_name: s.smtp.from_name }, imap: { url: s.imap.url, username: s.imap.username, poll_seconds: s.imap.poll_seconds } };
    }
    for (const [name, run, adminStatus] of cases) {
      it(name, async () => {
        assertProblem(await run(anon), 401, 'unauthenticated');
        assertProblem(await run(cust.api), 403, 'forbidden');
        assertProblem(await run(agent.api), 403, 'forbidden');
        const r = await run(admin.api);
        const ok = Array.isArray(adminStatus) ? adminStatus : [adminStatus];
        assert.ok(ok.includes(r.status), `admin → ${ok}: ${show(r)}`);
      });
    }
  });

  describe('settings', () => {
    it('GET → {smtp, imap} with password_set and never a password', async () => {
      const s = await settings();
      for (const k of ['url', 'username', 'password_set', 'require_tls', 'from_email', 'from_name']) assert.ok(k in s.smtp, `smtp.${k}: ${JSON.stringify(s)}`);
      for (const k of ['url', 'username', 'password_set', 'poll_seconds']) assert.ok(k in s.imap, `imap.${k}: ${JSON.stringify(s)}`);
      assert.equal(typeof s.smtp.password_set, 'boolean');
      assert.equal(typeof s.imap.password_set, 'boolean');
      assert.equal(s.smtp.url, env.sink.url, 'the --smtp flag is the starting value');
      assert.ok(!('password' in s.smtp) && !('password' in s.imap), 'no password field');
    });

    it('PUT with a password → password_set true and the password is never echoed; absent keeps it; "" clears it', async () => {
      const s = await settings();
      const secret = 'hunter2-Sekr3t';
      const base = { ...s.smtp };
      delete base.password_set;
      const put = (smtp) => admin.api.request('PUT', '/admin/mail/settings', { json: { smtp, imap: { url: s.imap.url, username: s.imap.username, poll_seconds: s.imap.poll_seconds } } });
      let r = await put({ ...base, username: 'mailer', password: secret });
      assert.equal(r.status, 200, show(r));
      assert.ok(!r.text.includes(secret), 'PUT answer has no password');
      let g = await admin.api.get('/admin/mail/settings');
      assert.ok(!g.text.includes(secret), 'GET has no password');
      assert.equal(g.json.smtp.password_set, true);
      assert.equal(g.json.smtp.username, 'mailer');
      r = await put({ ...base, username: 'mailer' });
      assert.equal(r.status, 200, show(r));
      g = await admin.api.get('/admin/mail/settings');
      assert.equal(g.json.smtp.password_set, true, 'absent keeps the stored password');
      r = await put({ ...base, username: '', password: '' });
      assert.equal(r.status, 200, show(r));
      g = await admin.api.get('/admin/mail/settings');
      assert.equal(g.json.smtp.password_set, false, '"" clears it');
    });

    it('PUT with an invalid SMTP url → 400 naming smtp.url; nothing changes', async () => {
      const before = await settings();
      const { password_set: _s, ...smtp } = before.smtp;
      const { password_set: _i, ...imap } = before.imap;
      const r = await admin.api.request('PUT', '/admin/mail/settings', { json: { smtp: { ...smtp, url: 'ftp://nowhere' }, imap } });
      assert.equal(r.status, 400, show(r));
      assert.ok(r.json.errors?.some((e) => e.field === 'smtp.url'), show(r));
      assert.deepEqual(await settings(), before);
    });
  });

  describe('templates', () => {
    it('GET lists every kind in both languages, uncustomized at first', async () => {
      const r = await admin.api.get('/admin/mail/templates');
      assert.equal(r.status, 200, show(r));
      assert.ok(Array.isArray(r.json.items), show(r));
      assert.equal(r.json.items.length, KINDS.length * 2, 'every kind in both languages, no more');
      for (const kind of KINDS) {
        for (const locale of ['zh-CN', 'en']) {
          const t = r.json.items.find((x) => x.kind === kind && x.locale === locale);
          assert.ok(t, `${kind}/${locale}`);
          for (const f of ['subject', 'text', 'html']) assert.ok(typeof t[f] === 'string' && t[f].length > 0, `${kind}/${locale}.${f}`);
          assert.equal(t.customized, false, `${kind}/${locale} shipped`);
          assert.equal(t.updated_at, null, 'updated_at null for the shipped text');
        }
      }
    });

    it('PUT with an unclosed section → 400 template_syntax naming the field; nothing stored', async () => {
      const t = await shipped('agent_reply', 'en');
      for (const field of ['subject', 'text', 'html']) {
        const body = { subject: t.subject, text: t.text, html: t.html, [field]: `${t[field]} {{#a}} unclosed` };
        const r = await admin.api.request('PUT', '/admin/mail/templates/agent_reply/en', { json: body });
        assert.equal(r.status, 400, show(r));
        assert.match(r.headers.get('content-type') || '', /problem\+json/);
        const hit = r.json.errors?.find((e) => e.field === field);
        assert.ok(hit, `an error on ${field}: ${show(r)}`);
        assert.ok(r.json.code === 'template_syntax' || hit.code === 'template_syntax', `code template_syntax: ${show(r)}`);
      }
      const after = await shipped('agent_reply', 'en');
      assert.equal(after.customized, false);
      assert.equal(after.text, t.text);
    });

    it('unknown kind or locale → 404', async () => {
      const t = await shipped('agent_reply', 'en');
      const body = { subject: t.subject, text: t.text, html: t.html };
      assert.equal((await admin.api.request('PUT', '/admin/mail/templates/no_such_kind/en', { json: body })).status, 404);
      assert.equal((await admin.api.request('PUT', '/admin/mail/templates/agent_reply/fr', { json: body })).status, 404);
    });

    it('preview renders with sample values', async () => {
      const t = await shipped('ticket_confirmation', 'zh-CN');
      const r = await admin.api.post('/admin/mail/templates/ticket_confirmation/zh-CN/preview', { subject: t.subject, text: t.text, html: t.html });
      assert.equal(r.status, 200, show(r));
      for (const f of ['subject', 'text', 'html']) {
        assert.equal(typeof r.json[f], 'string', f);
        assert.doesNotMatch(r.json[f], /\{\{/, `${f} rendered: ${r.json[f]}`);
      }
      assert.ok(r.json.subject.length > 0);
      const bad = await admin.api.post('/admin/mail/templates/ticket_confirmation/zh-CN/preview', { subject: t.subject, text: '{{#a}}', html: t.html });
      assert.equal(bad.status, 400, show(bad));
      assert.ok(bad.json.errors?.some((e) => e.field === 'text'), show(bad));
    });

    it('a customized template applies to the next mail; DELETE → 204 and back to the shipped text', async () => {
      const t = await shipped('ticket_confirmation', 'en');
      const body = { subject: `CUSTOM ${t.subject}`, text: `${t.text}\nCUSTOM-FOOTER-7731`, html: t.html };
      const r = await admin.api.request('PUT', '/admin/mail/templates/ticket_confirmation/en', { json: body });
      assert.equal(r.status, 200, show(r));
      assert.equal(r.json.customized, true);
      assert.equal(r.json.subject, body.subject);
      assert.match(r.json.updated_at, TIME_RE);
      const email = uniqEmail('custom');
      const ticket = await guestTicket(env.srv, email, { locale: 'en' });
      const mail = await waitForMailTo(env.sink, email);
      assert.ok(mail.subject.startsWith('CUSTOM '), mail.subject);
      assert.ok(mail.subject.includes(ticket.number), mail.subject);
      assert.ok(mail.text.includes('CUSTOM-FOOTER-7731'), mail.text);
      const zh = await shipped('ticket_confirmation', 'zh-CN');
      assert.equal(zh.customized, false, 'the other language is untouched');

      const d = await admin.api.request('DELETE', '/admin/mail/templates/ticket_confirmation/en');
      assert.equal(d.status, 204, show(d));
      const back = await shipped('ticket_confirmation', 'en');
      assert.equal(back.customized, false);
      assert.equal(back.subject, t.subject);
      assert.equal(back.text, t.text);
      assert.equal(back.updated_at, null);
      const again = await admin.api.request('DELETE', '/admin/mail/templates/ticket_confirmation/en');
      assert.equal(again.status, 404, `nothing customized to delete: ${show(again)}`);
      const email2 = uniqEmail('custom');
      await guestTicket(env.srv, email2, { locale: 'en' });
      const mail2 = await waitForMailTo(env.sink, email2);
      assert.ok(!mail2.subject.startsWith('CUSTOM '), mail2.subject);
    });
  });

  describe('templates and queued mail', () => {
    it('a template changed while a mail waits in the outbox applies to that mail', async () => {
      const t = await shipped('ticket_confirmation', 'en');
      const email = uniqEmail('queued-template');
      await env.sink.stop();
      try {
        await guestTicket(env.srv, email, { locale: 'en' });
        await waitForOutbox(admin, email, (xs) => xs.length === 1 && xs[0].attempts >= 1, 10000);
        const r = await admin.api.request('PUT', '/admin/mail/templates/ticket_confirmation/en', {
          json: { subject: `QUEUED-CUSTOM ${t.subject}`, text: t.text, html: t.html },
        });
        assert.equal(r.status, 200, show(r));
      } finally {
        await env.sink.restart();
      }
      const mail = await waitForMailTo(env.sink, email, () => true, 20000);
      assert.ok(mail.subject.startsWith('QUEUED-CUSTOM '), `the outbox keeps the intent, not bytes: ${mail.subject}`);
      assert.equal((await admin.api.request('DELETE', '/admin/mail/templates/ticket_confirmation/en')).status, 204);
    });
  });

  describe('test mail', () => {
    it('POST /admin/mail/test {to} → {accepted: true, answer}; the sink has it at once', async () => {
      const to = uniqEmail('testmail');
      const r = await admin.api.post('/admin/mail/test', { to });
      assert.equal(r.status, 200, show(r));
      assert.equal(r.json.accepted, true, show(r));
      assert.equal(typeof r.json.answer, 'string');
      const mail = await waitForMailTo(env.sink, to, () => true, 2000);
      assertMailBasics(mail, { to });
      await assertMailCountStays(env.sink, to, 1, 'one test mail');
    });

    it('with the SMTP server down → 200 {accepted: false, answer: why}', async () => {
      await env.sink.stop();
      try {
        const r = await admin.api.post('/admin/mail/test', { to: uniqEmail('testmail') });
        assert.equal(r.status, 200, show(r));
        assert.equal(r.json.accepted, false, show(r));
        assert.equal(typeof r.json.answer, 'string');
        assert.ok(r.json.answer.length > 0, 'the answer says why');
      } finally {
        await env.sink.restart();
      }
    });

    it('an invalid address → 400 on field to', async () => {
      const r = await admin.api.post('/admin/mail/test', { to: 'nope' });
      assertProblem(r, 400);
      assert.ok(r.json.errors?.some((e) => e.field === 'to'), show(r));
    });
  });
});
