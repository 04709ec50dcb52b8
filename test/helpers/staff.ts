// Helpers for the back-office tests: an app on a clock the test moves (TOTP
// codes are single-use per 30-second step, locks expire), staff accounts made
// through the identity services with their roles and a bound authenticator,
// and agents that sign in through the real /admin/login and /admin/login/totp
// pages and then browse with their cookies and CSRF token.
import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse as Response } from 'fastify';
import {
  bootstrapRole,
  createStaff,
  getAccount,
  grantRole,
  insertAccount,
  setPassword,
} from '../../src/modules/identity/accounts.ts';
import type { Actor } from '../../src/modules/identity/audit-events.ts';
import { beginTotpEnrolment, confirmTotpEnrolment } from '../../src/modules/identity/auth.ts';
import { GLOBAL_ROLES, type Role } from '../../src/modules/identity/permissions.ts';
import { createSession, SESSION_COOKIE } from '../../src/modules/identity/sessions.ts';
import type { AccountRow } from '../../src/modules/identity/tables.ts';
import { totpCode } from '../../src/modules/identity/totp.ts';
import { idNumberCheckChar } from '../../src/modules/identity/validators.ts';
import { modules as allModules } from '../../src/modules/index.ts';
import type { Dialect } from '../../src/platform/config.ts';
import { buildApp } from '../../src/platform/http/app.ts';
import { randomToken } from '../../src/platform/ids.ts';
import type { Logger } from '../../src/platform/logging.ts';
import type { AppContext, YimenModule } from '../../src/platform/module.ts';
import { openTestContext } from './databases.ts';

export const FORM = 'application/x-www-form-urlencoded';
const TEST_ACTOR: Actor = { id: null, name: 'test-setup' };
/** A moment in a working day, Beijing time; tests move on from here. */
const START = Date.parse('2026-12-01T01:00:00.000Z');

export interface AdminApp {
  app: FastifyInstance;
  ctx: AppContext;
  /** The application's current time. */
  now(): Date;
  /** Move the application clock forward. */
  advance(ms: number): void;
  /** The security administrator the helper grants site and organisation roles with. */
  grantor: StaffUser;
  close(): Promise<void>;
}

export interface StaffUser {
  account: AccountRow;
  username: string;
  password: string;
  /** The TOTP secret (base32); empty when not enrolled. */
  secret: string;
  recoveryCodes: string[];
}

export interface RoleSpec {
  role: Role;
  scope?: string;
  level?: number;
}

let userSeq = 0;

/** An app on a fresh database, with a clock and a root security administrator. */
export async function openAdminApp(
  dialect: Dialect,
  options: { modulesBefore?: YimenModule[]; env?: Record<string, string>; logger?: Logger } = {},
): Promise<AdminApp> {
  let at = START;
  const t = await openTestContext(dialect, {
    clock: () => new Date(at),
    // Hundreds of requests from one test address: the per-IP request limit is not under test.
    env: { YIMEN_RATE_LIMIT: '1000000', ...options.env },
    modules: [...(options.modulesBefore ?? []), ...allModules],
    logger: options.logger,
  });
  try {
    const { app } = await buildApp(t.ctx);
    const partial = {
      app,
      ctx: t.ctx,
      now: () => new Date(at),
      advance(ms: number) {
        at += ms;
      },
      async close() {
        await app.close();
        await t.close();
      },
    };
    const grantor = await makeStaff(partial, { username: 'root.security', enrol: false });
    await bootstrapRole(t.ctx, grantor.account.id, 'security_admin');
    return { ...partial, grantor };
  } catch (err) {
    await t.close();
    throw err;
  }
}

type AppLike = Pick<AdminApp, 'ctx' | 'now'>;

async function makeStaff(
  aa: AppLike,
  spec: { username: string; displayName?: string; enrol?: boolean },
): Promise<StaffUser> {
  const { ctx } = aa;
  const { account } = await createStaff(
    ctx,
    { username: spec.username, displayName: spec.displayName ?? `测试用户${spec.username}` },
    TEST_ACTOR,
  );
  // Contains no username and is on no common-password list.
  const password = `Qingshan-${randomToken(6)}-2026`;
  await setPassword(ctx, account, password, TEST_ACTOR);
  let secret = '';
  let recoveryCodes: string[] = [];
  if (spec.enrol !== false) {
    secret = await beginTotpEnrolment(ctx, await getAccount(ctx, account.id));
    recoveryCodes = await confirmTotpEnrolment(ctx, account.id, totpCode(secret, aa.now()), {
      ip: '127.0.0.1',
      userAgent: 'test',
    });
  }
  return {
    account: await getAccount(ctx, account.id),
    username: spec.username,
    password,
    secret,
    recoveryCodes,
  };
}

/** A staff member with these roles, a password and (unless enrol is false) TOTP. */
export async function createStaffUser(
  aa: AdminApp,
  spec: { username?: string; displayName?: string; roles?: RoleSpec[]; enrol?: boolean } = {},
): Promise<StaffUser> {
  userSeq += 1;
  const username =
    spec.username ??
    `staff${userSeq}.${randomToken(3)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, 'x')}`;
  const user = await makeStaff(aa, { ...spec, username });
  for (const r of spec.roles ?? []) {
    if (GLOBAL_ROLES.includes(r.role)) await bootstrapRole(aa.ctx, user.account.id, r.role);
    else
      await grantRole(
        aa.ctx,
        { granteeId: user.account.id, role: r.role, scope: r.scope ?? 'global', level: r.level },
        { id: aa.grantor.account.id, name: aa.grantor.username },
      );
  }
  return { ...user, account: await getAccount(aa.ctx, user.account.id) };
}

/** A citizen account with phone and ID number (stored encrypted). */
export async function createCitizen(aa: AdminApp): Promise<AccountRow> {
  userSeq += 1;
  const first17 = `52030219900101${String(100 + (userSeq % 900)).padStart(3, '0')}`;
  return insertAccount(aa.ctx, aa.ctx.db.kysely, {
    kind: 'citizen',
    displayName: `市民${userSeq}`,
    phone: `1380000${String(userSeq).padStart(4, '0')}`,
    idNumber: `${first17}${idNumberCheckChar(first17)}`,
    password: `Qingshan-${randomToken(6)}-2026`,
  });
}

/** One browser: its address, cookies and the CSRF token of the last page that had one. */
export class Agent {
  readonly jar = new Map<string, string>();
  csrf = '';

  constructor(
    readonly app: FastifyInstance,
    readonly ip = '127.0.0.1',
  ) {}

  get cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  get session(): string | undefined {
    return this.jar.get(SESSION_COOKIE);
  }

  private remember(res: Response): Response {
    for (const c of res.cookies as { name: string; value: string; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() <= Date.now()))
        this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (token) this.csrf = token;
    return res;
  }

  async get(url: string): Promise<Response> {
    const res = await this.app.inject({
      method: 'GET',
      url,
      remoteAddress: this.ip,
      headers: this.jar.size ? { cookie: this.cookie } : {},
    });
    return this.remember(res);
  }

  /** POST a form with this agent's CSRF token (fetched from the sign-in page if it has none). */
  async post(url: string, fields: Record<string, string> = {}): Promise<Response> {
    if (!this.csrf) await this.get('/admin/login');
    const res = await this.app.inject({
      method: 'POST',
      url,
      remoteAddress: this.ip,
      headers: { 'content-type': FORM, cookie: this.cookie },
      payload: new URLSearchParams({ _csrf: this.csrf, ...fields }).toString(),
    });
    return this.remember(res);
  }
}

/** The password step only: a session that has not passed the second factor. */
export async function passwordStep(
  aa: AdminApp,
  user: StaffUser,
  options: { ip?: string; next?: string } = {},
): Promise<{ agent: Agent; res: Response }> {
  const agent = new Agent(aa.app, options.ip);
  const url = options.next
    ? `/admin/login?next=${encodeURIComponent(options.next)}`
    : '/admin/login';
  await agent.get(url);
  const res = await agent.post(url, { username: user.username, password: user.password });
  return { agent, res };
}

/** Sign in through the real pages with password and a fresh TOTP code; asserts each step. */
export async function signIn(
  aa: AdminApp,
  user: StaffUser,
  options: { ip?: string } = {},
): Promise<Agent> {
  const { agent, res } = await passwordStep(aa, user, options);
  assert.equal(
    res.statusCode,
    303,
    `password step for ${user.username}: ${res.body.slice(0, 300)}`,
  );
  assert.equal(res.headers.location, '/admin/login/totp');
  // Each TOTP step is accepted once per account: move to the next one.
  aa.advance(30_000);
  const totp = await agent.post('/admin/login/totp', { code: totpCode(user.secret, aa.now()) });
  assert.equal(totp.statusCode, 303, `TOTP step for ${user.username}: ${totp.body.slice(0, 300)}`);
  assert.equal(totp.headers.location, '/admin');
  return agent;
}

/** A signed-in citizen: a session made directly (public sign-in is not under test here). */
export async function citizenAgent(aa: AdminApp, account: AccountRow): Promise<Agent> {
  const agent = new Agent(aa.app);
  const token = await createSession(aa.ctx, account, { ip: '127.0.0.1', userAgent: 'test' });
  agent.jar.set(SESSION_COOKIE, token);
  return agent;
}

/** Audit rows of one action, oldest first. */
export async function auditRows(ctx: AppContext, action: string) {
  return ctx.db.kysely
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
}

/** Sign in through the real back-office pages in a browser page (password, then a fresh TOTP code). */
export async function signInPage(
  aa: AdminApp,
  page: import('playwright-core').Page,
  base: string,
  user: StaffUser,
): Promise<void> {
  await page.goto(`${base}/admin/login`);
  await page.locator('#f-username').fill(user.username);
  await page.locator('#f-password').fill(user.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/admin\/login\/totp/);
  aa.advance(30_000);
  await page.locator('#f-code').fill(totpCode(user.secret, aa.now()));
  await page.getByRole('button', { name: '验证' }).click();
  await page.waitForURL(`${base}/admin`);
}
