import { type Kysely, sql } from 'kysely';

// Delivery state on the outbox: the status lifecycle pending → sending → sent
// (or failed/dead/cancelled/held), attempts and the next attempt time, the
// lease of the node that marked a message 'sending', how often it was resent
// after a crash, the delivery receipt and bounce details. SQLite adds one
// column per ALTER TABLE, so each column is its own statement.
const COLUMNS: [string, string, boolean][] = [
  ['urgent', 'integer', true],
  ['email_enc', 'text', false],
  ['max_attempts', 'integer', true],
  ['next_attempt_at', 'varchar(30)', false],
  ['locked_by', 'varchar(100)', false],
  ['locked_until', 'varchar(30)', false],
  ['sending_at', 'varchar(30)', false],
  ['resends', 'integer', true],
  ['delivery_status', 'varchar(20)', false],
  ['delivered_at', 'varchar(30)', false],
  ['bounce_code', 'varchar(20)', false],
  ['bounce_reason', 'text', false],
  ['resend_of', 'varchar(36)', false],
  ['updated_at', 'varchar(30)', false],
];

const DEFAULTS: Record<string, number> = { urgent: 0, max_attempts: 8, resends: 0 };

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, type, notNull] of COLUMNS) {
    await db.schema
      .alterTable('outbox_message')
      .addColumn(name, sql.raw(type), (c) => (notNull ? c.notNull().defaultTo(DEFAULTS[name]) : c))
      .execute();
  }
  await sql`UPDATE outbox_message SET next_attempt_at = created_at, updated_at = created_at`.execute(
    db,
  );
  await db.schema
    .createIndex('outbox_message_due')
    .on('outbox_message')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('outbox_message_channel_sending')
    .on('outbox_message')
    .columns(['channel', 'sending_at'])
    .execute();
  await db.schema
    .createIndex('outbox_message_recipient')
    .on('outbox_message')
    .columns(['recipient_hash', 'sending_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    'outbox_message_due',
    'outbox_message_channel_sending',
    'outbox_message_recipient',
  ]) {
    await db.schema.dropIndex(name).execute();
  }
  for (const [name] of [...COLUMNS].reverse()) {
    await db.schema.alterTable('outbox_message').dropColumn(name).execute();
  }
}
