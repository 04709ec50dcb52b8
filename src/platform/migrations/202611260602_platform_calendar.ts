import type { Kysely } from 'kysely';

// One row per date that differs from the Monday–Friday rule: a holiday on a
// weekday (is_working_day = 0) or an adjusted working day on a weekend (调休, 1).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('yimen_calendar_day')
    .addColumn('day', 'varchar(10)', (c) => c.primaryKey())
    .addColumn('is_working_day', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('yimen_calendar_day').execute();
}
