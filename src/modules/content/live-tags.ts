// content_live_tag: one row per audience and topic tag of each live item
// (see migration 202611261130_content_live_tags). Whatever moves an item's
// live face — going live, a new live revision, scheduled publication,
// withdrawal, expiry — calls syncLiveTags in the same transaction, so the
// rows never disagree with content_item.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/database/schema.ts';
import type { ContentItemRow, ContentLiveTagRow, TagKind } from './tables.ts';

type LiveFace = Pick<
  ContentItemRow,
  'id' | 'site_code' | 'audiences' | 'topics' | 'publication'
> & {
  published_at?: string | null;
};

/** The rows an item in this state should have: none unless it is live. */
export function liveTagRows(item: LiveFace): ContentLiveTagRow[] {
  const publishedAt = item.published_at;
  if (item.publication !== 'published' || !publishedAt) return [];
  const rows = (kind: TagKind, json: string) =>
    [...new Set(JSON.parse(json) as string[])].map((tag) => ({
      item_id: item.id,
      kind,
      tag,
      site_code: item.site_code,
      published_at: publishedAt,
    }));
  return [...rows('audience', item.audiences), ...rows('topic', item.topics)];
}

/** Rewrite one item's rows from its current row. */
export async function syncLiveTags(
  db: Kysely<Database> | Transaction<Database>,
  itemId: string,
): Promise<void> {
  await db.deleteFrom('content_live_tag').where('item_id', '=', itemId).execute();
  const item = await db
    .selectFrom('content_item')
    .select(['id', 'site_code', 'audiences', 'topics', 'publication', 'published_at'])
    .where('id', '=', itemId)
    .executeTakeFirst();
  const rows = item ? liveTagRows(item) : [];
  if (rows.length > 0) await db.insertInto('content_live_tag').values(rows).execute();
}
