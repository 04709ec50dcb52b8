import type { Kysely } from 'kysely';

// 在线调查: a questionnaire (questions in order, options as a JSON array),
// its window, and responses: one per account, which the unique constraint
// enforces even under concurrent submits. Each answer is one row per
// question, its value JSON (an option index, an array of them, a rating, text).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('survey')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('site_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('intro', 'text', (c) => c.notNull())
    .addColumn('opens_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('closes_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('survey_question')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('survey_id', 'varchar(36)', (c) =>
      c.notNull().references('survey.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('prompt', 'varchar(500)', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('survey_question_order')
    .on('survey_question')
    .columns(['survey_id', 'position'])
    .execute();
  await db.schema
    .createTable('survey_response')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('survey_id', 'varchar(36)', (c) =>
      c.notNull().references('survey.id').onDelete('cascade'),
    )
    .addColumn('account_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('survey_response_one_per_account', ['survey_id', 'account_id'])
    .execute();
  await db.schema
    .createTable('survey_answer')
    .addColumn('response_id', 'varchar(36)', (c) =>
      c.notNull().references('survey_response.id').onDelete('cascade'),
    )
    .addColumn('question_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_answer_pk', ['response_id', 'question_id'])
    .execute();
  await db.schema
    .createIndex('survey_answer_question')
    .on('survey_answer')
    .column('question_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('survey_answer').execute();
  await db.schema.dropTable('survey_response').execute();
  await db.schema.dropTable('survey_question').execute();
  await db.schema.dropTable('survey').execute();
}
