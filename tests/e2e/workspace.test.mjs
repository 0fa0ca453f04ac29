// The agent workspace end to end, in real Chromium against the real binary, desktop Chinese and
// phone English: a customer submits a ticket; an agent finds it in "unassigned", takes it, tags
// it, answers and solves it; it moves to "recently solved" and the customer reads the answer; an
// admin creates a group with a member.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer } from '../support/server.mjs';
import { assertFits, launch, openPage, requireBuiltWeb, shot, VIEWPORTS, webDist } from './browser.mjs';

const AGENT = { email: 'ws.agent@example.com', password: 'agent-e2e-pass', name: '李娜 Li Na' };
const ADMIN = { email: 'ws.admin@example.com', password: 'admin-e2e-pass', name: '管理员 Admin' };

// Visible words this test looks for, per language.
const W = {
  'zh-CN': {
    assignedToMe: '已分配给 李娜 Li Na', taken: '已分配给您。', tagAdded: '添加标签：闪退', replySent: '回复已发送。',
    updated: '工单已更新。', resolvedEvent: '状态由“处理中”变为“已解决”', changed: '已修改 1 个工单。',
    groupCreated: (n) => `已创建组“${n}”。`,
  },
  en: {
    assignedToMe: 'Assigned to 李娜 Li Na', taken: 'Assigned to you.', tagAdded: 'Tag added: 闪退', replySent: 'Reply sent.',
    updated: 'Ticket updated.', resolvedEvent: 'Status changed from Open to Resolved', changed: '1 ticket(s) changed.',
    groupCreated: (n) => `Group “${n}” created.`,
  },
};

let srv;
let browser;
let seq = 0;
const unique = () => `${Date.now().toString(36)}${++seq}`;

before(async () => {
  requireBuiltWeb();
  srv = await startServer({ args: ['--web-dir', webDist] });
  for (const [who, role] of [[AGENT, 'agent'], [ADMIN, 'admin']]) {
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
  await page.waitForURL((url) => url.pathname !== '/login');
}

/** A new customer registers and submits a ticket through the portal; returns its number. */
async function customerSubmits(page, subject) {
  await page.goto('/register?redirect=/submit');
  await page.fill('#reg-name', '王小明 Wang');
  await page.fill('#reg-email', `ws-${unique()}@example.com`);
  await page.fill('#reg-password', 'customer-pass-1');
  await page.locator('form button[type=submit]').click();
  await page.waitForURL('**/submit');
  await page.locator('#category option:not([disabled])').first().waitFor({ state: 'attached' });
  await page.selectOption('#category', { index: 1 });
  await page.fill('#subject', subject);
  await page.fill('#description', 'The app crashes when I open a chat with a video in it.');
  await page.locator('#submit-form button[type=submit]').click();
  const number = (await page.getByTestId('ticket-number').textContent()).trim();
  assert.match(number, /^\d{6}-[0-9A-Z]{6}$/);
  return number;
}

const RUNS = [
  { tag: 'desktop-zh', viewport: VIEWPORTS.desktop, locale: 'zh-CN' },
  { tag: 'phone-en', viewport: VIEWPORTS.phone, locale: 'en' },
];

describe('agent workspace', () => {
  for (const run of RUNS) {
    test(`${run.tag}: unassigned → mine, tagged, answered, solved; admin groups`, async () => {
      const w = W[run.locale];
      const customer = await openPage(browser, { viewport: run.viewport, locale: run.locale, baseUrl: srv.baseUrl });
      const subject = run.locale === 'en' ? `Crash opening video chats ${unique()}` : `打开视频会话闪退 ${unique()}`;
      const number = await customerSubmits(customer.page, subject);

      const agent = await openPage(browser, { viewport: run.viewport, locale: run.locale, baseUrl: srv.baseUrl });
      const { page } = agent;
      await signIn(page, AGENT);
      await page.waitForURL('**/agent');

      // The "unassigned" view lists it; the view is in the URL, so a reload keeps it.
      await page.getByTestId('view-unassigned').click();
      await page.waitForURL((url) => url.searchParams.get('view') === 'unassigned');
      const row = page.getByTestId('queue-row').filter({ hasText: number });
      await row.waitFor();
      await page.reload();
      await row.waitFor();
      assert.equal(await page.getByTestId('view-unassigned').getAttribute('aria-current'), 'page');
      // The sort lands in the URL too.
      // Phones keep all but the search box behind a button.
      if (!(await page.locator('#f-sort').isVisible())) await page.locator('[aria-controls=more-filters]').click();
      await page.selectOption('#f-sort', 'due');
      await page.waitForURL((url) => url.searchParams.get('sort') === 'due');
      await row.waitFor();
      // Typing a search keeps the keyboard in the box while the URL follows.
      await page.locator('#q').pressSequentially(number, { delay: 20 });
      await page.waitForURL((url) => url.searchParams.get('q') === number);
      await row.waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'q');
      await assertFits(page, 'queue');
      await shot(page, `${run.tag}-ws-queue`);

      // Bulk bar: check the row, raise the priority.
      await row.locator('input[type=checkbox]').check();
      await page.selectOption('#bulk-priority', 'high');
      await page.getByTestId('bulk-apply').click();
      await page.getByText(w.changed).waitFor();
      await assertFits(page, 'queue with bulk result');

      // Open the ticket, take it, tag it, answer it, solve it.
      await row.getByRole('link').click();
      await page.waitForURL(`**/agent/tickets/${number}`);
      await page.getByTestId('assign-me').click();
      await page.getByText(w.taken).waitFor();
      await page.getByTestId('event').filter({ hasText: w.assignedToMe }).waitFor();
      assert.equal(await page.locator('#as-assignee option:checked').textContent(), AGENT.name);

      await page.fill('#tag-input', '闪退');
      await page.press('#tag-input', 'Enter');
      await page.getByTestId('tag-chip').filter({ hasText: '闪退' }).waitFor();
      await page.getByTestId('event').filter({ hasText: w.tagAdded }).waitFor();

      const reply = run.locale === 'en' ? 'Fixed in 5.3.1 — please update the app.' : '已在 5.3.1 版本修复，请更新应用。';
      await page.locator('form.reply textarea').fill(reply);
      await page.locator('form.reply button[type=submit]').click();
      await page.getByText(w.replySent).waitFor();
      await page.locator('.msg-agent', { hasText: reply }).waitFor();
      await page.selectOption('#set-status', 'resolved');
      await page.getByText(w.updated).waitFor();
      await page.getByTestId('event').filter({ hasText: w.resolvedEvent }).waitFor();
      await assertFits(page, 'agent ticket');
      await shot(page, `${run.tag}-ws-ticket`);

      // Back in the queue it is among the recently solved, assigned to the agent.
      await page.goto('/agent?view=recently_solved');
      const solved = page.getByTestId('queue-row').filter({ hasText: number });
      await solved.getByTestId('row-assignee').getByText(AGENT.name).waitFor();
      await shot(page, `${run.tag}-ws-solved`);

      // The away toggle in the header survives a reload (the server keeps it).
      const savedMe = () => page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH');
      await Promise.all([savedMe(), page.getByTestId('away-toggle').check()]);
      await page.reload();
      await page.getByTestId('queue-row').first().waitFor();
      assert.equal(await page.getByTestId('away-toggle').isChecked(), true);
      await Promise.all([savedMe(), page.getByTestId('away-toggle').uncheck()]);
      agent.assertClean();
      await agent.context.close();

      // The customer reads the answer.
      await customer.page.goto(`/tickets/${number}`);
      await customer.page.locator('.msg-agent', { hasText: reply }).waitFor();
      customer.assertClean();
      await customer.context.close();

      // An admin creates a group with the agent as its member.
      const admin = await openPage(browser, { viewport: run.viewport, locale: run.locale, baseUrl: srv.baseUrl });
      await signIn(admin.page, ADMIN);
      await admin.page.goto('/admin/users');
      await admin.page.getByTestId('user-row').filter({ hasText: AGENT.email }).waitFor();
      await assertFits(admin.page, 'admin users');
      await shot(admin.page, `${run.tag}-admin-users`);
      await admin.page.getByTestId('admin-nav-groups').click();
      await admin.page.waitForURL('**/admin/groups');
      const name = run.locale === 'en' ? `Video ${unique()}` : `视频组 ${unique()}`;
      await admin.page.fill('#grp-name', name);
      await admin.page.locator('input[name=grp-mode][value=round_robin]').check();
      await admin.page.locator('label.choice', { hasText: AGENT.name }).locator('input[type=checkbox]').check();
      await admin.page.getByTestId('save-group').click();
      await admin.page.getByText(w.groupCreated(name)).waitFor();
      const item = admin.page.getByTestId('group-item').filter({ hasText: name });
      await item.getByText(AGENT.name).waitFor();
      await assertFits(admin.page, 'admin groups');
      await shot(admin.page, `${run.tag}-admin-groups`);
      admin.assertClean();
      await admin.context.close();
    });
  }

  // The search box applies what was typed after a pause. An agent who opens a ticket within that
  // pause must land on the ticket, not be pulled back to the queue by the search applying while the
  // ticket page's code is still on its way (slowed down here so the pause ends first).
  test('desktop: a ticket opened while a typed search waits to apply stays open', async () => {
    const customer = await openPage(browser, { viewport: VIEWPORTS.desktop, locale: 'en', baseUrl: srv.baseUrl });
    const number = await customerSubmits(customer.page, `Search race ${unique()}`);
    await customer.context.close();

    const agent = await openPage(browser, { viewport: VIEWPORTS.desktop, locale: 'en', baseUrl: srv.baseUrl });
    const { page } = agent;
    await signIn(page, AGENT);
    await page.goto('/agent?view=open');
    const row = page.getByTestId('queue-row').filter({ hasText: number });
    await row.waitFor();
    await page.route('**/assets/AgentTicket-*.js', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await page.fill('#q', number);
    await row.getByRole('link').click();
    await page.waitForURL(`**/agent/tickets/${number}`);
    await page.getByTestId('assign-me').waitFor();
    await page.waitForTimeout(500); // past the search's pause: nothing pulls the page back
    assert.equal(new URL(page.url()).pathname, `/agent/tickets/${number}`);
    agent.assertClean();
    await agent.context.close();
  });
});
