// `yimen seed --bulk N` once per dialect: exactly N synthetic published
// items with unique slugs, a revision each, labelled as synthetic.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, openTestContext, type TestContext } from '../../../../test/helpers/databases.ts';
import { assertLiveTagsMatchItems } from '../../../../test/helpers/live-tags.ts';
import { BULK_SOURCE, seedBulk } from './bulk.ts';

for (const dialect of dialects) {
  describe(`demo bulk items [${dialect}]`, () => {
    let t: TestContext;
    const lines: string[] = [];
    before(async () => {
      t = await openTestContext(dialect);
    });
    after(() => t.close());

    it('inserts exactly 2,000 published items with unique slugs', async () => {
      const result = await seedBulk(t.ctx, 2000, (line) => lines.push(line));
      assert.equal(result.inserted, 2000);
      const items = await t.ctx.db.kysely
        .selectFrom('content_item')
        .select([
          'id',
          'slug',
          'site_code',
          'publication',
          'live_revision',
          'fields',
          'body_html',
          'published_at',
        ])
        .execute();
      assert.equal(items.length, 2000);
      assert.equal(new Set(items.map((i) => i.slug)).size, 2000);
      const now = t.ctx.now().toISOString();
      for (const i of items) {
        assert.equal(i.publication, 'published');
        assert.equal(i.live_revision, 1);
        assert.equal(JSON.parse(i.fields).source, BULK_SOURCE);
        assert.match(i.slug, /^bulk-[a-z0-9]+-\d+$/);
        assert.ok(i.published_at! < now);
        const bytes = Buffer.byteLength(i.body_html);
        assert.ok(bytes >= 2048 && bytes < 6000, `${bytes} bytes`);
      }
      assert.ok(new Set(items.map((i) => i.site_code)).size >= 8, 'spread over the sites');
      const revisions = await t.ctx.db.kysely
        .selectFrom('content_revision')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(revisions.n), 2000);
      await assertLiveTagsMatchItems(t.ctx);
      assert.match(lines.at(-1)!, /^bulk: 2000 items in /);
      assert.ok(lines.some((l) => l.startsWith('bulk: 1000/2000 (50%)')));
    });

    it('adds a second run next to the first, and refuses silly counts', async () => {
      await new Promise((r) => setTimeout(r, 2));
      await seedBulk(t.ctx, 10, () => {});
      const n = await t.ctx.db.kysely
        .selectFrom('content_item')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(n.n), 2010);
      await assert.rejects(
        seedBulk(t.ctx, 0, () => {}),
        RangeError,
      );
      await assert.rejects(
        seedBulk(t.ctx, Number.NaN, () => {}),
        RangeError,
      );
    });
  });
}
