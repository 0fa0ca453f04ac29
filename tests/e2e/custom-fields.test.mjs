// Custom fields in real Chromium against the real binary: the admin manages a category's fields
// (adds a dropdown with options by keyboard), the customer answers them on the submission form
// (a required dropdown refused beside the field, then answered), the customer's and the agent's
// ticket pages show the answers, and the agent corrects one (a field_changed line in the timeline).
// Desktop and phone, Chinese and English.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer } from '../support/server.mjs';
import { assertFits, launch, openPage, requireBuiltWeb, shot, VIEWPORTS, webDist } from './browser.mjs';

const ADMIN = { email: 'admin.cf@example.com', password: 'admin-cf-pass', name: '管理员 Admin' };
// One agent per language: server-made text (labels, answers) follows the account's language.
const AGENTS = {
  'zh-CN': { email: 'agent.cf.zh@example.com', password: 'agent-cf-pass', name: '李娜', locale: 'zh-CN' },
  en: { email: 'agent.cf.en@example.com', password: 'agent-cf-pass', name: 'Li Na', locale: 'en' },
};
const NUMBER = /^\d{6}-[0-9A-HJKMNP-TV-Z]{6}$/;

const TEXT = {
  'zh-CN': {
    category: '账号与登录', method: '登录方式', phone: '手机号', sms: '短信验证码', wechat: '微信', required: '必填',
    requiredError: '必填。', details: '补充信息', edit: '修改补充信息', save: '保存补充信息', saved: '补充信息已保存。',
    changed: '“登录方式”由“短信验证码”改为“微信”', adminCats: '分类与字段', addField: '添加字段', fieldSaved: '已保存。',
  },
  en: {
    category: 'Account & sign-in', method: 'Sign-in method', phone: 'Phone', sms: 'SMS code', wechat: 'WeChat', required: 'required',
    requiredError: 'Required.', details: 'Details', edit: 'Edit details', save: 'Save details', saved: 'Details saved.',
    changed: 'Sign-in method changed from SMS code to WeChat', adminCats: 'Categories and fields', addField: 'Add field', fieldSaved: 'Saved.',
  },
};

let srv;
let browser;
let adminToken;

async function api(method, path, body, token = adminToken) {
  const res = await fetch(`${srv.api}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

before(async () => {
  requireBuiltWeb();
  srv = await startServer({ args: ['--web-dir', webDist] });
  for (const [who, role] of [[ADMIN, 'admin'], [AGENTS['zh-CN'], 'agent'], [AGENTS.en, 'agent']]) {
    // eslint-disable-next-line no-await-in-loop
    await srv.cli(['user', 'add', '--email', who.email, '--password', who.password, '--name', who.name, '--role', role,
      '--locale', who.locale ?? 'zh-CN']);
  }
  adminToken = (await api('POST', '/auth/login', { email: ADMIN.email, password: ADMIN.password }, null)).token;
  // The example of the demo data: the sign-in category asks how the customer signs in, and a phone.
  await api('POST', '/admin/categories/1/fields', {
    key: 'sign_in_method', type: 'dropdown', label_zh: '登录方式', label_en: 'Sign-in method', required: true,
    options: [
      { value: 'sms_code', label_zh: '短信验证码', label_en: 'SMS code' },
      { value: 'wechat', label_zh: '微信', label_en: 'WeChat' },
      { value: 'password', label_zh: '密码', label_en: 'Password' },
    ],
  });
  await api('POST', '/admin/categories/1/fields', { key: 'phone', type: 'text', label_zh: '手机号', label_en: 'Phone' });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function signIn(page, who, redirect) {
  await page.goto(redirect ? `/login?redirect=${encodeURIComponent(redirect)}` : '/login');
  await page.fill('#login-email', who.email);
  await page.fill('#login-password', who.password);
  await page.locator('form button[type=submit]').click();
}

const RUNS = [
  { tag: 'desktop-zh', viewport: VIEWPORTS.desktop, lang: 'zh-CN' },
  { tag: 'desktop-en', viewport: VIEWPORTS.desktop, lang: 'en' },
  { tag: 'phone-zh', viewport: VIEWPORTS.phone, lang: 'zh-CN' },
  { tag: 'phone-en', viewport: VIEWPORTS.phone, lang: 'en' },
];

describe('custom fields', () => {
  for (const run of RUNS) {
    test(`${run.tag}: customer answers the category's fields, agent sees and corrects them`, async () => {
      const t = TEXT[run.lang];
      const customer = { email: `cf.${run.tag}.${Date.now()}@example.com`, password: 'customer-cf-pass', name: run.lang === 'en' ? 'Alice Chen' : '王小明' };
      await api('POST', '/auth/register', { ...customer, locale: run.lang }, null);

      // --- customer: the form asks the chosen category's fields, in the page's language
      const cust = await openPage(browser, { viewport: run.viewport, locale: run.lang, baseUrl: srv.baseUrl });
      let { page } = cust;
      await signIn(page, customer, '/submit');
      await page.waitForURL('**/submit');
      await page.selectOption('#category', { label: t.category });
      const fieldset = page.getByTestId('category-fields');
      await fieldset.waitFor();
      assert.ok((await fieldset.textContent()).includes(t.details));
      const methodLabel = (await page.locator('label[for=cf-sign_in_method]').textContent()).trim();
      assert.ok(methodLabel.includes(t.method) && methodLabel.includes(t.required), methodLabel);
      assert.equal(await page.locator('#cf-sign_in_method').evaluate((el) => el.tagName), 'SELECT');
      await page.fill('#subject', run.lang === 'en' ? 'No verification code after changing phones' : '换手机后收不到验证码');
      await page.fill('#description', run.lang === 'en' ? 'The SMS code never arrives since I moved to a new phone.' : '换了新手机以后一直收不到短信验证码。');
      await page.fill('#cf-phone', '138 0000 1234');

      // A required dropdown without an answer: refused beside the field, focus goes there.
      await page.locator('#submit-form button[type=submit]').click();
      const methodError = page.locator('#cf-sign_in_method-err');
      await methodError.getByText(t.requiredError).waitFor();
      assert.equal(await page.locator('#cf-sign_in_method').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'cf-sign_in_method');
      await assertFits(page, 'submit form with fields');
      await shot(page, `${run.tag}-cf-submit-error`);

      // Answer by keyboard: the focused select takes the option.
      await page.selectOption('#cf-sign_in_method', 'sms_code');
      await page.locator('#submit-form button[type=submit]').click();
      const number = (await page.getByTestId('ticket-number').textContent()).trim();
      assert.match(number, NUMBER);

      // The customer's ticket page shows the answers.
      await page.goto(`/tickets/${number}`);
      const values = page.getByTestId('custom-field-values');
      await values.waitFor();
      const shown = await values.textContent();
      assert.ok(shown.includes(t.method) && shown.includes(t.sms) && shown.includes('138 0000 1234'), shown);
      await assertFits(page, 'customer ticket page');
      await shot(page, `${run.tag}-cf-customer-ticket`);
      cust.assertClean();
      await cust.context.close();

      // --- agent: sees the answers and corrects the sign-in method
      const agent = await openPage(browser, { viewport: run.viewport, locale: run.lang, baseUrl: srv.baseUrl });
      ({ page } = agent);
      await page.goto('/login');
      await page.selectOption('#lang-select', run.lang);
      await signIn(page, AGENTS[run.lang]);
      await page.waitForURL('**/agent');
      await page.goto(`/agent/tickets/${number}`);
      const card = page.getByTestId('ticket-fields');
      await card.waitFor();
      await card.getByText(t.sms).waitFor();
      await card.getByRole('button', { name: t.edit }).click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'cf-edit-sign_in_method');
      await page.selectOption('#cf-edit-sign_in_method', 'wechat');
      await card.getByRole('button', { name: t.save }).click();
      await page.getByText(t.saved).waitFor();
      await card.getByText(t.wechat).waitFor();
      await page.getByTestId('event').filter({ hasText: t.changed }).waitFor();
      await assertFits(page, 'agent ticket with fields');
      await shot(page, `${run.tag}-cf-agent-ticket`);
      agent.assertClean();
      await agent.context.close();
    });
  }
});

describe('admin: categories and fields', () => {
  for (const run of RUNS) {
    test(`${run.tag}: admin opens the category list and adds a dropdown field with options by keyboard`, async () => {
      const t = TEXT[run.lang];
      const admin = await openPage(browser, { viewport: run.viewport, locale: run.lang, baseUrl: srv.baseUrl });
      const { page } = admin;
      await page.goto('/login');
      await page.selectOption('#lang-select', run.lang);
      await signIn(page, ADMIN);
      await page.waitForURL('**/agent');
      await page.goto('/admin/mail');
      await page.getByTestId('admin-nav-categories').click();
      await page.waitForURL('**/admin/categories');
      const table = page.getByTestId('categories-table');
      await table.waitFor();
      assert.ok((await table.textContent()).includes('账号与登录'));
      await assertFits(page, 'admin categories');
      await shot(page, `${run.tag}-cf-admin-categories`);

      await page.locator('tr[data-category="1"]').getByTestId('manage-fields').click();
      await page.waitForURL('**/admin/categories/1');
      await page.getByTestId('fields-table').waitFor();
      assert.ok((await page.getByTestId('fields-table').textContent()).includes('sign_in_method'));

      // Add a dropdown field with two options, by keyboard only.
      const key = `app_store_${run.tag.replace('-', '_')}`;
      await page.getByTestId('add-field').focus();
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'field-key');
      await page.keyboard.type(key);
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'field-type');
      await page.selectOption('#field-type', 'dropdown');
      await page.locator('#field-label-zh').focus();
      await page.keyboard.type('下载渠道');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Store');
      await page.getByTestId('add-option').focus();
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'opt-value-0');
      await page.keyboard.type('app_store');
      await page.keyboard.press('Tab');
      await page.keyboard.type('苹果应用商店');
      await page.keyboard.press('Tab');
      await page.keyboard.type('App Store');
      await page.getByTestId('add-option').focus();
      await page.keyboard.press('Enter');
      await page.keyboard.type('Bad Value');
      await page.keyboard.press('Tab');
      await page.keyboard.type('应用宝');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Tencent MyApp');
      await assertFits(page, 'field form');
      await shot(page, `${run.tag}-cf-admin-field-form`);

      // The server refuses the bad option value beside its input; fixed, the field is saved.
      admin.expect(/status of 400/);
      await page.getByTestId('save-field').click();
      await page.locator('#opt-value-1[aria-invalid=true]').waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'opt-value-1');
      await page.fill('#opt-value-1', 'myapp');
      await page.getByTestId('save-field').click();
      await page.getByText(t.fieldSaved).waitFor();
      const row = page.locator(`tr[data-field="${key}"]`);
      await row.waitFor();
      assert.ok((await row.textContent()).includes(run.lang === 'en' ? 'App Store / Tencent MyApp' : '苹果应用商店 / 应用宝'));
      await assertFits(page, 'admin fields');
      await shot(page, `${run.tag}-cf-admin-fields`);

      // Removing it (no ticket answered it) deletes it.
      await row.getByRole('button', { name: run.lang === 'en' ? 'Remove' : '删除' }).click();
      await page.getByTestId('confirm-remove').click();
      await row.waitFor({ state: 'detached' });
      admin.assertClean();
      await admin.context.close();
    });
  }
});
