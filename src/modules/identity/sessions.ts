// Sessions live in the database: an opaque random token in an HttpOnly cookie,
// only its SHA-256 stored. Idle and absolute timeouts are checked on every
// use; revocation (logout, admin, account disabled) deletes the row, so it
// takes effect on the next request on every node.
import { createHash } from 'node:crypto';
import { randomToken } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import type { AccountRow, SessionRow } from './tables.ts';

export const SESSION_COOKIE = 'yimen_sid';

export const SESSION_POLICY = {
  staff: { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 },
  public: { idleMs: 2 * 3_600_000, absoluteMs: 7 * 86_400_000 },
} as const;

/** last_seen_at is written at most this often, so reading pages does not mean writing rows. */
const TOUCH_EVERY_MS = 60_000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function policyFor(account: Pick<AccountRow, 'kind'>) {
  return account.kind === 'staff' ? SESSION_POLICY.staff : SESSION_POLICY.public;
}

export interface ClientInfo {
  ip: string;
  userAgent: string;
}

export async function createSession(
  ctx: AppContext,
  account: Pick<AccountRow, 'id' | 'kind'>,
  client: ClientInfo,
  mfa = false,
): Promise<string> {
  const token = randomToken(32);
  const now = ctx.now();
  await ctx.db.kysely
    .insertInto('session')
    .values({
      id_hash: hashToken(token),
      account_id: account.id,
      mfa: mfa ? 1 : 0,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + policyFor(account).absoluteMs).toISOString(),
      ip: client.ip.slice(0, 64),
      user_agent: client.userAgent.slice(0, 300),
    })
    .execute();
  return token;
}

export interface ResolvedSession {
  session: SessionRow;
  account: AccountRow;
}

/** The live session for a cookie token, or undefined (expired ones are deleted). */
export async function resolveSession(
  ctx: AppContext,
  token: string | undefined,
): Promise<ResolvedSession | undefined> {
  if (!token || token.length > 100) return undefined;
  const idHash = hashToken(token);
  const session = await ctx.db.kysely
    .selectFrom('session')
    .selectAll()
    .where('id_hash', '=', idHash)
    .executeTakeFirst();
  if (!session) return undefined;
  const account = await ctx.db.kysely
    .selectFrom('account')
    .selectAll()
    .where('id', '=', session.account_id)
    .executeTakeFirst();
  const now = ctx.now();
  const policy = account ? policyFor(account) : SESSION_POLICY.staff;
  const idleExpired = Date.parse(session.last_seen_at) + policy.idleMs <= now.getTime();
  const absoluteExpired = Date.parse(session.expires_at) <= now.getTime();
  if (account?.status !== 'active' || idleExpired || absoluteExpired) {
    await revokeSession(ctx, idHash);
    return undefined;
  }
  if (now.getTime() - Date.parse(session.last_seen_at) >= TOUCH_EVERY_MS) {
    session.last_seen_at = now.toISOString();
    await ctx.db.kysely
      .updateTable('session')
      .set({ last_seen_at: session.last_seen_at })
      .where('id_hash', '=', idHash)
      .execute();
  }
  return { session, account };
}

/** Replace a session by a fresh one (after the second factor): defeats fixation. */
export async function rotateSession(
  ctx: AppContext,
  token: string,
  account: AccountRow,
  client: ClientInfo,
  mfa: boolean,
): Promise<string> {
  await revokeSession(ctx, hashToken(token));
  return createSession(ctx, account, client, mfa);
}

export async function revokeSession(ctx: AppContext, idHash: string): Promise<boolean> {
  const res = await ctx.db.kysely
    .deleteFrom('session')
    .where('id_hash', '=', idHash)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

export async function revokeAccountSessions(
  ctx: AppContext,
  accountId: string,
  exceptIdHash?: string,
): Promise<number> {
  let q = ctx.db.kysely.deleteFrom('session').where('account_id', '=', accountId);
  if (exceptIdHash) q = q.where('id_hash', '!=', exceptIdHash);
  return Number((await q.executeTakeFirst()).numDeletedRows);
}

export async function listSessions(ctx: AppContext, accountId?: string): Promise<SessionRow[]> {
  let q = ctx.db.kysely
    .selectFrom('session')
    .selectAll()
    .orderBy('last_seen_at', 'desc')
    .limit(500);
  if (accountId) q = q.where('account_id', '=', accountId);
  return q.execute();
}
