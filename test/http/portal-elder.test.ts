// Elder-friendly mode (适老化): a plain link switches it on and off, the
// choice is remembered in a cookie for a year, the return path must stay on
// this site, and the pages themselves do not change (only /mode.css does).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assetUrl } from '../../src/web/assets.ts';
import { dialects } from '../helpers/databases.ts';
import { openPortalApp, type PortalApp } from '../helpers/portal-content.ts';

for (const dialect of dialects) {
  describe(`elder-friendly mode [${dialect}]`, () => {
    let p: PortalApp;
    before(async () => {
      p = await openPortalApp(dialect);
    });
    after(() => p.close());

    it('switches on with a link, remembers it for a year and returns to the page', async () => {
      const res = await p.app.inject({
        url: '/elder?on=1&back=%2Fsites%2Fparty%2Fnews%2F%3Fpage%3D2',
      });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/sites/party/news/?page=2');
      assert.equal(res.headers['cache-control'], 'no-store');
      const cookie = res.cookies.find((c) => c.name === 'yimen-elder');
      assert.equal(cookie?.value, '1');
      assert.equal(cookie?.maxAge, 365 * 24 * 3600);
      assert.equal(cookie?.path, '/');
      assert.equal(cookie?.httpOnly, true);
      assert.equal(cookie?.sameSite, 'Lax');
    });

    it('returns to a path with Chinese in it, escaped for the Location header', async () => {
      for (const [back, location] of [
        ['/中', '/%E4%B8%AD'],
        ['/search?q=社保', '/search?q=%E7%A4%BE%E4%BF%9D'],
        ['/search?q=%E7%A4%BE%E4%BF%9D', '/search?q=%E7%A4%BE%E4%BF%9D'],
      ]) {
        const res = await p.app.inject({ url: `/elder?on=1&back=${encodeURIComponent(back!)}` });
        assert.equal(res.statusCode, 303, back);
        assert.equal(res.headers.location, location, back);
      }
    });

    it('switches off again', async () => {
      const res = await p.app.inject({
        url: '/elder?on=0&back=/',
        headers: { cookie: 'yimen-elder=1' },
      });
      assert.equal(res.statusCode, 303);
      const cookie = res.cookies.find((c) => c.name === 'yimen-elder');
      assert.equal(cookie?.value, '');
      assert.ok(cookie?.expires && cookie.expires.getTime() < Date.now());
    });

    it('refuses a return address on another site (no open redirect)', async () => {
      for (const back of [
        '//evil.example/',
        'https://evil.example/',
        '/\\evil.example',
        '\\\\evil.example',
        'javascript:alert(1)',
        '/\n/evil.example',
        '/\t/evil.example',
        'evil.example',
      ]) {
        const res = await p.app.inject({ url: `/elder?on=1&back=${encodeURIComponent(back)}` });
        assert.equal(res.statusCode, 400, back);
        assert.equal(res.headers.location, undefined, back);
        assert.equal(res.cookies.length, 0, `${back}: nothing changed`);
      }
      // The refusal page's own switch links return home, not to the refusing /elder again.
      const refused = await p.app.inject({ url: '/elder?on=1&back=%2F%2Fevil.example' });
      assert.match(refused.body, /href="\/elder\?on=1&amp;back=%2F"/);
      assert.doesNotMatch(refused.body, /back=%2Felder/);
      assert.equal((await p.app.inject({ url: '/elder?on=2&back=/' })).statusCode, 400);
      const home = await p.app.inject({ url: '/elder?on=1' });
      assert.equal(home.headers.location, '/', 'no back: the home page');
    });

    it('serves the elder stylesheet through /mode.css only to visitors who chose it', async () => {
      const standard = await p.app.inject({ url: '/mode.css' });
      assert.equal(standard.statusCode, 200);
      assert.equal(standard.headers['content-type'], 'text/css; charset=utf-8');
      assert.ok(!standard.body.includes('elder'));
      assert.equal(standard.headers['cache-control'], 'private, no-cache');
      assert.equal(standard.headers.vary, 'Cookie');
      const elder = await p.app.inject({ url: '/mode.css', headers: { cookie: 'yimen-elder=1' } });
      const sheet = await p.app.inject({ url: assetUrl('elder.css') });
      assert.equal(sheet.statusCode, 200);
      assert.equal(elder.body, sheet.body, 'the content-hashed elder.css');
      assert.match(sheet.body, /font-size: 125%/);
      assert.notEqual(elder.headers.etag, standard.headers.etag);
      const revalidated = await p.app.inject({
        url: '/mode.css',
        headers: { cookie: 'yimen-elder=1', 'if-none-match': String(elder.headers.etag) },
      });
      assert.equal(revalidated.statusCode, 304);
      const switched = await p.app.inject({
        url: '/mode.css',
        headers: { 'if-none-match': String(elder.headers.etag) },
      });
      assert.equal(switched.statusCode, 200, 'switching off is seen on the next page');
    });

    it('puts both switch links and the mode stylesheet on every page', async () => {
      const html = (await p.app.inject({ url: '/citizens/' })).body;
      assert.ok(html.includes('<link rel="stylesheet" href="/mode.css"/>'));
      assert.ok(html.includes('href="/elder?on=1&amp;back=%2Fcitizens%2F"'));
      assert.ok(html.includes('href="/elder?on=0&amp;back=%2Fcitizens%2F"'));
      const error = (await p.app.inject({ url: '/no-such-page' })).body;
      assert.ok(error.includes('href="/elder?on=1&amp;back=%2Fno-such-page"'));
    });
  });
}
