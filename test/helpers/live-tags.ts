// Whether content_live_tag says exactly what the items' live faces say.
import assert from 'node:assert/strict';
import { liveTagRows } from '../../src/modules/content/live-tags.ts';
import type { AppContext } from '../../src/platform/module.ts';

export async function assertLiveTagsMatchItems(ctx: AppContext): Promise<void> {
  const items = await ctx.db.kysely
    .selectFrom('content_item')
    .select(['id', 'site_code', 'audiences', 'topics', 'publication', 'published_at'])
    .execute();
  const expected = items.flatMap(liveTagRows).map((r) => JSON.stringify(r));
  const rows = await ctx.db.kysely
    .selectFrom('content_live_tag')
    .select(['item_id', 'kind', 'tag', 'site_code', 'published_at'])
    .execute();
  const actual = rows.map((r) => JSON.stringify(r));
  assert.ok(expected.length > 0, 'some live item is tagged');
  assert.deepEqual(actual.sort(), expected.sort());
}
