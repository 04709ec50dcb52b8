// Which departments' guides a staff member reaches: the organisations where
// they manage guides (edit, submit) or review them. A guide outside that
// reach does not exist for them (404), as in every other back-office list.
import type { AppContext } from '../../../platform/module.ts';
import { can, type Grant, type Permission, scopesWith } from '../../identity/permissions.ts';
import type { ServiceItemRow } from '../tables.ts';

/** Organisation ids where these grants hold `permission`; 'all' for a global grant. */
export function orgsWith(grants: readonly Grant[], permission: Permission): string[] | 'all' {
  return scopesWith(grants, permission, 'org');
}

export function canSee(grants: readonly Grant[], orgId: string): boolean {
  return (['service.manage', 'service.review'] as const).some((p) =>
    can(grants, p, `org:${orgId}`),
  );
}

/** Guides of the departments in reach, by code. */
export async function guidesInReach(
  ctx: AppContext,
  grants: readonly Grant[],
): Promise<ServiceItemRow[]> {
  const manage = orgsWith(grants, 'service.manage');
  const review = orgsWith(grants, 'service.review');
  let q = ctx.db.kysely.selectFrom('service_items').selectAll().orderBy('code');
  if (manage !== 'all' && review !== 'all') {
    const orgs = [...new Set([...manage, ...review])];
    if (orgs.length === 0) return [];
    q = q.where('org_id', 'in', orgs);
  }
  return q.execute();
}

/** Guides waiting at a level these grants may review. */
export function awaitingMe(
  rows: readonly ServiceItemRow[],
  grants: readonly Grant[],
): ServiceItemRow[] {
  return rows.filter(
    (r) => r.review_level > 0 && can(grants, 'service.review', `org:${r.org_id}`, r.review_level),
  );
}
