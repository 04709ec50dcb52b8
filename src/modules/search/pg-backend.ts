// PostgreSQL: a tsvector column with a GIN index. PostgreSQL has no Chinese
// parser, so neither the vector nor the query goes through one: both are
// made from the tokens jieba made, the vector in its binary format where the
// document is segmented (tsvector.ts), the query in its literal syntax
// (tokens hold only letters and digits, so quoting them is all the escaping
// needed). Title tokens carry weight A, body tokens D; ts_rank's
// normalisation 32 folds the rank onto 0..1 like the SQLite side.
import { sql } from 'kysely';
import {
  deleteDocumentRow,
  type Executor,
  type PreparedDocument,
  type SearchBackend,
  upsertDocuments,
  type WindowRow,
} from './backend.ts';
import { type QueryPlan, renderPlan } from './query-plan.ts';
import { tsvectorBinary } from './tsvector.ts';

/** The span lexeme of a document: doc_id >> SPAN_BITS (the trigger of migration 202611300900). */
const SPAN_BITS = 11;
const spanOf = (id: number) => Math.floor(id / 2 ** SPAN_BITS);
/** Newest ids searched first, in windows, before all of them (Infinity). */
const SPANS_TRIED = [2, 16, Number.POSITIVE_INFINITY];

const tokensOf = (joined: string) => (joined === '' ? [] : joined.split(' '));

export function tsqueryLiteral(plan: QueryPlan, mode: 'all' | 'any'): string {
  return renderPlan(plan, mode, {
    token: (t, prefix) => `'${t}'${prefix ? ':*' : ''}`,
    and: ' & ',
    or: ' | ',
  });
}

export const pgBackend: SearchBackend = {
  name: 'postgres-tsvector',
  tsvector: true,

  async write(ex: Executor, docs: readonly PreparedDocument[], now: string) {
    await upsertDocuments(ex, docs, now, (p) => ({
      tsv: sql`${p.vector ?? tsvectorBinary(tokensOf(p.titleTokens), tokensOf(p.bodyTokens))}::tsvector`,
    }));
  },

  async remove(ex, source, sourceId) {
    return (await deleteDocumentRow(ex, source, sourceId)) !== undefined;
  },

  async clear(ex, source) {
    let q = ex.deleteFrom('search_document');
    if (source !== undefined) q = q.where('source', '=', source);
    await q.execute();
  },

  // A rebuild over an existing index updates every row: until autovacuum
  // comes round, each query's heap visits also step over the dead versions
  // (measured on 100,000 documents: p95 about 100 ms after two rebuilds, 62 ms
  // after VACUUM, against 42 ms on a fresh index).
  async tidy(db) {
    await sql`VACUUM (ANALYZE) search_document`.execute(db);
  },

  // The newest matches are found through the GIN index, whose posting lists
  // are in heap order, not id order: the database would visit every match
  // to sort them by id, which for a word in most documents is most of the
  // table. So the query first asks for the matches in the newest spans (each
  // vector carries its span lexeme, migration 202611300900), then in more
  // spans, then everywhere: the index keeps the rest out of the heap visit,
  // a common word is done in the first try and a rarer one costs a few cheap
  // index scans. Ordering by doc_id + 0 keeps the planner from walking the
  // primary key backwards and testing every row's vector until it has found
  // enough. ts_rank, which reads each vector, runs for the window's rows only.
  async readWindow(db, plan, mode, where, limit) {
    const matches = tsqueryLiteral(plan, mode);
    const top = await sql<{
      id: string | null;
    }>`SELECT max(doc_id) AS id FROM search_document`.execute(db);
    const newest = Number(top.rows[0]?.id ?? 0);
    let ids: number[] = [];
    for (const spans of SPANS_TRIED) {
      const first = Math.max(0, spanOf(newest - spans * limit));
      const all = first === 0;
      const span = Array.from({ length: spanOf(newest) - first + 1 }, (_, i) => `'#s${first + i}'`);
      const query = all ? matches : `(${matches}) & (${span.join(' | ')})`;
      const found = await sql<{ doc_id: string }>`
        SELECT d.doc_id FROM search_document d
        WHERE ${sql.join([sql`d.tsv @@ ${query}::tsquery`, ...where], sql` AND `)}
        ORDER BY d.doc_id + 0 DESC LIMIT ${limit}`.execute(db);
      ids = found.rows.map((r) => Number(r.doc_id));
      if (ids.length >= limit || all) break;
    }
    if (ids.length === 0) return [];
    const { rows } = await sql<WindowRow>`
      SELECT doc_id, ts_rank(tsv, ${matches}::tsquery, 32) AS t,
        type, published_at, boost, title_tokens
      FROM search_document WHERE doc_id = ANY(${ids})
      ORDER BY doc_id DESC`.execute(db);
    // bigint arrives as text: one shape for ranking.
    for (const r of rows) r.doc_id = Number(r.doc_id);
    return rows;
  },
};
