// Which departments a staff member's grants open for a permission: the
// organisations named in their grants, all of them for a global grant, and —
// for supervisors — the units below an organisation as well.
import type { AppContext } from '../../../platform/module.ts';
import { listOrganisations } from '../../identity/organisations.ts';
import { type Grant, type Permission, ROLE_PERMISSIONS } from '../../identity/permissions.ts';

export async function orgsFor(
  ctx: AppContext,
  grants: readonly Grant[],
  permission: Permission,
  withDescendants = false,
): Promise<string[]> {
  const held = grants.filter((g) => ROLE_PERMISSIONS[g.role].includes(permission));
  const orgs = await listOrganisations(ctx.db);
  if (held.some((g) => g.scope === 'global')) return orgs.map((o) => o.id);
  const ids = new Set(held.filter((g) => g.scope.startsWith('org:')).map((g) => g.scope.slice(4)));
  if (withDescendants) {
    for (let grew = true; grew; ) {
      grew = false;
      for (const o of orgs)
        if (o.parent_id && ids.has(o.parent_id) && !ids.has(o.id)) {
          ids.add(o.id);
          grew = true;
        }
    }
  }
  return [...ids];
}
