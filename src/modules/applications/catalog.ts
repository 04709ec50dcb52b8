// What applications need to know about the service catalog: a published
// service that takes online applications (its name, department and promised
// time limit) and a published 一件事 bundle with its member services, through
// the services module's own queries. The form editor's and the statistics'
// lists of codes and names are plain reads of the catalog table, kept here.
import { notFound } from '../../platform/errors.ts';
import type { AppContext } from '../../platform/module.ts';
import { publishedBundle } from '../services/bundles.ts';
import type { ServiceGuide } from '../services/catalog.ts';
import { publishedService } from '../services/queries.ts';

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

function refOf(guide: ServiceGuide): ServiceRef {
  return {
    code: guide.code,
    name: guide.name,
    orgId: guide.orgId,
    promisedDays: guide.promisedDays ?? guide.statutoryDays ?? DEFAULT_DAYS,
  };
}

/** A published service open to online applications, or 404. */
export async function onlineService(ctx: AppContext, code: string): Promise<ServiceRef> {
  if (!isServiceCode(code)) throw notFound();
  const guide = await publishedService(ctx, code);
  if (!guide || guide.onlineDepth === 'info') throw notFound('该事项不支持网上申请');
  return refOf(guide);
}

/** A service by code whatever its state (for the form editor and statistics labels). */
export async function serviceNames(ctx: AppContext): Promise<Map<string, string>> {
  const rows = await ctx.db.kysely.selectFrom('service_items').select(['code', 'name']).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** A published bundle with its members that take online applications, or 404. */
export async function onlineBundle(ctx: AppContext, code: string): Promise<BundleRef> {
  if (!isServiceCode(code)) throw notFound();
  const view = await publishedBundle(ctx, code);
  if (!view) throw notFound();
  // Members handled only at a counter (information-only guides) are not part of the online application.
  const members = view.services.filter((g) => g.onlineDepth !== 'info').map(refOf);
  if (members.length === 0) throw notFound('该一件事暂不支持网上申请');
  return { code: view.bundle.code, name: view.bundle.name, members };
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
