// The operator's command line: `gongdan calendar` answers with the same code the server uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { binaryPath } from '../support/server.mjs';

const run = (args) => promisify(execFile)(binaryPath(), args);

test('calendar due crosses the Spring Festival make-up Saturday', async () => {
  // Friday 2026-02-13 16:00 + 4 working hours: 2 h on Friday, then Saturday 14th is a make-up
  // workday (调休), so the rest ends at 11:00 that Saturday, Beijing time.
  const { stdout } = await run(['calendar', 'due', '--calendar', 'cn-mainland-2026',
    '--from', '2026-02-13T16:00:00+08:00', '--add', '4h']);
  assert.equal(stdout.trim(), '2026-02-14T03:00:00.000Z');
});

test('calendar due skips the whole Spring Festival holiday', async () => {
  const { stdout } = await run(['calendar', 'due', '--from', '2026-02-20T10:00:00+08:00', '--add', '1h']);
  assert.equal(stdout.trim(), '2026-02-24T02:00:00.000Z');  // Tuesday 24th, 10:00 Beijing
});

test('calendar due refuses bad input with exit code 2', async () => {
  for (const args of [['--from', 'yesterday', '--add', '1h'], ['--from', '2026-02-13T16:00:00Z', '--add', '90'],
    ['--calendar', 'mars-2026', '--from', '2026-02-13T16:00:00Z', '--add', '1h']]) {
    await assert.rejects(run(['calendar', 'due', ...args]), (e) => e.code === 2);
  }
});

test('calendar export gives the official 2026 schedule as CSV and iCalendar', async () => {
  const csv = (await run(['calendar', 'export'])).stdout;
  assert.match(csv, /2026-02-14,workday/);
  assert.match(csv, /2026-10-01,holiday/);
  const ics = (await run(['calendar', 'export', '--format', 'ics'])).stdout;
  assert.match(ics, /BEGIN:VCALENDAR/);
  assert.match(ics, /CATEGORIES:WORKDAY/);
});
