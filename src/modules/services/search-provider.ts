// The catalog's part of the one search index: every published guide as a
// 'service' document, its text made of the elements a person searches by
// (name, summary, conditions, materials, department, place).
import type { AppContext } from '../../platform/module.ts';
import type { SearchDocument, SearchProvider } from '../../platform/search.ts';
import { liveGuide, type ServiceGuide } from './catalog.ts';
import { SEARCH_SOURCE } from './changes.ts';
import type { ServiceItemRow } from './tables.ts';

const BATCH = 200;

async function orgNames(ctx: AppContext): Promise<Map<string, string>> {
  const rows = await ctx.db.kysely.selectFrom('organisation').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function serviceDocument(guide: ServiceGuide, orgName: string | undefined): SearchDocument {
  const body = [
    guide.summary,
    orgName ?? '',
    guide.type,
    guide.conditions,
    guide.materials.map((m) => m.name).join('；'),
    guide.processSteps.map((s) => s.name).join('；'),
    guide.place,
    guide.faq.map((f) => `${f.question}${f.answer}`).join(' '),
  ]
    .filter(Boolean)
    .join('\n');
  return {
    source: SEARCH_SOURCE,
    sourceId: guide.id,
    title: guide.name,
    body,
    url: `/services/${guide.code}`,
    siteCode: null,
    type: 'service',
    audiences: guide.audiences,
    topics: guide.themes,
    publishedAt: guide.publishedAt ?? guide.updatedAt,
    updatedAt: guide.updatedAt,
    // A service is what most people come for: it ranks a little above news of the same words.
    boost: guide.onlineDepth === 'info' ? 1.2 : 1.5,
  };
}

export const servicesSearchProvider: SearchProvider = {
  source: SEARCH_SOURCE,
  async load(ctx, sourceId) {
    const row = await ctx.db.kysely
      .selectFrom('service_items')
      .selectAll()
      .where('id', '=', sourceId)
      .where('status', '=', 'published')
      .executeTakeFirst();
    if (!row) return null;
    const guide = liveGuide(row);
    return serviceDocument(guide, (await orgNames(ctx)).get(guide.orgId));
  },
  async *all(ctx) {
    const names = await orgNames(ctx);
    let after = '';
    for (;;) {
      const rows: ServiceItemRow[] = await ctx.db.kysely
        .selectFrom('service_items')
        .selectAll()
        .where('status', '=', 'published')
        .where('id', '>', after)
        .orderBy('id')
        .limit(BATCH)
        .execute();
      if (rows.length === 0) return;
      yield rows.map((r) => {
        const guide = liveGuide(r);
        return serviceDocument(guide, names.get(guide.orgId));
      });
      after = rows.at(-1)!.id;
    }
  },
};
