// One ranking for both backends:
//   score = text relevance (BM25 or ts_rank, folded onto 0..1)
//         + TITLE_WEIGHT × share of the query's groups found in the title
//         + a type prior (service guides and policies first when the query
//           asks how to get something done)
//         + freshness, for news only
//         + (boost − 1) × BOOST_WEIGHT
// Ties fall to the newer document id, so pages never overlap or skip.
// Editors' best bets are not scored: they are shown above all of this.
//
// Work per query is bounded: ranking and counting look at the WINDOW newest
// documents that match and pass the filters. A query matching more (a
// common word over a large index) is ranked within that window, plus the
// PRIOR_WINDOW newest older matches of the types a task asks for (a service
// guide or policy does not drop out of a common word's results because 500
// news items mention the word after it), and its counts are reported as
// lower bounds ("capped"). The window is read once,
// with the few columns ranking needs, and counted and ranked here: the
// database visits the matches once per query, not once for the counts and
// again for the page.

import type { Kysely } from 'kysely';
import { type RawBuilder, sql } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import type { IndexFilters, IndexHit, IndexQuery, SearchBackend, WindowRow } from './backend.ts';
import type { QueryPlan } from './query-plan.ts';

export const TITLE_WEIGHT = 0.6;
/** Newest matching documents ranked and counted at most, per query. */
export const WINDOW = 500;
/** Older matches of the prior types ranked besides a full window. */
export const PRIOR_WINDOW = 100;
export const BOOST_WEIGHT = 0.5;

/** Type priors: for task-like queries, and otherwise. */
export const TYPE_PRIOR: Record<string, { task: number; other: number }> = {
  service: { task: 0.6, other: 0.2 },
  guide: { task: 0.45, other: 0.1 },
  policy: { task: 0.35, other: 0.15 },
  interpretation: { task: 0.35, other: 0.15 },
  disclosure: { task: 0.1, other: 0.05 },
  letter: { task: 0.1, other: 0.05 },
  notice: { task: 0.05, other: 0.05 },
};

/** Types that a task-like query lifts most: their older matches join a full window. */
export const PRIOR_TYPES = Object.keys(TYPE_PRIOR).filter((t) => TYPE_PRIOR[t]!.task >= 0.35);

/** Freshness of news: the newer, the more, in steps so both databases compute it the same. */
export const FRESHNESS: { days: number; bonus: number }[] = [
  { days: 30, bonus: 0.2 },
  { days: 180, bonus: 0.1 },
  { days: 365, bonus: 0.04 },
];

/** Words that mark a query as a task: the citizen wants to get something done. */
const TASK_WORDS =
  /办理|怎么|如何|怎样|申请|材料|条件|流程|手续|提取|缴费|缴纳|查询|领取|补贴|报名|登记|入学|上学|需要|多少钱|在哪|哪里|指南|办|交/;

export function isTaskLike(key: string): boolean {
  return TASK_WORDS.test(key);
}

function allInTitle(alt: readonly string[], titleTokens: string, prefix: boolean): boolean {
  for (const t of alt) if (!titleTokens.includes(prefix ? ` ${t}` : ` ${t} `)) return false;
  return true;
}

/**
 * Share of the query's groups found among the title tokens (" a b c ").
 * Called for every row of the window: plain loops, no closure made per row.
 */
function titleShare(plan: QueryPlan, titleTokens: string): number {
  if (plan.groups.length === 0) return 0;
  let found = 0;
  for (const g of plan.groups) {
    for (const alt of g.alts) {
      if (allInTitle(alt, titleTokens, plan.prefix)) {
        found += 1;
        break;
      }
    }
  }
  return found / plan.groups.length;
}

function typePrior(type: string, taskLike: boolean): number {
  const prior = TYPE_PRIOR[type];
  return prior ? (taskLike ? prior.task : prior.other) : 0;
}

/** The freshness steps as ISO bounds for one `now`, newest first. */
function freshnessBounds(now: Date): { since: string; bonus: number }[] {
  return FRESHNESS.map(({ days, bonus }) => ({
    since: new Date(now.getTime() - days * 86_400_000).toISOString(),
    bonus,
  }));
}

function freshness(row: WindowRow, bounds: { since: string; bonus: number }[]): number {
  if (row.type !== 'news') return 0;
  return bounds.find((b) => row.published_at >= b.since)?.bonus ?? 0;
}

export function score(row: WindowRow, q: IndexQuery, bounds = freshnessBounds(q.now)): number {
  return (
    Number(row.t) +
    TITLE_WEIGHT * titleShare(q.plan, row.title_tokens) +
    typePrior(row.type, q.taskLike) +
    freshness(row, bounds) +
    (Number(row.boost) - 1) * BOOST_WEIGHT
  );
}

function filterSql(f: IndexFilters, exclude: readonly number[]): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [];
  if (f.site) where.push(sql`(d.site_code = ${f.site} OR d.also_on LIKE ${`%,${f.site},%`})`);
  if (f.type) where.push(sql`d.type = ${f.type}`);
  if (f.audience) where.push(sql`d.audiences LIKE ${`%,${f.audience},%`}`);
  if (f.from) where.push(sql`d.published_at >= ${f.from}`);
  if (f.until) where.push(sql`d.published_at < ${f.until}`);
  if (exclude.length > 0)
    where.push(sql`d.doc_id NOT IN (${sql.join(exclude.map((id) => sql`${id}`))})`);
  return where;
}

/** The newest matches of a query (at most its window, and older ones of the prior types), read once for counting and ranking. */
export interface MatchWindow {
  rows: WindowRow[];
  /** The window was full: more documents may match. */
  capped: boolean;
  /** The type filter was applied in the database. */
  typed: boolean;
  /** The newest matches it holds at most (a re-read of one type holds as many). */
  newest: number;
}

/** Read the window of a query; `typed` false leaves the type filter out (the tabs count every type). */
export async function readWindow(
  db: Kysely<Database>,
  backend: SearchBackend,
  q: IndexQuery,
  typed = true,
): Promise<MatchWindow> {
  const newest = q.window ?? WINDOW;
  if (q.plan.groups.length === 0) return { rows: [], capped: false, typed, newest };
  const filters = typed ? q.filters : { ...q.filters, type: undefined };
  // A window of one type needs no older matches of other types.
  const priorLimit = q.priorWindow ?? PRIOR_WINDOW;
  const prior =
    filters.type || priorLimit === 0 ? undefined : { types: PRIOR_TYPES, limit: priorLimit };
  const where = filterSql(filters, q.exclude);
  const { rows, full } = await backend.readWindow(db, q.plan, q.mode, where, { newest, prior });
  return { rows, capped: full, typed, newest };
}

export interface TypeCounts {
  counts: Record<string, number>;
  /** The window was full: the true numbers may be larger. */
  capped: boolean;
}

export function countTypes(window: MatchWindow): TypeCounts {
  const counts: Record<string, number> = {};
  for (const r of window.rows) counts[r.type] = (counts[r.type] ?? 0) + 1;
  return { counts, capped: window.capped };
}

/** Matching documents per type, with every filter but the type applied. */
export async function countByType(
  db: Kysely<Database>,
  backend: SearchBackend,
  q: IndexQuery,
): Promise<TypeCounts> {
  return countTypes(await readWindow(db, backend, q, false));
}

/** One page of the window in ranking order; ties fall to the newer document. */
export function rankWindow(rows: readonly WindowRow[], q: IndexQuery): WindowRow[] {
  let ordered: WindowRow[];
  if (q.sort === 'date') {
    ordered = [...rows].sort((a, b) =>
      a.published_at === b.published_at
        ? b.doc_id - a.doc_id
        : a.published_at < b.published_at
          ? 1
          : -1,
    );
  } else {
    const bounds = freshnessBounds(q.now);
    const scored = rows.map((row) => ({ row, score: score(row, q, bounds) }));
    scored.sort((a, b) => b.score - a.score || b.row.doc_id - a.row.doc_id);
    ordered = scored.map((s) => s.row);
  }
  return ordered.slice(q.offset, q.offset + q.limit);
}

/**
 * The page of hits for a query. An untyped window that was not capped holds
 * every match, so a type filter is applied to it here; a capped one cannot
 * stand for the newest matches of one type, which are read again.
 */
export async function searchIndex(
  db: Kysely<Database>,
  backend: SearchBackend,
  q: IndexQuery,
  read?: MatchWindow,
): Promise<IndexHit[]> {
  let window = read;
  if (!window || (!window.typed && window.capped && q.filters.type))
    window = await readWindow(db, backend, q);
  const rows =
    !window.typed && q.filters.type
      ? window.rows.filter((r) => r.type === q.filters.type)
      : window.rows;
  const page = rankWindow(rows, q);
  if (page.length === 0) return [];
  // The ten rows shown are read afterwards, so no body is carried through
  // the window.
  const found = await db
    .selectFrom('search_document')
    .select([
      'doc_id',
      'source',
      'source_id',
      'title',
      'body',
      'url',
      'site_code',
      'type',
      'published_at',
      'doc_number',
      'validity',
    ])
    .where(
      'doc_id',
      'in',
      page.map((r) => r.doc_id),
    )
    .execute();
  const byId = new Map(found.map((r) => [Number(r.doc_id), r]));
  return page.flatMap((r) => {
    const row = byId.get(r.doc_id);
    return row ? [{ ...row, doc_id: r.doc_id, score: score(r, q) }] : [];
  });
}
