// Sign-in throttling. Failures are counted per (account, IP) and per IP:
// - an (account, IP) pair is locked after 5 failures, for 1, 2, 4 … up to 15
//   minutes as failures continue, so guessing one password is slow while the
//   real user can still sign in from another address (no lockout DoS);
// - an IP is locked for 15 minutes after 30 failures on any accounts.
import type { AppContext } from '../../platform/module.ts';

const WINDOW_MS = 15 * 60_000;
const PAIR_LIMIT = 5;
const IP_LIMIT = 30;
const MAX_LOCK_MS = 15 * 60_000;

export const pairKey = (account: string, ip: string) => `pair:${account}|${ip}`;
export const ipKey = (ip: string) => `ip:${ip}`;

export interface ThrottleState {
  allowed: boolean;
  /** Seconds until the lock ends, when not allowed. */
  retryAfter: number;
}

export async function checkThrottle(
  ctx: AppContext,
  keys: readonly string[],
): Promise<ThrottleState> {
  const now = ctx.now().getTime();
  const rows = await ctx.db.kysely
    .selectFrom('login_throttle')
    .selectAll()
    .where('key', 'in', [...keys])
    .execute();
  const lockedUntil = Math.max(
    0,
    ...rows.map((r) => (r.locked_until ? Date.parse(r.locked_until) : 0)),
  );
  return lockedUntil > now
    ? { allowed: false, retryAfter: Math.ceil((lockedUntil - now) / 1000) }
    : { allowed: true, retryAfter: 0 };
}

function lockFor(key: string, failures: number): number {
  if (key.startsWith('ip:')) return failures >= IP_LIMIT ? MAX_LOCK_MS : 0;
  if (failures < PAIR_LIMIT) return 0;
  return Math.min(60_000 * 2 ** (failures - PAIR_LIMIT), MAX_LOCK_MS);
}

export async function recordFailure(ctx: AppContext, keys: readonly string[]): Promise<void> {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    for (const key of keys) {
      const row = await trx
        .selectFrom('login_throttle')
        .selectAll()
        .where('key', '=', key)
        .executeTakeFirst();
      // window_start holds the last failure: counting restarts after a quiet window.
      const fresh = !row || Date.parse(row.window_start) + WINDOW_MS < now.getTime();
      const failures = fresh ? 1 : row.failures + 1;
      const lock = lockFor(key, failures);
      const values = {
        failures,
        window_start: now.toISOString(),
        locked_until: lock > 0 ? new Date(now.getTime() + lock).toISOString() : null,
      };
      await trx
        .insertInto('login_throttle')
        .values({ key, ...values })
        .onConflict((oc) => oc.column('key').doUpdateSet(values))
        .execute();
    }
  });
}

/** A successful sign-in clears its (account, IP) counter; the IP counter stays. */
export async function clearThrottle(ctx: AppContext, key: string): Promise<void> {
  await ctx.db.kysely.deleteFrom('login_throttle').where('key', '=', key).execute();
}

/** Security administrators can lift every lock on an account. */
export async function unlockAccount(ctx: AppContext, accountKey: string): Promise<number> {
  const res = await ctx.db.kysely
    .deleteFrom('login_throttle')
    .where('key', 'like', `pair:${accountKey}|%`)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
