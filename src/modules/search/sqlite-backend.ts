// SQLite: an FTS5 table whose rowid is search_document.doc_id. BM25 weighs a
// title token ten times a body token.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import {
  chunks,
  deleteDocumentRow,
  type Executor,
  type PreparedDocument,
  type SearchBackend,
  upsertDocuments,
  type WindowRow,
} from './backend.ts';
import { type QueryPlan, renderPlan } from './query-plan.ts';

/** An FTS5 query over tokens that hold only letters and digits: each is quoted, nothing else is syntax. */
export function fts5Query(plan: QueryPlan, mode: 'all' | 'any'): string {
  return renderPlan(plan, mode, {
    token: (t, prefix) => `"${t}"${prefix ? '*' : ''}`,
    and: ' AND ',
    or: ' OR ',
  });
}

/** The newest matching rows that meet `conditions`, with bm25 folded onto 0..1. */
async function windowRows(
  db: Kysely<Database>,
  conditions: RawBuilder<unknown>[],
  limit: number,
): Promise<WindowRow[]> {
  // bm25 is computed once per row and folded onto 0..1 here: written twice
  // in the SELECT, SQLite evaluated it twice, the largest part of a query.
  const { rows } = await sql<WindowRow & { b: number }>`
    SELECT search_fts.rowid AS doc_id, bm25(search_fts, 10.0, 1.0) AS b,
      d.type, d.published_at, d.boost, d.title_tokens
    FROM search_fts JOIN search_document d ON d.doc_id = search_fts.rowid
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY search_fts.rowid DESC LIMIT ${limit}`.execute(db);
  for (const row of rows) row.t = -row.b / (1 - row.b);
  return rows;
}

export const sqliteBackend: SearchBackend = {
  name: 'sqlite-fts5',
  tsvector: false,

  async write(ex: Executor, docs: readonly PreparedDocument[], now: string) {
    // A new row's doc_id is above every existing one, so only rows at or
    // below the old maximum can have index entries to replace. Deleting the
    // others anyway made FTS5 flush its pending terms into a new segment on
    // every statement, and a rebuild wrote thousands of tiny segments.
    const { top } = (
      await sql<{ top: number | null }>`SELECT max(doc_id) AS top FROM search_document`.execute(ex)
    ).rows[0]!;
    for (const part of chunks(await upsertDocuments(ex, docs, now))) {
      const ids = part.filter((w) => top !== null && w.id <= top).map((w) => sql`${w.id}`);
      if (ids.length > 0)
        await sql`DELETE FROM search_fts WHERE rowid IN (${sql.join(ids)})`.execute(ex);
      const rows = part.map((w) => sql`(${w.id}, ${w.doc.titleTokens}, ${w.doc.bodyTokens})`);
      await sql`INSERT INTO search_fts (rowid, title, body) VALUES ${sql.join(rows)}`.execute(ex);
    }
  },

  async remove(ex, source, sourceId) {
    const id = await deleteDocumentRow(ex, source, sourceId);
    if (id === undefined) return false;
    await sql`DELETE FROM search_fts WHERE rowid = ${id}`.execute(ex);
    return true;
  },

  async clear(ex, source) {
    if (source === undefined) {
      await sql`DELETE FROM search_fts`.execute(ex);
      await ex.deleteFrom('search_document').execute();
      return;
    }
    await sql`DELETE FROM search_fts WHERE rowid IN (SELECT doc_id FROM search_document WHERE source = ${source})`.execute(
      ex,
    );
    await ex.deleteFrom('search_document').where('source', '=', source).execute();
  },

  // FTS5 walks a term's postings in rowid order, so ORDER BY rowid DESC LIMIT
  // stops early and bm25() runs for the window's rows only. The older
  // matches of the prior types are read the same way below the window.
  async readWindow(db, plan, mode, where, limits) {
    const match = sql`search_fts MATCH ${fts5Query(plan, mode)}`;
    const rows = await windowRows(db, [match, ...where], limits.newest);
    const full = limits.newest > 0 && rows.length >= limits.newest;
    if (full && limits.prior) {
      const types = sql.join(limits.prior.types.map((t) => sql`${t}`));
      const oldest = rows[rows.length - 1]!.doc_id;
      const conditions = [
        match,
        ...where,
        sql`d.type IN (${types})`,
        sql`search_fts.rowid < ${oldest}`,
      ];
      rows.push(...(await windowRows(db, conditions, limits.prior.limit)));
    }
    return { rows, full };
  },
};
