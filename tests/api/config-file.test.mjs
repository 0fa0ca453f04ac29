// Options from a TOML file (docs/mail.md, Configuration): `gongdan --config FILE serve`, the
// [serve] section naming the SMTP server, the public URL and the sender. A guest's confirmation
// arrives at the sink from the configured address with links under the configured public URL, and
// the admin page shows the file's values as the starting settings, never a password.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, freePort } from '../support/server.mjs';
import { startSmtpSink } from '../support/smtp-sink.mjs';
import { createStaff, uniqEmail, show, stopServer } from './helpers.mjs';
import { guestTicket, waitForMailTo } from './mail-helpers.mjs';

describe('gongdan --config FILE serve: options from a TOML file', () => {
  const publicUrl = 'https://help.example.test/desk';
  const fromEmail = 'support-from-file@example.test';
  const fromName = '工单测试 Support';
  const smtpPassword = 'smtp-secret-from-file';
  const imapPassword = 'imap-secret-from-file';
  let dir;
  let sink;
  let srv;
  let admin;
  let imapUrl;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongdan-config-'));
    sink = await startSmtpSink();
    // A mailbox nobody listens on: the poller only logs that it cannot connect.
    imapUrl = `imap://127.0.0.1:${await freePort()}/INBOX`;
    const file = join(dir, 'gongdan.toml');
    writeFileSync(file, [
      '# written by tests/api/config-file.test.mjs',
      '[serve]',
      `public-url = "${publicUrl}"`,
      `smtp = "${sink.url}"`,
      `smtp-password = "${smtpPassword}"`,
      `smtp-from = "${fromEmail}"`,
      `smtp-from-name = "${fromName}"`,
      `imap = "${imapUrl}"`,
      'imap-username = "support"',
      `imap-password = "${imapPassword}"`,
      'imap-poll-seconds = 600',
      'outbox-poll-ms = 100',
      '',
      '[mail-in]',
      `public-url = "${publicUrl}"`,
      '',
    ].join('\n'), { mode: 0o600 });
    // --config is an option of the program, so it comes before the subcommand.
    srv = await startServer({ globalArgs: ['--config', file] });
    admin = await createStaff(srv, 'admin');
  });
  after(async () => {
    try {
      await stopServer(srv);
    } finally {
      await sink?.dispose();
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a guest's confirmation goes through the file's SMTP server, from its sender, with links under its public URL", async () => {
    const email = uniqEmail('cfg-guest');
    const ticket = await guestTicket(srv, email);
    const mail = await waitForMailTo(sink, email, (m) => m.subject.includes(ticket.number));
    assert.equal(mail.from, fromEmail, `From: ${mail.headers.from}`);
    assert.match(mail.headers.from, /<support-from-file@example\.test>/);
    assert.equal(mail.envelope.mail_from.toLowerCase(), fromEmail, 'envelope sender');
    const links = [...mail.text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]);
    const ticketLink = links.find((l) => l.includes(`/tickets/${ticket.number}#link=`));
    assert.ok(ticketLink, `a ticket link in:\n${mail.text}`);
    assert.ok(ticketLink.startsWith(`${publicUrl}/tickets/${ticket.number}#link=`), `link under ${publicUrl}: ${ticketLink}`);
    assert.match(mail.headers['message-id'] || '', /@help\.example\.test>$/, 'Message-IDs carry the public host');
  });

  it('GET /admin/mail/settings shows the values of the file, passwords only as password_set', async () => {
    const r = await admin.api.get('/admin/mail/settings');
    assert.equal(r.status, 200, show(r));
    const { smtp, imap } = r.json;
    assert.equal(smtp.url, sink.url);
    assert.equal(smtp.from_email, fromEmail);
    assert.equal(smtp.from_name, fromName);
    assert.equal(smtp.password_set, true);
    assert.equal(imap.url, imapUrl);
    assert.equal(imap.username, 'support');
    assert.equal(imap.password_set, true);
    assert.equal(imap.poll_seconds, 600);
    assert.equal(smtp.password, undefined);
    assert.equal(imap.password, undefined);
    assert.ok(!r.text.includes(smtpPassword) && !r.text.includes(imapPassword), `no password in ${r.text}`);
  });
});
