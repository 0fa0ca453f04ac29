// `gongdan bench-load`: the data `make bench` measures is what a server really serves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, startServer } from '../support/server.mjs';
import { Client } from './helpers.mjs';

test('bench-load fills an empty folder that the server then serves, and refuses a second load', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongdan-bench-load-'));
  const out = await cli(dir, ['bench-load', '--tickets', '3000']);
  assert.match(out, /loaded 3000 tickets/);
  await assert.rejects(cli(dir, ['bench-load', '--tickets', '10']),
    (e) => e.code === 1 && /already holds 3000 tickets/.test(e.stderr));
  await cli(dir, ['user', 'add', '--email', 'loaded-agent@example.com', '--password', 'agent-password-1',
    '--name', '压测 Agent', '--role', 'agent']);

  const srv = await startServer({ dataDir: dir, engine: 'sqlite' });
  try {
    const login = await new Client(srv).post('/auth/login',
      { email: 'loaded-agent@example.com', password: 'agent-password-1' });
    assert.equal(login.status, 200);
    const agent = new Client(srv).withToken(login.json.token);

    const views = await agent.get('/agent/views');
    const count = (id) => views.json.views.find((v) => v.id === id).count;
    assert.ok(count('open') > 0 && count('open') < 3000, JSON.stringify(views.json));

    const found = await agent.get(`/agent/tickets?q=${encodeURIComponent('闪退')}&limit=5`);
    assert.equal(found.status, 200);
    assert.equal(found.json.items.length, 5);
    const page = await agent.get(`/agent/tickets/${found.json.items[0].number}`);
    assert.equal(page.status, 200);
    assert.equal(page.json.messages[0].body, page.json.ticket.description);
    const text = [page.json.ticket.subject, ...page.json.messages.map((m) => m.body)].join('\n');
    assert.ok(text.includes('闪退'), text);
  } finally {
    await srv.stop();
  }
});
