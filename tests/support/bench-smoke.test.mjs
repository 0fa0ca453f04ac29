// `make bench` in smoke mode (BENCH_SMOKE=1: 1-second scenarios, 2,000 tickets, about 15 s): the
// harness still starts both ceilings and every scenario and writes the results file the issue
// asks for. It checks the harness, not the figures. Skipped where the release tree's storage
// ceiling program (built with GONGDAN_BENCHMARKS=ON, as `make bench` does) or wrk/nginx are missing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ceiling = join(repoRoot, 'build', 'release', 'bench', 'gongdan_storage_ceiling');
const binary = process.env.GONGDAN_BIN || join(repoRoot, 'build', 'release', 'gongdan');
const tools = ['/usr/bin/wrk', '/usr/sbin/nginx'];
const missing = [ceiling, binary, ...tools].filter((path) => !existsSync(path));

describe('bench/run.sh in smoke mode', { skip: missing.length ? `missing ${missing.join(', ')}` : false }, () => {
  it('runs every scenario and writes results.json with ratios to the ceilings', { timeout: 60_000 }, async () => {
    const out = mkdtempSync(join(tmpdir(), 'gongdan-bench-smoke.'));
    try {
      const { stdout } = await promisify(execFile)(join(repoRoot, 'bench', 'run.sh'), [], {
        env: { ...process.env, BENCH_SMOKE: '1', BENCH_OUT: out, GONGDAN_BIN: binary },
        maxBuffer: 16 * 1024 * 1024,
      });
      assert.match(stdout, /^benchmark +value/m, 'the table is printed');
      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
      for (const row of results) assert.deepEqual(Object.keys(row), ['name', 'value', 'unit', 'ratio_to', 'ratio']);
      const byName = Object.fromEntries(results.map((row) => [row.name, row]));
      for (const name of ['ceiling.http', 'ceiling.storage', 'ceiling.http.end', 'startup.seconds', 'memory.idle', 'memory.mixed_max',
        'portal.first_load_gzip', 'mixed.throughput']) {
        assert.ok(byName[name]?.value > 0, `${name} is measured`);
      }
      for (const scenario of ['submit', 'lookup', 'my_tickets', 'queue_open', 'search_2char', 'mixed.read',
        'mixed.message', 'mixed.submit']) {
        const throughput = byName[`${scenario}.throughput`];
        assert.ok(throughput.value > 0, `${scenario} answered`);
        assert.match(throughput.ratio_to, /^ceiling\./, `${scenario} has a ceiling`);
        assert.ok(throughput.ratio > 0);
        assert.equal(byName[`${scenario}.unexpected`].value, 0, `${scenario}: every answer had the expected status`);
        assert.ok(byName[`${scenario}.p99`].value >= byName[`${scenario}.p50`].value);
      }
      // CPU per answer: the server's, compared with nginx's, and the client's (docs/performance.md).
      assert.ok(byName['ceiling.http.cpu_us'].value > 0, 'nginx and its workers used CPU');
      for (const scenario of ['submit', 'lookup', 'my_tickets', 'queue_open', 'search_2char']) {
        const cpu = byName[`${scenario}.cpu_us`];
        assert.ok(cpu.value > 0, `${scenario}: the server's CPU per answer is measured`);
        assert.equal(cpu.ratio_to, 'ceiling.http.cpu_us');
        assert.ok(byName[`${scenario}.client_cpu_us`].value > 0, `${scenario}: wrk's CPU per answer is measured`);
      }
      assert.equal(byName['mixed.socket_errors'].value, 0);
      assert.equal(byName['submit.throughput'].ratio_to, 'ceiling.submission');
      assert.equal(byName['ceiling.submission'].value, Math.min(byName['ceiling.http'].value, byName['ceiling.storage'].value));
      assert.ok(byName['submit.rows_stored'].ratio >= 1, 'every 201 is a stored ticket');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
