import { type Kysely, PostgresAdapter, sql } from 'kysely';

// PostgreSQL only: two changes that keep the window query (pg-backend.ts) on
// the GIN index and away from visiting every match of a common word.
//
// 1. No planner statistics for search_document.tsv. With them the planner
//    knows that a common word matches most documents and reads the whole
//    table instead of the index, testing every row's vector; it does not
//    count that each test detoasts a vector of several kilobytes, so a query
//    over 100,000 documents took seconds. Changing the column to its own type
//    drops the statistics an earlier ANALYZE left; it rewrites nothing.
// 2. Every vector carries a span lexeme, '#s' and doc_id >> 11 (2,048 ids a
//    span; tokens hold only letters and digits, so no word can meet it). The
//    query for the newest matches asks for the newest spans first, so the GIN
//    index itself keeps the older matches out of the heap visit. A trigger
//    adds it, because doc_id is only known once the row is.
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`ALTER TABLE search_document ALTER COLUMN tsv SET STATISTICS 0`.execute(db);
  await sql`ALTER TABLE search_document ALTER COLUMN tsv TYPE tsvector`.execute(db);
  await sql`CREATE FUNCTION search_document_span() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.tsv := NEW.tsv || format('''#s%s''', NEW.doc_id >> 11)::tsvector;
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER search_document_span BEFORE INSERT OR UPDATE OF tsv ON search_document
    FOR EACH ROW EXECUTE FUNCTION search_document_span()`.execute(db);
  await sql`UPDATE search_document SET tsv = tsv`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`DROP TRIGGER search_document_span ON search_document`.execute(db);
  await sql`DROP FUNCTION search_document_span()`.execute(db);
  await sql`ALTER TABLE search_document ALTER COLUMN tsv SET STATISTICS -1`.execute(db);
}
