// Service levels in real Chromium against the real binary (docs/sla.md, "Web UI"), on a 1280 px
// desktop in Chinese and a 360 px phone in English: an admin edits a policy target (a bad duration
// is refused beside its cell, a good one is saved), adds a policy for one customer domain and moves
// it to the top; creates a calendar and imports a CSV schedule into it (a broken file lists its
// line); a customer submits and reads "we will reply by"; an agent sees the due column — neutral for
// that ticket, red for one of the domain whose target is already due — and after `gongdan sla check
// --now <future>` the breach-risk view and the ticket's SLA panel with the recorded breach; a
// supervisor opens the report. Any console error but the refusals provoked on purpose fails a test.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { startServer } from '../support/server.mjs';
import { assertFits, launch, openPage, requireBuiltWeb, shot, VIEWPORTS, webDist } from './browser.mjs';

const ADMIN = { email: 'sla.admin@example.com', password: 'admin-e2e-pass', name: '管理员 Admin' };
const AGENT = { email: 'sla.agent@example.com', password: 'agent-e2e-pass', name: '李娜 Li Na' };
const SUPERVISOR = { email: 'sla.super@example.com', password: 'super-e2e-pass', name: '主管 Zhou' };

const W = {
  'zh-CN': { replySent: '回复已发送。', breachedEvent: '服务级别：首次响应已超时', replyBy: /我们将在 .+ 前回复您/, imported: '已导入 3 天。', calSaved: '日历已保存。', disabled: '已停用', remove: '删除', badInterval: '时间段写作 09:00-12:00', holiday: '今天是法定节假日（测试假日 Test holiday）', problems: '文件未导入', saved: '策略已保存', paused: '已暂停', report: '服务级别报表' },
  en: { replySent: 'Reply sent.', breachedEvent: 'Service level: first response target breached', replyBy: /We will reply by .+\./, imported: 'Imported 3 days.', calSaved: 'Calendar saved.', disabled: 'Disabled', remove: 'Delete', badInterval: 'Write an interval as 09:00-12:00', holiday: 'Today is a public holiday (测试假日 Test holiday)', problems: 'The file was not imported', saved: 'Policy saved', paused: 'Paused', report: 'Service-level report' },
};

const RUNS = [
  { tag: 'desktop-zh', viewport: VIEWPORTS.desktop, locale: 'zh-CN', firstResponse: '2h' },
  { tag: 'phone-en', viewport: VIEWPORTS.phone, locale: 'en', firstResponse: '3h' },
];
// The first test gives this domain a policy whose first response is due the moment a ticket arrives.
const riskDomain = (run) => `risk-${run.tag}.example.com`;
// ... and this one a policy on a calendar where today and tomorrow are holidays.
const holidayDomain = (run) => `holiday-${run.tag}.example.com`;
/** The date in Beijing `days` from now, as YYYY-MM-DD. */
const shanghaiDate = (days) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 24 * 3600 * 1000));
// The refusals the admin test provokes on purpose (a bad interval, a bad duration, a broken file).
const PROVOKED = /status of 400 .*\/api\/v1\/admin\/sla\/(policies\/\d+|calendars\/[^/]+(\/import)?)$/;

let srv;
let browser;
let seq = 0;
const unique = () => `${Date.now().toString(36)}${++seq}`;

before(async () => {
  requireBuiltWeb();
  srv = await startServer({ args: ['--web-dir', webDist] });
  for (const [who, role] of [[ADMIN, 'admin'], [AGENT, 'agent'], [SUPERVISOR, 'supervisor']]) {
    await srv.cli(['user', 'add', '--email', who.email, '--password', who.password, '--name', who.name, '--role', role]);
  }
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function signIn(page, who) {
  await page.goto('/login');
  await page.fill('#login-email', who.email);
  await page.fill('#login-password', who.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL('**/agent');
}

/** A new customer registers and submits a ticket; returns its number (the success page is open). */
async function customerSubmits(page, subject, domain) {
  await page.goto('/register?redirect=/submit');
  await page.fill('#reg-name', '王小明 Wang');
  await page.fill('#reg-email', `sla-${unique()}@${domain}`);
  await page.fill('#reg-password', 'customer-pass-1');
  await page.locator('form button[type=submit]').click();
  await page.waitForURL('**/submit');
  await page.locator('#category option:not([disabled])').first().waitFor({ state: 'attached' });
  await page.selectOption('#category', { index: 1 });
  await page.fill('#subject', subject);
  await page.fill('#description', 'Messages arrive hours late since this morning.');
  await page.locator('#submit-form button[type=submit]').click();
  const number = (await page.getByTestId('ticket-number').textContent()).trim();
  assert.match(number, /^\d{6}-[0-9A-Z]{6}$/);
  return number;
}

/** A guest ticket straight through the API (the browser part is the customer's above). */
async function guestSubmits(email) { // returns the number
  const res = await fetch(`${srv.api}/tickets`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `sla-e2e-${unique()}-key` },
    body: JSON.stringify({ category_id: 1, subject: `Late ${unique()}`, description: 'Due at once by its policy.', guest: { name: 'Risk', email } }),
  });
  const body = await res.json();
  assert.equal(res.status, 201, JSON.stringify(body));
  return body.ticket.number;
}

const csv = (rows) => Buffer.from(`date,kind,name\n${rows.join('\n')}\n`, 'utf8');

describe('service levels in the browser', () => {
  for (const run of RUNS) {
    const w = W[run.locale];

    test(`${run.tag}: admin imports a calendar CSV, edits a policy target, adds policies for two domains`, async () => {
      const { page, assertClean, expect } = await openPage(browser, { viewport: run.viewport, locale: run.locale, baseUrl: srv.baseUrl });
      expect(PROVOKED);
      await signIn(page, ADMIN);
      await page.goto('/admin/users');
      await page.getByTestId('admin-nav-sla').click();
      await page.waitForURL('**/admin/sla');

      // A calendar of our own, then its 2027 schedule from a CSV file.
      await page.getByTestId('sla-tab-calendars').click();
      await page.getByTestId('cal-list').waitFor();
      await page.getByTestId('cal-add').click();
      const calendar = `e2e-${run.tag}`;
      await page.fill('#cal-name', calendar);
      await page.getByTestId('weekly-monday').fill('09:00-12:00, 13:30-18:30');
      // An interval that ends before it starts is refused beside its weekday, in the page's words.
      await page.getByTestId('weekly-tuesday').fill('18:00-09:00');
      await page.getByTestId('cal-save').click();
      await page.locator('#wk-tuesday-err .field-error').filter({ hasText: w.badInterval }).waitFor();
      assert.equal(await page.getByTestId('weekly-tuesday').getAttribute('aria-invalid'), 'true');
      await shot(page, `sla-${run.tag}-calendar-error`);
      await page.getByTestId('weekly-tuesday').fill('09:00-18:00');
      await page.getByTestId('cal-save').click();
      await page.getByTestId('cal-file').waitFor();
      await page.getByTestId('cal-file').setInputFiles({
        name: 'cn-2027.csv', mimeType: 'text/csv',
        buffer: csv(['2027-02-06,workday,春节调休', '2027-02-07,holiday,春节', '2027-02-08,holiday,春节']),
      });
      await page.getByTestId('cal-import').click();
      await page.getByText(w.imported).waitFor();
      assert.equal(await page.getByTestId('cal-day').count(), 3);
      assert.equal(await page.getByTestId('weekly-monday').inputValue(), '09:00-12:00, 13:30-18:30');
      await assertFits(page, 'calendar editor');
      await shot(page, `sla-${run.tag}-calendar-imported`);

      // A broken file names its line and changes nothing.
      await page.getByTestId('cal-file').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: csv(['2027-13-40,holiday,nonsense']) });
      await page.getByTestId('cal-import').click();
      const problems = page.getByTestId('import-problems');
      await problems.waitFor();
      assert.ok((await problems.textContent()).includes(w.problems));
      assert.match(await problems.textContent(), /2/); // names line 2
      assert.equal(await page.getByTestId('cal-day').count(), 3);
      await shot(page, `sla-${run.tag}-calendar-problems`);

      // Today and tomorrow (Beijing dates) become holidays by hand, for the customer's reply-by.
      for (const date of [shanghaiDate(0), shanghaiDate(1)]) {
        await page.getByTestId('add-day').click();
        const row = page.getByTestId('cal-day').last();
        await row.locator('input[type=date]').fill(date);
        await row.locator('input[type=text]').first().fill('测试假日 Test holiday');
      }
      await page.getByTestId('cal-save').click();
      await page.getByText(w.calSaved).waitFor();
      assert.equal(await page.getByTestId('cal-day').count(), 5);

      // The exported CSV holds the imported days and the added ones.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
      const exported = readFileSync(await download.path(), 'utf8');
      assert.match(exported, /2027-02-07,holiday/);
      assert.ok(exported.includes(shanghaiDate(0)));

      // The policies: the shipped one listed; a duration the server cannot read is refused beside
      // its cell, nothing saved.
      await page.getByTestId('sla-tab-policies').click();
      const list = page.getByTestId('sla-policy-list');
      const standard = list.locator('li').filter({ hasText: '标准服务' });
      await standard.waitFor();
      await assertFits(page, 'policy list');
      await shot(page, `sla-${run.tag}-policies`);
      await standard.getByRole('button', { name: run.locale === 'en' ? 'Edit' : '编辑', exact: true }).click();
      const cell = page.getByTestId('target-high-first_response');
      await cell.fill('soon');
      await page.getByTestId('sla-save').click();
      await page.locator('#t-high-first_response-err .field-error').waitFor();
      assert.equal(await cell.getAttribute('aria-invalid'), 'true');
      await assertFits(page, 'policy form');
      await shot(page, `sla-${run.tag}-policy-error`);

      // A good one is saved, and the form shows it when opened again.
      await cell.fill(run.firstResponse);
      await page.getByTestId('clock-high-first_response').selectOption('calendar');
      await page.getByTestId('sla-save').click();
      await page.getByRole('status').filter({ hasText: w.saved }).waitFor();
      await standard.getByRole('button', { name: run.locale === 'en' ? 'Edit' : '编辑', exact: true }).click();
      assert.equal(await page.getByTestId('target-high-first_response').inputValue(), run.firstResponse);
      assert.equal(await page.getByTestId('clock-high-first_response').inputValue(), 'calendar');
      await page.getByRole('button', { name: run.locale === 'en' ? 'Cancel' : '取消', exact: true }).click();

      // Two policies for one customer domain each, moved to the top (new policies come last):
      // "Risk" around the clock with the first response due at once, "Holiday" on our calendar.
      const placeOf = (n) => page.evaluate((name) =>
        [...document.querySelectorAll('[data-testid=sla-policy-list] > li')].findIndex((li) => li.textContent.includes(name)), n);
      async function addPolicy(name, cal, domain, firstResponse, clock) {
        await page.getByTestId('sla-add').click();
        await page.fill('#sla-name', name);
        await page.selectOption('#sla-calendar', cal);
        await page.fill('#sla-domains', domain);
        await page.getByTestId('target-normal-first_response').fill(firstResponse);
        await page.getByTestId('clock-normal-first_response').selectOption(clock);
        await page.getByTestId('sla-save').click();
        const item = list.locator('li').filter({ hasText: name });
        await item.waitFor();
        for (let at = await placeOf(name); at > 0; at = await placeOf(name)) {
          await item.getByRole('button', { name: run.locale === 'en' ? /up/ : /上移/ }).click();
          await page.waitForFunction(([n, was]) =>
            [...document.querySelectorAll('[data-testid=sla-policy-list] > li')].findIndex((li) => li.textContent.includes(n)) === was - 1,
          [name, at]);
        }
      }
      await addPolicy(`Risk ${run.tag}`, '24x7', riskDomain(run), '0m', 'calendar');
      await addPolicy(`Holiday ${run.tag}`, calendar, holidayDomain(run), '4h', 'business');
      await shot(page, `sla-${run.tag}-policies-ordered`);

      // A policy switched off, then deleted after the browser's confirmation.
      const temp = `Temp ${run.tag}`;
      await page.getByTestId('sla-add').click();
      await page.fill('#sla-name', temp);
      await page.getByTestId('sla-save').click();
      const tempItem = list.locator('li').filter({ hasText: temp });
      await tempItem.getByRole('checkbox').click();
      await tempItem.getByText(w.disabled, { exact: true }).waitFor();
      page.once('dialog', (d) => d.accept());
      await tempItem.getByRole('button', { name: new RegExp(temp) }).filter({ hasText: w.remove }).click();
      await tempItem.waitFor({ state: 'detached' });
      assertClean();
      await page.context().close();
    });

    test(`${run.tag}: customer reads "reply by"; agent sees due times and the breach-risk view; reports`, async () => {
      const customer = await openPage(browser, { viewport: run.viewport, locale: run.locale, baseUrl: srv.baseUrl });
      // Their domain's policy runs on a calendar where today is a holiday: the page says so.
      const number = await customerSubmits(customer.page, `消息延迟 delayed ${unique()}`, holidayDomain(run));
      const promise = customer.page.getByTestId('reply-by');
      await promise.waitFor();
      assert.match(await promise.textContent(), w.replyBy);
      assert.ok((await customer.page.getByTestId('reply-by-holiday').textContent()).includes(w.holiday));
      await assertFits(customer.page, 'submit success');
      await shot(customer.page, `sla-${run.tag}-reply-by-submitted`);
      await customer.page.goto(`/tickets/${number}`);
      await customer.page.getByTestId('reply-by').waitFor();
      assert.match(await customer.page.getByTestId('reply-by').textContent(), w.replyBy);
      await shot(customer.page, `sla-${run.tag}-reply-by-ticket`);
      customer.assertClean();
      await customer.context.close();

      // A guest of the domain whose policy makes the first response due at once; the lookup by
      // number and address tells them when to expect a reply too.
      const guestEmail = `risk-${unique()}@${riskDomain(run)}`;
      const late = await guestSubmits(guestEmail);
      const guest = await openPage(browser, { viewport: run.viewport, locale: run.locale, baseUrl: srv.baseUrl });
      await guest.page.goto('/lookup');
      await guest.page.fill('#lookup-number', late);
      await guest.page.fill('#lookup-email', guestEmail);
      await guest.page.locator('form button[type=submit]').first().click();
      await guest.page.getByTestId('lookup-result').getByTestId('reply-by').waitFor();
      assert.match(await guest.page.getByTestId('reply-by').textContent(), w.replyBy);
      await shot(guest.page, `sla-${run.tag}-lookup-reply-by`);
      guest.assertClean();
      await guest.context.close();

      // The agent's queue, soonest due first: the late one red, the customer's neutral.
      const agent = await openPage(browser, { viewport: run.viewport, locale: run.locale, baseUrl: srv.baseUrl });
      await signIn(agent.page, AGENT);
      assert.equal(await agent.page.getByTestId('nav-reports').count(), 0, 'agents have no report link');
      await agent.page.goto('/agent/reports/sla');
      await agent.page.getByRole('heading', { name: run.locale === 'en' ? 'No access' : '无权访问' }).waitFor();
      await agent.page.goto('/agent?view=all&sort=due');
      const row = agent.page.getByTestId('queue-row').filter({ hasText: number });
      await row.waitFor();
      assert.equal(await row.getByTestId('due').getAttribute('data-tone'), 'ok');
      const lateRow = agent.page.getByTestId('queue-row').filter({ hasText: late });
      assert.equal(await lateRow.getByTestId('due').getAttribute('data-tone'), 'breached');
      await assertFits(agent.page, 'queue');
      await shot(agent.page, `sla-${run.tag}-queue`);

      // The SLA job, run as of three days later, records the breaches (once each).
      const future = new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
      await srv.cli(['sla', 'check', '--now', future]);
      await agent.page.getByTestId('view-breach_risk').click();
      await agent.page.waitForURL((url) => url.searchParams.get('view') === 'breach_risk');
      assert.equal(await agent.page.getByTestId('view-breach_risk').getAttribute('aria-current'), 'page');
      const risky = agent.page.getByTestId('queue-row').filter({ hasText: late });
      await risky.waitFor();
      assert.equal(await risky.getByTestId('due').getAttribute('data-tone'), 'breached');
      await assertFits(agent.page, 'breach-risk view');
      await shot(agent.page, `sla-${run.tag}-breach-risk`);

      // The ticket page lists its targets: the first response breached, the policy named.
      await risky.getByRole('link').first().click();
      const panel = agent.page.getByTestId('sla-panel');
      await panel.waitFor();
      assert.ok((await panel.textContent()).includes(`Risk ${run.tag}`));
      assert.equal(await panel.getByTestId('sla-target-first_response').getAttribute('data-state'), 'breached');
      await agent.page.getByTestId('event').filter({ hasText: w.breachedEvent }).waitFor();
      await assertFits(agent.page, 'agent ticket');
      await shot(agent.page, `sla-${run.tag}-ticket-panel`);
      // Answering both: the late one's first response is recorded missed, the customer's met, so
      // the report's normal priority reads 50 % (on both runs: each adds one of each).
      const answer = async () => {
        await agent.page.locator('form.reply textarea').fill(run.locale === 'en' ? 'We are looking into it.' : '我们正在处理。');
        await agent.page.locator('form.reply button[type=submit]').click();
        await agent.page.getByText(w.replySent).waitFor();
      };
      await answer();
      await agent.page.getByTestId('sla-target-first_response').and(agent.page.locator('[data-state=breached]')).waitFor();
      await agent.page.goto(`/agent/tickets/${number}`);
      await agent.page.getByTestId('sla-panel').waitFor();
      await answer();
      await agent.page.locator('[data-testid=sla-target-first_response][data-state=met]').waitFor();
      await shot(agent.page, `sla-${run.tag}-ticket-met`);
      agent.assertClean();
      await agent.context.close();

      // A supervisor's report: the table per priority and the chart.
      const sup = await openPage(browser, { viewport: run.viewport, locale: run.locale, baseUrl: srv.baseUrl });
      await signIn(sup.page, SUPERVISOR);
      await sup.page.getByTestId('nav-reports').click();
      await sup.page.waitForURL('**/agent/reports/sla');
      await sup.page.getByRole('heading', { name: w.report }).waitFor();
      await sup.page.getByTestId('sla-report-table').waitFor();
      for (const p of ['urgent', 'high', 'normal', 'low']) assert.equal(await sup.page.getByTestId(`rep-${p}`).count(), 1, p);
      assert.match(await sup.page.getByTestId('rep-normal').textContent(), /50%/);
      await sup.page.getByTestId('sla-chart').locator('circle').first().waitFor();
      await sup.page.getByTestId('sla-chart').locator('svg').waitFor();
      await sup.page.getByTestId('rep-preset').selectOption('7');
      await sup.page.waitForURL(/from=\d{4}-\d{2}-\d{2}&to=/);
      await assertFits(sup.page, 'report');
      await shot(sup.page, `sla-${run.tag}-report`);
      sup.assertClean();
      await sup.context.close();
    });
  }
});
