// The window of newest matches on a larger id range than the other tests
// reach: on PostgreSQL the newest spans of ids are searched first, and a
// word whose newest matches lie in older spans must still get exactly the
// newest ones; counts and ranking read that one window.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { dialects, openTestContext, type TestContext } from '../../../test/helpers/databases.ts';
import type { SearchDocument } from '../../platform/search.ts';
import { Analyzer } from './analyzer.ts';
import { backendOf } from './indexer.ts';
import { prepare } from './prepare.ts';
import { parseQuery } from './query-plan.ts';
import { countByType, readWindow, searchIndex } from './ranking.ts';

const analyzer = new Analyzer();

function doc(n: number, body: string, type = n % 2 === 0 ? 'news' : 'notice'): SearchDocument {
  return {
    source: 'test',
    sourceId: String(n),
    title: `第${n}号简报`,
    body,
    url: `/test/${n}`,
    siteCode: null,
    type,
    audiences: [],
    topics: [],
    publishedAt: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
  };
}

for (const dialect of dialects) {
  describe(`search window [${dialect}]`, () => {
    let t: TestContext;
    const ids = new Map<number, number>();

    before(async () => {
      t = await openTestContext(dialect);
      const backend = backendOf(t.ctx);
      const now = t.ctx.now().toISOString();
      const write = async (from: number, to: number, body: string) => {
        for (let n = from; n <= to; n++)
          await backend.write(t.ctx.db.kysely, [prepare(analyzer, doc(n, body))], now);
      };
      // A policy on tea and thirty documents about bamboo with low ids, then,
      // far above them, five more about bamboo and twenty about tea.
      await backend.write(
        t.ctx.db.kysely,
        [prepare(analyzer, doc(0, '湄潭茶产业发展政策', 'policy'))],
        now,
      );
      await write(1, 30, '赤水竹业发展情况');
      const next = dialect === 'postgres' ? 'search_document_doc_id_seq' : undefined;
      if (next) await sql`SELECT setval(${next}, 20000)`.execute(t.ctx.db.kysely);
      else
        await sql`UPDATE sqlite_sequence SET seq = 20000 WHERE name = 'search_document'`.execute(
          t.ctx.db.kysely,
        );
      await write(31, 35, '赤水竹业发展情况');
      await write(36, 55, '湄潭茶产业发展情况');
      const rows = await t.ctx.db.kysely
        .selectFrom('search_document')
        .select(['doc_id', 'source_id'])
        .execute();
      for (const r of rows) ids.set(Number(r.source_id), Number(r.doc_id));
    });
    after(() => t.close());

    const query = (q: string, window: number, type?: string, priorWindow = 0) => ({
      plan: parseQuery(q, analyzer),
      mode: 'all' as const,
      filters: { type },
      exclude: [],
      sort: 'date' as const,
      limit: 10,
      offset: 0,
      taskLike: false,
      now: t.ctx.now(),
      window,
      priorWindow,
    });

    it('holds exactly the newest matches, also when they span far apart ids', async () => {
      const w = await readWindow(t.ctx.db.kysely, backendOf(t.ctx), query('竹业', 12));
      const expected = [35, 34, 33, 32, 31, 30, 29, 28, 27, 26, 25, 24].map((n) => ids.get(n));
      assert.deepEqual(
        w.rows.map((r) => r.doc_id),
        expected,
      );
      assert.equal(w.capped, true);
      const all = await readWindow(t.ctx.db.kysely, backendOf(t.ctx), query('竹业', 100));
      assert.equal(all.rows.length, 35);
      assert.equal(all.capped, false);
      const tea = await readWindow(t.ctx.db.kysely, backendOf(t.ctx), query('茶产业', 5));
      assert.deepEqual(
        tea.rows.map((r) => r.doc_id),
        [55, 54, 53, 52, 51].map((n) => ids.get(n)),
      );
    });

    it('counts every type from the window and ranks one type among its own newest matches', async () => {
      assert.deepEqual(await countByType(t.ctx.db.kysely, backendOf(t.ctx), query('竹业', 100)), {
        counts: { news: 17, notice: 18 },
        capped: false,
      });
      const backend = backendOf(t.ctx);
      const untyped = await readWindow(t.ctx.db.kysely, backend, query('竹业', 4), false);
      const hits = await searchIndex(t.ctx.db.kysely, backend, query('竹业', 4, 'news'), untyped);
      // The untyped window (35, 34, 33, 32) is full, so the newest news are read again.
      assert.deepEqual(
        hits.map((h) => h.source_id),
        ['34', '32', '30', '28'],
      );
    });

    it('adds the newest older matches of the prior types to a full window, and only to a full one', async () => {
      const backend = backendOf(t.ctx);
      const policy = ids.get(0)!;
      const tea = await readWindow(t.ctx.db.kysely, backend, query('茶产业', 5, undefined, 3));
      assert.deepEqual(
        tea.rows.map((r) => r.doc_id),
        [...[55, 54, 53, 52, 51].map((n) => ids.get(n)), policy],
      );
      assert.equal(tea.capped, true);
      // A window that holds every match has the policy already, once.
      const all = await readWindow(t.ctx.db.kysely, backend, query('茶产业', 100, undefined, 3));
      assert.equal(all.rows.filter((r) => r.doc_id === policy).length, 1);
      assert.equal(all.rows.length, 21);
      // Within one type there is nothing to add.
      const news = await readWindow(t.ctx.db.kysely, backend, query('茶产业', 5, 'news', 3));
      assert.ok(news.rows.every((r) => r.type === 'news'));
      assert.equal(news.rows.length, 5);
      // Ranked by relevance, the old policy is on the first page of a task-like query.
      const hits = await searchIndex(t.ctx.db.kysely, backend, {
        ...query('茶产业', 5, undefined, 3),
        sort: 'relevance',
        taskLike: true,
      });
      assert.equal(hits[0]?.source_id, '0');
    });

    it('finds a rewritten old document only where its id is, not in the span of the id its upsert tried', async () => {
      const backend = backendOf(t.ctx);
      // The upsert first tries a new doc_id (in the newest span) and then
      // rewrites document 1 in place, far below.
      await backend.write(
        t.ctx.db.kysely,
        [prepare(analyzer, doc(1, '赤水竹业发展情况'))],
        t.ctx.now().toISOString(),
      );
      const w = await readWindow(t.ctx.db.kysely, backend, query('竹业', 6));
      assert.deepEqual(
        w.rows.map((r) => r.doc_id),
        [35, 34, 33, 32, 31, 30].map((n) => ids.get(n)),
      );
    });

    // Runs last: it rewrites document 36.
    it('a batch of rewritten and new documents replaces the old words and indexes the new', async () => {
      const backend = backendOf(t.ctx);
      const batch = [doc(36, '遵义会议纪念馆开放'), doc(56, '遵义会议纪念馆讲解')];
      await backend.write(
        t.ctx.db.kysely,
        batch.map((d) => prepare(analyzer, d)),
        t.ctx.now().toISOString(),
      );
      const found = async (q: string) =>
        (await readWindow(t.ctx.db.kysely, backend, query(q, 100))).rows.map((r) => r.doc_id);
      const tea = await found('茶产业');
      assert.equal(tea.length, 20, 'nineteen tea documents and the policy');
      assert.ok(!tea.includes(ids.get(36)!), 'the rewritten document lost its old words');
      const [newest, rewritten] = await found('纪念馆');
      assert.equal(rewritten, ids.get(36), 'kept its doc_id');
      assert.ok(newest! > ids.get(55)!, 'the new document got a new doc_id');
    });
  });
}
