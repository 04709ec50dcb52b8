// A rebuild over more items than one batch (500): every live item is indexed
// once (the provider pages by primary key; only rewritten rows are deleted
// from the SQLite index first), and a second rebuild over the first leaves
// the same documents.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, openTestContext, type TestContext } from '../../../test/helpers/databases.ts';
import { seedBulk } from '../content/demo/bulk.ts';
import { reindex } from './indexer.ts';

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
  });
}
