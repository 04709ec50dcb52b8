// The one search, on both databases, through HTTP: documents enter the index
// when published and leave it when withdrawn (through the job queue), filters,
// tabs, stable pagination, synonyms, best bets, site-limited search, the
// click-through redirect, and hostile input in every parameter.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../../../test/helpers/databases.ts';
import { openPortalApp, type PortalApp, publish } from '../../../test/helpers/portal-content.ts';
import { changeSlug } from '../content/items.ts';
import { pushItem, unpushItem } from '../content/push.ts';
import { unpublish } from '../content/review.ts';
import type { ContentItemRow } from '../content/tables.ts';
import type { IndexQuery } from './backend.ts';
import { backendOf, reindex } from './indexer.ts';
import { lexicon } from './lexicon.ts';
import { parseQuery } from './query-plan.ts';
import { countByType, searchIndex } from './ranking.ts';
import { channelId, drainJobs } from './test-support.ts';
import { addBestBet, addSynonymSet } from './vocabulary.ts';

interface ApiResult {
  query: string;
  state: string;
  relaxed: boolean;
  total: number;
  counts: Record<string, number>;
  page: number;
  pages: number;
  results: {
    title: string;
    url: string;
    type: string;
    site: string | null;
    validity: string | null;
    pinned: boolean;
    snippetHtml: string;
    publishedAt: string;
  }[];
}

const body = (...paras: string[]) => paras.map((p) => `<p>${p}</p>`).join('');

for (const dialect of dialects) {
  describe(`search [${dialect}]`, () => {
    let p: PortalApp;
    let policy: ContentItemRow;
    let guide: ContentItemRow;
    let news: ContentItemRow;
    const api = async (query: string): Promise<ApiResult> => {
      const res = await p.app.inject({ method: 'GET', url: `/api/v1/search?${query}` });
      assert.equal(res.statusCode, 200, `${query}: ${res.body.slice(0, 300)}`);
      return res.json() as ApiResult;
    };
    const q = (text: string, extra = '') => api(`q=${encodeURIComponent(text)}${extra}`);
    const titles = (r: ApiResult) => r.results.map((x) => x.title);

    before(async () => {
      p = await openPortalApp(dialect);
      const admin = p.people.admin;
      policy = await publish(p, {
        channelId: await channelId(p.ctx, 'government', 'policies'),
        type: 'policy',
        title: '遵义市住房公积金提取管理办法',
        bodyHtml: body(
          '职工购买、建造、翻建自住住房的，可以申请提取住房公积金。',
          '本办法自发布之日起施行。',
        ),
        fields: { docNumber: '遵府发〔2026〕3号', validity: 'repealed' },
        audiences: ['citizen'],
        topics: ['housing'],
      });
      p.advance(60_000);
      guide = await publish(p, {
        channelId: await channelId(p.ctx, 'citizens', 'news'),
        type: 'article',
        title: '社会保险缴费记录怎么查',
        bodyHtml: body('登录社会保险网上服务平台即可查询个人缴费记录。'),
        audiences: ['citizen'],
        topics: ['social-security'],
      });
      p.advance(60_000);
      news = await publish(p, {
        channelId: await channelId(p.ctx, 'government', 'news'),
        type: 'article',
        title: '市政府召开常务会议 研究公积金和就业工作',
        bodyHtml: body('会议研究了住房公积金提取政策的落实情况。'),
        audiences: ['gov'],
        topics: ['housing'],
      });
      // 25 news items sharing one rare word, for pagination.
      const newsChannel = await channelId(p.ctx, 'government', 'news');
      for (let i = 1; i <= 25; i++) {
        p.advance(60_000);
        await publish(p, {
          channelId: newsChannel,
          type: 'article',
          title: `桫椤保护工作简报第${i}期`,
          bodyHtml: body(`第${i}期桫椤保护工作简报。`),
          audiences: ['gov'],
          topics: ['environment'],
        });
      }
      assert.ok(admin);
    });
    after(() => p.close());

    it('indexes a published item through the job queue, not before the job ran', async () => {
      assert.equal((await q('公积金提取')).total, 0, 'nothing indexed before the jobs ran');
      assert.ok((await drainJobs(p.ctx)) >= 28);
      const r = await q('公积金提取');
      assert.ok(r.total >= 2);
      assert.equal(r.results[0]!.title, policy.title, 'the policy whose title matches comes first');
      assert.ok(r.results.some((x) => x.title === news.title));
      assert.match(r.results[0]!.snippetHtml, /<mark>公积金<\/mark>/);
    });

    it('finds a document by its 文号 however the brackets are typed, and folds traditional and full-width text', async () => {
      for (const typed of [
        '遵府发〔2026〕3号',
        '遵府发[2026]3号',
        '遵府发（2026）3号',
        '遵府发2026年3号',
      ]) {
        const r = await q(typed);
        assert.equal(r.results[0]?.title, policy.title, typed);
      }
      assert.equal(
        (await q('住房公積金')).results[0]?.title,
        policy.title,
        'traditional characters',
      );
      const full = await q('ＡＢＣ');
      assert.equal(full.state, 'ok', 'full-width Latin is folded, not junk');
    });

    it('marks a repealed policy in results, on the page and in the API', async () => {
      const r = await q('遵府发〔2026〕3号');
      assert.equal(r.results[0]?.title, policy.title);
      assert.equal(r.results[0]?.validity, 'repealed');
      assert.ok(
        r.results.filter((x) => x.title !== policy.title).every((x) => x.validity === null),
        'other documents carry none',
      );
      const page = await p.app.inject({
        method: 'GET',
        url: `/search?q=${encodeURIComponent('遵府发〔2026〕3号')}`,
      });
      assert.match(page.body, /<span class="validity">已废止<\/span>/);
    });

    it('expands synonyms in both directions', async () => {
      assert.equal((await q('社保')).total, 0, 'no synonym yet');
      await addSynonymSet(p.ctx, '社保 社会保险', { id: null, name: 'test' });
      assert.ok(titles(await q('社保')).includes(guide.title));
      assert.ok(titles(await q('社会保险')).includes(guide.title));
    });

    it('filters by type, site, audience and date, and counts each type for the tabs', async () => {
      const all = await q('公积金');
      assert.ok(
        (all.counts.policy ?? 0) >= 1 && (all.counts.news ?? 0) >= 1,
        JSON.stringify(all.counts),
      );
      const policies = await q('公积金', '&type=policy');
      assert.ok(policies.results.every((x) => x.type === 'policy'));
      assert.deepEqual(policies.counts, all.counts, 'tab counts ignore the selected type');
      const citizens = await q('公积金', '&audience=gov');
      assert.deepEqual(titles(citizens), [news.title]);
      const government = await q('社会保险', '&site=government');
      assert.equal(government.total, 0);
      const future = await q('公积金', '&since=2030-01-01');
      assert.equal(future.total, 0);
      const today = await q('公积金', '&since=2026-11-02&until=2026-11-02');
      assert.ok(today.total >= 2);
      // A link shared through WeChat or a newsletter comes back with these appended.
      const shared = await q('公积金', '&from=singlemessage&isappinstalled=0&utm_source=weixin');
      assert.deepEqual(titles(shared), titles(all), 'share parameters are ignored');
      const page = await p.app.inject({
        method: 'GET',
        url: `/search?q=${encodeURIComponent('公积金')}&from=timeline&utm_medium=social`,
      });
      assert.equal(page.statusCode, 200);
    });

    it('pages through results without overlap or gaps, in relevance and date order', async () => {
      for (const sort of ['relevance', 'date']) {
        const seen: string[] = [];
        const first = await q('桫椤', `&sort=${sort}`);
        assert.equal(first.total, 25);
        assert.equal(first.pages, 3);
        for (let page = 1; page <= first.pages; page++) {
          const r = await q('桫椤', `&sort=${sort}&page=${page}`);
          seen.push(...r.results.map((x) => x.url));
        }
        assert.equal(seen.length, 25);
        assert.equal(new Set(seen).size, 25, `${sort}: no item twice`);
      }
      const byDate = await q('桫椤', '&sort=date');
      assert.equal(byDate.results[0]!.title, '桫椤保护工作简报第25期');
    });

    it('bounds the work of a very common query to the newest matches, and says the counts are lower bounds', async () => {
      const { analyzer } = await lexicon(p.ctx);
      const query: IndexQuery = {
        plan: parseQuery('桫椤', analyzer),
        mode: 'all',
        filters: {},
        exclude: [],
        sort: 'relevance',
        limit: 10,
        offset: 0,
        taskLike: false,
        now: p.ctx.now(),
        window: 10,
      };
      const backend = backendOf(p.ctx);
      assert.deepEqual(await countByType(p.ctx.db.kysely, backend, query), {
        counts: { news: 10 },
        capped: true,
      });
      const hits = await searchIndex(p.ctx.db.kysely, backend, { ...query, sort: 'date' });
      assert.equal(hits[0]!.title, '桫椤保护工作简报第25期');
      assert.equal(hits.length, 10);
      assert.deepEqual(
        (await countByType(p.ctx.db.kysely, backend, { ...query, window: 100 })).capped,
        false,
      );
    });

    it('puts an editor’s best bet first for its query, on page one only', async () => {
      const indexed = (await q('社会保险')).results.find((x) => x.title === guide.title)!;
      await addBestBet(p.ctx, { query: ' 公积金 ', url: indexed.url }, { id: null, name: 'test' });
      const r = await q('公积金');
      assert.equal(r.results[0]!.title, guide.title);
      assert.equal(r.results[0]!.pinned, true);
      assert.equal(r.results.filter((x) => x.title === guide.title).length, 1);
    });

    it('limits search to one site at /<site>/search and with ?site=', async () => {
      const inSite = await p.app.inject({
        method: 'GET',
        url: `/citizens/search?q=${encodeURIComponent('社会保险')}`,
      });
      assert.equal(inSite.statusCode, 200);
      assert.ok(inSite.body.includes(encodeURIComponent(guide.slug)));
      const gov = await p.app.inject({
        method: 'GET',
        url: `/sites/government/search?q=${encodeURIComponent('社会保险')}`,
      });
      assert.equal(gov.statusCode, 200);
      assert.ok(!gov.body.includes(encodeURIComponent(guide.slug)));
      // Nothing in this site: the way out is a search of every site, not a
      // "clear the filters" link back to the same page.
      const everywhere = `href="/search?q=${encodeURIComponent('社会保险')}"`;
      assert.ok(gov.body.includes(everywhere), 'a link to search every site');
      assert.ok(!gov.body.includes('清除筛选条件'), 'no filters to clear');
      assert.equal((await q('社会保险', '&site=citizens')).results[0]?.title, guide.title);
      const nowhere = await p.app.inject({ method: 'GET', url: '/nosuchsite/search?q=x' });
      assert.equal(nowhere.statusCode, 404);
    });

    it('finds an item pushed (推送) to a site in that site’s search, until it is taken back', async () => {
      const inCitizens = async () => {
        const page = await p.app.inject({
          method: 'GET',
          url: `/citizens/search?q=${encodeURIComponent('公积金提取')}`,
        });
        assert.equal(page.statusCode, 200);
        const api = titles(await q('公积金提取', '&site=citizens'));
        assert.equal(
          page.body.includes(encodeURIComponent(policy.slug)),
          api.includes(policy.title),
        );
        return api.includes(policy.title);
      };
      assert.equal(await inCitizens(), false, 'a government item before it is pushed');
      await pushItem(p.ctx, policy.id, 'citizens', p.people.admin);
      await drainJobs(p.ctx);
      assert.equal(await inCitizens(), true, 'pushed to the citizens’ portal');
      await reindex(p.ctx, { workers: 0 });
      assert.equal(await inCitizens(), true, 'and after a full rebuild');
      const own = await q('公积金提取', '&site=government');
      assert.ok(titles(own).includes(policy.title), 'still found on its own site');
      await unpushItem(p.ctx, policy.id, 'citizens', p.people.admin);
      await drainJobs(p.ctx);
      assert.equal(await inCitizens(), false, 'taken back');
    });

    it('follows an edit and a withdrawal within the next job run', async () => {
      await changeSlug(p.ctx, news.id, 'changwu-huiyi-renamed');
      await drainJobs(p.ctx);
      const moved = (await q('常务会议')).results.find((x) => x.title === news.title);
      assert.match(moved!.url, /changwu-huiyi-renamed\.html$/);
      await unpublish(p.ctx, news.id, p.people.admin, '测试下线');
      assert.ok(titles(await q('常务会议')).includes(news.title), 'still there until the job runs');
      await drainJobs(p.ctx);
      assert.ok(!titles(await q('常务会议')).includes(news.title), 'gone after the job ran');
    });

    it('the search page shows tabs, highlights and pagination, under the portal chrome', async () => {
      const res = await p.app.inject({
        method: 'GET',
        url: `/search?q=${encodeURIComponent('桫椤')}`,
      });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<nav class="site-nav"/);
      assert.match(res.body, /全部（25）/);
      assert.match(res.body, /<mark>桫椤<\/mark>/);
      assert.match(res.body, /rel="next"/);
      assert.match(res.body, /href="\/search\/click\?u=%2F/);
      // A page past the last (a stale link): 404, says how many there are, links to the last.
      const beyond = await p.app.inject({
        method: 'GET',
        url: `/search?q=${encodeURIComponent('桫椤')}&page=4`,
      });
      assert.equal(beyond.statusCode, 404);
      assert.match(beyond.body, /没有第 4 页：结果共 3 页。/);
      assert.match(beyond.body, /href="\/search\?q=%E6%A1%AB%E6%A4%A4&amp;page=3"/);
      assert.doesNotMatch(beyond.body, /没有找到/);
    });

    it('redirects a result click to the document and counts it, and refuses other targets', async () => {
      const target = (await q('桫椤')).results[0]!.url;
      const ok = await p.app.inject({
        method: 'GET',
        url: `/search/click?u=${encodeURIComponent(target)}&q=%E6%A1%AB%E6%A4%A4&p=1`,
      });
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, target);
      const clicks = await p.ctx.db.kysely.selectFrom('search_click').selectAll().execute();
      assert.deepEqual(
        clicks.map((c) => [c.query, c.url]),
        [['桫椤', target]],
      );
      for (const u of [
        'https://evil.example/',
        '//evil.example/x',
        '/\\evil.example',
        '/not/indexed.html',
        'javascript:alert(1)',
      ]) {
        const res = await p.app.inject({
          method: 'GET',
          url: `/search/click?u=${encodeURIComponent(u)}&q=x&p=1`,
        });
        assert.equal(res.statusCode, 400, u);
        assert.equal(res.headers.location, undefined, u);
      }
    });

    it('answers hostile input in every parameter with results or a clear 400, never a 5xx', async () => {
      const payloads = [
        '"',
        '*',
        'NEAR(公积金',
        '公积金 OR 1=1',
        '-公积金',
        '^公积金',
        'title:公积金',
        "'; DROP TABLE search_document; --",
        "' OR '1'='1",
        '<script>alert(1)</script>',
        '"><img src=x onerror=alert(1)>',
        '\\',
        '%',
        '_',
        "'公积金':* & !x",
        '公积金 & | ! ( )',
        '\u0000',
        '\u202e公积金',
        'a'.repeat(300),
        '',
      ];
      const params = ['q', 'site', 'type', 'audience', 'since', 'until', 'sort', 'page'];
      for (const bad of payloads) {
        for (const param of params) {
          const qs =
            param === 'q'
              ? `q=${encodeURIComponent(bad)}`
              : `q=%E5%85%AC%E7%A7%AF%E9%87%91&${param}=${encodeURIComponent(bad)}`;
          for (const path of ['/search', '/api/v1/search', '/citizens/search']) {
            const res = await p.app.inject({ method: 'GET', url: `${path}?${qs}` });
            assert.ok(
              [200, 400, 414].includes(res.statusCode),
              `${path} ${param}=${JSON.stringify(bad)} → ${res.statusCode}`,
            );
            if (path.startsWith('/api/')) {
              assert.match(String(res.headers['content-type']), /^application\/json/);
            } else {
              assert.ok(
                !res.body.includes('<script>alert(1)</script>'),
                `${path} ${param} escapes markup`,
              );
              assert.ok(!res.body.includes('<img src=x'), `${path} ${param} escapes markup`);
            }
          }
        }
        const suggest = await p.app.inject({
          method: 'GET',
          url: `/api/v1/search/suggest?q=${encodeURIComponent(bad)}`,
        });
        assert.ok([200, 400].includes(suggest.statusCode), `suggest ${JSON.stringify(bad)}`);
        const click = await p.app.inject({
          method: 'GET',
          url: `/search/click?u=${encodeURIComponent(bad)}&q=${encodeURIComponent(bad)}&p=1`,
        });
        assert.equal(click.statusCode, 400, `click ${JSON.stringify(bad)}`);
      }
      const junk = await q('!!!???');
      assert.equal(junk.state, 'junk');
      const badDate = await p.app.inject({ method: 'GET', url: '/search?q=x&since=2026-13-45' });
      assert.equal(badDate.statusCode, 400);
      assert.match(badDate.body, /搜索条件有误：起始日期格式应为 年-月-日/);
      const badPage = await p.app.inject({ method: 'GET', url: '/search?q=x&page=abc' });
      assert.equal(badPage.statusCode, 400);
      assert.match(badPage.body, /搜索条件有误：页码/, "the form's name for the parameter");
      const order = await p.app.inject({
        method: 'GET',
        url: '/api/v1/search?q=x&since=2026-05-01&until=2026-04-01',
      });
      assert.equal(order.statusCode, 400);
      // A site or audience that does not exist says so instead of finding nothing.
      const noSite = await p.app.inject({ method: 'GET', url: '/search?q=公积金&site=nosuchsite' });
      assert.equal(noSite.statusCode, 400);
      assert.match(noSite.body, /搜索条件有误：站点取值无效/);
      const noAudience = await p.app.inject({
        method: 'GET',
        url: `/api/v1/search?q=${encodeURIComponent('公积金')}&audience=martians`,
      });
      assert.equal(noAudience.statusCode, 400);
      assert.equal(noAudience.json().error.fields.audience, '取值无效');
      const noType = await p.app.inject({ method: 'GET', url: '/search?q=公积金&type=foo' });
      assert.equal(noType.statusCode, 400);
      assert.match(noType.body, /搜索条件有误：结果类型取值无效/);
      // On a site's own page the site comes from the path; a stray ?site= is not its concern.
      const own = await p.app.inject({
        method: 'GET',
        url: '/citizens/search?q=x&site=nosuchsite',
      });
      assert.equal(own.statusCode, 200);
      assert.equal(
        (await p.ctx.db.kysely.selectFrom('search_document').select('doc_id').execute()).length > 0,
        true,
        'the index is intact',
      );
    });

    it('logs searches with long digit runs masked, for the editors’ statistics', async () => {
      await q('身份证 520302199001011234 补办');
      const rows = await p.ctx.db.kysely.selectFrom('search_query_log').select('query').execute();
      assert.ok(rows.some((r) => r.query === '身份证 ****************** 补办'));
      assert.ok(!rows.some((r) => r.query.includes('520302')));
    });

    it('finds a compound typed whole in documents that write it apart, unless some have it whole', async () => {
      const newsChannel = await channelId(p.ctx, 'government', 'news');
      p.advance(60_000);
      const apart = await publish(p, {
        channelId: newsChannel,
        type: 'article',
        title: '红色文化与乡村旅游融合发展座谈会召开',
        bodyHtml: body('座谈会交流了红色文化资源与乡村旅游结合的做法。'),
        audiences: ['gov'],
        topics: ['culture'],
      });
      await drainJobs(p.ctx);
      const first = await q('红色旅游');
      assert.deepEqual(titles(first), [apart.title], 'its parts, when nothing has it whole');
      assert.equal(first.relaxed, false);
      assert.match(first.results[0]!.snippetHtml, /<mark>红色<\/mark>/);
      p.advance(60_000);
      const whole = await publish(p, {
        channelId: newsChannel,
        type: 'article',
        title: '红色旅游精品线路发布',
        bodyHtml: body('全市推出十条红色旅游精品线路。'),
        audiences: ['gov'],
        topics: ['culture'],
      });
      await drainJobs(p.ctx);
      assert.deepEqual(titles(await q('红色旅游')), [whole.title], 'whole matches only');
    });
  });
}
