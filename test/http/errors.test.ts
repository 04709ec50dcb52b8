// Error mapping in one place: every way a request can fail ends in the right
// status and a message a citizen can read (Chinese, or English under /en/),
// as an HTML page for browsers and {error: {...}} for JSON clients. A 500 shows
// the request id and nothing of the error itself.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ErrorCode } from '../../src/platform/errors.ts';
import { en } from '../../src/web/i18n/en.ts';
import { type MessageKey, zhCN } from '../../src/web/i18n/zh-CN.ts';
import { dialects } from '../helpers/databases.ts';
import {
  csrfPair,
  noteCount,
  openTestApp,
  type TestApp,
  THROWN_SECRET,
  UUID,
} from '../helpers/http.ts';

const STATUS: [ErrorCode, number][] = [
  ['bad_request', 400],
  ['unauthenticated', 401],
  ['forbidden', 403],
  ['not_found', 404],
  ['conflict', 409],
  ['payload_too_large', 413],
  ['rate_limited', 429],
  ['unavailable', 503],
];
const BAD_FORMAT = '请求格式不正确，请检查后重试。';
const JSON_ACCEPT = { accept: 'application/json' };

for (const dialect of dialects) {
  describe(`error mapping [${dialect}]`, () => {
    let ta: TestApp;
    let csrf: { cookie: string; token: string };
    before(async () => {
      ta = await openTestApp(dialect, { env: { YIMEN_BODY_LIMIT: '2048' } });
      csrf = await csrfPair(ta.app);
    });
    after(() => ta.close());

    const strict = (payload: unknown, headers: Record<string, string> = JSON_ACCEPT) =>
      ta.app.inject({
        method: 'POST',
        url: '/test/strict',
        headers: { cookie: csrf.cookie, 'x-csrf-token': csrf.token, ...headers },
        payload: payload as Record<string, unknown>,
      });

    it('maps each DomainError code to its status, page title and public message', async () => {
      for (const [code, status] of STATUS) {
        const page = await ta.app.inject({ url: `/test/error/${code}` });
        assert.equal(page.statusCode, status, code);
        assert.match(String(page.headers['content-type']), /^text\/html/);
        assert.ok(page.body.includes(`测试错误：${code}`), `${code}: public message shown`);
        assert.ok(page.body.includes('字段说明'), `${code}: field problems shown`);
        const title = zhCN[`error.${status}.title` as MessageKey];
        assert.ok(page.body.includes(`<h1>${title}</h1>`), `${code}: title ${title}`);

        const api = await ta.app.inject({ url: `/test/error/${code}`, headers: JSON_ACCEPT });
        assert.equal(api.statusCode, status);
        assert.deepEqual(api.json(), {
          error: {
            code,
            message: `测试错误：${code}`,
            requestId: api.headers['x-request-id'],
            fields: { 字段: '字段说明' },
          },
        });
      }
    });

    it('rejects a missing field, an over-long one and an unknown one, each in Chinese', async () => {
      const missing = await strict({});
      assert.equal(missing.statusCode, 400);
      assert.equal(missing.json().error.code, 'validation_failed');
      assert.equal(missing.json().error.message, zhCN['error.validation']);
      assert.deepEqual(missing.json().error.fields, { title: '此项为必填项' });

      const tooLong = await strict({ title: '一二三四五六七八九十一', note: 'n'.repeat(21) });
      assert.equal(tooLong.statusCode, 400);
      assert.deepEqual(tooLong.json().error.fields, {
        title: '不能超过 10 个字符',
        note: '不能超过 20 个字符',
      });

      const unknown = await strict({ title: '标题', isAdmin: true });
      assert.equal(unknown.statusCode, 400, 'an unknown field is rejected, not silently dropped');
      assert.deepEqual(unknown.json().error.fields, { isAdmin: '含有不允许的字段“isAdmin”' });

      const ok = await strict({ title: '一二三四五六七八九十' });
      assert.equal(ok.statusCode, 200, 'exactly ten characters is allowed');
    });

    it('shows the per-field problems on the HTML page', async () => {
      const res = await strict({ note: 'x' }, { accept: 'text/html' });
      assert.equal(res.statusCode, 400);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.ok(res.body.includes(zhCN['error.400.title']));
      assert.ok(res.body.includes(zhCN['error.validation']));
      assert.ok(res.body.includes('title：此项为必填项'));
    });

    it('answers malformed JSON with 400 and a Chinese message', async () => {
      const res = await ta.app.inject({
        method: 'POST',
        url: '/api/test/notes',
        headers: { 'content-type': 'application/json', cookie: csrf.cookie },
        payload: '{"body": "unterminated',
      });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.code, 'bad_request');
      assert.equal(res.json().error.message, BAD_FORMAT);

      const page = await ta.app.inject({
        method: 'POST',
        url: '/test/strict',
        headers: { 'content-type': 'application/json' },
        payload: '{not json',
      });
      assert.equal(page.statusCode, 400);
      assert.ok(page.body.includes(BAD_FORMAT));
      assert.doesNotMatch(page.body, /Unexpected token|SyntaxError|JSON at position/);
    });

    it('answers a body over YIMEN_BODY_LIMIT with 413, for JSON and for forms', async () => {
      const before = await noteCount(ta.ctx);
      const json = await ta.app.inject({
        method: 'POST',
        url: '/api/test/notes',
        headers: { cookie: csrf.cookie, 'x-csrf-token': csrf.token },
        payload: { body: 'x'.repeat(4096) },
      });
      assert.equal(json.statusCode, 413);
      assert.equal(json.json().error.code, 'payload_too_large');
      assert.equal(json.json().error.message, zhCN['error.413.body']);

      const form = await ta.app.inject({
        method: 'POST',
        url: '/test/form',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf.cookie },
        payload: new URLSearchParams({ _csrf: csrf.token, body: 'x'.repeat(4096) }).toString(),
      });
      assert.equal(form.statusCode, 413);
      assert.ok(form.body.includes(zhCN['error.413.title']));
      assert.ok(form.body.includes(zhCN['error.413.body']));
      assert.equal(await noteCount(ta.ctx), before, 'nothing was written');
    });

    it('answers an unknown route with a friendly Chinese 404 page', async () => {
      const res = await ta.app.inject({ url: '/no/such/page?x=1' });
      assert.equal(res.statusCode, 404);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.match(res.body, /^<!doctype html><html lang="zh-CN">/);
      assert.ok(res.body.includes(zhCN['error.404.title']));
      assert.ok(res.body.includes(zhCN['error.404.body']));
      assert.ok(res.body.includes('<a href="/">返回首页</a>'));

      const api = await ta.app.inject({ url: '/api/no/such/thing' });
      assert.equal(api.statusCode, 404);
      assert.equal(api.json().error.code, 'not_found');
    });

    it('answers an unknown /en/ route in English', async () => {
      const res = await ta.app.inject({ url: '/en/no/such/page' });
      assert.equal(res.statusCode, 404);
      assert.match(res.body, /<html lang="en">/);
      assert.ok(res.body.includes(en['error.404.title']!));
      assert.ok(res.body.includes(en['error.404.body']!));
      assert.ok(res.body.includes('<a href="/en/">'));
      assert.ok(!res.body.includes(zhCN['error.404.body']));
    });

    it('answers a thrown Error with a 500 page showing only the request id', async () => {
      const res = await ta.app.inject({ url: '/test/boom' });
      assert.equal(res.statusCode, 500);
      const id = String(res.headers['x-request-id']);
      assert.match(id, UUID);
      assert.ok(res.body.includes(zhCN['error.500.title']));
      assert.ok(res.body.includes(zhCN['error.500.body']));
      assert.ok(res.body.includes(`<span class="request-id">${id}</span>`), 'shows the id');
      assert.ok(!res.body.includes('kaboom'), 'does not show the error message');
      assert.ok(!res.body.includes('hunter2'));
      assert.doesNotMatch(res.body, /\bat \S+ \(|\.ts:\d+|node_modules|Error:/, 'no stack trace');

      const api = await ta.app.inject({ url: '/test/boom', headers: JSON_ACCEPT });
      assert.equal(api.statusCode, 500);
      const body = api.json();
      assert.equal(body.error.code, 'internal_error');
      assert.equal(body.error.requestId, api.headers['x-request-id']);
      assert.ok(!api.body.includes(THROWN_SECRET) && !api.body.includes('stack'));
    });

    it('picks HTML or JSON from the path and the Accept header', async () => {
      const cases: [string, Record<string, string>, 'html' | 'json'][] = [
        ['/no/such', {}, 'html'],
        ['/no/such', { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }, 'html'],
        ['/no/such', { accept: 'text/html, application/json' }, 'html'],
        ['/no/such', { accept: 'application/json' }, 'json'],
        ['/api/no/such', {}, 'json'],
        ['/api/no/such', { accept: 'text/html' }, 'json'],
      ];
      for (const [url, headers, kind] of cases) {
        const res = await ta.app.inject({ url, headers });
        assert.equal(res.statusCode, 404);
        const type = String(res.headers['content-type']);
        const label = `${url} with ${JSON.stringify(headers)}`;
        if (kind === 'html') assert.match(type, /^text\/html/, label);
        else assert.equal(res.json().error.code, 'not_found', label);
      }
    });

    it('maps URLs the router cannot decode to the same Chinese pages', async () => {
      const bad = await ta.app.inject({ url: '/static/%zz' });
      assert.equal(bad.statusCode, 400);
      assert.match(String(bad.headers['content-type']), /^text\/html/);
      assert.ok(bad.body.includes(BAD_FORMAT));
      assert.match(String(bad.headers['x-request-id']), UUID);

      const long = await ta.app.inject({ url: `/static/${'a'.repeat(200)}` });
      assert.equal(long.statusCode, 414);
      assert.ok(long.body.includes(zhCN['error.400.title']), 'a client error, not "server error"');

      const api = await ta.app.inject({ url: '/%zz', headers: JSON_ACCEPT });
      assert.equal(api.statusCode, 400);
      assert.equal(api.json().error.code, 'bad_request');
    });
  });
}
