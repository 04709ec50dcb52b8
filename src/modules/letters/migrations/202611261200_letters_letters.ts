import type { Kysely } from 'kysely';

// Letters to the 市长信箱 and the departments' mailboxes: the letter, the
// departments it is assigned to, the replies (drafted, reviewed, sent), the
// citizen-visible timeline, attachments, and the settings the general office
// edits (deadline per type, the "nothing forgotten" limit).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('letter')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    // 查询码: ten digits, shown to the writer, never on public pages.
    .addColumn('code', 'varchar(16)', (c) => c.notNull().unique())
    .addColumn('account_id', 'varchar(36)')
    .addColumn('phone_hash', 'varchar(64)')
    .addColumn('phone_enc', 'varchar(500)')
    .addColumn('ip_hash', 'varchar(64)', (c) => c.notNull())
    // null: 市长信箱; else the department whose mailbox it was written to.
    .addColumn('mailbox_org_id', 'varchar(36)')
    .addColumn('type', 'varchar(16)', (c) => c.notNull())
    .addColumn('subject', 'varchar(200)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('may_publish', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('lead_org_id', 'varchar(36)')
    .addColumn('merged_into', 'varchar(36)')
    .addColumn('reject_reason', 'varchar(1000)')
    .addColumn('deadline', 'varchar(10)', (c) => c.notNull())
    .addColumn('extension_status', 'varchar(16)', (c) => c.notNull().defaultTo('none'))
    .addColumn('extension_days', 'integer')
    .addColumn('extension_reason', 'varchar(1000)')
    .addColumn('supervised_at', 'varchar(30)')
    .addColumn('supervision_reason', 'varchar(16)')
    .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('replied_at', 'varchar(30)')
    .addColumn('replied_on_time', 'integer')
    .addColumn('closed_at', 'varchar(30)')
    .addColumn('rating', 'integer')
    .addColumn('rating_comment', 'varchar(500)')
    .addColumn('rehandled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('letter_account').on('letter').column('account_id').execute();
  await db.schema
    .createIndex('letter_status_deadline')
    .on('letter')
    .columns(['status', 'deadline'])
    .execute();
  await db.schema
    .createIndex('letter_public')
    .on('letter')
    .columns(['is_public', 'replied_at'])
    .execute();
  await db.schema.createIndex('letter_created').on('letter').column('created_at').execute();

  await db.schema
    .createTable('letter_assignment')
    .addColumn('letter_id', 'varchar(36)', (c) =>
      c.notNull().references('letter.id').onDelete('cascade'),
    )
    .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('lead', 'integer', (c) => c.notNull())
    .addColumn('assigned_by', 'varchar(36)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('letter_assignment_pk', ['letter_id', 'org_id'])
    .execute();
  await db.schema
    .createIndex('letter_assignment_org')
    .on('letter_assignment')
    .column('org_id')
    .execute();

  await db.schema
    .createTable('letter_reply')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('letter_id', 'varchar(36)', (c) =>
      c.notNull().references('letter.id').onDelete('cascade'),
    )
    .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('author_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // draft, in_review, returned, approved
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('reviewer_id', 'varchar(36)')
    .addColumn('review_comment', 'varchar(1000)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('sent_at', 'varchar(30)')
    .execute();
  await db.schema
    .createIndex('letter_reply_letter')
    .on('letter_reply')
    .columns(['letter_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('letter_event')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('letter_id', 'varchar(36)', (c) =>
      c.notNull().references('letter.id').onDelete('cascade'),
    )
    .addColumn('action', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(36)')
    .addColumn('note', 'varchar(1000)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('letter_event_letter')
    .on('letter_event')
    .columns(['letter_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('letter_attachment')
    .addColumn('letter_id', 'varchar(36)', (c) =>
      c.notNull().references('letter.id').onDelete('cascade'),
    )
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('letter_attachment_pk', ['letter_id', 'sha256'])
    .execute();

  await db.schema
    .createTable('letter_setting')
    .addColumn('key', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  const now = new Date().toISOString();
  await db
    .insertInto('letter_setting')
    .values(
      [
        ['deadline.consult', 5],
        ['deadline.suggest', 15],
        ['deadline.complain', 15],
        ['deadline.help', 5],
        ['deadline.report', 15],
        ['stale_days', 90],
      ].map(([key, value]) => ({ key, value, updated_at: now })),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'letter_setting',
    'letter_attachment',
    'letter_event',
    'letter_reply',
    'letter_assignment',
    'letter',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
