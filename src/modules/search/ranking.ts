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
// common word over a large index) is ranked within that window and its
// counts are reported as lower bounds ("capped").

import type { Kysely } from 'kysely';
import { type RawBuilder, sql } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import type { IndexFilters, IndexHit, IndexQuery, SearchBackend } from './backend.ts';
import type { QueryPlan } from './query-plan.ts';

export const TITLE_WEIGHT = 0.6;
/** Matching documents ranked and counted at most, per query. */
export const WINDOW = 1000;
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

function titleShare(plan: QueryPlan): RawBuilder<number> {
  if (plan.groups.length === 0) return sql<number>`0`;
  const like = (t: string) =>
    plan.prefix ? sql`d.title_tokens LIKE ${`% ${t}%`}` : sql`d.title_tokens LIKE ${`% ${t} %`}`;
  const groups = plan.groups.map((g) => {
    const alts = g.alts.map((alt) => sql`(${sql.join(alt.map(like), sql` AND `)})`);
    return sql`CASE WHEN ${sql.join(alts, sql` OR `)} THEN 1.0 ELSE 0.0 END`;
  });
  return sql<number>`((${sql.join(groups, sql` + `)}) / ${sql.lit(plan.groups.length)})`;
}

function typePrior(taskLike: boolean): RawBuilder<number> {
  const cases = Object.entries(TYPE_PRIOR).map(
    ([type, prior]) => sql`WHEN ${type} THEN ${sql.lit(taskLike ? prior.task : prior.other)}`,
  );
  return sql<number>`(CASE d.type ${sql.join(cases, sql` `)} ELSE 0.0 END)`;
}

function freshness(now: Date): RawBuilder<number> {
  const cases = FRESHNESS.map(({ days, bonus }) => {
    const since = new Date(now.getTime() - days * 86_400_000).toISOString();
    return sql`WHEN d.published_at >= ${since} THEN ${sql.lit(bonus)}`;
  });
  return sql<number>`(CASE WHEN d.type <> 'news' THEN 0.0 ${sql.join(cases, sql` `)} ELSE 0.0 END)`;
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

export async function searchIndex(
  db: Kysely<Database>,
  backend: SearchBackend,
  q: IndexQuery,
): Promise<IndexHit[]> {
  if (q.plan.groups.length === 0) return [];
  const window = backend.matchWindow(
    q.plan,
    q.mode,
    filterSql(q.filters, q.exclude),
    q.window ?? WINDOW,
  );
  const score = sql<number>`(w.t + ${sql.lit(TITLE_WEIGHT)} * ${titleShare(q.plan)} + ${typePrior(q.taskLike)} + ${freshness(q.now)} + (d.boost - 1.0) * ${sql.lit(BOOST_WEIGHT)})`;
  const order =
    q.sort === 'date' ? sql`d.published_at DESC, d.doc_id DESC` : sql`score DESC, d.doc_id DESC`;
  // Rank on the short columns only; the ten rows shown are read afterwards,
  // so no body is carried through the sort of every match.
  const ranked = await sql<{ doc_id: number; score: number }>`
    SELECT d.doc_id, ${score} AS score
    FROM ${window} w JOIN search_document d ON d.doc_id = w.id
    ORDER BY ${order}
    LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
  if (ranked.rows.length === 0) return [];
  const ids = ranked.rows.map((r) => Number(r.doc_id));
  const rows = await db
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
    ])
    .where('doc_id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((r) => [Number(r.doc_id), r]));
  return ranked.rows.flatMap((r) => {
    const row = byId.get(Number(r.doc_id));
    return row ? [{ ...row, doc_id: Number(row.doc_id), score: Number(r.score) }] : [];
  });
}

export interface TypeCounts {
  counts: Record<string, number>;
  /** The window was full: the true numbers may be larger. */
  capped: boolean;
}

/** Matching documents per type, with every filter but the type applied. */
export async function countByType(
  db: Kysely<Database>,
  backend: SearchBackend,
  q: IndexQuery,
): Promise<TypeCounts> {
  if (q.plan.groups.length === 0) return { counts: {}, capped: false };
  const where = filterSql({ ...q.filters, type: undefined }, q.exclude);
  const size = q.window ?? WINDOW;
  const window = backend.matchWindow(q.plan, q.mode, where, size);
  const result = await sql<{ type: string; n: number | string }>`
    SELECT d.type AS type, count(*) AS n
    FROM ${window} w JOIN search_document d ON d.doc_id = w.id
    GROUP BY d.type`.execute(db);
  const counts: Record<string, number> = {};
  let sum = 0;
  for (const r of result.rows) {
    counts[r.type] = Number(r.n);
    sum += Number(r.n);
  }
  return { counts, capped: sum >= size };
}
