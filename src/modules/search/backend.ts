// The index behind one interface: SQLite FTS5 for the embedded deployment,
// PostgreSQL full-text search for the scaled one. Both rank with the same
// rules (ranking.ts); only the text-relevance term and the match differ.
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import type { SearchDocument } from '../../platform/search.ts';
import type { QueryPlan } from './query-plan.ts';

export type Executor = Kysely<Database> | Transaction<Database>;

/**
 * A document with its tokens, ready to be written. The tokens travel joined
 * (a rebuild's worker threads send them to the writing thread, and a few
 * long strings cross cheaply where hundreds of short ones did not).
 */
export interface PreparedDocument {
  doc: SearchDocument;
  /** Plain body as stored for snippets. */
  body: string;
  /** The title's tokens (its 文号's too), separated by single spaces. */
  titleTokens: string;
  /** The body's tokens, separated by single spaces. */
  bodyTokens: string;
  /** The tsvector of both in PostgreSQL's binary format, when prepared for PostgreSQL. */
  vector?: Uint8Array;
}

export interface IndexFilters {
  site?: string;
  type?: string;
  audience?: string;
  /** ISO UTC bounds on published_at: from inclusive, until exclusive. */
  from?: string;
  until?: string;
}

export interface IndexQuery {
  plan: QueryPlan;
  /** all: every group must match; any: at least one (the relaxed second try). */
  mode: 'all' | 'any';
  filters: IndexFilters;
  /** doc_ids left out (the best bets shown above the results). */
  exclude: number[];
  sort: 'relevance' | 'date';
  limit: number;
  offset: number;
  /** The query asks how to get something done (办理, 材料, 条件…). */
  taskLike: boolean;
  now: Date;
  /** Newest matching documents ranked and counted at most (ranking.ts WINDOW by default). */
  window?: number;
  /** Older matches of the prior types added to a full window (ranking.ts PRIOR_WINDOW by default). */
  priorWindow?: number;
}

export interface IndexHit {
  doc_id: number;
  source: string;
  source_id: string;
  title: string;
  body: string;
  url: string;
  site_code: string | null;
  type: string;
  published_at: string;
  doc_number: string | null;
  validity: string | null;
  score: number;
}

/** A matching document with what ranking needs of it (no body, no title). */
export interface WindowRow {
  doc_id: number;
  /** Text relevance folded onto 0..1. */
  t: number;
  type: string;
  published_at: string;
  boost: number;
  title_tokens: string;
}

/** How many matches a window holds. */
export interface WindowLimits {
  /** The newest matches, at most. */
  newest: number;
  /** When those are that many: besides them, the newest older matches of these types. */
  prior?: { types: readonly string[]; limit: number };
}

/**
 * The dialect-specific part: the newest matching documents that pass `where`
 * (conditions on the document table, aliased d), and older ones of the prior
 * types when the newest fill their limit; newest first. `full`: the newest
 * filled their limit, so more documents may match.
 */
export type ReadWindow = (
  db: Kysely<Database>,
  plan: QueryPlan,
  mode: 'all' | 'any',
  where: RawBuilder<unknown>[],
  limits: WindowLimits,
) => Promise<{ rows: WindowRow[]; full: boolean }>;

export interface SearchBackend {
  readonly name: 'sqlite-fts5' | 'postgres-tsvector';
  /** Documents are written with their tsvector, made where they are segmented. */
  readonly tsvector: boolean;
  /** Insert or replace documents; a rebuild writes hundreds per call. */
  write(ex: Executor, docs: readonly PreparedDocument[], now: string): Promise<void>;
  /** Remove a document; true when there was one. */
  remove(ex: Executor, source: string, sourceId: string): Promise<boolean>;
  /** Remove every document (of one source when given). */
  clear(ex: Executor, source?: string): Promise<void>;
  readWindow: ReadWindow;
  /**
   * After a rebuild that rewrote documents already indexed: reclaim what the
   * old versions left behind, so queries right after it are as fast as on a
   * fresh index. Runs outside any transaction.
   */
  tidy?(db: Executor): Promise<void>;
}

/** The row written to search_document for a prepared document (both dialects). */
export function documentValues(p: PreparedDocument, now: string) {
  const { doc } = p;
  const delimited = (list: readonly string[]) => `,${list.join(',')},`;
  return {
    source: doc.source,
    source_id: doc.sourceId,
    title: doc.title,
    body: p.body,
    url: doc.url,
    site_code: doc.siteCode,
    also_on: delimited(doc.alsoOn ?? []),
    type: doc.type,
    audiences: delimited(doc.audiences),
    topics: delimited(doc.topics),
    published_at: doc.publishedAt,
    updated_at: doc.updatedAt ?? doc.publishedAt,
    doc_number: doc.docNumber ?? null,
    validity: doc.validity ?? null,
    boost: doc.boost ?? 1,
    title_tokens: ` ${p.titleTokens} `,
    indexed_at: now,
  };
}

export async function deleteDocumentRow(
  ex: Executor,
  source: string,
  sourceId: string,
): Promise<number | undefined> {
  const row = await ex
    .deleteFrom('search_document')
    .where('source', '=', source)
    .where('source_id', '=', sourceId)
    .returning('doc_id')
    .executeTakeFirst();
  return row?.doc_id;
}

/** Rows per INSERT: keeps the bound parameters under both databases' limits. */
const ROWS_PER_STATEMENT = 100;

export function chunks<T>(list: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

const keyOf = (source: string, sourceId: string) => `${source}\u0000${sourceId}`;

/**
 * Insert or update the rows of documents, many per statement (a statement
 * per document cost more than segmenting it), with `extra` columns of the
 * dialect. Returns each document with its doc_id; a document given twice is
 * written once, as last given.
 */
export async function upsertDocuments(
  ex: Executor,
  docs: readonly PreparedDocument[],
  now: string,
  extra: (p: PreparedDocument) => Record<string, unknown> = () => ({}),
): Promise<{ id: number; doc: PreparedDocument }[]> {
  const unique = [...new Map(docs.map((p) => [keyOf(p.doc.source, p.doc.sourceId), p])).values()];
  const written: { id: number; doc: PreparedDocument }[] = [];
  for (const part of chunks(unique)) {
    const values = part.map((p) => ({ ...documentValues(p, now), ...extra(p) }));
    const update = Object.fromEntries(
      Object.keys(values[0]!).map((c) => [c, sql.ref(`excluded.${c}`)]),
    );
    const rows = await ex
      .insertInto('search_document')
      // biome-ignore lint/suspicious/noExplicitAny: extra columns (tsv) are not in the shared table type
      .values(values as any)
      // biome-ignore lint/suspicious/noExplicitAny: as above
      .onConflict((oc) => oc.columns(['source', 'source_id']).doUpdateSet(update as any))
      .returning(['doc_id', 'source', 'source_id'])
      .execute();
    const ids = new Map(rows.map((r) => [keyOf(r.source, r.source_id), Number(r.doc_id)]));
    for (const p of part)
      written.push({ id: ids.get(keyOf(p.doc.source, p.doc.sourceId))!, doc: p });
  }
  return written;
}
