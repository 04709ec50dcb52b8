import type { Kysely } from 'kysely';

// Subscriptions: an account or an organisation follows a channel, a policy
// topic, an issuing body or a search query, by SMS or email, immediately or
// as a daily digest. Addresses are personal data: encrypted, with a keyed
// hash for look-ups (replying TD finds every subscription of a phone).
// Digest items collect matched publications until the daily digest sends them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notify_subscription')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('owner_kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('owner_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('target_kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('target_value', 'varchar(200)', (c) => c.notNull())
    .addColumn('channel', 'varchar(16)', (c) => c.notNull())
    .addColumn('address_enc', 'varchar(500)', (c) => c.notNull())
    .addColumn('address_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('frequency', 'varchar(16)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('unsubscribed_at', 'varchar(30)')
    .addColumn('unsubscribed_via', 'varchar(20)')
    .addUniqueConstraint('notify_subscription_unique', [
      'owner_kind',
      'owner_id',
      'target_kind',
      'target_value',
      'channel',
    ])
    .execute();
  await db.schema
    .createIndex('notify_subscription_target')
    .on('notify_subscription')
    .columns(['target_kind', 'target_value', 'status'])
    .execute();
  await db.schema
    .createIndex('notify_subscription_address')
    .on('notify_subscription')
    .column('address_hash')
    .execute();
  await db.schema
    .createTable('notify_digest_item')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('subscription_id', 'varchar(36)', (c) =>
      c.notNull().references('notify_subscription.id').onDelete('cascade'),
    )
    .addColumn('event_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('title', 'varchar(500)', (c) => c.notNull())
    .addColumn('url', 'varchar(1000)', (c) => c.notNull())
    .addColumn('issuer', 'varchar(200)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('message_id', 'varchar(36)')
    .addUniqueConstraint('notify_digest_item_unique', ['subscription_id', 'event_id'])
    .execute();
  await db.schema
    .createIndex('notify_digest_item_open')
    .on('notify_digest_item')
    .columns(['message_id', 'subscription_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notify_digest_item').execute();
  await db.schema.dropTable('notify_subscription').execute();
}
