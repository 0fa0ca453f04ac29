// Two agents on one ticket see each other live (viewing, then typing), and the second one's reply
// after the first replied asks for confirmation — in real Chromium against the real binary:
// desktop in Chinese, phone in English.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer } from '../support/server.mjs';
import { Client, createTicket, registerCustomer } from '../api/helpers.mjs';
import { assertFits, launch, openPage, requireBuiltWeb, shot, VIEWPORTS, webDist } from './browser.mjs';

const WANG = { email: 'wang.live@example.com', password: 'wang-live-pass', name: '王芳' };
const LI = { email: 'li.live@example.com', password: 'li-live-pass', name: 'Li Lei' };

const TEXT = {
  'zh-CN': {
    viewing: (n) => `${n} 正在查看`,
    typing: (n) => `${n} 正在输入…`,
    changed: '您打开此工单后，它已有新的变化。',
    changedTitle: '您输入期间，工单有了变化',
    sendAnyway: '仍然发送',
    replySent: '回复已发送。',
  },
  en: {
    viewing: (n) => `${n} is viewing`,
    typing: (n) => `${n} is typing…`,
    changed: 'This ticket has changed since you opened it.',
    changedTitle: 'The ticket changed while you were writing',
    sendAnyway: 'Send anyway',
    replySent: 'Reply sent.',
  },
};

let srv;
let browser;
let customer;

before(async () => {
  requireBuiltWeb();
  srv = await startServer({ args: ['--web-dir', webDist] });
  for (const a of [WANG, LI]) {
    await srv.cli(['user', 'add', '--email', a.email, '--password', a.password, '--name', a.name, '--role', 'agent']);
  }
  customer = await registerCustomer(srv, { name: 'Live Customer' });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function wangApi() {
  const login = await new Client(srv).post('/auth/login', { email: WANG.email, password: WANG.password });
  return new Client(srv).withToken(login.json.token);
}

/** A signed-in agent's browser on the ticket's page. */
async function agentOn(agent, { viewport, locale, number }) {
  const tab = await openPage(browser, { viewport, locale, baseUrl: srv.baseUrl });
  const { page } = tab;
  await page.goto('/login');
  await page.fill('#login-email', agent.email);
  await page.fill('#login-password', agent.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL('**/agent');
  await page.goto(`/agent/tickets/${number}`);
  await page.locator('form.reply textarea').waitFor();
  return tab;
}

const runs = [
  { tag: 'desktop-zh', viewport: VIEWPORTS.desktop, locale: 'zh-CN' },
  { tag: 'phone-en', viewport: VIEWPORTS.phone, locale: 'en' },
];

describe('the queue', () => {
  test('shows a new ticket and its changes without a reload', async () => {
    const tab = await openPage(browser, { viewport: VIEWPORTS.desktop, locale: 'zh-CN', baseUrl: srv.baseUrl });
    const { page } = tab;
    await page.goto('/login');
    await page.fill('#login-email', WANG.email);
    await page.fill('#login-password', WANG.password);
    await page.locator('form button[type=submit]').click();
    await page.waitForURL('**/agent');
    await page.locator('table.queue, p[role=status]').first().waitFor(); // the queue (empty) has loaded
    const subject = `Arrives live ${Date.now()}`;
    const ticket = await createTicket(customer.api, { subject });
    const row = page.getByTestId('queue-row').filter({ hasText: ticket.number });
    await row.waitFor({ timeout: 5000 });
    const p = await wangApi().then((api) => api.patch(`/agent/tickets/${ticket.number}`, { priority: 'urgent' }));
    assert.equal(p.status, 200);
    await row.locator('.priority-urgent').waitFor({ timeout: 5000 });
    tab.assertClean();
    await tab.context.close();
  });
});

describe('two agents on one ticket', () => {
  for (const run of runs) {
    test(`${run.tag}: see each other viewing and typing; a reply after the other's asks first`, async () => {
      const t = TEXT[run.locale];
      const ticket = await createTicket(customer.api, { subject: `Live ${run.tag} ${Date.now()}` });
      const wang = await agentOn(WANG, { ...run, number: ticket.number });
      const li = await agentOn(LI, { ...run, number: ticket.number });
      // Chromium logs every non-2xx answer; this 409 ticket_changed is the protocol's question.
      li.expect(/409 \(Conflict\) @ .*\/api\/v1\/agent\/tickets\/.*\/messages/);
      const wangBar = wang.page.getByTestId('presence');
      const liBar = li.page.getByTestId('presence');

      // Viewing: each sees the other, not themselves.
      await wangBar.getByText(t.viewing(LI.name)).waitFor();
      await liBar.getByText(t.viewing(WANG.name)).waitFor();
      assert.equal(await wangBar.getByText(WANG.name).count(), 0);

      // Typing: 李雷 writes, 王芳 is warned; it stops when he leaves the box.
      await li.page.locator('form.reply textarea').pressSequentially('I can take this one', { delay: 10 });
      await wangBar.getByText(t.typing(LI.name)).waitFor();
      await assertFits(wang.page, 'ticket with presence');
      await shot(wang.page, `${run.tag}-live-presence-typing`);
      await li.page.locator('#set-priority').focus(); // blur the reply box
      await wangBar.getByText(t.viewing(LI.name)).waitFor();

      // 王芳 replies first; 李雷's page learns the ticket changed.
      await wang.page.locator('form.reply textarea').fill('您好，我们正在处理。');
      await wang.page.locator('form.reply button[type=submit]').click();
      await wang.page.getByText(t.replySent).waitFor();
      await li.page.getByTestId('ticket-changed').getByText(t.changed).waitFor();
      await assertFits(li.page, 'changed notice');
      await shot(li.page, `${run.tag}-live-changed-notice`);

      // 李雷 sends what he typed without reloading: he is asked, and sees what changed.
      await li.page.locator('form.reply button[type=submit]').click();
      const prompt = li.page.getByTestId('changed-prompt');
      await prompt.getByRole('heading', { name: t.changedTitle }).waitFor();
      await prompt.getByText('您好，我们正在处理。').waitFor();
      await assertFits(li.page, 'changed prompt');
      await shot(li.page, `${run.tag}-live-changed-prompt`);
      assert.equal(await li.page.locator('.msg-agent', { hasText: 'I can take this one' }).count(), 0);
      await prompt.getByRole('button', { name: t.sendAnyway }).click();
      await li.page.getByText(t.replySent).waitFor();
      await li.page.locator('.msg-agent', { hasText: 'I can take this one' }).waitFor();
      await wang.page.getByTestId('ticket-changed').waitFor(); // and now 王芳's page lags

      const detail = await (await wangApi()).get(`/agent/tickets/${ticket.number}`);
      assert.deepEqual(detail.json.messages.slice(1).map((m) => m.body), ['您好，我们正在处理。', 'I can take this one']);

      // 李雷 closes his tab: 王芳 sees him leave.
      await li.context.close();
      await wangBar.getByText(LI.name).waitFor({ state: 'detached' });
      await shot(wang.page, `${run.tag}-live-alone`);

      wang.assertClean();
      li.assertClean();
      await wang.context.close();
    });
  }
});
