// Pieces shared by the public account routes: schema problems turned into
// per-field Chinese messages, the submitted values as plain strings, the
// session cookie, the `next` parameter, and how a page is sent.
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { DomainError } from '../../../platform/errors.ts';
import { type AjvIssue, validationFields } from '../../../platform/http/error-handler.ts';
import type { AppContext } from '../../../platform/module.ts';
import { translator } from '../../../web/i18n/index.ts';
import { sendPage, type ViewContext } from '../../../web/view.ts';
import { findByPhone } from '../accounts.ts';
import { checkPasswordPolicy } from '../passwords.ts';
import { SESSION_COOKIE } from '../sessions.ts';
import { type CodePurpose, sendCode } from '../sms-codes.ts';
import { mobileError, normalisePhone } from '../validators.ts';

export type Values = Record<string, string | undefined>;
export type Errors = Record<string, string>;

/** Pages are Chinese; the account pages have no English version. */
export const t = translator('zh-CN');

/** An optional form field: a string with a length cap (browsers omit nothing, scripts may). */
export const opt = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

/** The two buttons of a form with a "发送验证码" step. */
export const actionField = Type.Optional(Type.Literal('send'));

/** A form with nothing but its CSRF token (a button). */
export const emptyBody = Type.Object({}, { additionalProperties: false });

export const LIMITS = {
  phone: 32,
  code: 16,
  password: 256,
  name: 50,
  orgName: 100,
  idNumber: 32,
  next: 1000,
} as const;

/** Problems the route schema found (attachValidation), as field → message. */
export function schemaErrors(request: FastifyRequest): Errors {
  const err = request.validationError as (Error & { validation?: AjvIssue[] }) | undefined;
  if (!err) return {};
  return validationFields(err.validation ?? [{ keyword: 'other' }], request);
}

/** The submitted string fields (a field that is not a string is treated as absent). */
export function valuesOf(body: unknown): Values {
  const out: Values = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}

/** The values to show again in a re-rendered form: never a password. */
export function keepable(values: Values): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries(values)) if (!/password/.test(k)) out[k] = v;
  return out;
}

export function sendAccountPage(
  request: FastifyRequest,
  reply: FastifyReply,
  // biome-ignore lint/suspicious/noExplicitAny: any page component
  page: (view: ViewContext) => VNode<any>,
  status = 200,
): FastifyReply {
  // Forms carry a CSRF token and the account pages personal data: never cache.
  reply.header('cache-control', 'no-store');
  return sendPage(request, reply, page, status);
}

/** Normalised phone, or the message to show next to the field. */
export function checkPhone(raw: string | undefined): { phone: string; error?: string } {
  const phone = normalisePhone(raw ?? '');
  if (!phone) return { phone, error: t('account.error.phoneRequired') };
  const error = mobileError(phone);
  return error ? { phone, error } : { phone };
}

export function checkCode(raw: string | undefined): { code: string; error?: string } {
  const code = (raw ?? '').normalize('NFKC').replace(/\s+/g, '');
  return /^\d{6}$/.test(code) ? { code } : { code, error: t('account.error.codeFormat') };
}

/** New password + confirmation: policy problems and mismatch, keyed by the form's field names. */
export function checkNewPassword(
  password: string | undefined,
  confirm: string | undefined,
  accountName: string,
  errors: Errors,
  names = { password: 'password', confirm: 'password_confirm' },
): void {
  if (!password) {
    errors[names.password] = t('account.error.passwordRequired');
    return;
  }
  const problems = checkPasswordPolicy(password, { accountName });
  if (problems.length > 0) errors[names.password] = problems.join('；');
  else if (password !== confirm) errors[names.confirm] = t('account.error.confirmMismatch');
}

export function sessionCookieOptions(request: FastifyRequest) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
  };
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string) {
  // Not signed: the token is 32 random bytes and only its hash is stored.
  reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(request));
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(request));
}

/** A backslash, whitespace or a control character anywhere in the value. */
function hasUnsafeChar(raw: string): boolean {
  if (/[\\\s]/.test(raw)) return true;
  for (const ch of raw) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/**
 * A `next` target that stays on this site: a path starting with exactly one
 * '/', no backslash (browsers read '/\evil' as '//evil'), no control
 * characters or whitespace (browsers drop tabs and newlines, so '/\t/evil'
 * would become '//evil'). Anything else is ignored.
 */
export function safeNext(raw: string | undefined): string | undefined {
  if (!raw || raw.length > 500) return undefined;
  if (!raw.startsWith('/') || raw.startsWith('//')) return undefined;
  if (hasUnsafeChar(raw)) return undefined;
  return raw;
}

/**
 * Send an SMS code. With `onlyIfAccount`, a code goes out only when the phone
 * belongs to an active public account, and the caller cannot tell the
 * difference: the answer is the same, including when sending is throttled
 * (a throttle seen only for registered numbers would reveal them).
 * Returns a rate-limit message for callers that may show it.
 */
export async function sendCodeFor(
  ctx: AppContext,
  phone: string,
  purpose: CodePurpose,
  ip: string,
  onlyIfAccount: boolean,
): Promise<string | undefined> {
  try {
    if (onlyIfAccount) {
      const account = await findByPhone(ctx, phone);
      if (!account || account.kind === 'staff' || account.status !== 'active') return undefined;
      await sendCode(ctx, phone, purpose, ip);
      return undefined;
    }
    await sendCode(ctx, phone, purpose, ip);
    return undefined;
  } catch (err) {
    if (err instanceof DomainError && err.code === 'rate_limited')
      return onlyIfAccount ? undefined : err.message;
    throw err;
  }
}
