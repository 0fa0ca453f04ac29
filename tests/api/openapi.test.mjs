// docs/openapi.yaml is complete and well-formed, agrees with docs/api.md, and its set of
// (method, path) equals the server's route table (`gongdan routes`), in both directions.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import YAML from 'yaml';
import { repoRoot, binaryPath } from '../support/server.mjs';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function loadSpec() {
  return YAML.parse(readFileSync(join(repoRoot, 'docs', 'openapi.yaml'), 'utf8'));
}

function operations(spec) {
  const out = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const m of METHODS) if (item[m]) out.push({ method: m.toUpperCase(), path, op: item[m], item });
  }
  return out;
}

const key = (method, path) => `${method.toUpperCase()} ${path}`;

function resolveRef(spec, ref) {
  assert.match(ref, /^#\//, `local $ref only: ${ref}`);
  let node = spec;
  for (const part of ref.slice(2).split('/')) {
    node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

function* walk(node, where = '') {
  if (node && typeof node === 'object') {
    yield [node, where];
    for (const [k, v] of Object.entries(node)) yield* walk(v, `${where}/${k}`);
  }
}

/** The server's route table as a set of "METHOD /path". */
async function serverRoutes() {
  const run = promisify(execFile);
  let stdout;
  try {
    ({ stdout } = await run(binaryPath(), ['routes']));
  } catch (first) {
    const dir = mkdtempSync(join(tmpdir(), 'gongdan-routes-'));
    try {
      ({ stdout } = await run(binaryPath(), ['routes', '--data-dir', dir]));
    } catch {
      throw first;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const routes = JSON.parse(stdout);
  assert.ok(Array.isArray(routes), 'routes is a JSON array');
  for (const r of routes) {
    assert.equal(typeof r.method, 'string', JSON.stringify(r));
    assert.equal(typeof r.path, 'string', JSON.stringify(r));
  }
  return routes;
}

describe('docs/openapi.yaml', () => {
  let spec;
  before(() => { spec = loadSpec(); });

  it('is OpenAPI 3.x with info and paths', () => {
    assert.match(String(spec.openapi), /^3\.[01]\./);
    assert.ok(spec.info?.title && spec.info?.version);
    assert.ok(Object.keys(spec.paths).length > 0);
  });

  it('every $ref resolves', () => {
    for (const [node, where] of walk(spec)) {
      if (typeof node.$ref === 'string') assert.ok(resolveRef(spec, node.$ref) !== undefined, `${where}: ${node.$ref}`);
    }
  });

  it('every operation: unique operationId, a 2xx response, problem+json errors, declared path params', () => {
    const ids = new Set();
    for (const { method, path, op, item } of operations(spec)) {
      const k = key(method, path);
      assert.ok(op.operationId, `${k}: operationId`);
      assert.ok(!ids.has(op.operationId), `${k}: duplicate operationId ${op.operationId}`);
      ids.add(op.operationId);
      const codes = Object.keys(op.responses || {});
      // A WebSocket upgrade succeeds with 101 Switching Protocols.
      assert.ok(codes.some((c) => /^2\d\d$/.test(c) || c === '101'), `${k}: a 2xx (or 101) response`);
      for (const c of codes.filter((x) => /^[45]\d\d$/.test(x))) {
        let resp = op.responses[c];
        if (resp.$ref) resp = resolveRef(spec, resp.$ref);
        assert.ok(resp.content?.['application/problem+json'], `${k} ${c}: application/problem+json`);
      }
      const params = [...(item.parameters || []), ...(op.parameters || [])].map((p) => (p.$ref ? resolveRef(spec, p.$ref) : p));
      for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
        assert.ok(params.some((p) => p.in === 'path' && p.name === name && p.required), `${k}: path parameter ${name}`);
      }
    }
  });

  it('has the shared pieces: schemas, security schemes, CSRF and Idempotency-Key headers', () => {
    const s = spec.components.schemas;
    for (const name of ['Ticket', 'User', 'Message', 'Event', 'Attachment', 'Problem', 'FieldError', 'TicketCreate']) {
      assert.ok(s[name], `schema ${name}`);
    }
    assert.ok(s.Problem.properties.errors, 'Problem.errors[]');
    assert.deepEqual(spec.components.securitySchemes.cookieAuth, { ...spec.components.securitySchemes.cookieAuth, type: 'apiKey', in: 'cookie', name: 'gd_session' });
    assert.equal(spec.components.securitySchemes.bearerAuth.scheme, 'bearer');
    const params = Object.values(spec.components.parameters);
    assert.ok(params.some((p) => p.in === 'header' && p.name === 'X-CSRF-Token'));
    assert.ok(params.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'));
    const create = spec.paths['/api/v1/tickets'].post;
    assert.ok(create.requestBody.content['application/json']);
    assert.ok(create.requestBody.content['multipart/form-data']);
    assert.ok(create.parameters.some((p) => p.$ref === '#/components/parameters/IdempotencyKey'));
  });

  it('error codes and field error codes are exactly those of docs/api.md', () => {
    const md = readFileSync(join(repoRoot, 'docs', 'api.md'), 'utf8');
    const common = md.slice(md.indexOf('Common codes:'), md.indexOf('- Field error codes:'));
    const fieldPart = md.slice(md.indexOf('- Field error codes:'), md.indexOf('Field names are JSON paths'));
    // Backticked words, less the field names in "(on `number`)" and the `errors` member.
    const words = (text) => new Set([...text.replace(/\(on `[^`]+`\)/g, '').matchAll(/`([a-z_0-9]+)`/g)]
      .map((m) => m[1]).filter((w) => w !== 'errors'));
    const mdCodes = words(common);
    const mdFieldCodes = words(fieldPart);
    assert.ok(mdCodes.size >= 15 && mdFieldCodes.size >= 10, 'parsed api.md');
    assert.deepEqual(new Set(spec.components.schemas.ErrorCode.enum), mdCodes);
    assert.deepEqual(new Set(spec.components.schemas.FieldErrorCode.enum), mdFieldCodes);
  });

  it('documents every endpoint that docs/api.md names, and no other', () => {
    const md = readFileSync(join(repoRoot, 'docs', 'api.md'), 'utf8');
    const fromMd = new Set();
    for (const m of md.matchAll(/`(GET|POST|PUT|PATCH|DELETE) (\/[^\s`?]*)/g)) {
      const path = m[2] === '/healthz' ? '/healthz' : `/api/v1${m[2]}`;
      fromMd.add(key(m[1], path));
    }
    // `PATCH` or `PUT /tickets/{number}` → 405 is a rule about a method the path does not have.
    fromMd.delete('PUT /api/v1/tickets/{number}');
    fromMd.add('PATCH /api/v1/agent/tickets/{number}'); // written as "`PATCH /agent/tickets/{number} {status?, priority?}`"
    const fromSpec = new Set(operations(spec).map((o) => key(o.method, o.path)));
    assert.deepEqual([...fromMd].filter((k) => !fromSpec.has(k)), [], 'in api.md but not in openapi.yaml');
    assert.deepEqual([...fromSpec].filter((k) => !fromMd.has(k)), [], 'in openapi.yaml but not in api.md');
  });

  it("equals the server's route table (gongdan routes), both directions", async () => {
    const routes = await serverRoutes();
    const server = new Set(routes.map((r) => key(r.method, r.path)));
    const documented = new Set(operations(spec).map((o) => key(o.method, o.path)));
    const undocumented = [...server].filter((k) => !documented.has(k)).sort();
    const unimplemented = [...documented].filter((k) => !server.has(k)).sort();
    assert.deepEqual({ undocumented, unimplemented }, { undocumented: [], unimplemented: [] });
  });
});
