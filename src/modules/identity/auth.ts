// Sign-in flows. Staff: username + password, then a TOTP code (or a recovery
// code); a staff member without TOTP must enrol before doing anything else.
// Public: mobile phone + password, or phone + SMS code. Every attempt is
// audited; failures are throttled per (account, IP) and per IP; the answer for
// an unknown account is the same as for a wrong password.
import { DomainError } from '../../platform/errors.ts';
import type { AppContext } from '../../platform/module.ts';
import { findByPhone, findStaff, getAccount } from './accounts.ts';
import { audit } from './audit-events.ts';
import { dummyVerify, verifyPassword } from './passwords.ts';
import { piiCodec } from './pii.ts';
import { type ClientInfo, createSession } from './sessions.ts';
import { verifyCode } from './sms-codes.ts';
import type { AccountRow } from './tables.ts';
import { ipKey, pairKey, releaseAttempt, reserveAttempt } from './throttle.ts';
import { generateRecoveryCodes, generateTotpSecret, hashRecoveryCode, verifyTotp } from './totp.ts';

export const INVALID_CREDENTIALS = '账号或密码错误';

function throttled(retryAfter: number): DomainError {
  const minutes = Math.max(1, Math.ceil(retryAfter / 60));
  const err = new DomainError('rate_limited', `登录失败次数过多，请 ${minutes} 分钟后再试。`);
  Object.assign(err, { retryAfter });
  return err;
}

async function guarded<T extends AccountRow | undefined>(
  ctx: AppContext,
  who: string,
  client: ClientInfo,
  check: () => Promise<{ account: T; ok: boolean }>,
): Promise<NonNullable<T>> {
  const keys = [pairKey(who, client.ip), ipKey(client.ip)] as const;
  // Counted before the check, so concurrent guesses cannot all slip past the
  // limit; a success gives the attempt back below.
  const state = await reserveAttempt(ctx, keys);
  if (!state.allowed) {
    await audit(ctx, ctx.db.kysely, {
      actor: { id: null, name: who, ip: client.ip },
      action: 'auth.login_throttled',
      outcome: 'denied',
    });
    throw throttled(state.retryAfter);
  }
  const { account, ok } = await check();
  if (!ok || !account || account.status !== 'active') {
    await audit(ctx, ctx.db.kysely, {
      actor: { id: account?.id ?? null, name: who, ip: client.ip },
      action: 'auth.login_failed',
      outcome: 'failure',
      detail: {
        reason: !account
          ? 'unknown_account'
          : account.status !== 'active'
            ? 'disabled'
            : 'bad_credentials',
      },
    });
    throw new DomainError('unauthenticated', INVALID_CREDENTIALS);
  }
  await releaseAttempt(ctx, ...keys);
  return account as NonNullable<T>;
}

async function passwordMatches(
  account: AccountRow | undefined,
  password: string,
): Promise<boolean> {
  // Unknown accounts still cost one hash, so response time does not reveal them.
  if (!account?.password_hash) return dummyVerify(password);
  return verifyPassword(account.password_hash, password);
}

export type StaffNext = 'totp' | 'enrol';

/** Periodic change (等保 定期更换), only when the deployment turns it on. */
export function passwordExpired(
  ctx: AppContext,
  account: Pick<AccountRow, 'password_changed_at'>,
): boolean {
  const days = ctx.config.passwordMaxAgeDays;
  if (days === 0 || !account.password_changed_at) return false;
  return Date.parse(account.password_changed_at) + days * 86_400_000 <= ctx.now().getTime();
}

/** First step of staff sign-in: a session that can do nothing but pass the second factor. */
export async function staffPasswordLogin(
  ctx: AppContext,
  username: string,
  password: string,
  client: ClientInfo,
): Promise<{ token: string; next: StaffNext; account: AccountRow }> {
  const name = username.trim().toLowerCase().slice(0, 64);
  const account = await guarded(ctx, name, client, async () => {
    const acc = await findStaff(ctx, name);
    return { account: acc, ok: await passwordMatches(acc, password) };
  });
  if (passwordExpired(ctx, account)) {
    // The guard sends a must-change account to the password page after the second factor.
    await ctx.db.kysely
      .updateTable('account')
      .set({ must_change_password: 1 })
      .where('id', '=', account.id)
      .execute();
    account.must_change_password = 1;
  }
  const token = await createSession(ctx, account, client, false);
  await audit(ctx, ctx.db.kysely, {
    actor: { id: account.id, name, ip: client.ip },
    action: 'auth.password_ok',
    outcome: 'success',
    detail: account.must_change_password === 1 ? { mustChangePassword: true } : undefined,
  });
  return { token, next: account.totp_enabled_at ? 'totp' : 'enrol', account };
}

/** Second step: a TOTP code (not reused) or an unused recovery code. */
export async function staffSecondFactor(
  ctx: AppContext,
  accountId: string,
  code: string,
  client: ClientInfo,
): Promise<AccountRow> {
  const account = await getAccount(ctx, accountId);
  const name = account.username ?? account.id;
  return guarded(ctx, name, client, async () => {
    const trimmed = code.replace(/\s+/g, '');
    if (/^\d{6}$/.test(trimmed) && account.totp_secret_enc) {
      const secret = piiCodec(ctx.config.secret).decrypt(
        'account.totp_secret',
        account.totp_secret_enc,
      );
      const result = verifyTotp(secret, trimmed, ctx.now(), account.totp_last_step ?? undefined);
      if (!result.ok) return { account, ok: false };
      // Compare-and-set on the last step: the same code can never be used twice.
      const res = await ctx.db.kysely
        .updateTable('account')
        .set({ totp_last_step: result.step!, last_login_at: ctx.now().toISOString() })
        .where('id', '=', account.id)
        .where((eb) =>
          eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', result.step!)]),
        )
        .executeTakeFirst();
      const ok = Number(res.numUpdatedRows) === 1;
      if (ok)
        await audit(ctx, ctx.db.kysely, {
          actor: { id: account.id, name, ip: client.ip },
          action: 'auth.login',
          outcome: 'success',
          detail: { factor: 'totp' },
        });
      return { account, ok };
    }
    const used = await ctx.db.kysely
      .updateTable('recovery_code')
      .set({ used_at: ctx.now().toISOString() })
      .where('account_id', '=', account.id)
      .where('code_hash', '=', hashRecoveryCode(trimmed))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    const ok = Number(used.numUpdatedRows) === 1;
    if (ok)
      await audit(ctx, ctx.db.kysely, {
        actor: { id: account.id, name, ip: client.ip },
        action: 'auth.login',
        outcome: 'success',
        detail: { factor: 'recovery_code' },
      });
    return { account, ok };
  });
}

/** Start TOTP enrolment: a new secret kept (encrypted) but not active until confirmed. */
export async function beginTotpEnrolment(ctx: AppContext, account: AccountRow): Promise<string> {
  if (account.totp_enabled_at) throw new DomainError('conflict', '已启用动态口令');
  const secret = generateTotpSecret();
  await ctx.db.kysely
    .updateTable('account')
    .set({
      totp_secret_enc: piiCodec(ctx.config.secret).encrypt('account.totp_secret', secret),
      updated_at: ctx.now().toISOString(),
    })
    .where('id', '=', account.id)
    .execute();
  return secret;
}

/** Confirm enrolment with a first code; returns the recovery codes to show once. */
export async function confirmTotpEnrolment(
  ctx: AppContext,
  accountId: string,
  code: string,
  client: ClientInfo,
): Promise<string[]> {
  const account = await getAccount(ctx, accountId);
  if (!account.totp_secret_enc || account.totp_enabled_at)
    throw new DomainError('conflict', '请重新开始绑定动态口令');
  const secret = piiCodec(ctx.config.secret).decrypt(
    'account.totp_secret',
    account.totp_secret_enc,
  );
  const result = verifyTotp(secret, code.replace(/\s+/g, ''), ctx.now());
  if (!result.ok)
    throw new DomainError('bad_request', '动态口令不正确，请核对手机上的验证器后重试', {
      code: '动态口令不正确',
    });
  const codes = generateRecoveryCodes();
  const now = ctx.now().toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable('account')
      .set({
        totp_enabled_at: now,
        totp_last_step: result.step!,
        last_login_at: now,
        updated_at: now,
      })
      .where('id', '=', accountId)
      .execute();
    await trx.deleteFrom('recovery_code').where('account_id', '=', accountId).execute();
    await trx
      .insertInto('recovery_code')
      .values(
        codes.map((c) => ({
          account_id: accountId,
          code_hash: hashRecoveryCode(c),
          used_at: null,
        })),
      )
      .execute();
    await audit(ctx, trx, {
      actor: { id: accountId, name: account.username ?? accountId, ip: client.ip },
      action: 'auth.mfa_enrol',
      outcome: 'success',
    });
  });
  return codes;
}

/** Public sign-in with phone and password. */
export async function publicPasswordLogin(
  ctx: AppContext,
  phone: string,
  password: string,
  client: ClientInfo,
): Promise<{ token: string; account: AccountRow }> {
  const who = `phone:${piiCodec(ctx.config.secret).hash(phone).slice(0, 16)}`;
  const account = await guarded(ctx, who, client, async () => {
    const acc = await findByPhone(ctx, phone);
    return {
      account: acc?.kind === 'staff' ? undefined : acc,
      ok: await passwordMatches(acc, password),
    };
  });
  return finishPublicLogin(ctx, account, client, 'password');
}

/** Public sign-in with phone and an SMS code. */
export async function publicCodeLogin(
  ctx: AppContext,
  phone: string,
  code: string,
  client: ClientInfo,
): Promise<{ token: string; account: AccountRow }> {
  const who = `phone:${piiCodec(ctx.config.secret).hash(phone).slice(0, 16)}`;
  const account = await guarded(ctx, who, client, async () => {
    const acc = await findByPhone(ctx, phone);
    const ok = await verifyCode(ctx, phone, 'login', code);
    return { account: acc?.kind === 'staff' ? undefined : acc, ok };
  });
  return finishPublicLogin(ctx, account, client, 'sms');
}

async function finishPublicLogin(
  ctx: AppContext,
  account: AccountRow,
  client: ClientInfo,
  factor: string,
) {
  const token = await createSession(ctx, account, client, false);
  await ctx.db.kysely
    .updateTable('account')
    .set({ last_login_at: ctx.now().toISOString() })
    .where('id', '=', account.id)
    .execute();
  await audit(ctx, ctx.db.kysely, {
    actor: { id: account.id, name: account.display_name, ip: client.ip },
    action: 'auth.login',
    outcome: 'success',
    detail: { factor },
  });
  return { token, account };
}
