// Public endpoints (healthz, config, categories, articles) and the generic error rules
// (unknown route 404, wrong method 405 + Allow, every error is problem+json).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import {
  Client, rawRequest, assertProblem, registerCustomer, show, stopServer,
} from './helpers.mjs';

const HAN = /\p{Script=Han}/u;

describe('public endpoints', () => {
  let srv;
  let api;
  before(async () => { srv = await startServer(); api = new Client(srv); });
  after(async () => { await stopServer(srv); });

  it('GET /healthz → 200 ok (not under /api/v1)', async () => {
    const r = await api.get('/healthz');
    assert.equal(r.status, 200, show(r));
    assert.equal(r.text.trim(), 'ok');
  });

  it('GET /config → the documented fields', async () => {
    const r = await api.get('/config');
    assert.equal(r.status, 200, show(r));
    assert.match(r.headers.get('content-type'), /^application\/json/);
    const c = r.json;
    assert.equal(typeof c.support_email, 'string');
    assert.equal(typeof c.support_hours, 'string');
    assert.equal(c.max_attachments, 5);
    assert.equal(c.max_attachment_bytes, 20 * 1024 * 1024);
    assert.equal(c.reopen_days, 14);
    assert.deepEqual(c.locales, ['zh-CN', 'en']);
  });

  describe('categories by locale', () => {
    async function names(headers) {
      const r = await rawRequest(srv.baseUrl, 'GET', '/api/v1/categories', { headers });
      assert.equal(r.status, 200, show(r));
      assert.ok(Array.isArray(r.json.items) && r.json.items.length > 0, 'non-empty items');
      for (const c of r.json.items) {
        assert.equal(typeof c.id, 'number');
        assert.equal(typeof c.name, 'string');
        assert.ok(c.name.length > 0);
      }
      return r.json.items;
    }

    it('Accept-Language: zh-CN → Chinese names', async () => {
      const items = await names({ 'accept-language': 'zh-CN,zh;q=0.9' });
      assert.ok(items.every((c) => HAN.test(c.name)), JSON.stringify(items));
    });

    it('Accept-Language: zh-TW (zh*) → Chinese names', async () => {
      const items = await names({ 'accept-language': 'zh-TW' });
      assert.ok(items.every((c) => HAN.test(c.name)), JSON.stringify(items));
    });

    it('no Accept-Language → Chinese names', async () => {
      const items = await names({});
      assert.ok(items.every((c) => HAN.test(c.name)), JSON.stringify(items));
    });

    it('Accept-Language: en-US → English names, same ids', async () => {
      const en = await names({ 'accept-language': 'en-US,en;q=0.9' });
      const zh = await names({ 'accept-language': 'zh-CN' });
      assert.ok(en.every((c) => !HAN.test(c.name)), JSON.stringify(en));
      assert.deepEqual(en.map((c) => c.id), zh.map((c) => c.id));
    });

    it('Accept-Language: fr → English names (anything not zh*)', async () => {
      const items = await names({ 'accept-language': 'fr-FR' });
      assert.ok(items.every((c) => !HAN.test(c.name)), JSON.stringify(items));
    });

    it("a signed-in user's own locale wins over Accept-Language", async () => {
      const enUser = await registerCustomer(srv, { locale: 'en' });
      const r1 = await rawRequest(srv.baseUrl, 'GET', '/api/v1/categories', {
        headers: { 'accept-language': 'zh-CN', authorization: `Bearer ${enUser.token}` },
      });
      assert.equal(r1.status, 200, show(r1));
      assert.ok(r1.json.items.every((c) => !HAN.test(c.name)), JSON.stringify(r1.json.items));
      const zhUser = await registerCustomer(srv, { locale: 'zh-CN' });
      const r2 = await rawRequest(srv.baseUrl, 'GET', '/api/v1/categories', {
        headers: { 'accept-language': 'en', authorization: `Bearer ${zhUser.token}` },
      });
      assert.equal(r2.status, 200, show(r2));
      assert.ok(r2.json.items.every((c) => HAN.test(c.name)), JSON.stringify(r2.json.items));
    });
  });

  describe('articles', () => {
    async function list(path, headers) {
      const r = await rawRequest(srv.baseUrl, 'GET', path, { headers });
      assert.equal(r.status, 200, show(r));
      assert.ok(Array.isArray(r.json.items), 'items[]');
      for (const a of r.json.items) {
        assert.equal(typeof a.id, 'number');
        assert.equal(typeof a.slug, 'string');
        assert.equal(typeof a.title, 'string');
        assert.equal(typeof a.body_html, 'string');
        assert.ok('category' in a, 'article.category');
        assert.doesNotMatch(a.body_html, /<script|javascript:|\son\w+=/i, `body_html is sanitised: ${a.slug}`);
      }
      return r.json.items;
    }

    it('the FAQ exists in both locales with the documented fields', async () => {
      const zh = await list('/api/v1/articles', { 'accept-language': 'zh-CN' });
      const en = await list('/api/v1/articles', { 'accept-language': 'en' });
      assert.ok(zh.length > 0, 'zh-CN FAQ is not empty');
      assert.ok(en.length > 0, 'en FAQ is not empty');
      assert.ok(zh.some((a) => HAN.test(a.title)), 'zh-CN titles are Chinese');
      assert.ok(en.every((a) => !HAN.test(a.title)), 'en titles are not Chinese');
    });

    it('?locale= overrides Accept-Language', async () => {
      const en = await list('/api/v1/articles?locale=en', { 'accept-language': 'zh-CN' });
      const enHeader = await list('/api/v1/articles', { 'accept-language': 'en' });
      assert.deepEqual(en.map((a) => a.title), enHeader.map((a) => a.title));
      const zh = await list('/api/v1/articles?locale=zh-CN', { 'accept-language': 'en' });
      const zhHeader = await list('/api/v1/articles', { 'accept-language': 'zh-CN' });
      assert.deepEqual(zh.map((a) => a.title), zhHeader.map((a) => a.title));
    });
  });

  describe('errors', () => {
    it('unknown route under /api/v1 → 404 not_found problem+json', async () => {
      assertProblem(await api.get('/no-such-thing'), 404, 'not_found');
      assertProblem(await api.get('/tickets/123456-ABCDEF/nope'), 404, 'not_found');
      assertProblem(await api.request('POST', '/nope/nope', { json: {} }), 404, 'not_found');
    });

    it('wrong method → 405 method_not_allowed with Allow', async () => {
      for (const [method, path, allowed] of [
        ['DELETE', '/categories', 'GET'],
        ['POST', '/config', 'GET'],
        ['GET', '/auth/login', 'POST'],
        ['PUT', '/me', 'GET'],
        ['DELETE', '/tickets', 'GET'],
      ]) {
        const r = await api.request(method, path, method === 'GET' ? {} : { json: {} });
        assertProblem(r, 405, 'method_not_allowed');
        const allow = r.headers.get('allow');
        assert.ok(allow, `Allow header on ${method} ${path}`);
        const methods = allow.split(',').map((s) => s.trim().toUpperCase());
        assert.ok(methods.includes(allowed), `Allow of ${path} (${allow}) includes ${allowed}`);
        assert.ok(!methods.includes(method), `Allow of ${path} (${allow}) excludes ${method}`);
      }
    });

    it('every error response has problem+json {status,title,code} (sample of each kind)', async () => {
      const samples = [
        [await api.get('/me'), 401, 'unauthenticated'],
        [await api.post('/auth/login', { email: 'nobody@example.com', password: 'wrong password' }), 401, 'invalid_credentials'],
        [await api.request('POST', '/auth/login', { body: '{"email":', headers: { 'content-type': 'application/json' } }), 400, 'invalid_json'],
        [await api.post('/auth/register', {}), 400, 'validation_failed'],
        [await api.post('/tickets/lookup', { number: 'xyz', email: 'a@example.com' }), 400, 'invalid_number'],
        [await api.get('/agent/tickets'), 401, 'unauthenticated'],
      ];
      for (const [r, status, code] of samples) assertProblem(r, status, code);
    });

    it('a non-JSON body where JSON is expected → 415 unsupported_media_type', async () => {
      const r = await api.request('POST', '/auth/login', {
        body: 'email=a@example.com&password=x', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assertProblem(r, 415, 'unsupported_media_type');
    });
  });
});
