// What applications need to know about the service catalog: a published
// service that takes online applications (its name, department and promised
// time limit) and a published 一件事 bundle with its member services. The one
// place that reads the services module's tables.
import { notFound } from '../../platform/errors.ts';
import type { AppContext } from '../../platform/module.ts';

export interface ServiceRef {
  code: string;
  name: string;
  orgId: string;
  /** 承诺时限 (or the statutory one), working days. */
  promisedDays: number;
}

export interface BundleRef {
  code: string;
  name: string;
  members: ServiceRef[];
}

/** Used when a guide states no time limit at all (20 working days, 行政许可法 第四十二条). */
const DEFAULT_DAYS = 20;

const CODE = /^[A-Z][A-Z0-9]{0,15}-\d{1,6}$/;

export function isServiceCode(code: string): boolean {
  return CODE.test(code);
}

/** A published service open to online applications, or 404. */
export async function onlineService(ctx: AppContext, code: string): Promise<ServiceRef> {
  if (!isServiceCode(code)) throw notFound();
  const row = await ctx.db.kysely
    .selectFrom('service_items')
    .select(['code', 'name', 'org_id', 'promised_days', 'statutory_days', 'online_depth'])
    .where('code', '=', code)
    .where('status', '=', 'published')
    .executeTakeFirst();
  if (!row || row.online_depth === 'info') throw notFound('该事项不支持网上申请');
  return {
    code: row.code,
    name: row.name,
    orgId: row.org_id,
    promisedDays: row.promised_days ?? row.statutory_days ?? DEFAULT_DAYS,
  };
}

/** A service by code whatever its state (for the form editor and statistics labels). */
export async function serviceNames(ctx: AppContext): Promise<Map<string, string>> {
  const rows = await ctx.db.kysely.selectFrom('service_items').select(['code', 'name']).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** A published bundle whose members all take online applications, or 404. */
export async function onlineBundle(ctx: AppContext, code: string): Promise<BundleRef> {
  if (!isServiceCode(code)) throw notFound();
  const bundle = await ctx.db.kysely
    .selectFrom('service_bundles')
    .select(['id', 'code', 'name'])
    .where('code', '=', code)
    .where('status', '=', 'published')
    .executeTakeFirst();
  if (!bundle) throw notFound();
  const items = await ctx.db.kysely
    .selectFrom('service_bundle_items')
    .innerJoin('service_items', 'service_items.id', 'service_bundle_items.service_id')
    .select(['service_items.code'])
    .where('service_bundle_items.bundle_id', '=', bundle.id)
    .orderBy('service_bundle_items.position')
    .execute();
  // Members handled only at a counter (information-only guides) are not part of the online application.
  const members: ServiceRef[] = [];
  for (const item of items) {
    const member = await onlineService(ctx, item.code).catch(() => undefined);
    if (member) members.push(member);
  }
  if (members.length === 0) throw notFound('该一件事暂不支持网上申请');
  return { code: bundle.code, name: bundle.name, members };
}

/** Services that may take online applications, any status, in these departments (the form editor). */
export async function onlineServicesOf(ctx: AppContext, orgIds: readonly string[]) {
  if (orgIds.length === 0) return [];
  return ctx.db.kysely
    .selectFrom('service_items')
    .select(['code', 'name', 'org_id', 'status'])
    .where('org_id', 'in', orgIds)
    .where('online_depth', '!=', 'info')
    .orderBy('code')
    .execute();
}
