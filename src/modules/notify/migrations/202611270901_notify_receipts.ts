import type { Kysely } from 'kysely';

// Provider message ids and delivery receipts. A long SMS goes out as several
// parts, each with its own id at the SMSC; every accepted part is recorded,
// so a retry sends only the parts still missing and a receipt for any part
// finds its message. Receipts are kept as they arrive: one can come before
// the submit response has been written, and is matched when it is.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('outbox_provider_ref')
    .addColumn('provider_id', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('message_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('part', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('outbox_provider_ref_message')
    .on('outbox_provider_ref')
    .column('message_id')
    .execute();
  await db.schema
    .createTable('outbox_receipt')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('provider_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('state', 'varchar(20)', (c) => c.notNull())
    .addColumn('error_code', 'varchar(20)')
    .addColumn('done_at', 'varchar(30)')
    .addColumn('received_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('message_id', 'varchar(36)')
    .execute();
  await db.schema
    .createIndex('outbox_receipt_provider')
    .on('outbox_receipt')
    .column('provider_id')
    .execute();
  await db.schema
    .createIndex('outbox_receipt_unmatched')
    .on('outbox_receipt')
    .columns(['message_id', 'received_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbox_receipt').execute();
  await db.schema.dropTable('outbox_provider_ref').execute();
}
