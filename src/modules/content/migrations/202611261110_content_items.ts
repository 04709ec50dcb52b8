import type { Kysely } from 'kysely';

// Content items and their life: revisions (every saved version), review
// decisions (三审), pushes to other sites (推送), slug redirects, attachments
// (content-addressed files), policy ↔ interpretation links.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('content_item')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('site_code', 'varchar(32)', (c) => c.notNull().references('site.code'))
    .addColumn('channel_id', 'varchar(36)', (c) => c.notNull().references('channel.id'))
    .addColumn('type', 'varchar(16)', (c) => c.notNull())
    .addColumn('slug', 'varchar(100)', (c) => c.notNull())
    // The live (published) fields; the working copy lives in content_revision.
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('summary', 'varchar(1000)')
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('audiences', 'varchar(300)', (c) => c.notNull())
    .addColumn('topics', 'varchar(500)', (c) => c.notNull())
    .addColumn('source_org_id', 'varchar(36)')
    .addColumn('author_id', 'varchar(36)', (c) => c.notNull())
    // Workflow of the working revision: draft, in_review, returned, approved.
    .addColumn('workflow', 'varchar(16)', (c) => c.notNull())
    .addColumn('review_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('working_revision', 'integer', (c) => c.notNull())
    .addColumn('live_revision', 'integer')
    // Publication: unpublished, scheduled, published, withdrawn.
    .addColumn('publication', 'varchar(16)', (c) => c.notNull())
    .addColumn('publish_at', 'varchar(30)')
    .addColumn('unpublish_at', 'varchar(30)')
    .addColumn('published_at', 'varchar(30)')
    .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('content_item_site_slug', ['site_code', 'slug'])
    .execute();
  await db.schema
    .createIndex('content_item_channel_live')
    .on('content_item')
    .columns(['channel_id', 'publication', 'published_at'])
    .execute();
  await db.schema
    .createIndex('content_item_site_live')
    .on('content_item')
    .columns(['site_code', 'publication', 'published_at'])
    .execute();
  await db.schema
    .createIndex('content_item_schedule')
    .on('content_item')
    .columns(['publication', 'publish_at'])
    .execute();

  await db.schema
    .createTable('content_revision')
    .addColumn('item_id', 'varchar(36)', (c) =>
      c.notNull().references('content_item.id').onDelete('cascade'),
    )
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('summary', 'varchar(1000)')
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('audiences', 'varchar(300)', (c) => c.notNull())
    .addColumn('topics', 'varchar(500)', (c) => c.notNull())
    .addColumn('author_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('content_revision_pk', ['item_id', 'number'])
    .execute();

  await db.schema
    .createTable('content_review')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('item_id', 'varchar(36)', (c) =>
      c.notNull().references('content_item.id').onDelete('cascade'),
    )
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('action', 'varchar(16)', (c) => c.notNull())
    .addColumn('comment', 'varchar(2000)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('content_review_item')
    .on('content_review')
    .column('item_id')
    .execute();

  await db.schema
    .createTable('content_push')
    .addColumn('item_id', 'varchar(36)', (c) =>
      c.notNull().references('content_item.id').onDelete('cascade'),
    )
    .addColumn('site_code', 'varchar(32)', (c) => c.notNull().references('site.code'))
    .addColumn('channel_id', 'varchar(36)', (c) => c.references('channel.id'))
    .addColumn('pushed_by', 'varchar(36)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('content_push_pk', ['item_id', 'site_code'])
    .execute();
  await db.schema
    .createIndex('content_push_site')
    .on('content_push')
    .columns(['site_code', 'created_at'])
    .execute();

  await db.schema
    .createTable('content_redirect')
    .addColumn('site_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('old_slug', 'varchar(100)', (c) => c.notNull())
    .addColumn('item_id', 'varchar(36)', (c) =>
      c.notNull().references('content_item.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('content_redirect_pk', ['site_code', 'old_slug'])
    .execute();

  await db.schema
    .createTable('content_link')
    .addColumn('policy_id', 'varchar(36)', (c) =>
      c.notNull().references('content_item.id').onDelete('cascade'),
    )
    .addColumn('interpretation_id', 'varchar(36)', (c) =>
      c.notNull().references('content_item.id').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('content_link_pk', ['policy_id', 'interpretation_id'])
    .execute();

  await db.schema
    .createTable('stored_file')
    .addColumn('sha256', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('mime', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('content_attachment')
    .addColumn('item_id', 'varchar(36)', (c) =>
      c.notNull().references('content_item.id').onDelete('cascade'),
    )
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull().references('stored_file.sha256'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('content_attachment_pk', ['item_id', 'sha256'])
    .execute();

  await db.schema
    .createTable('sensitive_term')
    .addColumn('term', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('severity', 'varchar(8)', (c) => c.notNull())
    .addColumn('suggestion', 'varchar(200)')
    .addColumn('note', 'varchar(300)')
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'sensitive_term',
    'content_attachment',
    'stored_file',
    'content_link',
    'content_redirect',
    'content_push',
    'content_review',
    'content_revision',
    'content_item',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
