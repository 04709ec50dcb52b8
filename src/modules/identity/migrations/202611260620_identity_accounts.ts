import type { Kysely } from 'kysely';

// Accounts of every kind (staff, citizens, enterprises), their organisations
// and role grants. Phone and ID numbers are stored encrypted (…_enc) with a
// keyed hash (…_hash) for lookups and uniqueness; never in plaintext.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('account')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('username', 'varchar(64)', (c) => c.unique())
    .addColumn('display_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('password_hash', 'varchar(200)')
    .addColumn('password_changed_at', 'varchar(30)')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('phone_enc', 'varchar(200)')
    .addColumn('phone_hash', 'varchar(64)', (c) => c.unique())
    .addColumn('real_name', 'varchar(100)')
    .addColumn('id_number_enc', 'varchar(200)')
    .addColumn('id_number_hash', 'varchar(64)', (c) => c.unique())
    .addColumn('credit_code', 'varchar(18)', (c) => c.unique())
    .addColumn('legal_representative', 'varchar(100)')
    .addColumn('email', 'varchar(200)')
    .addColumn('totp_secret_enc', 'varchar(300)')
    .addColumn('totp_enabled_at', 'varchar(30)')
    .addColumn('totp_last_step', 'integer')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('last_login_at', 'varchar(30)')
    .execute();

  await db.schema
    .createTable('account_organisation')
    .addColumn('account_id', 'varchar(36)', (c) =>
      c.notNull().references('account.id').onDelete('cascade'),
    )
    .addColumn('organisation_id', 'varchar(36)', (c) =>
      c.notNull().references('organisation.id').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('account_organisation_pk', ['account_id', 'organisation_id'])
    .execute();

  await db.schema
    .createTable('role_grant')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('account_id', 'varchar(36)', (c) =>
      c.notNull().references('account.id').onDelete('cascade'),
    )
    .addColumn('role', 'varchar(32)', (c) => c.notNull())
    .addColumn('scope', 'varchar(100)', (c) => c.notNull())
    .addColumn('level', 'integer')
    .addColumn('granted_by', 'varchar(36)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('role_grant_unique', ['account_id', 'role', 'scope'])
    .execute();

  await db.schema
    .createTable('session')
    .addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('account_id', 'varchar(36)', (c) =>
      c.notNull().references('account.id').onDelete('cascade'),
    )
    .addColumn('mfa', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('last_seen_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)', (c) => c.notNull())
    .addColumn('user_agent', 'varchar(300)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_account').on('session').column('account_id').execute();

  await db.schema
    .createTable('recovery_code')
    .addColumn('account_id', 'varchar(36)', (c) =>
      c.notNull().references('account.id').onDelete('cascade'),
    )
    .addColumn('code_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('used_at', 'varchar(30)')
    .addPrimaryKeyConstraint('recovery_code_pk', ['account_id', 'code_hash'])
    .execute();

  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'varchar(30)', (c) => c.notNull())
    .addColumn('locked_until', 'varchar(30)')
    .execute();

  await db.schema
    .createTable('otp_code')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('purpose', 'varchar(16)', (c) => c.notNull())
    .addColumn('phone_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('code_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('used_at', 'varchar(30)')
    .addColumn('ip', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('otp_code_phone')
    .on('otp_code')
    .columns(['phone_hash', 'purpose'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'otp_code',
    'login_throttle',
    'recovery_code',
    'session',
    'role_grant',
    'account_organisation',
    'account',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
