// The demo newsrooms: for each institution's site an editor, three reviewers
// (初审, 复审, 终审) and a site administrator, and one team for the portal and
// the audience portals; plus the security administrator who grants their roles.
//
// These accounts exist so that the demo content has a real history — who
// wrote it, who approved it at each level, who pushed it — made through the
// same services a newsroom uses. They are not for signing in: they are created
// without any password (password_hash stays NULL, so no password can ever
// match) and are disabled once the seed has finished. An operator who wants
// to try the back office as one of them runs `yimen user enable <name>` and
// `yimen user reset-password <name>`.
import type { AppContext } from '../../../platform/module.ts';
import {
  bootstrapRole,
  findStaff,
  grantRole,
  grantsOf,
  insertAccount,
  setAccountStatus,
} from '../../identity/accounts.ts';
import { type Actor, audit } from '../../identity/audit-events.ts';
import type { Role } from '../../identity/permissions.ts';
import type { Reviewer } from '../review.ts';

export const SEED_ACTOR: Actor = { id: null, name: 'demo-seed' };

export interface DemoTeam {
  editor: Reviewer;
  /** Reviewers for levels 1, 2 and 3. */
  reviewers: [Reviewer, Reviewer, Reviewer];
  admin: Reviewer;
}

const TEAMS: { code: string; label: string; sites: string[] }[] = [
  { code: 'party', label: '市委网站', sites: ['party'] },
  { code: 'npc', label: '市人大网站', sites: ['npc'] },
  { code: 'government', label: '市政府网站', sites: ['government'] },
  { code: 'cppcc', label: '市政协网站', sites: ['cppcc'] },
  {
    code: 'portal',
    label: '门户网站',
    sites: ['portal', 'gov', 'citizens', 'business', 'invest', 'invest-en', 'tourism', 'rural'],
  },
];

const MEMBERS: { suffix: string; title: string; role: Role; level?: number }[] = [
  { suffix: 'editor', title: '编辑', role: 'editor' },
  { suffix: 'reviewer1', title: '初审', role: 'reviewer', level: 1 },
  { suffix: 'reviewer2', title: '复审', role: 'reviewer', level: 2 },
  { suffix: 'reviewer3', title: '终审', role: 'reviewer', level: 3 },
  { suffix: 'admin', title: '管理员', role: 'site_admin' },
];

const SECURITY = 'demo-security-admin';

/** Ids of the demo editors that exist (the authors of the demo items). */
export async function demoEditorIds(ctx: AppContext): Promise<string[]> {
  const ids: string[] = [];
  for (const t of TEAMS) {
    const account = await findStaff(ctx, `demo-${t.code}-editor`);
    if (account) ids.push(account.id);
  }
  return ids;
}

/** A staff account without a password (and so without any way to sign in). */
async function passwordless(
  ctx: AppContext,
  username: string,
  displayName: string,
): Promise<{ id: string; created: boolean }> {
  const found = await findStaff(ctx, username);
  if (found) return { id: found.id, created: false };
  const id = await ctx.db.kysely.transaction().execute(async (trx) => {
    const account = await insertAccount(ctx, trx, { kind: 'staff', username, displayName });
    await audit(ctx, trx, {
      actor: SEED_ACTOR,
      action: 'user.create',
      targetType: 'account',
      targetId: account.id,
      outcome: 'success',
      detail: { username, demo: true, password: 'none' },
    });
    return account.id;
  });
  return { id, created: true };
}

/**
 * The teams by site code, creating missing accounts and granting their roles,
 * and the ids of the accounts created now. Existing accounts keep whatever
 * roles and status an administrator has given them since.
 */
export async function demoTeams(
  ctx: AppContext,
): Promise<{ teams: Map<string, DemoTeam>; created: string[] }> {
  const created: string[] = [];
  const security = await passwordless(ctx, SECURITY, '安全管理员（演示数据）');
  if (security.created) {
    created.push(security.id);
    await bootstrapRole(ctx, security.id, 'security_admin');
  }
  const granter = { id: security.id, name: SECURITY };
  const teams = new Map<string, DemoTeam>();
  for (const team of TEAMS) {
    const people: Reviewer[] = [];
    for (const m of MEMBERS) {
      const username = `demo-${team.code}-${m.suffix}`;
      const account = await passwordless(ctx, username, `${team.label}${m.title}（演示数据）`);
      if (account.created) {
        created.push(account.id);
        for (const site of team.sites) {
          await grantRole(
            ctx,
            { granteeId: account.id, role: m.role, scope: `site:${site}`, level: m.level },
            granter,
          );
        }
      }
      people.push({ id: account.id, name: username, grants: await grantsOf(ctx, account.id) });
    }
    const [editor, r1, r2, r3, admin] = people as [
      Reviewer,
      Reviewer,
      Reviewer,
      Reviewer,
      Reviewer,
    ];
    for (const site of team.sites) teams.set(site, { editor, reviewers: [r1, r2, r3], admin });
  }
  return { teams, created };
}

/** Disable the demo accounts this run created (never ones that existed before it). */
export async function disableDemoStaff(ctx: AppContext, ids: readonly string[]): Promise<void> {
  for (const id of ids) await setAccountStatus(ctx, id, 'disabled', SEED_ACTOR);
}
