import type { Kysely } from 'kysely';

// Indexes the public pages read through:
// - a channel list in its display order (pinned, newest, id — all descending,
//   so the index is walked backwards and LIMIT/OFFSET needs no sort);
// - every live item newest first (audience portals, the sitemap);
// - attachments by file (the download route) and interpretations by their
//   policy's counterpart (content_link's key starts with policy_id).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('content_item_channel_order')
    .on('content_item')
    .columns(['channel_id', 'publication', 'pinned', 'published_at', 'id'])
    .execute();
  await db.schema
    .createIndex('content_item_live_date')
    .on('content_item')
    .columns(['publication', 'published_at', 'id'])
    .execute();
  await db.schema
    .createIndex('content_attachment_file')
    .on('content_attachment')
    .column('sha256')
    .execute();
  await db.schema
    .createIndex('content_link_interpretation')
    .on('content_link')
    .column('interpretation_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('content_link_interpretation').execute();
  await db.schema.dropIndex('content_attachment_file').execute();
  await db.schema.dropIndex('content_item_live_date').execute();
  await db.schema.dropIndex('content_item_channel_order').execute();
}
