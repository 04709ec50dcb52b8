// Who may do what with a letter. The general office (the organisation with
// code 'gov-office') triages every mailbox: it holds 'letter.triage' in its
// organisation's scope. A department handles ('case.handle') and reviews
// ('letter.review') only the letters assigned to it; anything else is 404,
// so letter ids cannot be probed.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import type { AppContext } from '../../platform/module.ts';
import { can, type Grant, type Permission, ROLE_PERMISSIONS } from '../identity/permissions.ts';
import type { LetterRow } from './tables.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export const GENERAL_OFFICE_CODE = 'gov-office';

/** The permission scope of the general office ('org:<id>'); 'global' when it does not exist. */
export async function generalOfficeScope(ctx: AppContext): Promise<string> {
  const row = await ctx.db.kysely
    .selectFrom('organisation')
    .select('id')
    .where('code', '=', GENERAL_OFFICE_CODE)
    .executeTakeFirst();
  return row ? `org:${row.id}` : 'global';
}

export async function canTriage(ctx: AppContext, grants: readonly Grant[]): Promise<boolean> {
  return can(grants, 'letter.triage', await generalOfficeScope(ctx));
}

export async function requireTriage(ctx: AppContext, grants: readonly Grant[]): Promise<void> {
  if (!(await canTriage(ctx, grants))) throw forbidden('只有市政府办公室来信分办员可以执行此操作');
}

/** The organisations where these grants hold `permission`: 'all' for a global grant. */
export function orgsWith(grants: readonly Grant[], permission: Permission): string[] | 'all' {
  const orgs = new Set<string>();
  for (const g of grants) {
    if (!ROLE_PERMISSIONS[g.role].includes(permission)) continue;
    if (g.scope === 'global') return 'all';
    if (g.scope.startsWith('org:')) orgs.add(g.scope.slice(4));
  }
  return [...orgs];
}

export async function assignedOrgs(
  ctx: AppContext,
  letterId: string,
  db: Executor = ctx.db.kysely,
) {
  return db
    .selectFrom('letter_assignment')
    .selectAll()
    .where('letter_id', '=', letterId)
    .orderBy('lead', 'desc')
    .orderBy('created_at')
    .execute();
}

/**
 * The assigned organisation in which the actor holds `permission` (the lead
 * first), or 404 when the letter is not theirs.
 */
export async function actingOrg(
  ctx: AppContext,
  letter: LetterRow,
  grants: readonly Grant[],
  permission: Permission,
  db: Executor = ctx.db.kysely,
): Promise<string> {
  const orgs = await assignedOrgs(ctx, letter.id, db);
  const mine = orgs.find((a) => can(grants, permission, `org:${a.org_id}`));
  if (!mine) throw notFound('信件不存在');
  return mine.org_id;
}

/** May these grants read the letter in the back office at all? */
export async function canReadLetter(
  ctx: AppContext,
  letter: LetterRow,
  grants: readonly Grant[],
): Promise<boolean> {
  if (await canTriage(ctx, grants)) return true;
  const orgs = await assignedOrgs(ctx, letter.id);
  return orgs.some(
    (a) =>
      can(grants, 'case.handle', `org:${a.org_id}`) ||
      can(grants, 'letter.review', `org:${a.org_id}`),
  );
}
