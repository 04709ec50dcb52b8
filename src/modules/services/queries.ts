// What the public pages and the JSON API read: published guides only, with
// the filters of the catalog (life event, enterprise stage, audience,
// department, theme, type, online depth, a name search).
import { sql } from 'kysely';
import type { AppContext } from '../../platform/module.ts';
import { cleanLine } from '../../platform/text.ts';
import { liveGuide, type ServiceGuide } from './catalog.ts';
import type { OnlineDepth, ServiceType } from './tables.ts';
import { isTag, type TagKind } from './taxonomy.ts';

export interface ServiceFilters {
  lifeEvent?: string;
  stage?: string;
  audience?: string;
  theme?: string;
  orgId?: string;
  type?: ServiceType;
  depth?: OnlineDepth;
  /** Words of the name or summary. */
  q?: string;
}

export const PAGE_SIZE = 50;

const TAG_COLUMNS = {
  lifeEvent: 'life_events',
  stage: 'enterprise_stages',
  audience: 'audiences',
  theme: 'themes',
} as const;

function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface ServicePage {
  services: ServiceGuide[];
  total: number;
  page: number;
  pages: number;
}

/** Published guides matching every given filter, by code. An unknown tag matches nothing. */
export async function listPublishedServices(
  ctx: AppContext,
  filters: ServiceFilters,
  page = 1,
  size = PAGE_SIZE,
): Promise<ServicePage> {
  let q = ctx.db.kysely.selectFrom('service_items').where('status', '=', 'published');
  for (const kind of Object.keys(TAG_COLUMNS) as TagKind[]) {
    const value = filters[kind as keyof ServiceFilters];
    if (value === undefined) continue;
    // JSON arrays of checked slugs: the quoted slug occurs exactly when it is tagged.
    if (!isTag(kind, value)) return { services: [], total: 0, page, pages: 0 };
    q = q.where(TAG_COLUMNS[kind], 'like', `%"${value}"%`);
  }
  if (filters.orgId) q = q.where('org_id', '=', filters.orgId);
  if (filters.type) q = q.where('type', '=', filters.type);
  if (filters.depth) q = q.where('online_depth', '=', filters.depth);
  const words = cleanLine(filters.q ?? '').slice(0, 50);
  if (words) {
    const pattern = `%${likeLiteral(words)}%`;
    q = q.where((eb) =>
      eb.or([
        eb(sql`name`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`summary`, 'like', sql`${pattern} escape '\\'`),
      ]),
    );
  }
  const count = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const total = Number(count?.n ?? 0);
  const rows = await q
    .selectAll()
    .orderBy('code')
    .limit(size)
    .offset((Math.max(1, page) - 1) * size)
    .execute();
  return {
    services: rows.map(liveGuide),
    total,
    page,
    pages: Math.ceil(total / size),
  };
}

export async function publishedService(
  ctx: AppContext,
  code: string,
): Promise<ServiceGuide | undefined> {
  const row = await ctx.db.kysely
    .selectFrom('service_items')
    .selectAll()
    .where('code', '=', code)
    .where('status', '=', 'published')
    .executeTakeFirst();
  return row ? liveGuide(row) : undefined;
}

/** How many published guides each tag and department has (for the catalog's index pages). */
export async function publishedCounts(ctx: AppContext) {
  const rows = await ctx.db.kysely
    .selectFrom('service_items')
    .select(['org_id', 'life_events', 'enterprise_stages', 'audiences', 'themes'])
    .where('status', '=', 'published')
    .execute();
  const counts = {
    lifeEvent: new Map<string, number>(),
    stage: new Map<string, number>(),
    audience: new Map<string, number>(),
    theme: new Map<string, number>(),
    org: new Map<string, number>(),
  };
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const r of rows) {
    bump(counts.org, r.org_id);
    for (const t of JSON.parse(r.life_events) as string[]) bump(counts.lifeEvent, t);
    for (const t of JSON.parse(r.enterprise_stages) as string[]) bump(counts.stage, t);
    for (const t of JSON.parse(r.audiences) as string[]) bump(counts.audience, t);
    for (const t of JSON.parse(r.themes) as string[]) bump(counts.theme, t);
  }
  return counts;
}
