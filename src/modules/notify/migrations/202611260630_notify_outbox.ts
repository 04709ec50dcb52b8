import type { Kysely } from 'kysely';

// The outbox: every message the system sends, written in the same
// transaction as the change that causes it. Recipient and body are encrypted.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('outbox_message')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('channel', 'varchar(16)', (c) => c.notNull())
    .addColumn('recipient_enc', 'varchar(500)', (c) => c.notNull())
    .addColumn('recipient_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('template', 'varchar(100)', (c) => c.notNull())
    .addColumn('body_enc', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('idempotency_key', 'varchar(200)', (c) => c.unique())
    .addColumn('provider_message_id', 'varchar(100)')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('sent_at', 'varchar(30)')
    .execute();
  await db.schema
    .createIndex('outbox_message_created')
    .on('outbox_message')
    .column('created_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbox_message').execute();
}
