// CSRF: every state-changing browser request needs the token of its own form
// page (signed cookie + hidden _csrf field, or the x-csrf-token header), and a
// cross-site request is refused even with one. A refused request writes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { zhCN } from '../../src/web/i18n/zh-CN.ts';
import { dialects } from '../helpers/databases.ts';
import { csrfPair, noteCount, openTestApp, type TestApp } from '../helpers/http.ts';

const FORM = 'application/x-www-form-urlencoded';

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

for (const dialect of dialects) {
  describe(`CSRF protection [${dialect}]`, () => {
    let ta: TestApp;
    before(async () => {
      ta = await openTestApp(dialect);
    });
    after(() => ta.close());

    it('refuses a form POST without a token with the Chinese page, and writes nothing', async () => {
      const before = await noteCount(ta.ctx);
      const res = await ta.app.inject({
        method: 'POST',
        url: '/test/form',
        headers: { 'content-type': FORM },
        payload: form({ body: '未带令牌' }),
      });
      assert.equal(res.statusCode, 403);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.match(res.body, /<html lang="zh-CN"/);
      assert.ok(res.body.includes(zhCN['error.csrf']), 'shows the Chinese CSRF message');
      assert.equal(await noteCount(ta.ctx), before, 'nothing was written');
    });

    it('accepts the POST with the cookie and the hidden field from the GET page', async () => {
      const before = await noteCount(ta.ctx);
      const { cookie, token } = await csrfPair(ta.app);
      const res = await ta.app.inject({
        method: 'POST',
        url: '/test/form',
        headers: { 'content-type': FORM, cookie },
        payload: form({ _csrf: token, body: '带令牌提交' }),
      });
      assert.equal(res.statusCode, 303, res.body);
      assert.equal(res.headers.location, '/test/form');
      assert.equal(await noteCount(ta.ctx), before + 1, 'one row was written');
    });

    it('refuses a token paired with another visitor’s cookie, or with no cookie', async () => {
      const mine = await csrfPair(ta.app);
      const theirs = await csrfPair(ta.app);
      assert.notEqual(mine.token, theirs.token);
      const before = await noteCount(ta.ctx);
      for (const cookie of [theirs.cookie, undefined, 'yimen-csrf=forged.value']) {
        const res = await ta.app.inject({
          method: 'POST',
          url: '/test/form',
          headers: { 'content-type': FORM, ...(cookie ? { cookie } : {}) },
          payload: form({ _csrf: mine.token, body: 'x' }),
        });
        assert.equal(res.statusCode, 403, `cookie ${cookie}`);
        assert.ok(res.body.includes(zhCN['error.csrf']));
      }
      const forgedToken = await ta.app.inject({
        method: 'POST',
        url: '/test/form',
        headers: { 'content-type': FORM, cookie: mine.cookie },
        payload: form({ _csrf: `${mine.token}x`, body: 'x' }),
      });
      assert.equal(forgedToken.statusCode, 403, 'a tampered token');
      assert.equal(await noteCount(ta.ctx), before);
    });

    it('refuses Sec-Fetch-Site: cross-site even with a valid token', async () => {
      const { cookie, token } = await csrfPair(ta.app);
      const before = await noteCount(ta.ctx);
      const res = await ta.app.inject({
        method: 'POST',
        url: '/test/form',
        headers: { 'content-type': FORM, cookie, 'sec-fetch-site': 'cross-site' },
        payload: form({ _csrf: token, body: 'x' }),
      });
      assert.equal(res.statusCode, 403);
      assert.ok(res.body.includes(zhCN['error.csrf']));
      assert.equal(await noteCount(ta.ctx), before);

      // The same request from the site itself goes through: the header alone decided.
      const sameOrigin = await ta.app.inject({
        method: 'POST',
        url: '/test/form',
        headers: { 'content-type': FORM, cookie, 'sec-fetch-site': 'same-origin' },
        payload: form({ _csrf: token, body: 'x' }),
      });
      assert.equal(sameOrigin.statusCode, 303);
      assert.equal(await noteCount(ta.ctx), before + 1);
    });

    it('answers JSON clients with {error: {code: "csrf_failed"}}', async () => {
      const before = await noteCount(ta.ctx);
      const api = await ta.app.inject({
        method: 'POST',
        url: '/api/test/notes',
        payload: { body: 'json' },
      });
      assert.equal(api.statusCode, 403);
      assert.match(String(api.headers['content-type']), /^application\/json/);
      const apiBody = api.json();
      assert.equal(apiBody.error.code, 'csrf_failed');
      assert.equal(apiBody.error.message, zhCN['error.csrf']);
      assert.equal(apiBody.error.requestId, api.headers['x-request-id']);

      const accept = await ta.app.inject({
        method: 'POST',
        url: '/test/form',
        headers: { 'content-type': FORM, accept: 'application/json' },
        payload: form({ body: 'x' }),
      });
      assert.equal(accept.statusCode, 403);
      assert.equal(accept.json().error.code, 'csrf_failed');

      const crossSite = await ta.app.inject({
        method: 'POST',
        url: '/api/test/notes',
        headers: { 'sec-fetch-site': 'cross-site' },
        payload: { body: 'json' },
      });
      assert.equal(crossSite.statusCode, 403);
      assert.equal(crossSite.json().error.code, 'csrf_failed');
      assert.equal(await noteCount(ta.ctx), before);
    });

    it('accepts a JSON client that sends the token in x-csrf-token', async () => {
      const { cookie, token } = await csrfPair(ta.app);
      const before = await noteCount(ta.ctx);
      const res = await ta.app.inject({
        method: 'POST',
        url: '/api/test/notes',
        headers: { cookie, 'x-csrf-token': token },
        payload: { body: 'json with token' },
      });
      assert.equal(res.statusCode, 201, res.body);
      assert.ok(res.json().id);
      assert.equal(await noteCount(ta.ctx), before + 1);
    });

    it('does not hand the _csrf field to a route whose schema forbids unknown fields', async () => {
      const { cookie, token } = await csrfPair(ta.app);
      const res = await ta.app.inject({
        method: 'POST',
        url: '/test/strict',
        headers: { 'content-type': FORM, cookie },
        payload: form({ _csrf: token, title: '标题' }),
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { received: { title: '标题' } });
    });
  });
}
