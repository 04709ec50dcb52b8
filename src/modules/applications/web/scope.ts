// Which departments a staff member's grants open for a permission: the
// organisations named in their grants, all of them for a global grant, and —
// for supervisors — the units below an organisation as well.
import type { AppContext } from '../../../platform/module.ts';
import { listOrganisations } from '../../identity/organisations.ts';
import { type Grant, type Permission, scopesWith } from '../../identity/permissions.ts';

export async function orgsFor(
  ctx: AppContext,
  grants: readonly Grant[],
  permission: Permission,
  withDescendants = false,
): Promise<string[]> {
  const scopes = scopesWith(grants, permission, 'org');
  if (scopes !== 'all' && scopes.length === 0) return [];
  const orgs = await listOrganisations(ctx.db);
  if (scopes === 'all') return orgs.map((o) => o.id);
  const ids = new Set(scopes);
  for (let grew = withDescendants; grew; ) {
    grew = false;
    for (const o of orgs)
      if (o.parent_id && ids.has(o.parent_id) && !ids.has(o.id)) {
        ids.add(o.id);
        grew = true;
      }
  }
  return [...ids];
}
