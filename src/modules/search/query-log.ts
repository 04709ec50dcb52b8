// What citizens search for and what they open: the editors' view of search
// (hot queries, queries that found nothing, click-through per query). Long
// digit runs (ID card, phone and account numbers people paste into search
// boxes) are masked before anything is stored. What the public sees of it
// (suggestions, 大家都在搜) needs several different searchers, so that no one
// visitor can put a phrase there by repeating it.
import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { derivedKey } from '../../platform/crypto.ts';
import { clientKey } from '../../platform/http/rate-limit.ts';
import { newId } from '../../platform/ids.ts';
import { keptRead } from '../../platform/kept-read.ts';
import type { AppContext } from '../../platform/module.ts';

/** Different searchers a query needs in the period before the public sees it suggested or listed. */
const PUBLIC_MIN_SEARCHERS = 3;

/**
 * Who searched, as far as counting needs it: a keyed hash of the client's
 * address (an IPv6 client by its /64) and the UTC day. No address is stored,
 * and one person's searches on different days cannot be linked.
 */
export function searcherOf(ctx: AppContext, ip: string): string {
  const day = ctx.now().toISOString().slice(0, 10);
  return createHmac('sha256', derivedKey(ctx.config.secret, 'search-searcher'))
    .update(`${day}\u0000${clientKey(ip)}`)
    .digest('base64url')
    .slice(0, 22);
}

/** Seven or more digits (with an ID card's trailing X) become asterisks. */
export function maskQuery(key: string): string {
  return key.replace(/\d{7,}x?/gi, (m) => '*'.repeat(m.length)).slice(0, 100);
}

export async function logQuery(
  ctx: AppContext,
  key: string,
  resultCount: number,
  siteCode: string | null,
  searcher: string | null,
): Promise<void> {
  await ctx.db.kysely
    .insertInto('search_query_log')
    .values({
      id: newId(),
      query: maskQuery(key),
      result_count: resultCount,
      site_code: siteCode,
      searcher,
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

/** How long a node keeps the public list of popular queries before reading it again. */
export const POPULAR_TTL_MS = 5 * 60_000;
/** The most searched queries kept in that list: plenty for completions and 大家都在搜. */
const POPULAR_KEPT = 1000;

/**
 * The queries the public may see (they found something, and at least
 * PUBLIC_MIN_SEARCHERS different searchers ran them in 30 days), most
 * searched first. Grouping a month of the log is a scan of it, so each node
 * does it once per POPULAR_TTL_MS, not for every keystroke of the
 * autocomplete or every search that finds nothing.
 */
export function publicPopular(ctx: AppContext): Promise<string[]> {
  return popular.get(ctx);
}

async function readPopular(ctx: AppContext): Promise<string[]> {
  const rows = await ctx.db.kysely
    .selectFrom('search_query_log')
    .select(['query', (eb) => eb.fn.countAll<number>().as('n')])
    .where('created_at', '>=', days(ctx, 30))
    .where('result_count', '>', 0)
    .groupBy('query')
    .having(sql`count(DISTINCT searcher)`, '>=', PUBLIC_MIN_SEARCHERS)
    .orderBy('n', 'desc')
    .orderBy('query')
    .limit(POPULAR_KEPT)
    .execute();
  return rows.map((r) => r.query);
}

const popular = keptRead(POPULAR_TTL_MS, readPopular, (ctx) => ctx.now().getTime());

/** Popular earlier queries (publicPopular) that start with what is being typed. */
export async function popularCompletions(
  ctx: AppContext,
  prefix: string,
  limit = 5,
): Promise<string[]> {
  if (!prefix) return [];
  const out: string[] = [];
  for (const query of await publicPopular(ctx)) {
    if (query.startsWith(prefix)) out.push(query);
    if (out.length === limit) break;
  }
  return out;
}
