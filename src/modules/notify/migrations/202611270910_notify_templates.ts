import type { Kysely } from 'kysely';

// Template overrides edited in the back office. The defaults live in code;
// a row here replaces one template's subject and body until it is reset.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notify_template')
    .addColumn('name', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('subject', 'varchar(500)')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_by', 'varchar(100)')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notify_template').execute();
}
