// Autocomplete: titles of matching documents and popular earlier queries.
// Served as JSON for the progressive enhancement; the search page itself
// works as a plain GET form without it.
import type { AppContext } from '../../platform/module.ts';
import { popularCompletions } from './query-log.ts';
import { queryKey } from './query-plan.ts';
import { search } from './service.ts';

export interface Suggestions {
  queries: string[];
  titles: { title: string; url: string }[];
}

export async function suggest(ctx: AppContext, raw: string, site?: string): Promise<Suggestions> {
  const key = queryKey(raw);
  if (!key) return { queries: [], titles: [] };
  const [queries, found] = await Promise.all([
    popularCompletions(ctx, key),
    search(ctx, { q: raw, site, pageSize: 6 }),
  ]);
  const titles = [...found.pinned, ...found.hits]
    .slice(0, 6)
    .map((h) => ({ title: h.title.map((p) => p.text).join(''), url: h.url }));
  return { queries: queries.filter((q) => q !== key), titles };
}
