import type { Kysely } from 'kysely';

// Materials and decision documents by file: the nightly file sweep
// (content/file-prune.ts) asks, for every stored file, whether an
// application refers to it; without these each question read the table.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('application_file_file')
    .on('application_file')
    .column('sha256')
    .execute();
  await db.schema
    .createIndex('application_decision_file')
    .on('application')
    .column('decision_file')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('application_decision_file').execute();
  await db.schema.dropIndex('application_file_file').execute();
}
