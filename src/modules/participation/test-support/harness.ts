// Shared by this module's tests: a context on a clock the test moves, staff
// with a role on a site (real accounts and grants), and citizens.
import { dialects, openTestContext, type TestContext } from '../../../../test/helpers/databases.ts';
import type { Dialect } from '../../../platform/config.ts';
import {
  bootstrapRole,
  createStaff,
  grantRole,
  grantsOf,
  insertAccount,
} from '../../identity/accounts.ts';
import type { Role } from '../../identity/permissions.ts';
import type { AccountRow } from '../../identity/tables.ts';
import type { Staff } from '../common.ts';

export { dialects };

/** Tuesday 2026-12-01 10:00 Beijing time: a working day. */
export const T0 = Date.parse('2026-12-01T02:00:00Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface Harness {
  t: TestContext;
  ctx: TestContext['ctx'];
  set(ms: number): void;
  advance(ms: number): void;
  staff(role: Role, scope: string): Promise<Staff>;
  citizen(name?: string): Promise<AccountRow>;
  close(): Promise<void>;
}

let seq = 0;

export async function openHarness(
  dialect: Dialect,
  env: Record<string, string> = {},
): Promise<Harness> {
  let now = T0;
  const t = await openTestContext(dialect, { clock: () => new Date(now), env });
  const setup = { id: null, name: 'test-setup' };
  const { account: sec } = await createStaff(
    t.ctx,
    { username: 'sec.admin', displayName: '安全员' },
    setup,
  );
  await bootstrapRole(t.ctx, sec.id, 'security_admin');
  return {
    t,
    ctx: t.ctx,
    set(ms) {
      now = ms;
    },
    advance(ms) {
      now += ms;
    },
    async staff(role, scope) {
      seq += 1;
      const username = `editor${seq}`;
      const { account } = await createStaff(t.ctx, { username, displayName: `编辑${seq}` }, setup);
      await grantRole(t.ctx, { granteeId: account.id, role, scope }, { id: sec.id, name: 'sec' });
      return {
        id: account.id,
        name: username,
        ip: '127.0.0.1',
        grants: await grantsOf(t.ctx, account.id),
      };
    },
    async citizen(name = '市民') {
      seq += 1;
      return insertAccount(t.ctx, t.ctx.db.kysely, {
        kind: 'citizen',
        displayName: `${name}${seq}`,
        phone: `1370000${String(seq).padStart(4, '0')}`,
        password: 'Qingshan-river-2026',
      });
    },
    close: () => t.close(),
  };
}

export async function auditActions(ctx: Harness['ctx'], prefix: string): Promise<string[]> {
  const rows = await ctx.db.kysely
    .selectFrom('audit_log')
    .select('action')
    .where('action', 'like', `${prefix}%`)
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.action);
}
