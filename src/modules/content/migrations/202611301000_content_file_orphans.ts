import type { Kysely } from 'kysely';

// When the file-store sweep first found a stored file that nothing refers to
// (null while something does): the file is deleted once it has stayed
// unreferenced for the grace period.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('stored_file').addColumn('orphaned_at', 'varchar(30)').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('stored_file').dropColumn('orphaned_at').execute();
}
