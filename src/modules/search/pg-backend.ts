// PostgreSQL: a tsvector column with a GIN index. PostgreSQL has no Chinese
// parser, so neither the vector nor the query goes through one: both are
// written in their literal input syntax from the tokens jieba made (tokens
// hold only letters and digits, so quoting them is all the escaping needed).
// Title tokens carry weight A, body tokens D; ts_rank's normalisation 32
// folds the rank onto 0..1 like the SQLite side.
import { sql } from 'kysely';
import {
  deleteDocumentRow,
  documentValues,
  type Executor,
  type PreparedDocument,
  type SearchBackend,
} from './backend.ts';
import { type QueryPlan, renderPlan } from './query-plan.ts';

/** tsvector keeps at most 256 positions per lexeme and positions up to 16383. */
const MAX_POSITIONS = 256;
const MAX_POSITION = 16383;

/** A tsvector literal: 'token':1A,5A 'other':7 … */
export function tsvectorLiteral(titleTokens: readonly string[], bodyTokens: readonly string[]) {
  const positions = new Map<string, string[]>();
  let at = 0;
  const add = (tokens: readonly string[], weight: string) => {
    for (const t of tokens) {
      at = Math.min(at + 1, MAX_POSITION);
      const list = positions.get(t) ?? [];
      if (list.length < MAX_POSITIONS) list.push(`${at}${weight}`);
      positions.set(t, list);
    }
  };
  add(titleTokens, 'A');
  add(bodyTokens, '');
  return [...positions].map(([t, list]) => `'${t}':${list.join(',')}`).join(' ');
}

export function tsqueryLiteral(plan: QueryPlan, mode: 'all' | 'any'): string {
  return renderPlan(plan, mode, {
    token: (t, prefix) => `'${t}'${prefix ? ':*' : ''}`,
    and: ' & ',
    or: ' | ',
  });
}

export const pgBackend: SearchBackend = {
  name: 'postgres-tsvector',

  async write(ex: Executor, p: PreparedDocument, now: string) {
    const values = {
      ...documentValues(p, now),
      tsv: sql`${tsvectorLiteral(p.titleTokens, p.bodyTokens)}::tsvector`,
    };
    await ex
      .insertInto('search_document')
      // biome-ignore lint/suspicious/noExplicitAny: tsv exists on PostgreSQL only, so it is not in the shared table type
      .values(values as any)
      // biome-ignore lint/suspicious/noExplicitAny: as above
      .onConflict((oc) => oc.columns(['source', 'source_id']).doUpdateSet(values as any))
      .execute();
  },

  async remove(ex, source, sourceId) {
    return (await deleteDocumentRow(ex, source, sourceId)) !== undefined;
  },

  async clear(ex, source) {
    let q = ex.deleteFrom('search_document');
    if (source !== undefined) q = q.where('source', '=', source);
    await q.execute();
  },

  // The window is chosen from the GIN index without ranking; ts_rank (which
  // reads each vector) runs for the window's rows only. Ordering by
  // doc_id + 0 keeps the planner from walking the primary key backwards and
  // testing every row's vector until it has found enough (slow for rare words).
  matchWindow(plan, mode, where, limit) {
    const query = sql`${tsqueryLiteral(plan, mode)}::tsquery`;
    const conditions = [sql`d.tsv @@ ${query}`, ...where];
    return sql`(SELECT x.doc_id AS id, ts_rank(x.tsv, ${query}, 32) AS t FROM (
      SELECT d.doc_id FROM search_document d
      WHERE ${sql.join(conditions, sql` AND `)}
      ORDER BY d.doc_id + 0 DESC LIMIT ${limit}) m
      JOIN search_document x ON x.doc_id = m.doc_id)`;
  },
};
