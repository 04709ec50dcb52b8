// Shared by the identity service tests: a clock the test moves by hand, a
// migrated context on it, staff accounts with known passwords, and readers
// for the audit entries a service wrote.
import assert from 'node:assert/strict';
import { openTestContext, type TestContext } from '../../../test/helpers/databases.ts';
import type { Dialect } from '../../platform/config.ts';
import { DomainError, type ErrorCode } from '../../platform/errors.ts';
import type { AppContext } from '../../platform/module.ts';
import type { AuditLogRow } from '../audit/index.ts';
import { bootstrapRole, createStaff, grantRole } from './accounts.ts';
import type { Actor } from './audit-events.ts';
import type { Role } from './permissions.ts';
import type { ClientInfo } from './sessions.ts';
import type { AccountRow } from './tables.ts';

/** Time that moves only when the test says so. */
export class TestClock {
  private ms: number;
  constructor(start = '2026-11-26T06:00:00.000Z') {
    this.ms = Date.parse(start);
  }
  readonly now = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface IdentityTest extends TestContext {
  clock: TestClock;
}

export async function openIdentityTest(dialect: Dialect): Promise<IdentityTest> {
  const clock = new TestClock();
  const t = await openTestContext(dialect, { clock: clock.now });
  return Object.assign(t, { clock });
}

export const CLI_ACTOR: Actor = { id: null, name: 'cli' };

export const clientAt = (ip: string): ClientInfo => ({ ip, userAgent: 'node-test' });

export const actorOf = (account: AccountRow, ip = '10.9.9.9'): Actor & { id: string } => ({
  id: account.id,
  name: account.username ?? account.display_name,
  ip,
});

export interface TestStaff {
  account: AccountRow;
  /** The one-time password createStaff handed out: it signs in. */
  password: string;
}

/** A staff account, optionally holding one of the three administrator roles. */
export async function makeStaff(
  ctx: AppContext,
  username: string,
  role?: Role,
): Promise<TestStaff> {
  const { account, oneTimePassword } = await createStaff(
    ctx,
    { username, displayName: username },
    CLI_ACTOR,
  );
  if (role) await bootstrapRole(ctx, account.id, role);
  return { account, password: oneTimePassword };
}

/** A site or organisation role, granted by a security administrator as the back office does. */
export async function grantScoped(
  ctx: AppContext,
  by: AccountRow,
  to: AccountRow,
  role: Role,
  scope: string,
  level?: number,
): Promise<void> {
  await grantRole(ctx, { granteeId: to.id, role, scope, level }, actorOf(by));
}

/** The sequence number of the newest audit entry (0 when there is none). */
export async function auditHead(ctx: AppContext): Promise<number> {
  const row = await ctx.db.kysely
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('seq').as('max'))
    .executeTakeFirstOrThrow();
  return Number(row.max ?? 0);
}

/** Audit entries after `seq`, oldest first. */
export async function auditSince(ctx: AppContext, seq: number): Promise<AuditLogRow[]> {
  return ctx.db.kysely
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>', seq)
    .orderBy('seq')
    .execute();
}

/** Assert that `promise` rejects with a DomainError of `code`; returns it for more checks. */
export async function rejectsWith(
  promise: Promise<unknown>,
  code: ErrorCode,
): Promise<DomainError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof DomainError, `expected a DomainError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    return err;
  }
  assert.fail(`expected a ${code} error, but it succeeded`);
}
