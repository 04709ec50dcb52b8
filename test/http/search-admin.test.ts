// The search back office: only the portal's site administrators may use it;
// synonyms, dictionary words and best bets are validated, audited and take
// effect; the statistics show hot queries, queries without results and
// click-through per query. What the public sees of them (suggestions, the
// 大家都在搜 list) needs several different searchers, and each node reads it
// once every few minutes rather than for every keystroke.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backendOf } from '../../src/modules/search/indexer.ts';
import { lexicon } from '../../src/modules/search/lexicon.ts';
import { prepare } from '../../src/modules/search/prepare.ts';
import { POPULAR_TTL_MS } from '../../src/modules/search/query-log.ts';
import { type Newsroom, openNewsroom, postForm } from '../helpers/content.ts';
import { dialects } from '../helpers/databases.ts';
import { auditRows } from '../helpers/staff.ts';

for (const dialect of dialects) {
  describe(`search back office [${dialect}]`, () => {
    let n: Newsroom;
    const url = '/citizens/news/shebao-chaxun.html';
    before(async () => {
      n = await openNewsroom(dialect, ['editor', 'partyAdmin', 'portalAdmin', 'sysadmin']);
      const { ctx } = n.aa;
      const doc = prepare((await lexicon(ctx)).analyzer, {
        source: 'content',
        sourceId: 'doc-1',
        title: '如何查询个人社会保险缴费记录',
        body: '登录社会保险网上服务平台即可查询。',
        url,
        siteCode: 'citizens',
        type: 'news',
        audiences: ['citizen'],
        topics: [],
        publishedAt: '2026-10-01T02:00:00.000Z',
      });
      await backendOf(ctx).write(ctx.db.kysely, [doc], '2026-10-01T02:00:00.000Z');
    });
    after(() => n.aa.close());

    it('is open to the portal’s site administrators only', async () => {
      assert.equal((await n.agents.portalAdmin!.get('/admin/search')).statusCode, 200);
      for (const who of ['partyAdmin', 'editor', 'sysadmin']) {
        assert.equal((await n.agents[who]!.get('/admin/search')).statusCode, 403, who);
        const post = await postForm(n.agents[who]!, '/admin/search/synonyms', {
          terms: '甲乙 丙丁',
        });
        assert.equal(post.statusCode, 403, `${who} cannot add synonyms`);
      }
      assert.equal(
        (await n.aa.ctx.db.kysely.selectFrom('search_synonym').selectAll().execute()).length,
        0,
      );
    });

    it('adds and removes a synonym set, audited, and search follows it', async () => {
      const admin = n.agents.portalAdmin!;
      const search = async (q: string) =>
        (
          await n.aa.app.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(q)}` })
        ).json() as {
          total: number;
        };
      assert.equal((await search('社保')).total, 0);
      const one = await postForm(admin, '/admin/search/synonyms', { terms: '社保' });
      assert.equal(one.statusCode, 400);
      assert.match(one.body, /2 至 10 个词/);
      const extra = await postForm(admin, '/admin/search/synonyms', {
        terms: '社保 社会保险',
        updated_by: 'x',
      });
      assert.equal(extra.statusCode, 400, 'a field the form does not have is refused');
      const ok = await postForm(admin, '/admin/search/synonyms', { terms: '社保、社会保险' });
      assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
      assert.equal((await search('社保')).total, 1);
      const [row] = await n.aa.ctx.db.kysely.selectFrom('search_synonym').selectAll().execute();
      assert.equal(row!.terms, '社保 社会保险');
      assert.equal((await auditRows(n.aa.ctx, 'search.synonym.add')).length, 1);
      const removed = await postForm(admin, '/admin/search/synonyms/remove', { id: row!.id });
      assert.equal(removed.statusCode, 303);
      assert.equal((await search('社保')).total, 0);
      assert.equal((await auditRows(n.aa.ctx, 'search.synonym.remove')).length, 1);
    });

    it('keeps dictionary words and refuses malformed ones', async () => {
      const admin = n.agents.portalAdmin!;
      const bad = await postForm(admin, '/admin/search/words', { word: '<b>x</b>' });
      assert.equal(bad.statusCode, 400);
      assert.ok(!bad.body.includes('<b>x</b>'), 'the rejected value is escaped');
      const ok = await postForm(admin, '/admin/search/words', { word: '海龍屯' });
      assert.equal(ok.statusCode, 303);
      const words = await n.aa.ctx.db.kysely.selectFrom('search_word').select('word').execute();
      assert.deepEqual(
        words.map((w) => w.word),
        ['海龙屯'],
        'stored folded to simplified',
      );
      assert.equal((await auditRows(n.aa.ctx, 'search.word.add')).length, 1);
      assert.equal(
        (await postForm(admin, '/admin/search/words/remove', { word: '海龙屯' })).statusCode,
        303,
      );
      assert.equal(
        (await postForm(admin, '/admin/search/words/remove', { word: '海龙屯' })).statusCode,
        404,
      );
    });

    it('pins a best bet only to an indexed page', async () => {
      const admin = n.agents.portalAdmin!;
      const outside = await postForm(admin, '/admin/search/bets', {
        query: '缴费',
        url: 'https://evil.example/',
      });
      assert.equal(outside.statusCode, 400);
      assert.match(outside.body, /请填写已发布页面的站内地址/, outside.body.slice(0, 500));
      const ok = await postForm(admin, '/admin/search/bets', {
        query: '缴费 查询',
        url,
        position: '1',
      });
      assert.equal(ok.statusCode, 303);
      const api = (
        await n.aa.app.inject({
          method: 'GET',
          url: `/api/v1/search?q=${encodeURIComponent('缴费  查询')}`,
        })
      ).json() as {
        results: { url: string; pinned: boolean }[];
      };
      assert.deepEqual(
        api.results.map((r) => [r.url, r.pinned]),
        [[url, true]],
      );
      assert.equal((await auditRows(n.aa.ctx, 'search.bestbet.add')).length, 1);
    });

    it('shows hot queries, queries without results and click-through', async () => {
      const get = (path: string) => n.aa.app.inject({ method: 'GET', url: path });
      for (let i = 0; i < 3; i++) await get(`/search?q=${encodeURIComponent('社会保险')}`);
      await get(`/search?q=${encodeURIComponent('不存在的词语')}`);
      await get(
        `/search/click?u=${encodeURIComponent(url)}&q=${encodeURIComponent('社会保险')}&p=1`,
      );
      const page = await n.agents.portalAdmin!.get('/admin/search');
      assert.equal(page.statusCode, 200);
      const hot = page.body.slice(page.body.indexOf('id="hot"'), page.body.indexOf('id="zero"'));
      assert.match(hot, /社会保险<\/a><\/th><td>3<\/td><td>0<\/td><td>1<\/td><td>33%<\/td>/);
      const zero = page.body.slice(
        page.body.indexOf('id="zero"'),
        page.body.indexOf('id="synonyms"'),
      );
      assert.match(zero, /不存在的词语/);
      assert.doesNotMatch(zero, /社会保险/);
    });

    it('suggests and lists a query publicly only once three different visitors ran it', async () => {
      const query = '个人社会保险';
      const searchFrom = (remoteAddress: string) =>
        n.aa.app.inject({
          method: 'GET',
          url: `/search?q=${encodeURIComponent(query)}`,
          remoteAddress,
        });
      const publicly = async () => {
        const suggest = await n.aa.app.inject({
          method: 'GET',
          url: `/api/v1/search/suggest?q=${encodeURIComponent('个人')}`,
        });
        const empty = await n.aa.app.inject({ method: 'GET', url: '/search?q=' });
        return {
          suggested: (suggest.json().queries as string[]).includes(query),
          listed: empty.body.includes(`>${query}</a>`),
        };
      };
      for (let i = 0; i < 7; i++) assert.equal((await searchFrom('203.0.113.50')).statusCode, 200);
      await searchFrom('2001:db8:1:2::5');
      await searchFrom('2001:db8:1:2::6');
      assert.deepEqual(await publicly(), { suggested: false, listed: false }, 'two searchers');
      const editors = await n.agents.portalAdmin!.get('/admin/search');
      assert.match(editors.body, new RegExp(`${query}</a></th><td>9<`), 'editors see every search');
      await searchFrom('198.51.100.7');
      // Each node reads the public list once per POPULAR_TTL_MS.
      assert.deepEqual(await publicly(), { suggested: false, listed: false }, 'list still kept');
      n.aa.advance(POPULAR_TTL_MS);
      assert.deepEqual(await publicly(), { suggested: true, listed: true }, 'three searchers');
    });
  });
}
