// Search on the English investment portal, on both databases: its own page
// at /en/invest/search in English, limited to the site, and English words
// matched by their stems (policy finds policies, invest finds investment).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../../../test/helpers/databases.ts';
import { openPortalApp, type PortalApp, publish } from '../../../test/helpers/portal-content.ts';
import { up as queueRebuild } from './migrations/202612031000_search_english_stems.ts';
import { SEARCH_REINDEX_JOB } from './reindex-job.ts';
import { channelId, drainJobs } from './test-support.ts';

for (const dialect of dialects) {
  describe(`English search [${dialect}]`, () => {
    let p: PortalApp;
    const page = (query: string) =>
      p.app.inject({ method: 'GET', url: `/en/invest/search?${query}` });
    /** The result titles of a page, tags (<mark>) left out. */
    const titles = (html: string) =>
      [...html.matchAll(/<h3[^>]*><a [^>]*>(.*?)<\/a><\/h3>/g)].map((m) =>
        m[1]!.replace(/<\/?mark>/g, ''),
      );

    before(async () => {
      p = await openPortalApp(dialect);
      await publish(p, {
        channelId: await channelId(p.ctx, 'invest-en', 'policies'),
        type: 'policy',
        title: 'Policies for investors in the new materials park',
        bodyHtml: '<p>Investing companies receive land and tax support.</p>',
        audiences: ['investor'],
        topics: [],
      });
      p.advance(60_000);
      await publish(p, {
        channelId: await channelId(p.ctx, 'invest-en', 'news'),
        type: 'article',
        title: 'Trade fair opens in the city',
        bodyHtml: '<p>Exhibitors from twelve provinces.</p>',
        audiences: ['investor'],
        topics: [],
      });
      // The same words on a Chinese site: the English site's search leaves it out.
      await publish(p, {
        channelId: await channelId(p.ctx, 'government', 'news'),
        type: 'article',
        title: '新材料产业园 investment policy 推介会',
        bodyHtml: '<p>推介会介绍了园区的 investment policy。</p>',
        audiences: ['gov'],
        topics: [],
      });
      await drainJobs(p.ctx);
    });
    after(() => p.close());

    it('answers in English under the site, with its results only', async () => {
      const res = await page('q=policy');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<html lang="en"/);
      assert.match(res.body, /Results for “policy”/);
      assert.match(res.body, /Searching “/, 'says the search is limited to the site');
      assert.deepEqual(titles(res.body), ['Policies for investors in the new materials park']);
      assert.match(res.body, /<mark>Policies<\/mark>/, 'the whole word is highlighted');
    });

    it('matches English words by their stem', async () => {
      for (const q of ['policies', 'investment', 'invest', 'investors', 'INVESTING'])
        assert.deepEqual(
          titles((await page(`q=${q}`)).body),
          ['Policies for investors in the new materials park'],
          q,
        );
      // A possessive is the word itself (its s is no word to find).
      assert.deepEqual(
        titles((await page('q=investor’s')).body),
        titles((await page('q=investor')).body),
      );
      // Only the stem counts, not a shared beginning.
      assert.deepEqual(titles((await page('q=political')).body), []);
      // Over every site, the Chinese page with the same English words is found too.
      const all = await p.app.inject({ method: 'GET', url: '/api/v1/search?q=investment' });
      assert.equal(all.json().total, 2);
    });

    it('explains bad input and an empty result in English', async () => {
      const bad = await page('q=trade&since=2026-13-01');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Start date: must be a date such as 2026-03-01/);
      const late = await page('q=trade&since=yesterday');
      assert.match(late.body, /Start date: must be a date such as 2026-03-01/);
      const far = await page('q=trade&page=51');
      assert.match(far.body, /Page number: At most 50/);
      const common = await page('q=the');
      assert.match(common.body, /These words are too common to search by/);
      const none = await page('q=spaceport');
      assert.equal(none.statusCode, 200);
      assert.match(none.body, /Nothing was found for “spaceport”/);
      assert.doesNotMatch(
        none.body,
        /大家都在搜/,
        'no Chinese popular searches on the English page',
      );
    });

    it('suggests from its own site only', async () => {
      const res = await page('q=trade');
      assert.match(res.body, /data-site="invest-en"/, 'the form names the site for suggestions');
      const own = await p.app.inject({
        method: 'GET',
        url: '/api/v1/search/suggest?q=investment&site=invest-en',
      });
      assert.deepEqual(
        own.json().titles.map((x: { title: string }) => x.title),
        ['Policies for investors in the new materials park'],
      );
    });

    it('links to it from the header of the English pages', async () => {
      const home = await p.app.inject({ method: 'GET', url: '/en/invest/' });
      assert.match(home.body, /<a href="\/en\/invest\/search">Search<\/a>/);
    });

    it('rebuilds an index built before stemming once, through the job queue', async () => {
      const jobs = () =>
        p.ctx.db.kysely
          .selectFrom('yimen_job')
          .select(['status'])
          .where('name', '=', SEARCH_REINDEX_JOB)
          .execute();
      assert.deepEqual(
        await jobs(),
        [],
        'a new installation, migrated with an empty index: no job',
      );
      await queueRebuild(p.ctx.db.kysely);
      await queueRebuild(p.ctx.db.kysely);
      assert.deepEqual(await jobs(), [{ status: 'pending' }], 'queued once however often it runs');
      const before = await p.ctx.db.kysely
        .selectFrom('search_document')
        .select(({ fn }) => fn.max('indexed_at').as('at'))
        .executeTakeFirstOrThrow();
      p.advance(60_000);
      await drainJobs(p.ctx);
      assert.deepEqual(await jobs(), [{ status: 'succeeded' }]);
      const after = await p.ctx.db.kysely
        .selectFrom('search_document')
        .select(({ fn }) => fn.min('indexed_at').as('at'))
        .executeTakeFirstOrThrow();
      assert.ok(String(after.at) > String(before.at), 'every document indexed again');
      assert.equal(titles((await page('q=investing')).body).length, 1);
    });
  });
}
