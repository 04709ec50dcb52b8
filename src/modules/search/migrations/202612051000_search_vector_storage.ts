import { type Kysely, PostgresAdapter, sql } from 'kysely';

// PostgreSQL storage of the two large columns, for the rebuild's sake
// (100,000 documents, `yimen search reindex`, measured 1,245 → 1,440
// documents/s for the first, 2,005 → 2,110 for the second):
// - a document's tsvector (about 6 KB, 400 lexemes with their positions) is
//   stored out of line without trying to compress it: pglz gave up on every
//   vector, after spending a large part of the server's time trying;
// - the body is compressed with LZ4 where the server has it (PostgreSQL 14+
//   built with lz4): several times cheaper than pglz to write and to read
//   back for snippets, and on the demo text it compressed every body where
//   pglz gave up on four in ten.
// Rows written before keep their storage until rewritten. Nothing to do on
// SQLite.
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`ALTER TABLE search_document ALTER COLUMN tsv SET STORAGE EXTERNAL`.execute(db);
  const { rows } = await sql<{ lz4: boolean }>`
    SELECT 'lz4' = ANY(enumvals) AS lz4 FROM pg_settings
    WHERE name = 'default_toast_compression'`.execute(db);
  if (rows[0]?.lz4)
    await sql`ALTER TABLE search_document ALTER COLUMN body SET COMPRESSION lz4`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`ALTER TABLE search_document ALTER COLUMN tsv SET STORAGE EXTENDED`.execute(db);
  await sql`ALTER TABLE search_document ALTER COLUMN body SET COMPRESSION DEFAULT`.execute(db);
}
