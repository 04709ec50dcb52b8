// PostgreSQL: a tsvector column with a GIN index. PostgreSQL has no Chinese
// parser, so neither the vector nor the query goes through one: both are
// made from the tokens jieba made, the vector in its binary format where the
// document is segmented (tsvector.ts), the query in its literal syntax
// (tokens hold only letters and digits, so quoting them is all the escaping
// needed). Title tokens carry weight A, body tokens D; ts_rank's
// normalisation 32 folds the rank onto 0..1 like the SQLite side.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
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

/**
 * Lexemes that narrow a query to some spans of ids: the spans' own, or for
 * the prior types each type's in those spans; `everywhere` narrows it when
 * all spans are searched (nothing, or the types' own lexemes).
 */
interface Narrowing {
  inSpans(spans: number[]): string[];
  everywhere?: string[];
}

const anyOf = (lexemes: readonly string[]) => lexemes.map((l) => `'${l}'`).join(' | ');

/**
 * The ids of the newest documents (at most `limit`) that match `query` (a
 * tsquery literal) and pass `where`, the newest spans up to `below` first:
 * those of `reach` ids times SPANS_TRIED.
 */
async function newestIds(
  db: Kysely<Database>,
  query: string,
  where: RawBuilder<unknown>[],
  below: number,
  limit: number,
  narrowing: Narrowing,
  reach = limit,
): Promise<number[]> {
  let ids: number[] = [];
  let spans = SPANS_TRIED[0]!;
  for (;;) {
    const first = Math.max(0, spanOf(below - spans * reach));
    const all = first === 0;
    const lexemes = all
      ? narrowing.everywhere
      : narrowing.inSpans(Array.from({ length: spanOf(below) - first + 1 }, (_, i) => first + i));
    const within = lexemes ? `(${query}) & (${anyOf(lexemes)})` : query;
    const found = await sql<{ doc_id: string }>`
      SELECT d.doc_id FROM search_document d
      WHERE ${sql.join([sql`d.tsv @@ ${within}::tsquery`, ...where], sql` AND `)}
      ORDER BY d.doc_id + 0 DESC LIMIT ${limit}`.execute(db);
    ids = found.rows.map((r) => Number(r.doc_id));
    if (ids.length >= limit || all) return ids;
    // How densely the spans searched held matches says how far down `limit`
    // of them lie: tries that cannot reach so far are skipped (a rare word
    // goes straight to all spans).
    const searched = below - first * 2 ** SPAN_BITS + 1;
    const needed = ids.length === 0 ? Number.POSITIVE_INFINITY : (searched * limit) / ids.length;
    spans = SPANS_TRIED.find((s) => s > spans && s * reach >= needed) ?? Number.POSITIVE_INFINITY;
  }
}

/** The span lexemes, '#s' and the span (migration 202611300900). */
const bySpan: Narrowing = { inSpans: (spans) => spans.map((n) => `#s${n}`) };

/** The type-and-span lexemes of some types, '#t', the type, '#s' and the span (migration 202612061000). */
function byTypeAndSpan(types: readonly string[]): Narrowing {
  return {
    inSpans: (spans) => types.flatMap((t) => spans.map((n) => `#t${t}#s${n}`)),
    everywhere: types.map((t) => `#t${t}`),
  };
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
  // index scans. The older matches of the prior types are found the same way
  // below the window, through their type lexemes (migration 202612061000).
  // ts_rank, which reads each vector, runs for the window's rows only.
  async readWindow(db, plan, mode, where, limits) {
    const matches = tsqueryLiteral(plan, mode);
    const top = await sql<{
      id: string | null;
    }>`SELECT max(doc_id) AS id FROM search_document`.execute(db);
    const newest = Number(top.rows[0]?.id ?? 0);
    const ids = await newestIds(db, matches, where, newest, limits.newest, bySpan);
    const full = limits.newest > 0 && ids.length >= limits.newest;
    if (full && limits.prior) {
      // Below the window, spans as wide as the window's are tried first.
      const oldest = ids[ids.length - 1]!;
      const older = await newestIds(
        db,
        matches,
        [...where, sql`d.doc_id < ${oldest}`],
        oldest - 1,
        limits.prior.limit,
        byTypeAndSpan(limits.prior.types),
        limits.newest,
      );
      ids.push(...older);
    }
    if (ids.length === 0) return { rows: [], full };
    const { rows } = await sql<WindowRow>`
      SELECT doc_id, ts_rank(tsv, ${matches}::tsquery, 32) AS t,
        type, published_at, boost, title_tokens
      FROM search_document WHERE doc_id = ANY(${ids})
      ORDER BY doc_id DESC`.execute(db);
    // bigint arrives as text: one shape for ranking.
    for (const r of rows) r.doc_id = Number(r.doc_id);
    return { rows, full };
  },
};
