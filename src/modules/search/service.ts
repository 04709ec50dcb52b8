// One search: parse the query, look up the editors' best bets, ask the index
// (all words first; when nothing has them all, any of them), count per type,
// cut highlighted snippets.
import type { AppContext } from '../../platform/module.ts';
import type { Analyzer } from './analyzer.ts';
import type { IndexFilters, IndexHit, IndexQuery } from './backend.ts';
import { backendOf } from './indexer.ts';
import { lexicon } from './lexicon.ts';
import { parseQuery, planWords, type QueryPlan, splitCompounds } from './query-plan.ts';
import { countTypes, isTaskLike, readWindow, searchIndex } from './ranking.ts';
import { highlight, snippet, type TextPart } from './snippet.ts';

export const PAGE_SIZE = 10;
/** Deepest page served: nobody reads further, and deep OFFSETs cost. */
export const MAX_PAGE = 50;

export interface SearchParams {
  q: string;
  site?: string;
  type?: string;
  audience?: string;
  /** YYYY-MM-DD, Beijing dates, inclusive. */
  from?: string;
  to?: string;
  sort?: 'relevance' | 'date';
  page?: number;
  pageSize?: number;
}

export interface SearchHit {
  source: string;
  sourceId: string;
  title: TextPart[];
  snippet: TextPart[];
  url: string;
  type: string;
  siteCode: string | null;
  publishedAt: string;
  docNumber: string | null;
  /** A policy's validity (有效性); results mark all but 'valid'. */
  validity: string | null;
  pinned: boolean;
}

export interface SearchResult {
  /** The query in its normalised form. */
  key: string;
  /** empty: nothing typed; junk: nothing searchable in it; ok: searched. */
  state: 'empty' | 'junk' | 'ok';
  /** No document had every word: these match some of them. */
  relaxed: boolean;
  /** Matches of the selected type (all types when none is selected). */
  total: number;
  /** So many documents matched that only the newest WINDOW were ranked and counted. */
  capped: boolean;
  /** Matches per type, ignoring the type filter: the tabs. */
  counts: Record<string, number>;
  page: number;
  pages: number;
  pinned: SearchHit[];
  hits: SearchHit[];
}

/** Beijing midnight of a YYYY-MM-DD date as ISO UTC. */
function beijingMidnight(date: string, plusDays = 0): string {
  const t = Date.parse(`${date}T00:00:00+08:00`) + plusDays * 86_400_000;
  return new Date(t).toISOString();
}

function filtersOf(p: SearchParams): IndexFilters {
  return {
    site: p.site || undefined,
    type: p.type || undefined,
    audience: p.audience || undefined,
    from: p.from ? beijingMidnight(p.from) : undefined,
    until: p.to ? beijingMidnight(p.to, 1) : undefined,
  };
}

function toHit(row: IndexHit, words: readonly string[], pinned: boolean): SearchHit {
  return {
    source: row.source,
    sourceId: row.source_id,
    title: highlight(row.title, words),
    snippet: snippet(row.body, words),
    url: row.url,
    type: row.type,
    siteCode: row.site_code,
    publishedAt: row.published_at,
    docNumber: row.doc_number,
    validity: row.validity,
    pinned,
  };
}

function passes(row: IndexHit & { audiences: string; also_on: string }, f: IndexFilters): boolean {
  return (
    (!f.site || row.site_code === f.site || row.also_on.includes(`,${f.site},`)) &&
    (!f.type || row.type === f.type) &&
    (!f.audience || row.audiences.includes(`,${f.audience},`)) &&
    (!f.from || row.published_at >= f.from) &&
    (!f.until || row.published_at < f.until)
  );
}

/** The editors' pinned documents for this query that pass the filters, in their order. */
async function bestBets(ctx: AppContext, key: string) {
  return ctx.db.kysely
    .selectFrom('search_best_bet as b')
    .innerJoin('search_document as d', (j) =>
      j.onRef('d.source', '=', 'b.source').onRef('d.source_id', '=', 'b.source_id'),
    )
    .select([
      'd.doc_id',
      'd.source',
      'd.source_id',
      'd.title',
      'd.body',
      'd.url',
      'd.site_code',
      'd.type',
      'd.published_at',
      'd.doc_number',
      'd.validity',
      'd.audiences',
      'd.also_on',
    ])
    .where('b.query', '=', key)
    .orderBy('b.position')
    .orderBy('b.id')
    .execute();
}

export async function search(ctx: AppContext, params: SearchParams): Promise<SearchResult> {
  const { analyzer, synonyms } = await lexicon(ctx);
  const plan = parseQuery(params.q, analyzer, synonyms);
  const page = Math.min(Math.max(1, params.page ?? 1), MAX_PAGE);
  const empty: SearchResult = {
    key: plan.key,
    state: plan.key === '' ? 'empty' : 'junk',
    relaxed: false,
    capped: false,
    total: 0,
    counts: {},
    page,
    pages: 0,
    pinned: [],
    hits: [],
  };
  if (plan.groups.length === 0) return empty;
  return runPlan(ctx, plan, params, page, analyzer);
}

async function runPlan(
  ctx: AppContext,
  plan: QueryPlan,
  params: SearchParams,
  page: number,
  analyzer: Analyzer,
): Promise<SearchResult> {
  const size = params.pageSize ?? PAGE_SIZE;
  const filters = filtersOf(params);
  const pinnedRows = (await bestBets(ctx, plan.key)).map((r) => ({
    ...r,
    doc_id: Number(r.doc_id),
    score: 0,
  }));
  const pinned = pinnedRows.filter((r) => passes(r, filters));
  const query: IndexQuery = {
    plan,
    mode: 'all',
    filters,
    exclude: pinnedRows.map((r) => r.doc_id),
    sort: params.sort ?? 'relevance',
    limit: size,
    offset: (page - 1) * size,
    taskLike: isTaskLike(plan.key),
    now: ctx.now(),
  };
  const backend = backendOf(ctx);
  const db = ctx.db.kysely;
  let window = await readWindow(db, backend, query, false);
  // Nothing for the words as typed: a compound may stand apart in the documents.
  const split = window.rows.length === 0 ? splitCompounds(plan, analyzer) : undefined;
  if (split) {
    query.plan = split;
    window = await readWindow(db, backend, query, false);
  }
  let relaxed = false;
  if (window.rows.length === 0 && plan.groups.length > 1) {
    query.mode = 'any';
    window = await readWindow(db, backend, query, false);
    relaxed = window.rows.length > 0;
  }
  const { counts, capped } = countTypes(window);
  for (const r of pinnedRows.filter((r) => passes(r, { ...filters, type: undefined })))
    counts[r.type] = (counts[r.type] ?? 0) + 1;
  const total = filters.type
    ? (counts[filters.type] ?? 0)
    : Object.values(counts).reduce((a, b) => a + b, 0);
  const organicTotal = total - pinned.length;
  // One type of a full window is ranked among that type's own newest
  // matches (searchIndex reads them): no more pages than those fill.
  const rankable = filters.type && capped ? Math.min(organicTotal, window.newest) : organicTotal;
  const rows = organicTotal > 0 ? await searchIndex(db, backend, query, window) : [];
  const words = planWords(query.plan);
  return {
    key: plan.key,
    state: 'ok',
    relaxed,
    capped,
    total,
    counts,
    page,
    pages: Math.min(MAX_PAGE, Math.ceil(Math.max(rankable, 0) / size)),
    pinned: page === 1 ? pinned.map((r) => toHit(r, words, true)) : [],
    hits: rows.map((r) => toHit(r, words, false)),
  };
}
