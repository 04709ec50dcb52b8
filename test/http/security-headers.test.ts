// Security headers on every response (RELIABILITY row 4): crawl one response
// of each kind — pages, errors of every family, a static asset, the
// operational endpoints — and check each carries the full policy. HSTS only
// when the request came over TLS, as a trusted proxy reports it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { dialects } from '../helpers/databases.ts';
import { assertSecurityHeaders, csrfPair, openTestApp, type TestApp } from '../helpers/http.ts';

const LIMIT = 3;

type Crawled = [label: string, res: LightMyRequestResponse];
let crawls = 0;

/** One response of each kind; every request but the 429 ones comes from its own IP. */
async function crawl(ta: TestApp, headers: Record<string, string> = {}): Promise<Crawled[]> {
  let ip = 0;
  const get = (options: InjectOptions) =>
    ta.app.inject({
      remoteAddress: `198.51.100.${++ip}`,
      ...options,
      headers: { ...headers, ...options.headers },
    });
  const out: Crawled[] = [];
  const home = await get({ url: '/' });
  out.push(['home page', home]);
  // The second visit is answered from the page cache, before the route's other hooks.
  out.push(['home page from the page cache', await get({ url: '/' })]);
  const css = /<link rel="stylesheet" href="([^"]+)"/.exec(home.body)?.[1];
  assert.ok(css, 'the home page links its stylesheet');
  const asset = await get({ url: css });
  out.push(['static asset', asset]);
  out.push([
    'static asset 304',
    await get({ url: css, headers: { 'if-none-match': String(asset.headers.etag) } }),
  ]);
  out.push(['404', await get({ url: '/no/such/page' })]);
  out.push(['404 English', await get({ url: '/en/no/such/page' })]);
  out.push(['404 static', await get({ url: '/static/nope.css' })]);
  out.push(['500', await get({ url: '/test/boom' })]);
  out.push(['domain 409', await get({ url: '/test/error/conflict' })]);
  const { cookie, token } = await csrfPair(ta.app);
  out.push([
    '400 validation',
    await get({
      method: 'POST',
      url: '/test/strict',
      headers: { cookie, 'x-csrf-token': token },
      payload: { nope: true },
    }),
  ]);
  out.push([
    '400 malformed JSON',
    await get({
      method: 'POST',
      url: '/api/test/notes',
      headers: { 'content-type': 'application/json' },
      payload: '{',
    }),
  ]);
  out.push(['400 undecodable URL', await get({ url: '/%zz' })]);
  out.push(['414 over-long parameter', await get({ url: `/static/${'a'.repeat(200)}` })]);
  out.push(['403 CSRF', await get({ method: 'POST', url: '/test/form', payload: { a: 1 } })]);
  // '/' is in the page cache by now: the limit holds for cached pages too.
  const limited = `192.0.2.${++crawls}`;
  let last: LightMyRequestResponse | undefined;
  for (let i = 0; i <= LIMIT; i++) last = await get({ url: '/', remoteAddress: limited });
  assert.equal(last?.statusCode, 429);
  out.push(['429', last]);
  out.push(['/healthz', await get({ url: '/healthz' })]);
  out.push(['/readyz', await get({ url: '/readyz' })]);
  out.push(['/metrics', await get({ url: '/metrics' })]);
  return out;
}

const EXPECTED_STATUS: [string, number][] = [
  ['home page', 200],
  ['home page from the page cache', 200],
  ['static asset', 200],
  ['static asset 304', 304],
  ['404', 404],
  ['404 English', 404],
  ['404 static', 404],
  ['500', 500],
  ['domain 409', 409],
  ['400 validation', 400],
  ['400 malformed JSON', 400],
  ['400 undecodable URL', 400],
  ['414 over-long parameter', 414],
  ['403 CSRF', 403],
  ['429', 429],
  ['/healthz', 200],
  ['/readyz', 200],
  ['/metrics', 200],
];

function hstsMaxAge(res: LightMyRequestResponse): number | undefined {
  const hsts = res.headers['strict-transport-security'];
  if (hsts === undefined) return undefined;
  assert.match(String(hsts), /;\s*includeSubDomains/);
  return Number(/max-age=(\d+)/.exec(String(hsts))?.[1]);
}

for (const dialect of dialects) {
  describe(`security headers on every response [${dialect}]`, () => {
    let behindProxy: TestApp;
    let direct: TestApp;
    before(async () => {
      behindProxy = await openTestApp(dialect, {
        env: { YIMEN_RATE_LIMIT: String(LIMIT), YIMEN_TRUST_PROXY: 'true' },
      });
      direct = await openTestApp(dialect);
    });
    after(async () => {
      await behindProxy?.close();
      await direct?.close();
    });

    it('sends the policy on each kind of response, and no HSTS over plain http', async () => {
      const crawled = await crawl(behindProxy);
      assert.deepEqual(
        crawled.map(([label, res]) => [label, res.statusCode]),
        EXPECTED_STATUS,
      );
      for (const [label, res] of crawled) {
        assertSecurityHeaders(res, label);
        assert.equal(res.headers['strict-transport-security'], undefined, `${label}: no HSTS`);
      }
    });

    it('adds HSTS to every response that came over TLS through the trusted proxy', async () => {
      const crawled = await crawl(behindProxy, { 'x-forwarded-proto': 'https' });
      for (const [label, res] of crawled) {
        assertSecurityHeaders(res, label);
        const maxAge = hstsMaxAge(res);
        assert.ok(maxAge !== undefined && maxAge >= 31_536_000, `${label}: HSTS for a year`);
      }
    });

    it('ignores x-forwarded-proto when the proxy is not trusted', async () => {
      for (const url of ['/', '/no/such', '/%zz']) {
        const res = await direct.app.inject({ url, headers: { 'x-forwarded-proto': 'https' } });
        assertSecurityHeaders(res, `${url} from an untrusted proxy`);
        assert.equal(res.headers['strict-transport-security'], undefined, url);
      }
    });

    it('uses a fresh CSP nonce for each response', async () => {
      const nonce = (res: LightMyRequestResponse) =>
        /script-src [^;]*'nonce-([A-Za-z0-9+/=_-]{16,})'/.exec(
          String(res.headers['content-security-policy']),
        )?.[1];
      const a = nonce(await direct.app.inject({ url: '/' }));
      const b = nonce(await direct.app.inject({ url: '/' }));
      assert.ok(a && b, 'script-src carries a nonce');
      assert.notEqual(a, b);
    });

    it('lets browsers cache static assets for a year and revalidate with 304', async () => {
      const home = await direct.app.inject({ url: '/' });
      const css = /<link rel="stylesheet" href="(\/static\/[^"]+)"/.exec(home.body)?.[1];
      assert.ok(css);
      const res = await direct.app.inject({ url: css });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/css/);
      const cacheControl = String(res.headers['cache-control']);
      assert.match(cacheControl, /(^|,\s*)max-age=31536000(,|$)/);
      assert.match(cacheControl, /(^|,\s*)immutable(,|$)/);
      const etag = res.headers.etag;
      assert.ok(etag, 'has an ETag');
      assert.ok(res.body.length > 0);

      const again = await direct.app.inject({ url: css, headers: { 'if-none-match': etag } });
      assert.equal(again.statusCode, 304);
      assert.equal(again.body, '');
      assert.match(String(again.headers['cache-control']), /immutable/);

      const stale = await direct.app.inject({ url: css, headers: { 'if-none-match': '"old"' } });
      assert.equal(stale.statusCode, 200, 'a different ETag gets the file');
    });
  });
}
