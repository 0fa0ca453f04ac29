// The automation-rules admin page in real Chromium: the shipped rules listed in order, a new rule
// written with the keyboard-reachable form, moved up, switched off; a looping rule refused with the
// message beside its actions. A 360 px phone in Chinese and a desktop in English.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer } from '../support/server.mjs';
import { assertFits, launch, openPage, requireBuiltWeb, shot, VIEWPORTS, webDist } from './browser.mjs';

const ADMIN = { email: 'admin.rules.e2e@example.com', password: 'admin-e2e-pass', name: '钱多多 Qian' };

let srv;
let browser;

before(async () => {
  requireBuiltWeb();
  srv = await startServer({ args: ['--web-dir', webDist] });
  await srv.cli(['user', 'add', '--email', ADMIN.email, '--password', ADMIN.password, '--name', ADMIN.name, '--role', 'admin']);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

const RUNS = [
  { tag: 'phone-zh', viewport: VIEWPORTS.phone, lang: 'zh-CN', text: { nav: '规则', save: '保存规则', add: '新建规则', off: '已停用', name: '名称' } },
  { tag: 'desktop-en', viewport: VIEWPORTS.desktop, lang: 'en', text: { nav: 'Rules', save: 'Save rule', add: 'New rule', off: 'Inactive', name: 'Name' } },
];

describe('automation rules page', () => {
  for (const run of RUNS) {
    test(`${run.tag}: list, create, move, deactivate, and a refused loop`, async () => {
      const { page } = await openPage(browser, { viewport: run.viewport, locale: run.lang, baseUrl: srv.baseUrl });
      const t = run.text;
      await page.goto('/login');
      await page.fill('#login-email', ADMIN.email);
      await page.fill('#login-password', ADMIN.password);
      await page.locator('form button[type=submit]').click();
      await page.waitForURL('**/agent');
      // The admin area's navigation leads to the rules page.
      await page.goto('/admin/users');
      await page.getByRole('link', { name: t.nav, exact: true }).click();
      await page.waitForURL('**/admin/rules');
      const list = page.getByTestId('rule-list');
      await list.waitFor();
      const before = await list.locator('li').count();
      assert.ok(before >= 2);
      assert.ok((await list.locator('li').first().textContent()).includes('闪退'));
      await assertFits(page, 'rule list');
      await shot(page, `rules-${run.tag}-list`);

      // A new rule: keyword 退款 → high priority and a tag.
      const name = `退款 refund ${run.tag}`;
      await page.getByTestId('rule-add').click();
      await page.getByLabel(t.name, { exact: true }).fill(name);
      await page.fill('#rule-keywords', '退款\nrefund');
      await page.selectOption('#rule-priority', 'high');
      await page.fill('#rule-tags', 'refund');
      await assertFits(page, 'rule form');
      await shot(page, `rules-${run.tag}-form`);
      await page.getByTestId('rule-save').click();
      const added = list.locator('li').filter({ hasText: name });
      await added.waitFor();
      assert.equal(await list.locator('li').count(), before + 1);

      // Move it up one place, then switch it off.
      await added.getByRole('button', { name: new RegExp(run.lang === 'en' ? 'up' : '上移') }).click();
      await page.waitForFunction((n) => {
        const items = [...document.querySelectorAll('[data-testid=rule-list] li')];
        return items.length > 1 && items[items.length - 2].textContent.includes(n);
      }, name);
      await added.getByRole('checkbox').click();
      await added.getByText(t.off).waitFor();

      // A rule that keeps its own condition true on every change is refused; nothing is added.
      await page.getByTestId('rule-add').click();
      await page.getByLabel(t.name, { exact: true }).fill(`loop ${run.tag}`);
      await page.selectOption('#rule-event', 'updated');
      await page.locator('.choices').filter({ has: page.locator('input[value=urgent]') }).locator('input[value=urgent]').check();
      await page.selectOption('#rule-priority', 'urgent');
      await page.getByTestId('rule-save').click();
      await page.locator('#rule-actions-err .field-error').waitFor();
      await shot(page, `rules-${run.tag}-loop`);
      await page.getByRole('button', { name: run.lang === 'en' ? 'Cancel' : '取消' }).click();
      assert.equal(await list.locator('li').count(), before + 1);
      await page.close();
    });
  }
});
