// Several `gongdan serve` processes on one PostgreSQL database (issue 6, docs/deploy.md): a ticket
// submitted through one process reaches an agent's live socket on another; mail queued while both
// run is sent exactly once; a process killed with SIGKILL mid-load loses no acknowledged ticket.
// PostgreSQL only: it runs in the PostgreSQL pass of `make api-test` (scripts/api-tests.sh).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startServer, testEngine, createPgDatabase, dropPgDatabase, freePort,
} from '../support/server.mjs';
import { startSmtpSink } from '../support/smtp-sink.mjs';
import { openLive } from '../support/live.mjs';
import {
  Client, createStaff, registerCustomer, createTicket, ticketBody, uniqEmail, show, sleep, stopServer, makeForm,
  LOG_TEXT,
} from './helpers.mjs';
import { FAST_OUTBOX } from './mail-helpers.mjs';

const skip = testEngine() === 'postgres' ? false : 'several processes need PostgreSQL: runs in the PostgreSQL pass';

describe('several server processes on one PostgreSQL database', { skip }, () => {
  let dbUrl;
  let attachments;
  let sink;
  let a;
  let b;

  async function startProcess() {
    const port = await freePort();
    return startServer({
      dbUrl,
      port,
      args: ['--attachments-dir', attachments, '--smtp', sink.url, '--public-url', `http://127.0.0.1:${port}`,
        ...FAST_OUTBOX],
    });
  }

  before(async () => {
    dbUrl = await createPgDatabase('gd_multi');
    attachments = mkdtempSync(join(tmpdir(), 'gongdan-shared-attachments-'));
    sink = await startSmtpSink();
    a = await startProcess();
    b = await startProcess();
  });
  after(async () => {
    try {
      await stopServer(a);
      await stopServer(b);
    } finally {
      await sink?.dispose();
      if (dbUrl) await dropPgDatabase(dbUrl);
      if (attachments) rmSync(attachments, { recursive: true, force: true });
    }
  });

  it('a ticket submitted through one process appears live on an agent socket of the other', async () => {
    const agent = await createStaff(a, 'agent', { name: '跨进程 Agent' });
    // The session made through A works on B: sessions live in the database.
    const live = await openLive(b, { token: agent.token });
    const customer = await registerCustomer(a, { name: '王小明' });
    const ticket = await createTicket(customer.api, { subject: '跨进程 闪退 live' });
    const frame = await live.next((f) => f.type === 'ticket' && f.number === ticket.number, 10000);
    assert.equal(frame.change, 'created');
    // A comment through B reaches a socket on A.
    const onA = await openLive(a, { token: agent.token });
    const viaB = new Client(b).withToken(customer.token);
    const c = await viaB.post(`/tickets/${ticket.number}/messages`, { body: '补充：重启后仍然闪退' });
    assert.equal(c.status, 201, show(c));
    const message = await onA.next((f) => f.type === 'ticket' && f.number === ticket.number && f.change === 'message', 10000);
    assert.equal(message.updated_at, c.json.ticket.updated_at);
    await live.close();
    await onA.close();
  });

  it('an attachment uploaded through one process is served by the other (the shared folder)', async () => {
    const customer = await registerCustomer(a);
    const ticket = await createTicket(customer.api);
    const form = makeForm('message', { body: '日志见附件' }, [['crash.log', LOG_TEXT, 'text/plain']], { jsonAsBlob: true });
    const r = await customer.api.postForm(`/tickets/${ticket.number}/messages`, form);
    assert.equal(r.status, 201, show(r));
    const attachment = r.json.message.attachments[0];
    const viaB = await new Client(b).withToken(customer.token).get(attachment.url);
    assert.equal(viaB.status, 200, show(viaB));
    assert.ok(viaB.bytes.equals(LOG_TEXT));
  });

  it('200 mails queued while both processes run are each sent exactly once', async () => {
    const emails = Array.from({ length: 200 }, (_, i) => uniqEmail(`multi${i}`));
    const body = await ticketBody(a);
    for (let i = 0; i < emails.length; i += 20) {
      // eslint-disable-next-line no-await-in-loop
      await Promise.all(emails.slice(i, i + 20).map(async (email, j) => {
        const via = (i + j) % 2 === 0 ? a : b;
        const r = await new Client(via).post('/tickets', { ...body, subject: `确认邮件 ${i + j}`, guest: { name: 'Guest', email } });
        assert.equal(r.status, 201, show(r));
      }));
    }
    const wanted = new Set(emails);
    const count = () => {
      const per = new Map();
      for (const m of sink.messages()) {
        for (const r of m.envelope.rcpt_tos) {
          const k = r.toLowerCase();
          if (wanted.has(k)) per.set(k, (per.get(k) || 0) + 1);
        }
      }
      return per;
    };
    const deadline = Date.now() + 60000;
    while (count().size < emails.length && Date.now() < deadline) await sleep(200); // eslint-disable-line no-await-in-loop
    await sleep(2000); // both senders keep polling: nothing may arrive twice
    const per = count();
    assert.equal(per.size, emails.length, `${per.size} of ${emails.length} recipients got their mail`);
    const twice = [...per].filter(([, n]) => n !== 1);
    assert.deepEqual(twice, [], 'every mail exactly once');
  });

  it('a process killed with SIGKILL mid-load loses no acknowledged ticket', async () => {
    const victim = await startProcess();
    const agent = await createStaff(a, 'agent');
    const customer = await registerCustomer(a);
    const api = new Client(victim).withToken(customer.token);
    const acknowledged = [];
    let stop = false;
    const body = await ticketBody(a);
    const worker = async (w) => {
      for (let i = 0; !stop; i += 1) {
        try {
          // eslint-disable-next-line no-await-in-loop
          const r = await api.post('/tickets', { ...body, subject: `SIGKILL ${w}-${i} 数据不丢` });
          if (r.status === 201) acknowledged.push(r.json.ticket.number);
        } catch {
          return; // the connection died with the process: never acknowledged
        }
      }
    };
    const workers = Array.from({ length: 8 }, (_, w) => worker(w));
    while (acknowledged.length < 40) await sleep(20); // eslint-disable-line no-await-in-loop
    process.kill(victim.pid, 'SIGKILL');
    stop = true;
    await Promise.all(workers);
    await victim.stop(); // cleans its folder; its exit code is the kill's
    assert.ok(acknowledged.length >= 40);
    for (const number of acknowledged) {
      // eslint-disable-next-line no-await-in-loop
      const r = await agent.api.get(`/agent/tickets/${number}`);
      assert.equal(r.status, 200, `acknowledged ${number} is in the database: ${show(r)}`);
    }
  });
});
