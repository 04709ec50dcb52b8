// What happens after an item's public face changes (published, edited while
// live, withdrawn, moved): every cached page that shows it is dropped — its
// own page, its channel, its site, the sites it is pushed to and the audience
// portals it is tagged for — and the search index is asked to load the item
// again (subscriptions will hook in here too).
import type { AppContext } from '../../platform/module.ts';
import { requestIndexUpdate } from '../../platform/search.ts';
import type { ContentItemRow } from './tables.ts';

/** Cache tags a page showing this item carries; invalidating any one drops the page. */
export const tags = {
  item: (id: string) => `item:${id}`,
  channel: (id: string) => `channel:${id}`,
  site: (code: string) => `site:${code}`,
  audience: (audience: string) => `audience:${audience}`,
};

export async function itemChanged(
  ctx: AppContext,
  item: Pick<ContentItemRow, 'id' | 'site_code' | 'channel_id' | 'audiences'>,
): Promise<void> {
  const pushes = await ctx.db.kysely
    .selectFrom('content_push')
    .select('site_code')
    .where('item_id', '=', item.id)
    .execute();
  const audiences: string[] = JSON.parse(item.audiences);
  const dropped = [
    tags.item(item.id),
    tags.channel(item.channel_id),
    tags.site(item.site_code),
    ...pushes.map((p) => tags.site(p.site_code)),
    ...audiences.map(tags.audience),
  ];
  for (const tag of dropped) ctx.cache.invalidateTag(tag);
  // After the change committed: the job reads the item as it now is (published,
  // edited, moved or gone) and writes or removes its index entry.
  await requestIndexUpdate(ctx, { source: 'content', sourceId: item.id });
}
