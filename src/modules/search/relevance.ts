// Scoring the relevance test set against the index: success@3 (an expected
// document among the first three) and mean reciprocal rank (of the first
// expected document within the first ten).
import type { AppContext } from '../../platform/module.ts';
import { RELEVANCE_CASES, type RelevanceCase } from './relevance-cases.ts';
import { search } from './service.ts';

export interface CaseOutcome {
  query: string;
  /** 1-based rank of the first expected document in the top 10, or null. */
  rank: number | null;
  top: string[];
}

export interface RelevanceReport {
  cases: number;
  successAt3: number;
  mrr: number;
  failures: CaseOutcome[];
}

/** Stable keys by id: site/slug of every content item, services/<code> of every guide. */
async function contentKeys(ctx: AppContext): Promise<Map<string, string>> {
  const items = await ctx.db.kysely
    .selectFrom('content_item')
    .select(['id', 'site_code', 'slug'])
    .execute();
  const guides = await ctx.db.kysely.selectFrom('service_items').select(['id', 'code']).execute();
  return new Map([
    ...items.map((r): [string, string] => [r.id, `${r.site_code}/${r.slug}`]),
    ...guides.map((r): [string, string] => [r.id, `services/${r.code}`]),
  ]);
}

export async function evaluateRelevance(
  ctx: AppContext,
  cases: readonly RelevanceCase[] = RELEVANCE_CASES,
): Promise<RelevanceReport> {
  const keys = await contentKeys(ctx);
  const known = new Set(keys.values());
  const outcomes: CaseOutcome[] = [];
  for (const c of cases) {
    const missing = c.expect.filter((e) => !known.has(e));
    if (missing.length > 0)
      throw new Error(`relevance case "${c.query}": no document ${missing.join(', ')}`);
    const result = await search(ctx, { q: c.query, pageSize: 10 });
    const top = [...result.pinned, ...result.hits]
      .slice(0, 10)
      .map((h) => keys.get(h.sourceId) ?? `${h.source}:${h.sourceId}`);
    const at = top.findIndex((k) => c.expect.includes(k));
    outcomes.push({ query: c.query, rank: at >= 0 ? at + 1 : null, top });
  }
  const hits = outcomes.filter((o) => o.rank !== null && o.rank <= 3).length;
  const mrr = outcomes.reduce((sum, o) => sum + (o.rank ? 1 / o.rank : 0), 0) / outcomes.length;
  return {
    cases: outcomes.length,
    successAt3: hits / outcomes.length,
    mrr,
    failures: outcomes.filter((o) => o.rank === null || o.rank > 3),
  };
}
