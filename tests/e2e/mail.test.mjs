// The mail pages of issue 5 in real Chromium against the real binary: the admin's outbox and
// settings, the neutral answers of the forms that send mail, and a mailed link that no longer works.
// Desktop and phone, Chinese and English. Flows that need a real mailed token are API tests.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer } from '../support/server.mjs';
import { assertFits, launch, openPage, publish, requireBuiltWeb, shot, VIEWPORTS, webDist } from './browser.mjs';
import { TEXT } from './text.mjs';

const ADMIN = { email: 'admin.e2e@example.com', password: 'admin-e2e-pass', name: '钱多多 Qian' };
const GUEST = { email: 'guest.mail.e2e@example.com', name: '孙小美 Sun' };

let srv;
let browser;
let number; // a guest ticket, so the outbox has its confirmation mail

before(async () => {
  requireBuiltWeb();
  srv = await startServer({ args: ['--web-dir', webDist] });
  await srv.cli(['user', 'add', '--email', ADMIN.email, '--password', ADMIN.password, '--name', ADMIN.name, '--role', 'admin']);
  const categories = await (await fetch(`${srv.api}/categories`)).json();
  const res = await fetch(`${srv.api}/tickets`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `mail-e2e-${Date.now()}` },
    body: JSON.stringify({
      category_id: categories.items[0].id,
      subject: '收不到验证码 / No verification code',
      description: 'The SMS code never arrives.',
      guest: GUEST,
    }),
  });
  const body = await res.text();
  assert.equal(res.status, 201, body);
  number = JSON.parse(body).ticket.number;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

const RUNS = [
  { tag: 'desktop-zh', viewport: VIEWPORTS.desktop, lang: 'zh-CN', doc: 'zh-desktop', smtpPort: 2525 },
  { tag: 'desktop-en', viewport: VIEWPORTS.desktop, lang: 'en', smtpPort: 2526 },
  { tag: 'phone-zh', viewport: VIEWPORTS.phone, lang: 'zh-CN', smtpPort: 2527 },
  { tag: 'phone-en', viewport: VIEWPORTS.phone, lang: 'en', doc: 'en-360', smtpPort: 2528 },
];

/** Screenshot into tests/e2e/screenshots/, and for two of the runs also into docs/screenshots/. */
async function picture(page, run, name) {
  const path = await shot(page, `${run.tag}-${name}`);
  if (run.doc) publish(path, `${name}-${run.doc}.png`);
}

describe('admin mail pages', () => {
  for (const run of RUNS) {
    test(`${run.tag}: admin sees the outbox, moves through the tabs by keyboard and saves SMTP settings`, async () => {
      const admin = await openPage(browser, { viewport: run.viewport, locale: run.lang, baseUrl: srv.baseUrl });
      const { page } = admin;
      const t = TEXT[run.lang];

      await page.goto('/login');
      await page.fill('#login-email', ADMIN.email);
      await page.fill('#login-password', ADMIN.password);
      await page.locator('form button[type=submit]').click();
      await page.waitForURL('**/agent');
      await page.getByRole('link', { name: t.admin, exact: true }).click();
      await page.waitForURL('**/admin/mail');

      // Outbox: the guest's confirmation mail is listed with its kind, recipient and ticket.
      const outboxTab = page.getByRole('tab', { name: t.tabOutbox });
      assert.equal(await outboxTab.getAttribute('aria-selected'), 'true');
      await page.getByTestId('outbox-table').waitFor();
      const row = page.getByTestId('outbox-row').filter({ hasText: GUEST.email }).first();
      await row.waitFor();
      const rowText = await row.textContent();
      assert.ok(rowText.includes(t.kindConfirmation), rowText);
      assert.ok(rowText.includes(number), rowText);
      await assertFits(page, 'admin outbox');
      await picture(page, run, 'admin-mail-outbox');

      // The tab list is one tab stop; arrow keys move and activate.
      await outboxTab.focus();
      await page.keyboard.press('ArrowRight');
      const settingsTab = page.getByRole('tab', { name: t.tabSettings });
      assert.equal(await settingsTab.getAttribute('aria-selected'), 'true');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-settings');

      // Settings: the password is write-only; after saving, the form says one is stored.
      const url = `smtp://127.0.0.1:${run.smtpPort}`; // nothing listens: mail waits, as in an outage
      await page.locator('#smtp-url').waitFor();
      await page.fill('#smtp-url', url);
      await page.fill('#smtp-username', 'mailer');
      await page.fill('#smtp-password', 'smtp-e2e-secret');
      await page.fill('#smtp-from-email', 'support@example.com');
      await page.fill('#smtp-from-name', run.lang === 'en' ? 'Gongdan Support' : '工单客服');
      await page.locator('[data-testid=mail-settings] button[type=submit]').click();
      await page.getByText(t.settingsSaved).waitFor();
      assert.equal(await page.inputValue('#smtp-password'), '');
      assert.ok((await page.getByTestId('smtp-password-hint').textContent()).includes(t.passwordSet));
      await assertFits(page, 'admin settings');
      await picture(page, run, 'admin-mail-settings');

      // Saved for real: a reload shows the stored URL.
      await page.reload();
      await page.getByRole('tab', { name: t.tabSettings }).click();
      await page.locator('#smtp-url').waitFor();
      assert.equal(await page.inputValue('#smtp-url'), url);

      await page.getByRole('tab', { name: t.tabSettings }).focus();
      await page.keyboard.press('End');
      assert.equal(await page.getByRole('tab', { name: t.tabTemplates }).getAttribute('aria-selected'), 'true');
      await page.getByTestId('templates-table').waitFor();
      await assertFits(page, 'admin templates');
      await picture(page, run, 'admin-mail-templates');

      admin.assertClean();
      await admin.context.close();
    });
  }
});

describe('forms that send mail answer the same whatever the address', () => {
  for (const run of RUNS) {
    test(`${run.tag}: forgot ticket numbers, email me a sign-in link`, async () => {
      const visitor = await openPage(browser, { viewport: run.viewport, locale: run.lang, baseUrl: srv.baseUrl });
      const { page } = visitor;
      const t = TEXT[run.lang];

      await page.goto('/lookup');
      await page.getByRole('link', { name: t.forgotLink }).click();
      await page.waitForURL('**/forgot');
      await page.fill('#forgot-email', `nobody.${run.tag}@example.com`);
      await page.locator('form button[type=submit]').click();
      await page.getByText(t.forgotSent).waitFor();
      await assertFits(page, 'forgot numbers');
      await picture(page, run, 'forgot-numbers');

      await page.goto('/login');
      await page.fill('#login-email', `nobody.${run.tag}@example.com`);
      await page.getByRole('button', { name: t.mailSignInLink }).click();
      await page.getByText(t.signInLinkSent).waitFor();
      await assertFits(page, 'login with mail link');

      visitor.assertClean();
      await visitor.context.close();
    });
  }
});

describe('a mailed link that no longer works', () => {
  for (const run of RUNS) {
    test(`${run.tag}: /tickets/{n}#link=bogus explains it and leads to a new link`, async () => {
      const visitor = await openPage(browser, { viewport: run.viewport, locale: run.lang, baseUrl: srv.baseUrl });
      const { page } = visitor;
      const t = TEXT[run.lang];
      visitor.expect(/status of 401/); // the server's link_invalid answer, asked for on purpose

      await page.goto(`/tickets/${number}#link=bogus-token-${run.tag}`);
      await page.getByRole('heading', { level: 1, name: t.linkInvalid }).waitFor();
      assert.ok(!page.url().includes('#'), `the token left the address bar: ${page.url()}`);
      await assertFits(page, 'expired link');
      await picture(page, run, 'ticket-link-expired');

      // The way out: the lookup page, number filled in, where a new link can be mailed.
      await page.getByRole('link', { name: t.requestNewLink }).click();
      await page.waitForURL(/\/lookup\?number=/);
      assert.equal(await page.inputValue('#lookup-number'), number);
      await page.fill('#lookup-email', GUEST.email);
      await page.getByRole('button', { name: t.mailLinkInstead }).click();
      await page.getByText(t.linkSent).waitFor();
      await assertFits(page, 'lookup, link requested');

      // A sign-in link that does not work says so, with the way to a new one.
      await page.goto(`/auth/link#token=bogus-${run.tag}`);
      await page.getByRole('heading', { level: 1, name: t.signInLinkInvalid }).waitFor();
      assert.ok(!page.url().includes('#'), `the token left the address bar: ${page.url()}`);
      await assertFits(page, 'sign-in link expired');
      await picture(page, run, 'sign-in-link-expired');

      visitor.assertClean();
      await visitor.context.close();
    });
  }
});
