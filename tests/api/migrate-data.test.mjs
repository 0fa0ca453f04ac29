// `gongdan migrate-data`: an installation's data moves from its SQLite file into an empty
// PostgreSQL database, verified table by table; a second run, or bad usage, changes nothing.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  binaryPath, createPgDatabase, dropPgDatabase, psql, startServer,
} from '../support/server.mjs';
import {
  Client, createStaff, makeForm, registerCustomer, show, stopServer, ticketBody, uniqEmail, PNG_1x1,
} from './helpers.mjs';

/** Runs gongdan with `args`; resolves {code, stdout, stderr} whatever the exit code. */
function gongdan(args) {
  return new Promise((resolve) => {
    execFile(binaryPath(), args, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stdout, stderr });
    });
  });
}

/** The verification table's row of `table`: {rows, checksum, ok}. */
function checked(stdout, table) {
  const m = new RegExp(`^${table} +(\\d+) +([0-9a-f]{32}) +(\\S+)$`, 'm').exec(stdout);
  assert.ok(m, `no row for ${table} in:\n${stdout}`);
  return { rows: Number(m[1]), checksum: m[2], ok: m[3] };
}

// What the server stored, created through its HTTP API, kept for the second test.
const moved = {};

test('migrate-data copies a stopped SQLite installation into PostgreSQL and prints the verification', async () => {
  const srv = await startServer({ engine: 'sqlite', keepDataDir: true });
  moved.dataDir = srv.dataDir;
  try {
    const api = new Client(srv);
    moved.guestEmail = uniqEmail('guest');
    moved.subject = `应用启动时闪退 💥 ${Date.now()}`;
    const guest = await api.post('/tickets', await ticketBody(srv, {
      subject: moved.subject,
      description: '打开应用后立即退出。\n重启手机也没用 😢',
      guest: { name: '访客 王', email: moved.guestEmail },
    }));
    assert.equal(guest.status, 201, show(guest));
    moved.guestNumber = guest.json.ticket.number;

    const customer = await registerCustomer(srv, { name: '李雷 🐉' });
    moved.customer = customer;
    const form = makeForm('ticket', await ticketBody(srv, { subject: '截图里的错误' }), [['截图.png', PNG_1x1, 'image/png']]);
    const withFile = await customer.api.postForm('/tickets', form);
    assert.equal(withFile.status, 201, show(withFile));
    moved.customerNumber = withFile.json.ticket.number;

    const agent = await createStaff(srv, 'agent', { name: '王芳' });
    const reply = await agent.api.post(`/agent/tickets/${moved.guestNumber}/messages`, { body: '您好，请更新到 8.0.3。', internal: false });
    assert.equal(reply.status, 201, show(reply));
    const note = await agent.api.post(`/agent/tickets/${moved.guestNumber}/messages`, { body: '内部：已复现', internal: true });
    assert.equal(note.status, 201, show(note));
  } finally {
    await stopServer(srv);
  }

  moved.dbUrl = await createPgDatabase('gd_migrate_data');
  // The cluster trusts the test role, so the password is never checked: it is there to be hidden.
  const withPassword = moved.dbUrl.replace('gongdan@', 'gongdan:s3cret-never-shown@');
  const run = await gongdan(['migrate-data', '--from', `sqlite:${moved.dataDir}`, '--to', withPassword]);
  assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
  assert.doesNotMatch(run.stdout + run.stderr, /s3cret-never-shown/);
  assert.match(run.stdout, /to PostgreSQL postgresql:\/\/gongdan:\*\*\*@127\.0\.0\.1:\d+\/gd_migrate_data/);
  assert.match(run.stdout, /^table +rows +checksum +ok$/m);
  assert.equal(checked(run.stdout, 'users').rows, 2);  // the customer and the agent; guests have no account
  assert.equal(checked(run.stdout, 'tickets').rows, 2);
  assert.equal(checked(run.stdout, 'ticket_search').rows, 2);
  assert.equal(checked(run.stdout, 'attachments').rows, 1);
  assert.equal(checked(run.stdout, 'messages').rows, 4);  // two descriptions, a reply, a note
  for (const line of run.stdout.split('\n').filter((l) => /^[a-z_]+ +\d+ +[0-9a-f]{32} /.test(l))) {
    assert.match(line, / ok$/, line);
  }
  assert.match(run.stdout, /^total +\d+ +ok$/m);
  assert.match(run.stdout, /schema version \d+ on both sides/);
  assert.match(run.stdout, /attachments: not copied; their files stay where they are/);
  assert.match(run.stderr, /copied tickets: 2 rows/);

  // Byte for byte on the PostgreSQL side, and the search index's tokens with it.
  assert.equal((await psql(`SELECT subject FROM tickets WHERE number = '${moved.guestNumber}'`, moved.dbUrl)).trim(), moved.subject);
  assert.equal((await psql("SELECT count(*) FROM ticket_search WHERE gongdan_search_terms(tokens) @> ARRAY['闪退']", moved.dbUrl)).trim(), '1');

  // Run again: the target now holds data, and nothing changes.
  const again = await gongdan(['migrate-data', '--from', `sqlite:${moved.dataDir}`, '--to', moved.dbUrl]);
  assert.equal(again.code, 1, `${again.stdout}\n${again.stderr}`);
  assert.match(again.stderr, /already holds data \(2 users, 2 tickets\): migrate-data fills an empty database only/);
  assert.equal((await psql('SELECT count(*) FROM tickets', moved.dbUrl)).trim(), '2');

  // Bad usage: exit code 2, nothing touched.
  for (const args of [[], ['--from', moved.dataDir, '--to', moved.dbUrl], ['--from', `sqlite:${moved.dataDir}`, '--to', 'mysql://x'],
    ['--from', `sqlite:${moved.dataDir}`, '--to', moved.dbUrl, '--unknown']]) {
    const bad = await gongdan(['migrate-data', ...args]);
    assert.equal(bad.code, 2, `${args.join(' ')}: ${bad.stdout}\n${bad.stderr}`);
  }
  const missing = await gongdan(['migrate-data', '--from', `sqlite:${join(moved.dataDir, 'nothing-here')}`, '--to', moved.dbUrl]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no SQLite database at/);
});

// The moved installation served from PostgreSQL: a guest's lookup, a customer's sign-in with the
// moved password hash, and the attachment from the data directory that stayed where it was.
after(async () => {
  if (moved.dbUrl) await dropPgDatabase(moved.dbUrl);
  if (moved.dataDir) rmSync(moved.dataDir, { recursive: true, force: true });
});

test('a server on the migrated database serves the moved tickets', async () => {
  assert.ok(moved.dbUrl, 'the migrate-data test ran first');
  const srv = await startServer({ dataDir: moved.dataDir, dbUrl: moved.dbUrl, keepDataDir: true });
  try {
    const api = new Client(srv);
    const lookup = await api.post('/tickets/lookup', { number: moved.guestNumber, email: moved.guestEmail });
    assert.equal(lookup.status, 200, show(lookup));
    assert.equal(lookup.json.number, moved.guestNumber);
    assert.equal(lookup.json.status, 'open');

    const login = await api.post('/auth/login', { email: moved.customer.email, password: moved.customer.password });
    assert.equal(login.status, 200, show(login));
    const customer = api.withToken(login.json.token);
    const page = await customer.get(`/tickets/${moved.customerNumber}`);
    assert.equal(page.status, 200, show(page));
    assert.equal(page.json.ticket.subject, '截图里的错误');
    const file = page.json.messages[0].attachments[0];
    assert.equal(file.filename, '截图.png');
    const bytes = await customer.get(file.url);
    assert.equal(bytes.status, 200, show(bytes));
    assert.deepEqual(bytes.bytes, PNG_1x1);
  } finally {
    await stopServer(srv);
  }
});
