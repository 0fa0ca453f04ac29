// The customer portal and the agent UI end to end, in real Chromium against the real binary:
// desktop and phone, Chinese and English.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer } from '../support/server.mjs';
import { assertFits, fixture, launch, openPage, publish, requireBuiltWeb, shot, VIEWPORTS, webDist } from './browser.mjs';
import { TEXT } from './text.mjs';

const NUMBER = /^\d{6}-[0-9A-HJKMNP-TV-Z]{6}$/;
const AGENT = { email: 'agent.e2e@example.com', password: 'agent-e2e-pass', name: '赵敏 Zhao Min' };

let srv;
let browser;
let seq = 0;
const unique = () => `${Date.now().toString(36)}${++seq}`;

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

/** Switches the UI language with the header's picker and checks that it sticks across a reload. */
async function switchLanguage(page, lang) {
  await page.selectOption('#lang-select', lang);
  await page.getByRole('heading', { level: 1, name: TEXT[lang].helpTitle }).waitFor();
  await page.reload();
  await page.getByRole('heading', { level: 1, name: TEXT[lang].helpTitle }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), lang);
}

const DESCRIPTION = {
  'zh-CN': '从昨天开始，手机上收到的消息在电脑上看不到。\n1. 在手机上收到消息\n2. 打开电脑客户端，会话里没有这条消息',
  en: 'Since yesterday, messages I receive on my phone do not show up on my computer.\n1. Receive a message on the phone\n2. Open the desktop app: the message is missing',
};

async function fillTicket(page, { subject, description = DESCRIPTION.en, urgent = false, file = null }) {
  await page.locator('#category option:not([disabled])').first().waitFor({ state: 'attached' });
  await page.selectOption('#category', { index: 1 });
  await page.fill('#subject', subject);
  await page.fill('#description', description);
  await page.fill('#occurred', '2026-11-24T09:30');
  if (urgent) await page.check('input[name=urgency][value=urgent]');
  // The environment is guessed from the user agent and stays editable.
  assert.equal(await page.inputValue('#env-platform'), 'web');
  assert.notEqual(await page.inputValue('#env-os'), '');
  if (file) await page.setInputFiles('[data-testid=file-input]', file);
}

async function submitAndReadNumber(page) {
  await page.locator('#submit-form button[type=submit]').click();
  const number = (await page.getByTestId('ticket-number').textContent()).trim();
  assert.match(number, NUMBER);
  return number;
}

async function agentAnswers({ viewport, locale, number, reply, note, status, tag }) {
  const agent = await openPage(browser, { viewport, locale, baseUrl: srv.baseUrl });
  const { page } = agent;
  const t = TEXT[locale];
  await page.goto('/login');
  await page.fill('#login-email', AGENT.email);
  await page.fill('#login-password', AGENT.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL('**/agent');
  await page.getByRole('link', { name: t.queue }).waitFor();
  await page.fill('#q', number);
  const row = page.getByTestId('queue-row').filter({ hasText: number });
  await row.waitFor();
  await assertFits(page, 'agent queue');
  await shot(page, `${tag}-agent-queue`);
  await row.getByRole('link').click();
  await page.waitForURL(`**/agent/tickets/${number}`);

  await page.check('[data-testid=internal-toggle]');
  await page.locator('form.reply textarea').fill(note);
  await page.locator('form.reply button[type=submit]').click();
  await page.getByText(t.noteAdded).waitFor();
  await page.locator('.msg-internal', { hasText: note }).waitFor();

  await page.locator('form.reply textarea').fill(reply);
  await page.locator('form.reply button[type=submit]').click();
  await page.getByText(t.replySent).waitFor();
  await page.locator('.msg-agent', { hasText: reply }).waitFor();

  await page.selectOption('#set-status', status);
  await page.getByText(t.agentUpdated).waitFor();
  await assertFits(page, 'agent ticket');
  const agentShot = await shot(page, `${tag}-agent-ticket`);
  if (tag === 'desktop-zh') publish(agentShot, 'agent-ticket-zh-desktop.png');
  agent.assertClean();
  await agent.context.close();
}

const CUSTOMER_RUNS = [
  { tag: 'desktop-zh', viewport: VIEWPORTS.desktop, browserLocale: 'zh-CN', lang: 'zh-CN', agentStatus: 'pending' },
  { tag: 'phone-en', viewport: VIEWPORTS.phone, browserLocale: 'zh-CN', lang: 'en', switchTo: 'en', agentStatus: 'resolved' },
];

describe('signed-in customer and agent', () => {
  for (const run of CUSTOMER_RUNS) {
    test(`${run.tag}: register, submit with a screenshot, agent replies, customer reads it`, async () => {
      const customer = await openPage(browser, { viewport: run.viewport, locale: run.browserLocale, baseUrl: srv.baseUrl });
      const { page } = customer;
      const t = TEXT[run.lang];

      // Help center, in the browser's language; the phone run switches to English in the header.
      await page.goto('/');
      await page.getByRole('heading', { level: 1, name: TEXT[run.browserLocale].helpTitle }).waitFor();
      if (run.switchTo) await switchLanguage(page, run.switchTo);
      await assertFits(page, 'help center');
      const help = await shot(page, `${run.tag}-help`);
      if (run.tag === 'desktop-zh') publish(help, 'help-center-zh-desktop.png');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link');

      // Not signed in: the form recommends an account; register and come back to the form.
      await page.getByTestId('submit-cta').click();
      await page.getByTestId('guest-mode').waitFor();
      await page.locator('.gate').getByRole('link', { name: t.register }).click();
      await page.waitForURL((url) => url.pathname === '/register' && url.searchParams.get('redirect') === '/submit');
      const email = `c${unique()}@example.com`;
      await page.fill('#reg-name', run.lang === 'en' ? 'Alice Chen' : '王小明');
      await page.fill('#reg-email', email);
      await page.fill('#reg-password', 'customer-pass-1');
      await page.locator('form button[type=submit]').click();
      await page.waitForURL('**/submit');

      // Client-side checks name the missing fields.
      await page.locator('#submit-form button[type=submit]').click();
      await page.locator('#subject-err', { hasText: t.required }).waitFor();

      // Each run has its own customer, so plain words suffice (no unique suffix).
      const subject = run.lang === 'en' ? 'Messages do not sync to my computer' : '手机上的消息在电脑上看不到';
      await fillTicket(page, { subject, description: DESCRIPTION[run.lang], urgent: true, file: fixture('screenshot.png') });
      await assertFits(page, 'submit form');
      await shot(page, `${run.tag}-submit-filled`);
      const number = await submitAndReadNumber(page);
      await page.getByRole('button', { name: run.lang === 'en' ? 'Copy' : '复制' }).click();
      await page.getByText(t.copied, { exact: true }).waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), number);
      await assertFits(page, 'success');
      await shot(page, `${run.tag}-submitted`);

      // A second ticket with the same subject: the form points at the open one.
      await page.goto('/submit');
      await page.fill('#subject', subject);
      await page.getByTestId('similar').getByRole('link', { name: new RegExp(number) }).waitFor();

      // My tickets lists it, newest activity first.
      await page.getByRole('link', { name: t.myTickets }).click();
      const row = page.getByTestId('ticket-row').filter({ hasText: number });
      await row.getByText(t.statusNew).waitFor();
      await assertFits(page, 'my tickets');
      await shot(page, `${run.tag}-my-tickets`);

      // The agent answers in a second browser profile: an internal note, a public reply, a status.
      const reply = run.lang === 'en' ? 'Thanks! Which app version is on your computer?' : '您好，请问电脑上安装的是哪个版本的应用？';
      const note = run.lang === 'en' ? 'Sync server eu-2 had a backlog yesterday.' : '昨天同步服务器有积压，可能相关。';
      await agentAnswers({ viewport: run.viewport, locale: run.lang, number, reply, note, status: run.agentStatus, tag: run.tag });

      // The customer reads the reply, never the note.
      await row.getByRole('link').click();
      await page.waitForURL(`**/tickets/${number}`);
      await page.locator('.msg-agent', { hasText: reply }).waitFor();
      assert.equal(await page.getByText(note).count(), 0, 'internal note leaked to the customer');
      const expected = run.agentStatus === 'pending' ? t.statusPending : t.statusResolved;
      await page.getByTestId('ticket-status').getByText(expected).waitFor();
      const thumb = page.locator('img.thumb').first();
      await thumb.waitFor();
      assert.ok(await thumb.evaluate((img) => img.complete && img.naturalWidth > 0), 'thumbnail did not load');
      await assertFits(page, 'ticket page');
      const ticketShot = await shot(page, `${run.tag}-ticket`);
      if (run.tag === 'desktop-zh') publish(ticketShot, 'ticket-page-zh-desktop.png');

      // Resolved: the customer may reopen. Pending: a comment moves it back to open. Closing asks first.
      if (run.agentStatus === 'resolved') {
        await page.getByRole('button', { name: t.reopen }).click();
        await page.getByTestId('ticket-status').getByText(t.statusOpen).waitFor();
      }
      await page.locator('form.reply textarea').fill(run.lang === 'en' ? 'Version 5.2.0 on Android.' : '安卓 5.2.0 版本。');
      await page.locator('form.reply button[type=submit]').click();
      await page.getByText(t.commentSent).waitFor();
      await page.getByTestId('ticket-status').getByText(t.statusOpen).waitFor();
      await page.getByRole('button', { name: t.closeTicket }).click();
      await page.getByRole('button', { name: t.closeYes }).click();
      await page.getByTestId('ticket-status').getByText(t.statusClosed).waitFor();
      await page.getByText(t.closedNote).waitFor();
      await assertFits(page, 'closed ticket');

      // Signing out leaves no way back into the account's pages.
      await page.getByRole('button', { name: t.signOut }).click();
      await page.getByRole('heading', { level: 1, name: t.helpTitle }).waitFor();
      await page.locator('.site-header').getByRole('link', { name: t.signIn }).waitFor(); // logout answered
      await page.goto('/tickets');
      await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('redirect') === '/tickets');

      customer.assertClean();
      await customer.context.close();
    });
  }

  test('desktop: an answer lost on the way and a retry make one ticket (Idempotency-Key)', async () => {
    const customer = await openPage(browser, { viewport: VIEWPORTS.desktop, locale: 'en-US', baseUrl: srv.baseUrl });
    const { page } = customer;
    await page.goto('/register');
    await page.fill('#reg-name', 'Retry Tester');
    await page.fill('#reg-email', `r-${unique()}@example.com`);
    await page.fill('#reg-password', 'customer-pass-1');
    await page.locator('form button[type=submit]').click();
    await page.waitForURL('**/tickets');
    await page.goto('/submit');
    await fillTicket(page, { subject: `Lost answer ${unique()}` });

    // The server gets the first POST and creates the ticket, but the browser never sees the answer.
    const keys = [];
    await page.route('**/api/v1/tickets', async (route) => {
      keys.push(route.request().headers()['idempotency-key']);
      await route.fetch();
      await route.abort('connectionreset');
    }, { times: 1 });
    customer.expect(/net::ERR_CONNECTION_RESET/);
    await page.getByRole('button', { name: 'Submit ticket' }).click();
    await page.getByText('Cannot reach the server').waitFor();
    await page.route('**/api/v1/tickets', async (route) => {
      keys.push(route.request().headers()['idempotency-key']);
      await route.continue();
    });
    const number = await submitAndReadNumber(page);
    await page.unroute('**/api/v1/tickets');
    assert.equal(keys.length, 2);
    assert.ok(keys[0] && keys[0] === keys[1], 'the retry must reuse the Idempotency-Key');

    await page.goto('/tickets');
    await page.getByTestId('ticket-row').first().waitFor();
    assert.equal(await page.getByTestId('ticket-row').count(), 1, 'the retry created a second ticket');
    assert.ok((await page.getByTestId('ticket-row').textContent()).includes(number));
    customer.assertClean();
    await customer.context.close();
  });
});

const GUEST_RUNS = [
  { tag: 'desktop-en', viewport: VIEWPORTS.desktop, browserLocale: 'en-US', lang: 'en' },
  { tag: 'phone-zh', viewport: VIEWPORTS.phone, browserLocale: 'zh-CN', lang: 'zh-CN' },
];

describe('guest', () => {
  for (const run of GUEST_RUNS) {
    test(`${run.tag}: submit as a guest, then look the ticket up by number and email`, async () => {
      const guest = await openPage(browser, { viewport: run.viewport, locale: run.browserLocale, baseUrl: srv.baseUrl });
      const { page } = guest;
      const t = TEXT[run.lang];
      await page.goto('/');
      await page.getByRole('heading', { level: 1, name: t.helpTitle }).waitFor();
      await page.getByTestId('submit-cta').click();
      await page.getByTestId('guest-mode').click();
      await assertFits(page, 'guest form');

      const email = `g${unique()}@example.com`;
      await page.fill('#guest-name', run.lang === 'en' ? 'Guest Lee' : '访客小李');
      await page.fill('#guest-email', email);
      const [subject, description] = run.lang === 'en'
        ? ['No verification code by SMS', 'Since I changed phones, the SMS code to sign in never arrives.']
        : ['收不到短信验证码，无法登录', '换了新手机以后登录，一直收不到短信验证码，已经等了半个小时。'];
      await fillTicket(page, { subject, description, file: fixture('screenshot.png') });
      const form = await shot(page, `${run.tag}-guest-form`);
      if (run.tag === 'phone-zh') publish(form, 'submit-form-zh-360.png');
      const number = await submitAndReadNumber(page);
      await shot(page, `${run.tag}-guest-submitted`);

      // The success view links to the lookup with the number filled in.
      await page.getByTestId('submit-success').getByRole('link', { name: t.lookIt }).click();
      await page.waitForURL('**/lookup?number=*');
      assert.equal(await page.inputValue('#lookup-number'), number);
      await page.fill('#lookup-email', email);
      await page.locator('form button[type=submit]').click();
      await page.getByTestId('lookup-result').getByText(t.statusNew).waitFor();
      await assertFits(page, 'lookup');
      await shot(page, `${run.tag}-lookup`);

      // A typo in the number (the check symbol catches it) reads differently from "not found".
      guest.expect(/status of 400/);
      guest.expect(/status of 404/);
      const last = number.at(-1);
      const typo = number.slice(0, -1) + (last === '0' ? '1' : '0');
      await page.fill('#lookup-number', typo);
      await page.locator('form button[type=submit]').click();
      await page.locator('#lookup-number-err', { hasText: t.typo }).waitFor();
      assert.equal(await page.getAttribute('#lookup-number', 'aria-invalid'), 'true');

      await page.fill('#lookup-number', number);
      await page.fill('#lookup-email', `other-${email}`);
      await page.locator('form button[type=submit]').click();
      await page.getByTestId('lookup-error').getByText(t.notFound).waitFor();
      await shot(page, `${run.tag}-lookup-not-found`);

      guest.assertClean();
      await guest.context.close();
    });
  }
});
