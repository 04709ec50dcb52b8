import type { Kysely } from 'kysely';

// The service catalog (办事指南): one row per service item with every element
// of a standard guide; structured lists (materials, steps, FAQ, tags) are JSON
// text. Review decisions go to service_reviews; 一件事 bundles group items.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('service_items')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    // 事项编码, e.g. GA-001; the stable public URL /services/<code>.
    .addColumn('code', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('summary', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
    // 行政许可, 行政确认, 行政给付, 公共服务, …
    .addColumn('type', 'varchar(16)', (c) => c.notNull())
    // 办理机构: an organisation of the identity module.
    .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
    // draft, in_review, published, withdrawn.
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    // The level a submitted guide waits for (1, 2), 0 when not in review.
    .addColumn('review_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('legal_basis', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('conditions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('materials', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('process_steps', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('statutory_days', 'integer')
    .addColumn('promised_days', 'integer')
    .addColumn('fee_standard', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
    .addColumn('fee_basis', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
    .addColumn('place', 'varchar(500)', (c) => c.notNull().defaultTo(''))
    .addColumn('hours', 'varchar(300)', (c) => c.notNull().defaultTo(''))
    .addColumn('consult_phone', 'varchar(50)', (c) => c.notNull().defaultTo(''))
    .addColumn('complaint_phone', 'varchar(50)', (c) => c.notNull().defaultTo(''))
    // info (information only), apply (apply online), full (fully online).
    .addColumn('online_depth', 'varchar(8)', (c) => c.notNull())
    .addColumn('audiences', 'varchar(300)', (c) => c.notNull().defaultTo('[]'))
    .addColumn('life_events', 'varchar(300)', (c) => c.notNull().defaultTo('[]'))
    .addColumn('enterprise_stages', 'varchar(300)', (c) => c.notNull().defaultTo('[]'))
    .addColumn('themes', 'varchar(300)', (c) => c.notNull().defaultTo('[]'))
    .addColumn('faq', 'text', (c) => c.notNull().defaultTo('[]'))
    // Edits to a published guide wait here (JSON) until review approves them,
    // so the public keeps the reviewed text meanwhile.
    .addColumn('pending', 'text')
    .addColumn('author_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('published_at', 'varchar(30)')
    .execute();
  await db.schema
    .createIndex('service_items_status_org')
    .on('service_items')
    .columns(['status', 'org_id'])
    .execute();

  await db.schema
    .createTable('service_reviews')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('service_id', 'varchar(36)', (c) =>
      c.notNull().references('service_items.id').onDelete('cascade'),
    )
    // Counts submissions, so "one person, one level" is per submitted version.
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('action', 'varchar(16)', (c) => c.notNull())
    .addColumn('comment', 'varchar(2000)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('service_reviews_service')
    .on('service_reviews')
    .column('service_id')
    .execute();

  await db.schema
    .createTable('service_bundles')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('code', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('summary', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
    .addColumn('life_event', 'varchar(32)', (c) => c.notNull())
    // The organisation that coordinates the bundle (usually 政务服务管理局).
    .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('published_at', 'varchar(30)')
    .execute();

  await db.schema
    .createTable('service_bundle_items')
    .addColumn('bundle_id', 'varchar(36)', (c) =>
      c.notNull().references('service_bundles.id').onDelete('cascade'),
    )
    .addColumn('service_id', 'varchar(36)', (c) =>
      c.notNull().references('service_items.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_bundle_items_pk', ['bundle_id', 'service_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['service_bundle_items', 'service_bundles', 'service_reviews', 'service_items']) {
    await db.schema.dropTable(t).execute();
  }
}
