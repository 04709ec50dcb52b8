import type { Kysely } from 'kysely';

// The audience and topic tags of live items, one row per tag, so that an
// audience portal finds "the newest live items tagged citizen on site X" by
// an index walk that stops at its limit, at any number of items. Before, the
// tags lived only as JSON text and the query scanned every live item with
// LIKE '%"citizen"%' (a rare tag meant reading all of them).
// Rows exist only while the item is live; content/live-tags.ts keeps them in
// step with the item, in the same transaction. Existing live items are
// backfilled here.
//
// Also: related items and feeds list a channel's live items newest first
// (published_at, id); the channel index ended at published_at, so SQLite
// preferred walking every live item by date. The index gains id.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('content_live_tag')
    .addColumn('item_id', 'varchar(36)', (c) =>
      c.notNull().references('content_item.id').onDelete('cascade'),
    )
    // 'audience' or 'topic'.
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('tag', 'varchar(32)', (c) => c.notNull())
    .addColumn('site_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('published_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('content_live_tag_pk', ['item_id', 'kind', 'tag'])
    .execute();
  await db.schema
    .createIndex('content_live_tag_newest')
    .on('content_live_tag')
    .columns(['kind', 'tag', 'site_code', 'published_at', 'item_id'])
    .execute();

  await db.schema
    .createIndex('content_item_channel_date')
    .on('content_item')
    .columns(['channel_id', 'publication', 'published_at', 'id'])
    .execute();
  // Its prefix: the new index answers everything this one did.
  await db.schema.dropIndex('content_item_channel_live').execute();

  // One transaction: SQLite (whose migrations run outside one) would
  // otherwise commit, and sync to disk, after every statement.
  if (db.isTransaction) await backfill(db);
  else await db.transaction().execute(backfill);
}

const PAGE = 1000;

async function backfill(db: Kysely<any>): Promise<void> {
  let after = '';
  for (;;) {
    const items: {
      id: string;
      site_code: string;
      audiences: string;
      topics: string;
      published_at: string | null;
    }[] = await db
      .selectFrom('content_item')
      .select(['id', 'site_code', 'audiences', 'topics', 'published_at'])
      .where('publication', '=', 'published')
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (items.length === 0) return;
    const rows = items.flatMap((item) => {
      if (!item.published_at) return [];
      const tagged = (kind: string, json: string) =>
        [...new Set(JSON.parse(json) as string[])].map((tag) => ({
          item_id: item.id,
          kind,
          tag,
          site_code: item.site_code,
          published_at: item.published_at,
        }));
      return [...tagged('audience', item.audiences), ...tagged('topic', item.topics)];
    });
    // Five columns a row: 500 rows stay well under every driver's parameter limit.
    for (let at = 0; at < rows.length; at += 500) {
      await db
        .insertInto('content_live_tag')
        .values(rows.slice(at, at + 500))
        .execute();
    }
    after = items[items.length - 1]!.id;
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('content_item_channel_live')
    .on('content_item')
    .columns(['channel_id', 'publication', 'published_at'])
    .execute();
  await db.schema.dropIndex('content_item_channel_date').execute();
  await db.schema.dropIndex('content_live_tag_newest').execute();
  await db.schema.dropTable('content_live_tag').execute();
}
