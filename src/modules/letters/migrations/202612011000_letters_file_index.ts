import type { Kysely } from 'kysely';

// Attachments by file: the nightly file sweep (content/file-prune.ts) asks,
// for every stored file, whether a letter refers to it. The primary key
// (letter_id, sha256) cannot answer that, so each question read the table.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('letter_attachment_file')
    .on('letter_attachment')
    .column('sha256')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('letter_attachment_file').execute();
}
