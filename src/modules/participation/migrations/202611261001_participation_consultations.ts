import type { Kysely } from 'kysely';

// 意见征集: a draft published with a comment window [opens_at, closes_at),
// citizens' comments (moderated before they are shown), and the feedback
// summary (采纳情况) published after the window.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('consultation')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('site_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('department', 'varchar(100)', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('opens_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('closes_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('summary_published_at', 'varchar(30)')
    .addColumn('created_by', 'varchar(36)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('consultation_public')
    .on('consultation')
    .columns(['status', 'opens_at'])
    .execute();
  await db.schema
    .createTable('consultation_comment')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('consultation_id', 'varchar(36)', (c) =>
      c.notNull().references('consultation.id').onDelete('cascade'),
    )
    .addColumn('account_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('author_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('flagged', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('moderated_by', 'varchar(36)')
    .addColumn('moderated_at', 'varchar(30)')
    .execute();
  await db.schema
    .createIndex('consultation_comment_list')
    .on('consultation_comment')
    .columns(['consultation_id', 'status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('consultation_comment_account')
    .on('consultation_comment')
    .columns(['account_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('consultation_comment').execute();
  await db.schema.dropTable('consultation').execute();
}
