// A rebuild over more items than one batch (500): every live item is indexed
// once (the provider pages by primary key; only rewritten rows are deleted
// from the SQLite index first), and a second rebuild over the first leaves
// the same documents. A rebuild that replaced documents ends by tidying the
// index (PostgreSQL: VACUUM, so queries do not wade through dead versions).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { dialects, openTestContext, type TestContext } from '../../../test/helpers/databases.ts';
import { seedBulk } from '../content/demo/bulk.ts';
import { backendOf, type ReindexProgress, reindex } from './indexer.ts';

for (const dialect of dialects) {
  describe(`search rebuild in batches [${dialect}]`, () => {
    let t: TestContext;
    before(async () => {
      t = await openTestContext(dialect);
      await seedBulk(t.ctx, 1_234, () => {});
    });
    after(() => t.close());

    const counts = async () => {
      const live = await t.ctx.db.kysely
        .selectFrom('content_item')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('publication', '=', 'published')
        .where('type', '<>', 'link')
        .executeTakeFirstOrThrow();
      const indexed = await t.ctx.db.kysely
        .selectFrom('search_document')
        .select((eb) => [
          eb.fn.countAll<number>().as('rows'),
          eb.fn.count<number>('source_id').distinct().as('distinct'),
        ])
        .where('source', '=', 'content')
        .executeTakeFirstOrThrow();
      return {
        live: Number(live.n),
        rows: Number(indexed.rows),
        distinct: Number(indexed.distinct),
      };
    };

    it('indexes every live item once, and again after a second rebuild', async () => {
      const first = await reindex(t.ctx, { workers: 0 });
      const after1 = await counts();
      assert.ok(after1.live > 1_000, 'more than two batches');
      assert.equal(first.documents, after1.live);
      assert.deepEqual([after1.rows, after1.distinct], [after1.live, after1.live]);
      const second = await reindex(t.ctx, { workers: 0 });
      assert.equal(second.removed, 0);
      assert.deepEqual(await counts(), after1);
    });

    it('tidies up after a rebuild that replaced documents, not after a fresh one', async () => {
      const vacuums = async () => {
        if (dialect !== 'postgres') return 0;
        const { rows } = await sql<{ n: string }>`
          SELECT vacuum_count AS n FROM pg_stat_user_tables
          WHERE relname = 'search_document'`.execute(t.ctx.db.kysely);
        return Number(rows[0]?.n ?? 0);
      };
      const rebuild = async () => {
        const steps: ReindexProgress[] = [];
        const before = await vacuums();
        await reindex(t.ctx, { workers: 0, onProgress: (p) => steps.push(p) });
        return { tidied: steps.some((p) => p.tidying), vacuumed: (await vacuums()) - before };
      };
      const expected = dialect === 'postgres';
      assert.deepEqual(await rebuild(), { tidied: expected, vacuumed: expected ? 1 : 0 });
      await t.ctx.db.kysely.transaction().execute((trx) => backendOf(t.ctx).clear(trx));
      assert.deepEqual(await rebuild(), { tidied: false, vacuumed: 0 });
      const now = await counts();
      assert.deepEqual([now.rows, now.distinct], [now.live, now.live]);
    });
  });
}
