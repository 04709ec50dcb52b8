import type { Kysely } from 'kysely';

// 我为政府网站找错: error reports about a page of a site. The reporter's
// contact (phone or e-mail, optional) is personal data: encrypted, masked for
// staff lists. ip_hash is a keyed hash of the client address, kept only to
// count reports per address (rate limit), never shown.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('feedback_report')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('code', 'varchar(20)', (c) => c.notNull().unique())
    .addColumn('site_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('page_url', 'varchar(1000)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('contact_channel', 'varchar(8)')
    .addColumn('contact_enc', 'varchar(500)')
    .addColumn('contact_masked', 'varchar(100)')
    .addColumn('ip_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('due_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('handled_by', 'varchar(36)')
    .addColumn('handled_at', 'varchar(30)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('feedback_report_site')
    .on('feedback_report')
    .columns(['site_code', 'status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('feedback_report_ip')
    .on('feedback_report')
    .columns(['ip_hash', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('feedback_report').execute();
}
