// Accounts: staff (by username), citizens and enterprises (by mobile phone).
// Every change that matters for security is written to the audit log in the
// same transaction, so it cannot happen unrecorded.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.ts';
import { newId, randomToken } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { type Actor, audit } from './audit-events.ts';
import { checkPasswordPolicy, hashPassword } from './passwords.ts';
import {
  type Grant,
  grantRefusal,
  isRole,
  LEVELLED_ROLES,
  type Role,
  scopeKindFor,
} from './permissions.ts';
import { piiCodec } from './pii.ts';
import { revokeAccountSessions } from './sessions.ts';
import type { AccountKind, AccountRow } from './tables.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{2,31}$/;

function policyError(problems: string[]): never {
  throw badRequest('密码不符合要求', { password: problems.join('；') });
}

export async function getAccount(
  ctx: AppContext,
  id: string,
  executor: Executor = ctx.db.kysely,
): Promise<AccountRow> {
  const row = await executor
    .selectFrom('account')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('账号不存在');
  return row;
}

export async function findStaff(
  ctx: AppContext,
  username: string,
): Promise<AccountRow | undefined> {
  return ctx.db.kysely
    .selectFrom('account')
    .selectAll()
    .where('kind', '=', 'staff')
    .where('username', '=', username.trim().toLowerCase())
    .executeTakeFirst();
}

export async function findByPhone(ctx: AppContext, phone: string): Promise<AccountRow | undefined> {
  return ctx.db.kysely
    .selectFrom('account')
    .selectAll()
    .where('phone_hash', '=', piiCodec(ctx.config.secret).hash(phone))
    .executeTakeFirst();
}

export async function grantsOf(
  ctx: AppContext,
  accountId: string,
  executor: Executor = ctx.db.kysely,
): Promise<Grant[]> {
  const rows = await executor
    .selectFrom('role_grant')
    .select(['role', 'scope', 'level'])
    .where('account_id', '=', accountId)
    .execute();
  return rows
    .filter((r) => isRole(r.role))
    .map((r) => ({ role: r.role as Role, scope: r.scope, level: r.level }));
}

export interface NewAccount {
  kind: AccountKind;
  displayName: string;
  username?: string;
  password?: string;
  phone?: string;
  email?: string;
  realName?: string;
  idNumber?: string;
  creditCode?: string;
  legalRepresentative?: string;
  mustChangePassword?: boolean;
}

/** Insert an account; uniqueness of username, phone, ID number and credit code is checked first. */
export async function insertAccount(
  ctx: AppContext,
  trx: Executor,
  input: NewAccount,
): Promise<AccountRow> {
  const pii = piiCodec(ctx.config.secret);
  const now = ctx.now().toISOString();
  if (input.password !== undefined) {
    const problems = checkPasswordPolicy(input.password, {
      accountName: input.username ?? input.phone ?? '',
    });
    if (problems.length > 0) policyError(problems);
  }
  const phoneHash = input.phone ? pii.hash(input.phone) : null;
  const idHash = input.idNumber ? pii.hash(input.idNumber) : null;
  // Compare only the identifiers given. (A '\u0000' stand-in for the missing
  // ones made PostgreSQL reject every insert: text cannot hold NUL.)
  const given = (
    [
      ['username', input.username],
      ['phone_hash', phoneHash],
      ['id_number_hash', idHash],
      ['credit_code', input.creditCode],
    ] as const
  ).filter((pair): pair is [(typeof pair)[0], string] => Boolean(pair[1]));
  const clash =
    given.length === 0
      ? undefined
      : await trx
          .selectFrom('account')
          .select(['username', 'phone_hash', 'id_number_hash', 'credit_code'])
          .where((eb) => eb.or(given.map(([column, value]) => eb(column, '=', value))))
          .executeTakeFirst();
  if (clash) {
    if (input.username && clash.username === input.username) throw clashError('username');
    if (phoneHash && clash.phone_hash === phoneHash) throw clashError('phone_hash');
    if (idHash && clash.id_number_hash === idHash) throw clashError('id_number_hash');
    throw clashError('credit_code');
  }
  const row: AccountRow = {
    id: newId(),
    kind: input.kind,
    username: input.username ?? null,
    display_name: input.displayName,
    status: 'active',
    password_hash: input.password !== undefined ? await hashPassword(input.password) : null,
    password_changed_at: input.password !== undefined ? now : null,
    must_change_password: input.mustChangePassword ? 1 : 0,
    phone_enc: input.phone ? pii.encrypt('account.phone', input.phone) : null,
    phone_hash: phoneHash,
    real_name: input.realName ?? null,
    id_number_enc: input.idNumber ? pii.encrypt('account.id_number', input.idNumber) : null,
    id_number_hash: idHash,
    credit_code: input.creditCode ?? null,
    legal_representative: input.legalRepresentative ?? null,
    email: input.email ?? null,
    totp_secret_enc: null,
    totp_enabled_at: null,
    totp_last_step: null,
    created_at: now,
    updated_at: now,
    last_login_at: null,
  };
  try {
    await trx.insertInto('account').values(row).execute();
  } catch (err) {
    // Two registrations racing past the check above both find nothing; the
    // unique index then stops the second, which gets the same 409 as if it
    // had come later (it used to surface as a raw database error, a 500).
    throw uniqueViolation(err) ?? err;
  }
  return row;
}

const CLASH_MESSAGES = {
  username: '该用户名已被使用',
  phone_hash: '该手机号已注册，请直接登录或找回密码',
  id_number_hash: '该身份证号已绑定其他账号',
  credit_code: '该统一社会信用代码已注册',
} as const;

function clashError(column: keyof typeof CLASH_MESSAGES) {
  return conflict(CLASH_MESSAGES[column]);
}

/** The conflict for a unique-index violation on account (PostgreSQL 23505, SQLite), else undefined. */
function uniqueViolation(err: unknown) {
  const e = err as { code?: unknown; constraint?: unknown; message?: unknown };
  if (e?.code !== '23505' && e?.code !== 'SQLITE_CONSTRAINT_UNIQUE') return undefined;
  const text = `${e.constraint ?? ''} ${e.message ?? ''}`;
  const column = (Object.keys(CLASH_MESSAGES) as (keyof typeof CLASH_MESSAGES)[]).find((c) =>
    text.includes(c),
  );
  return column && clashError(column);
}

/**
 * A random one-time password the policy accepts: a short username ('sec')
 * can turn up inside random characters, which the policy refuses.
 */
function oneTimePasswordFor(username: string): string {
  for (;;) {
    const candidate = `${randomToken(9)}-${randomToken(6)}`;
    if (!username || !candidate.toLowerCase().includes(username.toLowerCase())) return candidate;
  }
}

/** A staff account with a one-time password that must be changed at first sign-in. */
export async function createStaff(
  ctx: AppContext,
  input: { username: string; displayName: string; organisationIds?: string[] },
  actor: Actor,
): Promise<{ account: AccountRow; oneTimePassword: string }> {
  const username = input.username.trim().toLowerCase();
  if (!USERNAME_PATTERN.test(username)) {
    throw badRequest('用户名不符合要求', {
      username: '3–32 位，以小写字母开头，可含小写字母、数字和 . _ -',
    });
  }
  const oneTimePassword = oneTimePasswordFor(username);
  const account = await ctx.db.kysely.transaction().execute(async (trx) => {
    const acc = await insertAccount(ctx, trx, {
      kind: 'staff',
      username,
      displayName: input.displayName,
      password: oneTimePassword,
      mustChangePassword: true,
    });
    for (const orgId of input.organisationIds ?? []) {
      await trx
        .insertInto('account_organisation')
        .values({ account_id: acc.id, organisation_id: orgId })
        .execute();
    }
    await audit(ctx, trx, {
      actor,
      action: 'user.create',
      targetType: 'account',
      targetId: acc.id,
      outcome: 'success',
      detail: { username },
    });
    return acc;
  });
  return { account, oneTimePassword };
}

/** Grant a role, enforcing the security-administrator rule and 三员分立. */
export async function grantRole(
  ctx: AppContext,
  input: { granteeId: string; role: Role; scope: string; level?: number },
  actor: Actor & { id: string },
): Promise<void> {
  const refusal = await ctx.db.kysely.transaction().execute(async (trx) => {
    const grantee = await getAccount(ctx, input.granteeId, trx);
    if (grantee.kind !== 'staff') throw badRequest('只能给工作人员账号分配角色');
    const refused = grantRefusal({
      granter: { id: actor.id, grants: await grantsOf(ctx, actor.id, trx) },
      grantee: { id: grantee.id, grants: await grantsOf(ctx, grantee.id, trx) },
      role: input.role,
      scope: input.scope,
    });
    if (refused) return refused;
    const level = LEVELLED_ROLES.includes(input.role) ? (input.level ?? 1) : null;
    if (level !== null && (level < 1 || level > 3)) throw badRequest('审核级别应为 1–3');
    await trx
      .insertInto('role_grant')
      .values({
        id: newId(),
        account_id: grantee.id,
        role: input.role,
        scope: input.scope,
        level,
        granted_by: actor.id,
        created_at: ctx.now().toISOString(),
      })
      .onConflict((oc) => oc.columns(['account_id', 'role', 'scope']).doUpdateSet({ level }))
      .execute();
    await audit(ctx, trx, {
      actor,
      action: 'role.grant',
      targetType: 'account',
      targetId: grantee.id,
      outcome: 'success',
      detail: { role: input.role, scope: input.scope, level },
    });
    return undefined;
  });
  if (refusal) {
    // Recorded after the transaction: a refused attempt leaves only its audit entry.
    await audit(ctx, ctx.db.kysely, {
      actor,
      action: 'role.grant',
      targetType: 'account',
      targetId: input.granteeId,
      outcome: 'denied',
      detail: { role: input.role, scope: input.scope, reason: refusal },
    });
    throw forbidden(refusal);
  }
}

/** Grant without a granter: only the `yimen` CLI, run by the operator on the server, does this. */
export async function bootstrapRole(ctx: AppContext, accountId: string, role: Role): Promise<void> {
  if (scopeKindFor(role) !== 'global')
    throw badRequest('the command line grants only the three administrator roles');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const grants = await grantsOf(ctx, accountId, trx);
    const refusal = grantRefusal({
      granter: { id: 'cli', grants: [{ role: 'security_admin', scope: 'global', level: null }] },
      grantee: { id: accountId, grants },
      role,
      scope: 'global',
    });
    if (refusal) throw forbidden(refusal);
    await trx
      .insertInto('role_grant')
      .values({
        id: newId(),
        account_id: accountId,
        role,
        scope: 'global',
        level: null,
        granted_by: null,
        created_at: ctx.now().toISOString(),
      })
      .onConflict((oc) => oc.columns(['account_id', 'role', 'scope']).doNothing())
      .execute();
    await audit(ctx, trx, {
      actor: { id: null, name: 'cli' },
      action: 'role.grant',
      targetType: 'account',
      targetId: accountId,
      outcome: 'success',
      detail: { role, scope: 'global' },
    });
  });
}

export async function revokeRole(
  ctx: AppContext,
  input: { granteeId: string; role: Role; scope: string },
  actor: Actor & { id: string },
  actorGrants: Grant[],
): Promise<void> {
  if (!actorGrants.some((g) => g.role === 'security_admin'))
    throw forbidden('只有安全管理员可以收回角色');
  if (actor.id === input.granteeId) throw forbidden('不能收回自己的角色');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('role_grant')
      .where('account_id', '=', input.granteeId)
      .where('role', '=', input.role)
      .where('scope', '=', input.scope)
      .execute();
    await audit(ctx, trx, {
      actor,
      action: 'role.revoke',
      targetType: 'account',
      targetId: input.granteeId,
      outcome: 'success',
      detail: { role: input.role, scope: input.scope },
    });
  });
}

export async function setAccountStatus(
  ctx: AppContext,
  accountId: string,
  status: 'active' | 'disabled',
  actor: Actor,
): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await getAccount(ctx, accountId, trx);
    await trx
      .updateTable('account')
      .set({ status, updated_at: ctx.now().toISOString() })
      .where('id', '=', accountId)
      .execute();
    await audit(ctx, trx, {
      actor,
      action: status === 'disabled' ? 'user.disable' : 'user.enable',
      targetType: 'account',
      targetId: accountId,
      outcome: 'success',
    });
  });
  if (status === 'disabled') await revokeAccountSessions(ctx, accountId);
}

/** Set a new password (policy-checked); other sessions end. */
export async function setPassword(
  ctx: AppContext,
  account: AccountRow,
  password: string,
  actor: Actor,
  options: { mustChange?: boolean; keepSession?: string } = {},
): Promise<void> {
  // Public accounts sign in by phone and have no username: check against the phone,
  // as insertAccount does, or a change or reset could set the phone number as password.
  const accountName = account.username ?? ownPhone(ctx, account) ?? '';
  const problems = checkPasswordPolicy(password, { accountName });
  if (problems.length > 0) policyError(problems);
  const hash = await hashPassword(password);
  const now = ctx.now().toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable('account')
      .set({
        password_hash: hash,
        password_changed_at: now,
        must_change_password: options.mustChange ? 1 : 0,
        updated_at: now,
      })
      .where('id', '=', account.id)
      .execute();
    await audit(ctx, trx, {
      actor,
      action: 'user.password_change',
      targetType: 'account',
      targetId: account.id,
      outcome: 'success',
    });
  });
  await revokeAccountSessions(ctx, account.id, options.keepSession);
}

/** Operator reset: a fresh one-time password to hand over, to be changed at next sign-in. */
export async function resetPasswordByAdmin(
  ctx: AppContext,
  accountId: string,
  actor: Actor,
): Promise<string> {
  const account = await getAccount(ctx, accountId);
  const oneTimePassword = oneTimePasswordFor(account.username ?? '');
  await setPassword(ctx, account, oneTimePassword, actor, { mustChange: true });
  return oneTimePassword;
}

export interface PersonalData {
  phone: string | null;
  idNumber: string | null;
}

/** Unmasked personal data: only for callers that checked 'pii.view'; every view is audited. */
export async function revealPersonalData(
  ctx: AppContext,
  accountId: string,
  actor: Actor,
): Promise<PersonalData> {
  const account = await getAccount(ctx, accountId);
  const pii = piiCodec(ctx.config.secret);
  await audit(ctx, ctx.db.kysely, {
    actor,
    action: 'pii.view',
    targetType: 'account',
    targetId: accountId,
    outcome: 'success',
    detail: { fields: ['phone', 'id_number'] },
  });
  return {
    phone: account.phone_enc ? pii.decrypt('account.phone', account.phone_enc) : null,
    idNumber: account.id_number_enc
      ? pii.decrypt('account.id_number', account.id_number_enc)
      : null,
  };
}

/** The account's own phone, for masking in its own pages (no audit: it is the owner). */
export function ownPhone(ctx: AppContext, account: AccountRow): string | null {
  return account.phone_enc
    ? piiCodec(ctx.config.secret).decrypt('account.phone', account.phone_enc)
    : null;
}
