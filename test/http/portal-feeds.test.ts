// Machine-readable output: RSS 2.0 per channel, /sitemap.xml (live items
// only; an index past the URL limit), robots.txt, absolute URLs from
// YIMEN_PUBLIC_URL or the request's Host.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sitemap } from '../../src/modules/portal/feeds.ts';
import { loadStructure } from '../../src/modules/portal/structure.ts';
import { dialects } from '../helpers/databases.ts';
import {
  createFixture,
  type Fixture,
  openPortalApp,
  type PortalApp,
} from '../helpers/portal-content.ts';

/**
 * A strict-enough XML well-formedness check: one root, balanced and properly
 * nested elements, quoted attributes, no raw '<' or stray '&' in text or
 * attribute values. Returns the problems found.
 */
function xmlProblems(text: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  const body = text.replace(/^<\?xml [^?]*\?>\s*/, '');
  const badAmp = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
  for (const [token] of body.matchAll(/<[^>]*>|[^<]+/g)) {
    if (!token.startsWith('<')) {
      if (badAmp.test(token)) problems.push(`stray & in text: ${token.slice(0, 40)}`);
      if (stack.length === 0 && token.trim()) problems.push('text outside the root');
      continue;
    }
    const close = /^<\/([\w:.-]+)\s*>$/.exec(token);
    if (close) {
      const open = stack.pop();
      if (open !== close[1]) problems.push(`</${close[1]}> closes <${open}>`);
      continue;
    }
    const open = /^<([\w:.-]+)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>$/.exec(token);
    if (!open) {
      problems.push(`malformed tag ${token.slice(0, 60)}`);
      continue;
    }
    if (badAmp.test(open[2]!)) problems.push(`stray & in attribute: ${token.slice(0, 60)}`);
    if (stack.length === 0) roots++;
    if (open[3] !== '/') stack.push(open[1]!);
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(' ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

const unxml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

const all = (text: string, tag: string) =>
  [...text.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => unxml(m[1]!));

for (const dialect of dialects) {
  describe(`feeds, sitemap and robots.txt [${dialect}]`, () => {
    let p: PortalApp;
    let f: Fixture;
    before(async () => {
      p = await openPortalApp(dialect, { YIMEN_PUBLIC_URL: 'https://www.zunyi.example.gov.cn' });
      f = await createFixture(p);
    });
    after(() => p.close());

    it('publishes a valid RSS 2.0 feed of a channel with its live items, newest first', async () => {
      const res = await p.app.inject({ url: '/sites/government/news/feed.xml' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/rss+xml; charset=utf-8');
      assert.deepEqual(xmlProblems(res.body), []);
      assert.match(res.body, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<rss version="2.0"/);
      const channel = res.body.slice(0, res.body.indexOf('<item>'));
      assert.deepEqual(all(channel, 'title'), ['要闻动态 - 遵义市人民政府']);
      assert.deepEqual(all(channel, 'link'), [
        'https://www.zunyi.example.gov.cn/sites/government/news/',
      ]);
      assert.ok(all(channel, 'description')[0]);
      assert.deepEqual(all(res.body, 'title').slice(1), [f.article.title]);
      assert.deepEqual(all(res.body, 'link').slice(1), [
        'https://www.zunyi.example.gov.cn/sites/government/news/city-services.html',
      ]);
      const [pubDate] = all(res.body, 'pubDate');
      assert.equal(new Date(pubDate!).toISOString(), f.article.published_at);
      assert.match(pubDate!, /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
      for (const item of f.hidden) assert.ok(!res.body.includes(item.title));
    });

    it('escapes hostile text in the feed', async () => {
      await p.ctx.db.kysely
        .updateTable('content_item')
        .set({ title: 'A & B <script>alert(1)</script> ]]>' })
        .where('id', '=', f.notice.id)
        .execute();
      p.ctx.cache.clear();
      const res = await p.app.inject({ url: '/sites/government/notices/feed.xml' });
      assert.deepEqual(xmlProblems(res.body), []);
      assert.ok(all(res.body, 'title').includes('A & B <script>alert(1)</script> ]]>'));
    });

    it('lists every home, channel and live item in /sitemap.xml, and nothing hidden', async () => {
      const res = await p.app.inject({ url: '/sitemap.xml' });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^application\/xml/);
      assert.deepEqual(xmlProblems(res.body), []);
      const locs = all(res.body, 'loc');
      const base = 'https://www.zunyi.example.gov.cn';
      for (const path of [
        '/',
        '/citizens/',
        '/en/invest/',
        '/sites/party/',
        '/sites/party/news/',
      ]) {
        assert.ok(locs.includes(`${base}${path}`), path);
      }
      for (const path of [
        '/sites/government/news/city-services.html',
        '/sites/government/policies/small-business-policy.html',
        '/sites/party/news/plenary-session.html',
        '/sites/cppcc/notices/proposal-form.html',
      ]) {
        assert.ok(locs.includes(`${base}${path}`), path);
      }
      for (const item of f.hidden) {
        assert.ok(!locs.some((l) => l.endsWith(`/${item.slug}.html`)), item.slug);
      }
      const items = locs.filter((l) => l.endsWith('.html'));
      assert.equal(items.length, 6, 'the six live items of the fixture');
      assert.match(res.body, /<lastmod>2026-11-02<\/lastmod>/);
    });

    it('splits the sitemap into an index of files when it passes the limit', async () => {
      const structure = await loadStructure(p.ctx);
      const base = 'https://x.example';
      const index = await sitemap(p.ctx, structure, base, undefined, 10);
      assert.ok(index);
      assert.deepEqual(xmlProblems(index.body), []);
      const files = all(index.body, 'loc');
      assert.ok(files.length > 1);
      const parts = await Promise.all(
        files.map((_, i) => sitemap(p.ctx, structure, base, i + 1, 10)),
      );
      const urls = parts.flatMap((part) => all(part!.body, 'loc'));
      const whole = await sitemap(p.ctx, structure, base, undefined, 50_000);
      assert.deepEqual(urls, all(whole!.body, 'loc'), 'the parts together are the whole');
      assert.equal(await sitemap(p.ctx, structure, base, files.length + 1, 10), undefined);
      assert.equal(
        (await p.app.inject({ url: '/sitemap-1.xml' })).statusCode,
        404,
        'one file: no parts',
      );
    });

    it('allows crawling except the back office, accounts, the elder switch and search results, and names the sitemap', async () => {
      const res = await p.app.inject({ url: '/robots.txt' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8');
      assert.equal(
        res.body,
        [
          'User-agent: *',
          'Allow: /',
          'Disallow: /admin/',
          'Disallow: /account/',
          'Disallow: /elder',
          'Disallow: /search',
          'Sitemap: https://www.zunyi.example.gov.cn/sitemap.xml',
          '',
        ].join('\n'),
      );
    });
  });

  describe(`absolute URLs without YIMEN_PUBLIC_URL [${dialect}]`, () => {
    let p: PortalApp;
    before(async () => {
      p = await openPortalApp(dialect);
    });
    after(() => p.close());

    it('come from the request Host, and a malformed Host is not used', async () => {
      const res = await p.app.inject({
        url: '/robots.txt',
        headers: { host: 'portal.example:8080' },
      });
      assert.match(res.body, /Sitemap: http:\/\/portal\.example:8080\/sitemap\.xml/);
      const other = await p.app.inject({
        url: '/robots.txt',
        headers: { host: 'www.other.example' },
      });
      assert.match(
        other.body,
        /Sitemap: http:\/\/www\.other\.example\/sitemap\.xml/,
        'cached per origin',
      );
      const bad = await p.app.inject({ url: '/robots.txt', headers: { host: 'evil"><x' } });
      assert.match(bad.body, /Sitemap: http:\/\/127\.0\.0\.1:\d+\/sitemap\.xml/);
    });
  });
}
