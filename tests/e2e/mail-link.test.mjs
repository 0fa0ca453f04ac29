// A guest follows the link in their confirmation mail, read off a real SMTP sink: the ticket opens
// without a password, the token leaves the address bar, a comment goes in, and a reload (the link
// now held as a cookie) still shows the ticket with no console error. Desktop and phone, zh and en.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { freePort, startServer } from '../support/server.mjs';
import { startSmtpSink } from '../support/smtp-sink.mjs';
import { assertFits, launch, openPage, requireBuiltWeb, VIEWPORTS, webDist } from './browser.mjs';
import { TEXT } from './text.mjs';

let sink;
let srv;
let browser;
let categoryId;

before(async () => {
  requireBuiltWeb();
  sink = await startSmtpSink();
  const port = await freePort();
  srv = await startServer({
    port,
    args: ['--web-dir', webDist, '--smtp', sink.url, '--public-url', `http://127.0.0.1:${port}`, '--outbox-poll-ms', '100'],
  });
  categoryId = (await (await fetch(`${srv.api}/categories`)).json()).items[0].id;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
  await sink?.stop();
});

const RUNS = [
  { tag: 'desktop-zh', viewport: VIEWPORTS.desktop, lang: 'zh-CN' },
  { tag: 'phone-en', viewport: VIEWPORTS.phone, lang: 'en' },
];

/** Submits a guest ticket and returns its number and the link its confirmation mail carries. */
async function guestTicketWithMailedLink(run) {
  const email = `guest.${run.tag}.${Date.now()}@example.com`;
  const subject = run.lang === 'en' ? `Photos fail to send ${run.tag}` : `图片发送失败 ${run.tag}`;
  const res = await fetch(`${srv.api}/tickets`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Accept-Language': run.lang },
    body: JSON.stringify({ category_id: categoryId, subject, description: 'Every photo stays grey.', guest: { name: 'Guest', email } }),
  });
  const body = await res.text();
  assert.equal(res.status, 201, body);
  const number = JSON.parse(body).ticket.number;
  const mail = await sink.waitFor((m) => m.envelope.rcpt_tos.includes(email) && m.subject.includes(number));
  const link = mail.text.match(/https?:\/\/\S+\/tickets\/[0-9A-Z-]+#link=[A-Za-z0-9_-]+/);
  assert.ok(link, `a ticket link in the mail: ${mail.text}`);
  return { number, subject, url: new URL(link[0]) };
}

describe('a guest follows the link in the confirmation mail', () => {
  for (const run of RUNS) {
    test(`${run.tag}: the mailed link opens the ticket, takes a comment and survives a reload`, async () => {
      const { number, subject, url } = await guestTicketWithMailedLink(run);
      const visitor = await openPage(browser, { viewport: run.viewport, locale: run.lang, baseUrl: srv.baseUrl });
      const { page } = visitor;
      const t = TEXT[run.lang];

      await page.goto(`${url.pathname}${url.hash}`);
      await page.getByText(subject).first().waitFor();
      assert.ok(!page.url().includes('#'), `the token left the address bar: ${page.url()}`);
      assert.ok(page.url().endsWith(`/tickets/${number}`), page.url());

      await page.locator('form.reply textarea').fill(run.lang === 'en' ? 'It happens on Wi-Fi too.' : '连 Wi-Fi 也一样。');
      await page.locator('form.reply button[type=submit]').click();
      await page.getByText(t.commentSent).waitFor();
      await assertFits(page, 'ticket opened by a mailed link');

      await page.reload();
      await page.getByText(subject).first().waitFor();
      await page.getByText(run.lang === 'en' ? 'It happens on Wi-Fi too.' : '连 Wi-Fi 也一样。').waitFor();
      visitor.assertClean();
      await visitor.context.close();
    });
  }
});
