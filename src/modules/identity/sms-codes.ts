// One-time codes sent by SMS for public sign-in, registration and password
// reset. Six random digits (about 20 bits), valid 10 minutes, at most 5
// guesses, used once. Sending is capped per phone, per IP and in total so
// nobody can run up the SMS bill or flood a phone.
import { randomInt } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import { DomainError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { enqueueMessage } from '../notify/outbox.ts';
import { piiCodec } from './pii.ts';

export type CodePurpose = 'login' | 'register' | 'reset' | 'letter';

const PURPOSE_TEXT: Record<CodePurpose, string> = {
  login: '登录',
  register: '注册账号',
  reset: '重置密码',
  letter: '提交来信',
};
export const CODE_TTL_MS = 10 * 60_000;
const MAX_GUESSES = 5;
const LIMITS = { perPhoneMinute: 1, perPhoneDay: 10, perIpHour: 20, globalHour: 2000 };

// PostgreSQL advisory lock taken by every send ("ymot"): sends are few (capped
// at 2000 an hour), so serialising them all costs nothing.
const SEND_LOCK = 0x796d6f74;

async function countSince(
  trx: Transaction<Database>,
  since: Date,
  where: { phoneHash?: string; ip?: string },
): Promise<number> {
  let q = trx
    .selectFrom('otp_code')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('created_at', '>', since.toISOString());
  if (where.phoneHash) q = q.where('phone_hash', '=', where.phoneHash);
  if (where.ip) q = q.where('ip', '=', where.ip);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** Send a code. Callers must not reveal whether the phone has an account. */
export async function sendCode(
  ctx: AppContext,
  phone: string,
  purpose: CodePurpose,
  ip: string,
): Promise<void> {
  const pii = piiCodec(ctx.config.secret);
  const phoneHash = pii.hash(phone);
  const now = ctx.now();
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    // Count and insert under one lock (SQLite: the transaction holds the only
    // connection). Counted outside it, a burst of concurrent sends all saw the
    // same counts: ten at once to one phone all went out.
    if (ctx.db.dialect === 'postgres')
      await sql`SELECT pg_advisory_xact_lock(${SEND_LOCK})`.execute(trx);
    if (
      (await countSince(trx, ago(60_000), { phoneHash })) >= LIMITS.perPhoneMinute ||
      (await countSince(trx, ago(86_400_000), { phoneHash })) >= LIMITS.perPhoneDay ||
      (await countSince(trx, ago(3_600_000), { ip })) >= LIMITS.perIpHour ||
      (await countSince(trx, ago(3_600_000), {})) >= LIMITS.globalHour
    ) {
      throw new DomainError('rate_limited', '验证码发送过于频繁，请稍后再试。');
    }
    const id = newId();
    await trx
      .insertInto('otp_code')
      .values({
        id,
        purpose,
        phone_hash: phoneHash,
        code_hash: pii.hash(`${id}:${code}`),
        attempts: 0,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + CODE_TTL_MS).toISOString(),
        used_at: null,
        ip: ip.slice(0, 64),
      })
      .execute();
    await enqueueMessage(ctx, trx, {
      to: phone,
      template: 'auth.sms_code',
      params: { code, purpose: PURPOSE_TEXT[purpose] },
      idempotencyKey: `otp:${id}`,
    });
  });
}

/** Check a code; a match is consumed, a miss counts against the guess limit. */
export async function verifyCode(
  ctx: AppContext,
  phone: string,
  purpose: CodePurpose,
  code: string,
): Promise<boolean> {
  const pii = piiCodec(ctx.config.secret);
  const now = ctx.now().toISOString();
  const row = await ctx.db.kysely
    .selectFrom('otp_code')
    .selectAll()
    .where('phone_hash', '=', pii.hash(phone))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (!row || row.attempts >= MAX_GUESSES) return false;
  // Spend a guess before comparing, in one statement. Writing the count read
  // above plus one let concurrent guesses all read the same count: twenty
  // at once cost one guess, so the limit did not hold.
  const claimed = await ctx.db.kysely
    .updateTable('otp_code')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', row.id)
    .where('attempts', '<', MAX_GUESSES)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return false;
  if (!/^\d{6}$/.test(code) || pii.hash(`${row.id}:${code}`) !== row.code_hash) return false;
  // Compare-and-set on used_at: two requests racing with one code cannot both win.
  const res = await ctx.db.kysely
    .updateTable('otp_code')
    .set({ used_at: now })
    .where('id', '=', row.id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
