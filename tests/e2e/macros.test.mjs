// Macros in the browser: an agent writes a personal macro on the macros page, picks it on a ticket
// with the keyboard, sees the reply filled in and the pending changes as chips, and sends it; the
// customer reads the reply with their own name. Desktop in Chinese, phone in English.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer } from '../support/server.mjs';
import { Client, createTicket, registerCustomer } from '../api/helpers.mjs';
import { assertFits, launch, openPage, requireBuiltWeb, shot, VIEWPORTS, webDist } from './browser.mjs';

const AGENT = { email: 'agent.macros@example.com', password: 'agent-macros-pass', name: '李娜 Li Na' };

const TEXT = {
  'zh-CN': {
    title: '快捷回复', newMacro: '新建快捷回复', saved: '快捷回复已保存。', replySent: '回复已发送。',
    pendingChip: '状态 → 等待用户回复', priorityChip: '优先级 → 高', waiting: '等待用户回复', customerPending: '等待您回复',
    macroTitle: '请提供日志', body: '您好，请导出日志并回复工单 ', typo: '无法识别的占位符', customer: '王小明',
    applied: '已使用快捷回复「请提供日志」',
  },
  en: {
    title: 'Macros', newMacro: 'New macro', saved: 'Macro saved.', replySent: 'Reply sent.',
    pendingChip: 'Status → Waiting for customer', priorityChip: 'Priority → High', waiting: 'Waiting for customer',
    customerPending: 'Waiting for you', macroTitle: 'Ask for logs', body: ', please export the logs and reply to ticket ',
    typo: 'Unknown placeholder', customer: 'Alice Chen', applied: 'Macro “Ask for logs” applied',
  },
};

let srv;
let browser;

before(async () => {
  requireBuiltWeb();
  srv = await startServer({ args: ['--web-dir', webDist] });
  await srv.cli(['user', 'add', '--email', AGENT.email, '--password', AGENT.password, '--name', AGENT.name, '--role', 'agent']);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function signIn(page, email, password) {
  await page.goto('/login');
  await page.fill('#login-email', email);
  await page.fill('#login-password', password);
  await page.locator('form button[type=submit]').click();
}

const RUNS = [
  { tag: 'desktop-zh', viewport: VIEWPORTS.desktop, lang: 'zh-CN' },
  { tag: 'phone-en', viewport: VIEWPORTS.phone, lang: 'en' },
];

describe('macros in the browser', () => {
  for (const run of RUNS) {
    test(`${run.tag}: write a macro, apply it on a ticket, the customer reads it`, async () => {
      const t = TEXT[run.lang];
      const customer = await registerCustomer(srv, { name: t.customer, locale: run.lang });
      const ticket = await createTicket(customer.api, { subject: run.lang === 'en' ? 'No verification code' : '收不到验证码' });
      const title = `${t.macroTitle}`;

      const agent = await openPage(browser, { viewport: run.viewport, locale: run.lang, baseUrl: srv.baseUrl });
      const { page } = agent;
      await page.addInitScript((lang) => localStorage.setItem('gd_locale', lang), run.lang);
      await signIn(page, AGENT.email, AGENT.password);
      await page.waitForURL('**/agent');

      // The macros page: a typo in a placeholder is caught as typed, the buttons insert real ones.
      await page.getByRole('link', { name: t.title, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: t.title }).waitFor();
      await page.getByTestId('new-macro').click();
      await page.fill('#macro-title', title);
      await page.fill('#macro-body', '{{customer.nmae}}');
      await page.getByText(t.typo).waitFor();
      await page.fill('#macro-body', '');
      await page.locator('.tokens button', { hasText: '{{customer.name}}' }).click();
      await page.locator('#macro-body').press('End');
      await page.keyboard.type(t.body);
      await page.locator('.tokens button', { hasText: '{{ticket.number}}' }).click();
      await page.selectOption('#macro-status', 'pending');
      await page.selectOption('#macro-priority', 'high');
      await page.fill('#macro-tags', 'Logs');
      await assertFits(page, 'macro editor');
      await shot(page, `${run.tag}-macro-editor`);
      await page.getByTestId('save-macro').click();
      await page.getByText(t.saved).waitFor();
      await page.getByTestId('macro-row').filter({ hasText: title }).waitFor();
      await assertFits(page, 'macros page');
      await shot(page, `${run.tag}-macros-page`);

      // The ticket: find the macro by typing, choose it with the keyboard.
      await page.goto(`/agent/tickets/${ticket.number}`);
      const search = page.getByTestId('macro-search');
      await search.click();
      await search.fill(title.slice(0, 3));
      await page.getByTestId('macro-option').filter({ hasText: title }).waitFor();
      await search.press('ArrowDown');
      await search.press('ArrowUp');
      await search.press('Enter');
      const expected = `${t.customer}${t.body}${ticket.number}`;
      const box = page.locator('form.reply textarea');
      await page.waitForFunction((text) => document.querySelector('form.reply textarea')?.value === text, expected);
      assert.equal(await box.evaluate((el) => el === document.activeElement), true, 'the cursor is in the reply box');
      const chips = page.getByTestId('macro-chip');
      await chips.filter({ hasText: t.pendingChip }).waitFor();
      await chips.filter({ hasText: t.priorityChip }).waitFor();
      await chips.filter({ hasText: 'logs' }).waitFor();
      await assertFits(page, 'agent ticket with a macro');
      await shot(page, `${run.tag}-macro-picked`);

      await page.locator('form.reply button[type=submit]').click();
      await page.getByText(t.replySent).waitFor();
      await page.locator('.msg-agent', { hasText: expected }).waitFor();
      await page.getByText(t.applied).waitFor();
      assert.equal(await page.inputValue('#set-status'), 'pending');
      assert.equal(await page.inputValue('#set-priority'), 'high');
      assert.equal(await chips.count(), 0, 'the chips are gone once sent');
      await shot(page, `${run.tag}-macro-sent`);
      agent.assertClean();
      await agent.context.close();

      // The customer sees the reply addressed to them by name, and the new status.
      const cust = await openPage(browser, { viewport: run.viewport, locale: run.lang, baseUrl: srv.baseUrl });
      await cust.page.addInitScript((lang) => localStorage.setItem('gd_locale', lang), run.lang);
      await signIn(cust.page, customer.email, customer.password);
      await cust.page.waitForURL('**/tickets**');
      await cust.page.goto(`/tickets/${ticket.number}`);
      await cust.page.locator('.msg-agent', { hasText: expected }).waitFor();
      await cust.page.getByText(t.customerPending).first().waitFor();
      assert.equal(await cust.page.getByText(t.applied).count(), 0, 'customers do not see which macro');
      await assertFits(cust.page, 'customer ticket');
      await shot(cust.page, `${run.tag}-macro-customer`);
      cust.assertClean();
      await cust.context.close();

      const api = new Client(srv).withToken(customer.token);
      const page2 = await api.get(`/tickets/${ticket.number}`);
      assert.equal(page2.json.ticket.status, 'pending');
      const login = await new Client(srv).post('/auth/login', { email: AGENT.email, password: AGENT.password });
      const staffView = await new Client(srv).withToken(login.json.token).get(`/agent/tickets/${ticket.number}`);
      assert.deepEqual(staffView.json.ticket.tags, ['logs'], 'the macro tagged the ticket');
    });
  }
});
