import type { Kysely } from 'kysely';

// Online applications: per-service form definitions, applications with their
// status history and materials, the counters behind 受理编号, and the 好差评
// evaluations with the follow-up of bad reviews. Service codes refer to the
// services module's catalog by value (no foreign key across modules).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('application_form')
    .addColumn('service_code', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'varchar(100)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('application')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(8)', (c) => c.notNull())
    .addColumn('tracking_no', 'varchar(40)', (c) => c.unique())
    .addColumn('parent_id', 'varchar(36)', (c) => c.references('application.id'))
    .addColumn('service_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('service_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('org_id', 'varchar(36)')
    .addColumn('applicant_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('applicant_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('phone_enc', 'text')
    .addColumn('phone_tail_hash', 'varchar(100)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('data_enc', 'text', (c) => c.notNull())
    // Unique per applicant: the same form posted twice is one application.
    .addColumn('submit_key', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('promised_days', 'integer')
    .addColumn('submitted_at', 'varchar(30)')
    .addColumn('accepted_at', 'varchar(30)')
    .addColumn('due_date', 'varchar(10)')
    .addColumn('paused_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('paused_at', 'varchar(30)')
    .addColumn('decided_at', 'varchar(30)')
    .addColumn('closed_at', 'varchar(30)')
    .addColumn('note', 'text')
    .addColumn('decision_text', 'text')
    .addColumn('decision_file', 'varchar(64)')
    .addColumn('decision_file_name', 'varchar(255)')
    .addColumn('handler_id', 'varchar(36)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('application_queue')
    .on('application')
    .columns(['org_id', 'status', 'due_date'])
    .execute();
  await db.schema
    .createIndex('application_applicant')
    .on('application')
    .columns(['applicant_id', 'created_at'])
    .execute();
  await db.schema.createIndex('application_parent').on('application').column('parent_id').execute();

  await db.schema
    .createTable('application_event')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('application_id', 'varchar(36)', (c) =>
      c.notNull().references('application.id').onDelete('cascade'),
    )
    .addColumn('action', 'varchar(32)', (c) => c.notNull())
    .addColumn('from_status', 'varchar(16)')
    .addColumn('to_status', 'varchar(16)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(36)')
    .addColumn('actor_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('application_event_app')
    .on('application_event')
    .columns(['application_id', 'at'])
    .execute();

  await db.schema
    .createTable('application_file')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('application_id', 'varchar(36)', (c) =>
      c.notNull().references('application.id').onDelete('cascade'),
    )
    .addColumn('material', 'varchar(64)', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('mime', 'varchar(100)', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('uploaded_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('application_file_app')
    .on('application_file')
    .column('application_id')
    .execute();

  await db.schema
    .createTable('application_counter')
    .addColumn('scope', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('application_evaluation')
    // One rating per case (国办发〔2019〕51号).
    .addColumn('application_id', 'varchar(36)', (c) =>
      c.primaryKey().references('application.id').onDelete('cascade'),
    )
    .addColumn('applicant_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('grade', 'integer', (c) => c.notNull())
    .addColumn('reasons', 'varchar(500)', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('service_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('application_followup')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('application_id', 'varchar(36)', (c) =>
      c.notNull().unique().references('application.id').onDelete('cascade'),
    )
    .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('grade', 'integer', (c) => c.notNull())
    .addColumn('due_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('response', 'text')
    .addColumn('responded_at', 'varchar(30)')
    .addColumn('responder_id', 'varchar(36)')
    .addColumn('callback_at', 'varchar(30)')
    .addColumn('callback_note', 'text')
    .addColumn('callback_by', 'varchar(36)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('application_followup_org')
    .on('application_followup')
    .columns(['org_id', 'status'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'application_followup',
    'application_evaluation',
    'application_counter',
    'application_file',
    'application_event',
    'application',
    'application_form',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
