import type { Kysely } from 'kysely';

// Sites (the portal, six audience portals, four institutions) and their
// channel trees (栏目).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('site')
    .addColumn('code', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('short_name', 'varchar(50)', (c) => c.notNull())
    .addColumn('path', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('lang', 'varchar(10)', (c) => c.notNull())
    .addColumn('audience', 'varchar(32)')
    .addColumn('organisation_id', 'varchar(36)', (c) =>
      c.references('organisation.id').onDelete('set null'),
    )
    .addColumn('colour', 'varchar(16)', (c) => c.notNull())
    .addColumn('logo_text', 'varchar(50)')
    .addColumn('review_levels', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('channel')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('site_code', 'varchar(32)', (c) =>
      c.notNull().references('site.code').onDelete('cascade'),
    )
    .addColumn('parent_id', 'varchar(36)', (c) => c.references('channel.id').onDelete('restrict'))
    .addColumn('slug', 'varchar(64)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('description', 'varchar(500)')
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('link_url', 'varchar(500)')
    .addColumn('in_nav', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('channel_site_slug', ['site_code', 'slug'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('channel').execute();
  await db.schema.dropTable('site').execute();
}
