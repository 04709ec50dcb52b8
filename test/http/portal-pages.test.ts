// The public pages show exactly the live items: the portal home, an audience
// portal, an institution's site, channel lists with pagination, item and
// policy pages with their metadata, links, attachments and structured data.
// Drafts, items in review, scheduled and withdrawn items never appear.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { changeSlug } from '../../src/modules/content/items.ts';
import { structureChanged } from '../../src/modules/sites/sites.ts';
import { dialects } from '../helpers/databases.ts';
import {
  createFixture,
  type Fixture,
  openPortalApp,
  type PortalApp,
  publish,
} from '../helpers/portal-content.ts';

const jsonLd = (html: string) =>
  [...html.matchAll(/<script type="application\/ld\+json">([^<]*)<\/script>/g)].map(
    (m) => JSON.parse(m[1]!) as Record<string, unknown>,
  );

for (const dialect of dialects) {
  describe(`public portal pages [${dialect}]`, () => {
    let p: PortalApp;
    let f: Fixture;
    const get = (url: string) => p.app.inject({ method: 'GET', url });
    const page = async (url: string) => {
      const res = await get(url);
      assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
      return res.body;
    };
    const assertNoHidden = (html: string, where: string) => {
      for (const item of f.hidden)
        assert.ok(!html.includes(item.title), `${where} hides ${item.title}`);
    };

    before(async () => {
      p = await openPortalApp(dialect);
      f = await createFixture(p);
    });
    after(() => p.close());

    it('the portal home has the six entrances, the search box, headlines, notices and the institutions', async () => {
      const html = await page('/');
      assert.match(html, /<html lang="zh-CN">/);
      for (const path of [
        '/gov/',
        '/citizens/',
        '/business/',
        '/invest/',
        '/tourism/',
        '/rural/',
      ]) {
        assert.ok(html.includes(`href="${path}"`), `entrance ${path}`);
      }
      assert.match(html, /<form class="search-form" action="\/search" method="get"/);
      assert.match(html, /<input id="q" name="q" type="search"/);
      for (const path of ['/sites/party/', '/sites/npc/', '/sites/government/', '/sites/cppcc/']) {
        assert.ok(html.includes(`href="${path}"`), `quick link ${path}`);
      }
      // Pushed from 市委: shown with its origin, linking to its one canonical page.
      assert.ok(html.includes(f.pushed.title));
      assert.ok(html.includes('href="/sites/party/news/plenary-session.html"'));
      assert.ok(html.includes('来源：中共遵义市委'));
      assertNoHidden(html, 'portal home');
      assert.ok(!html.includes(f.article.title), 'not pushed, not on the portal home');
      const [org] = jsonLd(html);
      assert.equal(org?.['@type'], 'GovernmentOrganization');
    });

    it('every page carries the footer particulars and the 我为政府网站找错 link with its own path', async () => {
      const html = await page('/sites/government/news/');
      assert.ok(html.includes('href="/feedback/error?url=%2Fsites%2Fgovernment%2Fnews%2F"'));
      const home = await page('/');
      for (const text of [
        '网站标识码：5203000099',
        '黔ICP备99999999号',
        '黔公网安备 52030299999999号',
      ]) {
        assert.ok(home.includes(text), text);
      }
      assert.ok(home.includes('href="https://beian.miit.gov.cn/"'));
      assert.ok(home.includes('href="/elder?on=1&amp;back=%2F"'), 'the elder-mode switch');
      assert.doesNotMatch(html, /<p><\/p>/, 'no empty line where an institution has no numbers');
    });

    it("an audience portal shows the portal's particulars, except those it has of its own", async () => {
      await p.ctx.db.kysely
        .updateTable('site')
        .set({ sponsor: 'General Office of the City Government', contact: 'Tel: 0851-1234' })
        .where('code', '=', 'invest-en')
        .execute();
      structureChanged(p.ctx);
      const en = await page('/en/invest/');
      assert.ok(en.includes('Sponsor: General Office of the City Government'));
      assert.ok(en.includes('Tel: 0851-1234'));
      assert.ok(en.includes('黔ICP备99999999号'), "the portal's registration number");
      const citizens = await page('/citizens/');
      assert.ok(
        !citizens.includes('General Office'),
        "another audience portal: the portal's sponsor",
      );
    });

    it('an audience portal shows items tagged for it from every institution and items pushed to it', async () => {
      const html = await page('/citizens/');
      assert.ok(html.includes(f.article.title), 'tagged citizen, from 市政府');
      assert.ok(html.includes(f.notice.title), 'tagged citizen and business');
      assert.ok(html.includes(f.pushed.title), 'pushed to 市民');
      assert.ok(!html.includes(f.policy.title), 'tagged business only');
      assertNoHidden(html, '/citizens/');
      const business = await page('/business/');
      assert.ok(business.includes(f.policy.title));
      assert.ok(!business.includes(f.article.title));
    });

    it("an institution's home lists its channels with their latest items", async () => {
      const html = await page('/sites/government/');
      for (const name of ['要闻动态', '通知公告', '政策文件', '政策解读'])
        assert.ok(html.includes(name));
      for (const item of [f.article, f.notice, f.policy, f.interpretation]) {
        assert.ok(html.includes(item.title), item.title);
      }
      assert.ok(!html.includes(f.pushed.title), '市委 content stays on its own site');
      assertNoHidden(html, '/sites/government/');
    });

    it('a channel list shows its live items with breadcrumbs and a feed link', async () => {
      const html = await page('/sites/government/news/');
      assert.ok(html.includes(f.article.title));
      assertNoHidden(html, 'news channel');
      assert.match(html, /<nav class="breadcrumbs" aria-label="当前位置">/);
      assert.ok(html.includes('href="/sites/government/news/feed.xml"'));
      assert.match(html, /<h1>要闻动态<\/h1>/);
    });

    it('pages a channel 20 at a time in a stable order, 404 past the end, 400 for a bad page', async () => {
      const made = [];
      for (let i = 0; i < 45; i++) {
        p.advance(i % 3 === 0 ? 0 : 1000); // some share a publication time: the id breaks ties
        made.push(
          await publish(p, {
            channelId: 'npc-news',
            type: 'article',
            slug: `npc-${i}`,
            title: `人大新闻第${i}号`,
            bodyHtml: '<p>人大新闻</p>',
          }),
        );
      }
      const titles = async (n?: number) => {
        const html = await page(`/sites/npc/news/${n ? `?page=${n}` : ''}`);
        return [...html.matchAll(/class="item-title">(人大新闻第\d+号)/g)].map((m) => m[1]);
      };
      const [p1, p1again, p2, p3] = [
        await titles(),
        await titles(1),
        await titles(2),
        await titles(3),
      ];
      assert.equal(p1.length, 20);
      assert.equal(p2.length, 20);
      assert.equal(p3.length, 5);
      assert.deepEqual(p1again, p1, '?page=1 is page 1');
      const expected = [...made]
        .sort(
          (a, b) =>
            (b.published_at ?? '').localeCompare(a.published_at ?? '') || b.id.localeCompare(a.id),
        )
        .map((i) => i.title);
      assert.deepEqual([...p1, ...p2, ...p3], expected);
      assert.equal((await get('/sites/npc/news/?page=4')).statusCode, 404);
      for (const bad of ['0', '-1', 'abc', '1.5', '99999999']) {
        assert.equal((await get(`/sites/npc/news/?page=${bad}`)).statusCode, 400, bad);
      }
      const second = await page('/sites/npc/news/?page=2');
      assert.ok(second.includes('rel="prev" href="/sites/npc/news/"'));
      assert.ok(second.includes('rel="next" href="/sites/npc/news/?page=3"'));
      assert.equal((await get('/sites/npc/?page=2')).statusCode, 404, 'a home has one page');
    });

    it('shows an article with its source, date in Beijing time, body, breadcrumbs and structured data', async () => {
      const html = await page('/sites/government/news/city-services.html');
      assert.match(html, /<h1>市政府召开常务会议研究便民服务<\/h1>/);
      assert.ok(html.includes('来源：遵义市人民政府'));
      assert.ok(
        html.includes('<time datetime="2026-11-02">2026-11-02</time>'),
        'published 02:01Z is 10:01 in Beijing',
      );
      assert.ok(html.includes('<p>市政府召开常务会议。</p>'), 'the sanitised body as HTML');
      assert.ok(
        html.includes(
          '<link rel="canonical" href="http://localhost:80/sites/government/news/city-services.html"/>',
        ),
      );
      assert.ok(
        html.includes('<meta property="og:title" content="市政府召开常务会议研究便民服务"/>'),
      );
      assert.match(html, /<span aria-current="page">正文<\/span>/);
      const [article] = jsonLd(html);
      assert.equal(article?.['@type'], 'NewsArticle');
      assert.equal(article?.headline, f.article.title);
      assert.equal(article?.datePublished, '2026-11-02T10:01:00+08:00');
    });

    it('shows a policy with its metadata table and its interpretation, and the interpretation links back', async () => {
      const html = await page('/sites/government/policies/small-business-policy.html');
      for (const [label, value] of [
        ['文号', '遵府发〔2026〕3号'],
        ['发布机构', '遵义市人民政府'],
        ['成文日期', '2026-10-28'],
        ['有效性', '有效'],
      ]) {
        assert.ok(html.includes(`<th scope="row">${label}</th><td>${value}</td>`), label);
      }
      assert.ok(html.includes('<th scope="row">发布日期</th>'));
      assert.ok(
        html.includes('href="/sites/government/interpretations/small-business-policy-qa.html"'),
      );
      const interp = await page('/sites/government/interpretations/small-business-policy-qa.html');
      assert.ok(interp.includes('解读的政策文件'));
      assert.ok(interp.includes('href="/sites/government/policies/small-business-policy.html"'));
    });

    it('marks a repealed policy visibly and gives its repeal date', async () => {
      await publish(p, {
        channelId: 'government-policies',
        type: 'policy',
        slug: 'old-policy',
        title: '遵义市某项旧规定',
        bodyHtml: '<p>旧规定</p>',
        fields: { docNumber: '遵府发〔2019〕1号', validity: 'repealed', repealedOn: '2026-06-30' },
      });
      const html = await page('/sites/government/policies/old-policy.html');
      assert.ok(html.includes('注意：本文件已废止，内容仅供查阅。'));
      assert.ok(html.includes('<th scope="row">有效性</th><td>已废止</td>'));
      assert.ok(html.includes('<th scope="row">废止日期</th><td>2026-06-30</td>'));
      assert.ok(
        html.includes('<th scope="row">发布机构</th><td>遵义市人民政府</td>'),
        'the site by default',
      );
      // The channel list marks it too, next to its number.
      const list = await page('/sites/government/policies/');
      const entry = list.slice(list.indexOf('遵义市某项旧规定'));
      assert.match(
        entry.slice(0, entry.indexOf('</li>')),
        /<span class="validity">已废止<\/span><span class="doc-number">遵府发〔2019〕1号<\/span>/,
      );
      assert.doesNotMatch(
        list,
        /<span class="validity">有效<\/span>/,
        'policies in force unmarked',
      );
    });

    it('lists attachments with their type and size, linking to the download', async () => {
      const html = await page('/sites/cppcc/notices/proposal-form.html');
      const href = `/files/${f.attachment.sha256}/${encodeURIComponent(f.attachment.name)}`;
      assert.ok(html.includes(`href="${href}"`));
      assert.ok(html.includes(`提案线索表.pdf（PDF，${f.attachment.body.length} B）`));
    });

    it('answers 404 for items that are not live, and for unknown channels and sites', async () => {
      for (const item of f.hidden) {
        assert.equal(
          (await get(`/sites/government/news/${item.slug}.html`)).statusCode,
          404,
          item.slug,
        );
      }
      for (const url of [
        '/sites/government/nothing/',
        '/sites/nowhere/',
        '/sites/government/news/x.htm',
        // A long Chinese segment is a page that does not exist, not a refused request.
        `/${encodeURIComponent('政府信息公开年度报告表格汇总')}/`,
      ]) {
        assert.equal((await get(url)).statusCode, 404, url);
      }
      assert.equal(
        (await get('/sites/party/news/city-services.html')).statusCode,
        404,
        'wrong site',
      );
      // The not-found page wears the name of the site the address is on.
      const { name } = await p.ctx.db.kysely
        .selectFrom('site')
        .select('name')
        .where('code', '=', 'government')
        .executeTakeFirstOrThrow();
      const missing = await get('/sites/government/news/no-such-item.html');
      assert.match(missing.body, new RegExp(`<title>页面不存在 - ${name}</title>`));
      assert.match(missing.body, new RegExp(`class="brand" href="/sites/government/">${name}<`));
      // …and its footer particulars: 市委's not-found page names 市委 as its sponsor,
      // not the product's default line (主办：市人民政府办公室).
      const party = await get('/sites/party/news/no-such-item.html');
      const footer = party.body.slice(party.body.indexOf('<footer'));
      assert.match(footer, /主办：中共遵义市委/);
      assert.doesNotMatch(footer, /市人民政府办公室/);
      const portal = await get('/no-such-page/');
      assert.ok(portal.body.includes('网站标识码：5203000099'), "the portal's particulars");
      // The English portal's not-found page keeps its search and its way to the Chinese edition;
      // an English address no site holds does not take the Chinese portal's name.
      const en = await get('/en/invest/no-such-channel/');
      assert.equal(en.statusCode, 404);
      assert.ok(en.body.includes('href="/en/invest/search"'));
      assert.ok(en.body.includes('<a href="/invest/" hreflang="zh-CN" lang="zh-CN">中文</a>'));
      const nowhere = await get('/en/no-such-page');
      assert.equal(nowhere.statusCode, 404);
      const gate = await p.ctx.db.kysely
        .selectFrom('site')
        .select('name')
        .where('code', '=', 'portal')
        .executeTakeFirstOrThrow();
      assert.ok(!nowhere.body.includes(gate.name), gate.name);
      assert.ok(missing.body.includes('href="/sites/government/search"'), "the site's own search");
    });

    it('redirects an old slug and a wrong channel permanently to the one current URL', async () => {
      const item = await publish(p, {
        channelId: 'government-news',
        type: 'article',
        slug: 'old-address',
        title: '改过网址的新闻',
        bodyHtml: '<p>x</p>',
      });
      await changeSlug(p.ctx, item.id, 'new-address');
      const res = await get('/sites/government/news/old-address.html');
      assert.equal(res.statusCode, 301);
      assert.equal(res.headers.location, '/sites/government/news/new-address.html');
      const moved = await get('/sites/government/notices/new-address.html');
      assert.equal(moved.statusCode, 301);
      assert.equal(moved.headers.location, '/sites/government/news/new-address.html');
      const slash = await get('/sites/government/news?page=2');
      assert.equal(slash.statusCode, 301);
      assert.equal(slash.headers.location, '/sites/government/news/?page=2');
      // Old links to a replaced static site's index pages.
      for (const [from, to] of [
        ['/sites/government/index.shtml', '/sites/government/'],
        ['/sites/government/news/index.html?page=2', '/sites/government/news/?page=2'],
        // Redirected before ?page is checked: the old link still leads home.
        ['/index.html?page=abc', '/?page=abc'],
        ['/services/index.html', '/services/'],
        ['/letters/Default.aspx?x=1', '/letters/?x=1'],
      ]) {
        const old = await get(from!);
        assert.equal(old.statusCode, 301, from);
        assert.equal(old.headers.location, to, from);
      }
      // Not a directory of any route or site: left to the routes (404).
      for (const path of [
        '/sites/government/elsewhere/index.html',
        `/files/${'0'.repeat(64)}/index.html`,
      ]) {
        assert.equal((await get(path)).statusCode, 404, path);
      }
    });

    it('keeps a hostile title inside its JSON-LD and escaped everywhere else', async () => {
      const title = '</script><script>alert(1)</script>';
      await publish(p, {
        channelId: 'government-news',
        type: 'article',
        slug: 'hostile-title',
        title,
        bodyHtml: '<p>x</p>',
      });
      const html = await page('/sites/government/news/hostile-title.html');
      assert.ok(!html.includes('<script>alert(1)'), 'no executable script anywhere');
      const blocks = jsonLd(html);
      assert.equal(blocks.length, 1);
      assert.equal(blocks[0]?.headline, title);
      assert.equal(
        html.match(/<script/g)?.length,
        1,
        'the JSON-LD block is the only script element',
      );
    });

    it('serves the English investment portal in English', async () => {
      const html = await page('/en/invest/');
      assert.match(html, /<html lang="en">/);
      assert.ok(html.includes('Invest in Zunyi'));
      assert.ok(html.includes('>Home<'));
      assert.ok(html.includes('Report an error on this website'));
      await publish(p, {
        channelId: 'invest-en-news',
        type: 'article',
        slug: 'welcome-to-zunyi',
        title: 'Welcome to Zunyi',
        bodyHtml: '<p>A gateway city.</p>',
        audiences: ['investor'],
        fields: { source: 'Invest in Zunyi' },
      });
      const item = await page('/en/invest/news/welcome-to-zunyi.html');
      assert.match(item, /Source: /);
      assert.doesNotMatch(item, /：/, 'no Chinese full-width colon on an English page');
      const en = await get('/en/');
      assert.equal(en.statusCode, 302);
      assert.equal(en.headers.location, '/en/invest/');
    });

    it('links the two editions of the investment portal, each named in its own language', async () => {
      const en = await page('/en/invest/');
      assert.ok(en.includes('<a href="/invest/" hreflang="zh-CN" lang="zh-CN">中文</a>'));
      // The account area is Chinese only: an English page does not lead there.
      assert.doesNotMatch(en, /href="\/account/);
      const zh = await page('/invest/');
      assert.ok(zh.includes('<a href="/en/invest/" hreflang="en" lang="en">English</a>'));
      assert.ok(zh.includes('href="/account/login"'));
      // A site with no other edition has no such link.
      assert.doesNotMatch(await page('/citizens/'), /hreflang=/);
      assert.doesNotMatch(await page('/sites/government/'), /hreflang=/);
    });
  });
}
