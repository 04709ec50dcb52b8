// Sign-in throttling. Failures are counted per (account, IP) and per IP:
// - an (account, IP) pair is locked after 5 failures, for 1, 2, 4 … up to 15
//   minutes as failures continue, so guessing one password is slow while the
//   real user can still sign in from another address (no lockout DoS);
// - an IP is locked for 15 minutes after 30 failures on any accounts.
// Sign-in reserves its attempt (reserveAttempt) before checking the password,
// under a row lock, so a burst of concurrent guesses gets no more tries than
// a sequence of them; a success hands the attempt back (releaseAttempt).
import type { Transaction } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import type { AppContext } from '../../platform/module.ts';
import type { LoginThrottleRow } from './tables.ts';

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

function stateOf(rows: readonly LoginThrottleRow[], now: number): ThrottleState {
  const lockedUntil = Math.max(
    0,
    ...rows.map((r) => (r.locked_until ? Date.parse(r.locked_until) : 0)),
  );
  return lockedUntil > now
    ? { allowed: false, retryAfter: Math.ceil((lockedUntil - now) / 1000) }
    : { allowed: true, retryAfter: 0 };
}

export async function checkThrottle(
  ctx: AppContext,
  keys: readonly string[],
): Promise<ThrottleState> {
  const rows = await ctx.db.kysely
    .selectFrom('login_throttle')
    .selectAll()
    .where('key', 'in', [...keys])
    .execute();
  return stateOf(rows, ctx.now().getTime());
}

function lockFor(key: string, failures: number): number {
  if (key.startsWith('ip:')) return failures >= IP_LIMIT ? MAX_LOCK_MS : 0;
  if (failures < PAIR_LIMIT) return 0;
  return Math.min(60_000 * 2 ** (failures - PAIR_LIMIT), MAX_LOCK_MS);
}

/**
 * The rows of `keys`, locked until the transaction ends, so that read-count-write
 * cannot lose a concurrent update. PostgreSQL: created if missing (a missing row
 * cannot be locked), then SELECT … FOR UPDATE in key order (no deadlock between
 * two callers). SQLite: the transaction already holds the only connection.
 */
async function lockRows(
  ctx: AppContext,
  trx: Transaction<Database>,
  keys: readonly string[],
  now: Date,
): Promise<LoginThrottleRow[]> {
  const sorted = [...new Set(keys)].sort();
  if (ctx.db.dialect === 'postgres') {
    await trx
      .insertInto('login_throttle')
      .values(
        sorted.map((key) => ({
          key,
          failures: 0,
          window_start: now.toISOString(),
          locked_until: null,
        })),
      )
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }
  let q = trx.selectFrom('login_throttle').selectAll().where('key', 'in', sorted).orderBy('key');
  if (ctx.db.dialect === 'postgres') q = q.forUpdate();
  return q.execute();
}

async function countFailures(
  trx: Transaction<Database>,
  keys: readonly string[],
  rows: readonly LoginThrottleRow[],
  now: Date,
): Promise<void> {
  for (const key of keys) {
    const row = rows.find((r) => r.key === key);
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
}

export async function recordFailure(ctx: AppContext, keys: readonly string[]): Promise<void> {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await countFailures(trx, keys, await lockRows(ctx, trx, keys, now), now);
  });
}

/**
 * Check the locks and, if none holds, count this attempt as a failure before
 * the credentials are checked: checking first and counting after let a burst
 * of concurrent guesses all pass the check (20 at once all reached the password).
 */
export async function reserveAttempt(
  ctx: AppContext,
  keys: readonly string[],
): Promise<ThrottleState> {
  const now = ctx.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const rows = await lockRows(ctx, trx, keys, now);
    const state = stateOf(rows, now.getTime());
    if (state.allowed) await countFailures(trx, keys, rows, now);
    return state;
  });
}

/**
 * After a successful sign-in reserved with reserveAttempt: the (account, IP)
 * count is cleared and the IP gets its attempt back, lifting a lock that only
 * counted in-flight successes; successes never count against an IP.
 */
export async function releaseAttempt(ctx: AppContext, pair: string, ip: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('login_throttle').where('key', '=', pair).execute();
    const [row] = await lockRows(ctx, trx, [ip], now);
    if (!row) return;
    const failures = Math.max(0, row.failures - 1);
    await trx
      .updateTable('login_throttle')
      .set({ failures, locked_until: lockFor(ip, failures) > 0 ? row.locked_until : null })
      .where('key', '=', ip)
      .execute();
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
