// Helpers for the public account page tests: an app with a clock the test can
// move (SMS codes may be sent once a minute per phone), a tiny browser with a
// cookie jar that picks up each page's CSRF token, and shortcuts for reading
// codes from the development SMS sink and for making accounts.
import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse as Response } from 'fastify';
import { insertAccount } from '../../src/modules/identity/accounts.ts';
import type { AccountRow } from '../../src/modules/identity/tables.ts';
import { creditCodeCheckChar, idNumberCheckChar } from '../../src/modules/identity/validators.ts';
import { listOutbox } from '../../src/modules/notify/outbox.ts';
import type { Dialect } from '../../src/platform/config.ts';
import type { AppContext } from '../../src/platform/module.ts';
import { openTestContext } from './databases.ts';
import { serve } from './http.ts';

export const FORM = 'application/x-www-form-urlencoded';
export const SESSION = 'yimen_sid';
/** Passes the policy: long enough, not common, contains no phone number. */
export const PASSWORD = 'Qingshan-river-2026';

export interface AccountApp {
  app: FastifyInstance;
  ctx: AppContext;
  /** Move the application clock forward (past the one-code-a-minute limit, for example). */
  advance(ms: number): void;
  close(): Promise<void>;
}

export async function openAccountApp(dialect: Dialect): Promise<AccountApp> {
  let offset = 0;
  const t = await openTestContext(dialect, { clock: () => new Date(Date.now() + offset) });
  const { app, close } = await serve(t);
  return {
    app,
    ctx: t.ctx,
    advance(ms) {
      offset += ms;
    },
    close,
  };
}

let phoneSeq = 0;
/** A valid mobile number no other test in this process uses. */
export function newPhone(): string {
  phoneSeq += 1;
  return `139${String(process.pid % 10_000).padStart(4, '0')}${String(phoneSeq).padStart(4, '0')}`;
}

export const validIdNumber = (first17 = '11010519491231002') =>
  `${first17}${idNumberCheckChar(first17)}`;
export const validCreditCode = (first17 = '91110105MA01ABCD1') =>
  `${first17}${creditCodeCheckChar(first17)}`;

let ipSeq = 0;

/** One visitor: its own IP and cookies; remembers the CSRF token of the last page it saw. */
export class Browser {
  readonly jar = new Map<string, string>();
  csrf: string | undefined;
  readonly ip: string;

  constructor(
    readonly app: FastifyInstance,
    ip?: string,
  ) {
    ipSeq += 1;
    this.ip = ip ?? `198.51.100.${ipSeq}`;
  }

  get session(): string | undefined {
    return this.jar.get(SESSION);
  }

  private cookieHeader(): Record<string, string> {
    if (this.jar.size === 0) return {};
    return { cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ') };
  }

  private absorb(res: Response): Response {
    for (const c of res.cookies as { name: string; value: string; expires?: Date }[]) {
      const expired = c.expires !== undefined && c.expires.getTime() <= Date.now();
      if (c.value === '' || expired) this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (token) this.csrf = token;
    return res;
  }

  async get(url: string): Promise<Response> {
    return this.absorb(
      await this.app.inject({
        method: 'GET',
        url,
        remoteAddress: this.ip,
        headers: { ...this.cookieHeader(), 'user-agent': 'TestBrowser/1.0' },
      }),
    );
  }

  /** POST a form with this browser's CSRF token (unless `csrf: false`). */
  async post(
    url: string,
    fields: Record<string, string>,
    options: { csrf?: boolean } = {},
  ): Promise<Response> {
    const body = new URLSearchParams(fields);
    if (options.csrf !== false) {
      assert.ok(this.csrf, 'GET a page with a form first');
      body.set('_csrf', this.csrf);
    }
    return this.absorb(
      await this.app.inject({
        method: 'POST',
        url,
        remoteAddress: this.ip,
        headers: { ...this.cookieHeader(), 'content-type': FORM, 'user-agent': 'TestBrowser/1.0' },
        payload: body.toString(),
      }),
    );
  }
}

/** The newest code sent to a phone, read from the development SMS sink. */
export async function latestCode(ctx: AppContext, phone: string): Promise<string> {
  const [message] = await listOutbox(ctx, { to: phone });
  assert.ok(message, `an SMS was sent to ${phone}`);
  const code = /验证码是(\d{6})/.exec(message.body)?.[1];
  assert.ok(code, 'the SMS carries a six-digit code');
  return code;
}

export async function countRows(
  ctx: AppContext,
  table: 'account' | 'session' | 'otp_code' | 'outbox_message',
): Promise<number> {
  const row = await ctx.db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A citizen account made directly through the service (no SMS, no HTTP). */
export async function makeCitizen(
  ctx: AppContext,
  phone: string,
  password = PASSWORD,
  displayName = '测试市民',
): Promise<AccountRow> {
  return ctx.db.kysely
    .transaction()
    .execute((trx) => insertAccount(ctx, trx, { kind: 'citizen', displayName, phone, password }));
}

/** Sign in with phone and password; asserts success. */
export async function signIn(
  browser: Browser,
  phone: string,
  password = PASSWORD,
): Promise<Response> {
  await browser.get('/account/login');
  const res = await browser.post('/account/login', { method: 'password', phone, password });
  assert.equal(res.statusCode, 303, res.body);
  assert.equal(res.headers.location, '/account');
  return res;
}

/** Register a citizen through the pages: send a code, read it, submit. */
export async function registerCitizen(
  browser: Browser,
  ctx: AppContext,
  phone: string,
  fields: Record<string, string> = {},
): Promise<Response> {
  await browser.get('/account/register');
  const sent = await browser.post('/account/register', { phone, action: 'send' });
  assert.equal(sent.statusCode, 200, sent.body);
  const code = await latestCode(ctx, phone);
  return browser.post('/account/register', {
    phone,
    code,
    display_name: '张三',
    password: PASSWORD,
    password_confirm: PASSWORD,
    ...fields,
  });
}
