// Per-IP rate limiting: past YIMEN_RATE_LIMIT requests a minute one client gets
// 429 with Retry-After and a Chinese message; other clients and the health
// endpoints a load balancer polls are not affected. The X-RateLimit-* headers
// go on responses for one client only: a public page a proxy may keep for
// everyone leaves them out, though it is counted all the same.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assetUrl } from '../../src/web/assets.ts';
import { zhCN } from '../../src/web/i18n/zh-CN.ts';
import { dialects } from '../helpers/databases.ts';
import { openTestApp, type TestApp } from '../helpers/http.ts';

const LIMIT = 5;
/** A page for one client (Cache-Control: no-store). */
const SEARCH = '/search?q=x';

for (const dialect of dialects) {
  describe(`rate limiting [${dialect}]`, () => {
    let ta: TestApp;
    before(async () => {
      ta = await openTestApp(dialect, { env: { YIMEN_RATE_LIMIT: String(LIMIT) } });
    });
    after(() => ta.close());

    it('serves five requests a minute from one IP and refuses the sixth with 429', async () => {
      const remoteAddress = '203.0.113.10';
      for (let i = 1; i <= LIMIT; i++) {
        const res = await ta.app.inject({ url: SEARCH, remoteAddress });
        assert.equal(res.statusCode, 200, `request ${i}`);
        assert.equal(res.headers['x-ratelimit-remaining'], String(LIMIT - i));
      }
      const res = await ta.app.inject({ url: '/', remoteAddress });
      assert.equal(res.statusCode, 429);
      const retryAfter = Number(res.headers['retry-after']);
      assert.ok(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 60, 'Retry-After');
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.match(res.body, /<html lang="zh-CN"/);
      assert.ok(res.body.includes(zhCN['error.429.title']));
      assert.ok(res.body.includes(zhCN['error.429.body']));
    });

    it('keeps refusing that IP, with a JSON body for JSON clients', async () => {
      const res = await ta.app.inject({
        url: '/',
        remoteAddress: '203.0.113.10',
        headers: { accept: 'application/json' },
      });
      assert.equal(res.statusCode, 429);
      assert.ok(res.headers['retry-after']);
      assert.equal(res.json().error.code, 'rate_limited');
      assert.equal(res.json().error.message, zhCN['error.429.body']);
    });

    it('still serves another IP', async () => {
      const res = await ta.app.inject({ url: SEARCH, remoteAddress: '203.0.113.11' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['x-ratelimit-remaining'], String(LIMIT - 1));
    });

    it("counts public pages without putting one client's counters in them", async () => {
      const remoteAddress = '203.0.113.12';
      const page = await ta.app.inject({ url: '/', remoteAddress });
      assert.equal(page.statusCode, 200);
      assert.match(String(page.headers['cache-control']), /\bpublic\b/);
      for (const name of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'])
        assert.equal(page.headers[name], undefined, name);
      const next = await ta.app.inject({ url: SEARCH, remoteAddress });
      assert.equal(next.headers['x-ratelimit-remaining'], String(LIMIT - 2));
    });

    it('never limits /healthz, /readyz, /metrics or static files, even for the limited IP', async () => {
      for (let i = 0; i < LIMIT * 3; i++) {
        const res = await ta.app.inject({ url: '/healthz', remoteAddress: '203.0.113.10' });
        assert.equal(res.statusCode, 200, `/healthz #${i + 1}`);
      }
      for (const url of ['/readyz', '/metrics']) {
        const res = await ta.app.inject({ url, remoteAddress: '203.0.113.10' });
        assert.equal(res.statusCode, 200, url);
      }
      // Nor the stylesheets and scripts every page loads: a limited visitor's
      // pages (or those of others behind the same NAT address) keep their style.
      const assets = [assetUrl('site.css'), assetUrl('search.js'), '/mode.css'];
      for (const url of assets) {
        const res = await ta.app.inject({ url, remoteAddress: '203.0.113.10' });
        assert.equal(res.statusCode, 200, url);
      }
      const stillLimited = await ta.app.inject({ url: '/', remoteAddress: '203.0.113.10' });
      assert.equal(stillLimited.statusCode, 429, 'the health checks did not reset the limit');
    });
  });
}
