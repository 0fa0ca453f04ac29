// Merging duplicates in real Chromium, desktop Chinese and phone English: an agent refuses to
// merge a ticket into itself, then merges A into B from A's page; the browser lands on B, whose
// conversation now holds A's description and says where it came from; A points to B.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer } from '../support/server.mjs';
import { createTicket, registerCustomer } from '../api/helpers.mjs';
import { assertFits, launch, openPage, requireBuiltWeb, shot, VIEWPORTS, webDist } from './browser.mjs';

const AGENT = { email: 'merge.agent@example.com', password: 'agent-e2e-pass', name: '周敏 Zhou Min' };

const W = {
  'zh-CN': { mergedFrom: (n) => `工单 ${n} 已合并到此工单`, mergedInto: (n) => `已合并到 ${n}。` },
  en: { mergedFrom: (n) => `Ticket ${n} merged into this one`, mergedInto: (n) => `Merged into ${n}.` },
};

const RUNS = [
  { tag: 'desktop-zh', viewport: VIEWPORTS.desktop, locale: 'zh-CN' },
  { tag: 'phone-en', viewport: VIEWPORTS.phone, locale: 'en' },
];

let srv;
let browser;

before(async () => {
  requireBuiltWeb();
  srv = await startServer({ args: ['--web-dir', webDist] });
  await srv.cli(['user', 'add', '--email', AGENT.email, '--password', AGENT.password, '--name', AGENT.name,
    '--role', 'agent']);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

describe('merge duplicates', () => {
  for (const run of RUNS) {
    test(`${run.tag}: A into B from A's page`, async () => {
      const w = W[run.locale];
      const customer = await registerCustomer(srv);
      const a = await createTicket(customer.api, { subject: '群聊闪退（重复）', description: `重复的报告 ${run.tag}：打开群聊就闪退。` });
      const b = await createTicket(customer.api, { subject: '群聊闪退', description: 'The app crashes in group chats.' });

      const agent = await openPage(browser, { viewport: run.viewport, locale: run.locale, baseUrl: srv.baseUrl });
      const { page } = agent;
      page.on('dialog', (dialog) => dialog.accept());
      await page.goto('/login');
      await page.fill('#login-email', AGENT.email);
      await page.fill('#login-password', AGENT.password);
      await page.locator('form button[type=submit]').click();
      await page.waitForURL('**/agent');

      await page.goto(`/agent/tickets/${a.number}`);
      const panel = page.getByTestId('merge-panel');
      await panel.waitFor();
      // Into itself: refused beside the field, nothing changes. The server's 400 is expected.
      agent.expect(/status of 400/);
      await page.fill('#merge-into', a.number);
      await panel.getByRole('button').click();
      await page.locator('#merge-into[aria-invalid=true]').waitFor();
      assert.notEqual((await page.locator('#merge-err').textContent()).trim(), '');
      assert.equal(new URL(page.url()).pathname, `/agent/tickets/${a.number}`);
      await assertFits(page, 'merge refused');

      // Into B, typed in lower case: the browser lands on B with A's words in its conversation.
      await page.fill('#merge-into', b.number.toLowerCase());
      await panel.getByRole('button').click();
      await page.waitForURL(`**/agent/tickets/${b.number}`);
      await page.locator('.msg', { hasText: a.description }).waitFor();
      // B's own description stays on top although A's older messages now come first in time.
      assert.equal((await page.getByTestId('description').textContent()).trim(), b.description);
      await page.getByTestId('event').filter({ hasText: w.mergedFrom(a.number) }).waitFor();
      await assertFits(page, 'merged ticket');
      await shot(page, `${run.tag}-ws-merged`);

      // A is closed and points to B.
      await page.goto(`/agent/tickets/${a.number}`);
      await page.getByTestId('merge-panel').getByRole('link', { name: w.mergedInto(b.number) }).click();
      await page.waitForURL(`**/agent/tickets/${b.number}`);
      const r = await customer.api.get(`/tickets/${a.number}`);
      assert.equal(r.json.ticket.status, 'closed');
      assert.equal(r.json.ticket.merged_into, b.number);
      agent.assertClean();
      await agent.context.close();
    });
  }
});
