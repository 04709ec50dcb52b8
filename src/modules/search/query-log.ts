// What citizens search for and what they open: the editors' view of search
// (hot queries, queries that found nothing, click-through per query). Long
// digit runs (ID card, phone and account numbers people paste into search
// boxes) are masked before anything is stored.
import { sql } from 'kysely';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';

/** Seven or more digits (with an ID card's trailing X) become asterisks. */
export function maskQuery(key: string): string {
  return key.replace(/\d{7,}x?/gi, (m) => '*'.repeat(m.length)).slice(0, 100);
}

export async function logQuery(
  ctx: AppContext,
  key: string,
  resultCount: number,
  siteCode: string | null,
): Promise<void> {
  await ctx.db.kysely
    .insertInto('search_query_log')
    .values({
      id: newId(),
      query: maskQuery(key),
      result_count: resultCount,
      site_code: siteCode,
      created_at: ctx.now().toISOString(),
    })
    .execute();
}

export async function logClick(
  ctx: AppContext,
  key: string,
  url: string,
  position: number,
): Promise<void> {
  await ctx.db.kysely
    .insertInto('search_click')
    .values({
      id: newId(),
      query: maskQuery(key),
      url,
      position,
      created_at: ctx.now().toISOString(),
    })
    .execute();
}

export interface QueryStat {
  query: string;
  searches: number;
  /** Searches that found nothing. */
  empty: number;
  clicks: number;
}

const days = (ctx: AppContext, n: number) =>
  new Date(ctx.now().getTime() - n * 86_400_000).toISOString();

/** The most searched queries of the last `sinceDays` days, with their clicks. */
export async function queryStats(
  ctx: AppContext,
  options: { sinceDays?: number; limit?: number; onlyEmpty?: boolean } = {},
): Promise<QueryStat[]> {
  const since = days(ctx, options.sinceDays ?? 30);
  const db = ctx.db.kysely;
  let q = db
    .selectFrom('search_query_log')
    .select([
      'query',
      (eb) => eb.fn.countAll<number>().as('searches'),
      sql<number>`sum(CASE WHEN result_count = 0 THEN 1 ELSE 0 END)`.as('empty'),
    ])
    .where('created_at', '>=', since)
    .groupBy('query');
  if (options.onlyEmpty) q = q.having(sql`max(result_count)`, '=', 0);
  const rows = await q
    .orderBy('searches', 'desc')
    .orderBy('query')
    .limit(options.limit ?? 20)
    .execute();
  if (rows.length === 0) return [];
  const clicks = await db
    .selectFrom('search_click')
    .select(['query', (eb) => eb.fn.countAll<number>().as('n')])
    .where('created_at', '>=', since)
    .where(
      'query',
      'in',
      rows.map((r) => r.query),
    )
    .groupBy('query')
    .execute();
  const clicksOf = new Map(clicks.map((c) => [c.query, Number(c.n)]));
  return rows.map((r) => ({
    query: r.query,
    searches: Number(r.searches),
    empty: Number(r.empty),
    clicks: clicksOf.get(r.query) ?? 0,
  }));
}

/** Popular earlier queries that start with what is being typed. */
export async function popularCompletions(
  ctx: AppContext,
  prefix: string,
  limit = 5,
): Promise<string[]> {
  if (!prefix) return [];
  const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await ctx.db.kysely
    .selectFrom('search_query_log')
    .select(['query', (eb) => eb.fn.countAll<number>().as('n')])
    .where('created_at', '>=', days(ctx, 30))
    .where(sql<boolean>`query LIKE ${`${escaped}%`} ESCAPE '\\'`)
    .where('result_count', '>', 0)
    .groupBy('query')
    .orderBy('n', 'desc')
    .orderBy('query')
    .limit(limit)
    .execute();
  return rows.map((r) => r.query);
}
