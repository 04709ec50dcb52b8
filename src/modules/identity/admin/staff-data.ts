// Read models the staff pages share: every staff account with its grants, and
// organisation names by id.
import type { AppContext } from '../../../platform/module.ts';
import { listOrganisations } from '../organisations.ts';
import { isRole } from '../permissions.ts';
import type { StaffItem } from './user-pages.tsx';

export async function staffWithGrants(ctx: AppContext): Promise<StaffItem[]> {
  const [accounts, grants] = await Promise.all([
    ctx.db.kysely
      .selectFrom('account')
      .selectAll()
      .where('kind', '=', 'staff')
      .orderBy('username')
      .execute(),
    ctx.db.kysely
      .selectFrom('role_grant')
      .innerJoin('account', 'account.id', 'role_grant.account_id')
      .select(['role_grant.account_id', 'role_grant.role', 'role_grant.scope', 'role_grant.level'])
      .where('account.kind', '=', 'staff')
      .orderBy('role_grant.created_at')
      .execute(),
  ]);
  const byAccount = new Map<string, StaffItem>(
    accounts.map((account) => [account.id, { account, grants: [] }]),
  );
  for (const g of grants) {
    if (!isRole(g.role)) continue;
    byAccount.get(g.account_id)?.grants.push({ role: g.role, scope: g.scope, level: g.level });
  }
  return [...byAccount.values()];
}

export async function orgNameMap(ctx: AppContext): Promise<Map<string, string>> {
  return new Map((await listOrganisations(ctx.db)).map((o) => [o.id, o.name]));
}
