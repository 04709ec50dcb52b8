import { type Kysely, PostgresAdapter, sql } from 'kysely';

// PostgreSQL only: every vector also carries two type lexemes beside its
// span lexeme (migration 202611300900): '#t' and the document's type
// ('#tpolicy'), and that with its span ('#tpolicy#s48'). A query ranks the
// newest matches and, besides them, the newest older matches of the types a
// citizen's task asks for (service guides, policies, interpretations:
// ranking.ts, PRIOR_TYPES); these lexemes let the GIN index find those in
// the spans just below the window, as the span lexemes do for the window,
// without visiting the other matches. (The type lexemes alone have posting
// lists of every policy; asking for four of them took 8 ms a query.)
// Tokens hold only letters and digits, so no word can meet them. The same
// trigger adds all three, and the vectors already written get theirs here.
//
// On an update the trigger first removes every '#' lexeme the vector has.
// An upsert (INSERT … ON CONFLICT DO UPDATE SET tsv = excluded.tsv) ran the
// insert trigger on the row it did not insert, whose new doc_id named
// another span, and excluded.tsv carried that span's lexeme into the kept
// row: each rewrite left a document findable in one more span, and a window
// could hold an old document in place of a newer one. Inserts need no such
// pass (the application sends no '#' lexemes), and it would cost a rebuild
// a walk over every vector.
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`CREATE OR REPLACE FUNCTION search_document_span() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        NEW.tsv := ts_delete(NEW.tsv,
          ARRAY(SELECT l FROM unnest(tsvector_to_array(NEW.tsv)) AS l WHERE l LIKE '#%'));
      END IF;
      NEW.tsv := NEW.tsv || array_to_tsvector(ARRAY[
        '#s' || (NEW.doc_id >> 11),
        '#t' || NEW.type,
        '#t' || NEW.type || '#s' || (NEW.doc_id >> 11)]);
      RETURN NEW;
    END $$`.execute(db);
  await sql`UPDATE search_document SET tsv = tsv`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`CREATE OR REPLACE FUNCTION search_document_span() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.tsv := NEW.tsv || format('''#s%s''', NEW.doc_id >> 11)::tsvector;
      RETURN NEW;
    END $$`.execute(db);
  await sql`UPDATE search_document SET tsv = ts_delete(tsv,
    ARRAY(SELECT l FROM unnest(tsvector_to_array(tsv)) AS l WHERE l LIKE '#t%'))`.execute(db);
}
