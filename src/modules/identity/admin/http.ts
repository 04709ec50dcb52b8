// Small pieces every back-office route uses: the session cookie, the `next`
// redirect target, the signed-in user, schema problems as Chinese field
// messages, flash keys and times shown in Beijing time.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatShanghai } from '../../../platform/clock.ts';
import { DomainError, notFound } from '../../../platform/errors.ts';
import { type MessageKey, translator } from '../../../web/i18n/index.ts';
import type { Actor } from '../audit-events.ts';
import type { Auth } from '../guard.ts';
import { SESSION_COOKIE } from '../sessions.ts';

const cookieOptions = (request: FastifyRequest) => ({
  httpOnly: true,
  sameSite: 'lax' as const,
  path: '/',
  secure: request.protocol === 'https',
});

/** A browser-session cookie: no Max-Age, the server enforces idle and absolute timeouts. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(request));
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
}

/**
 * A same-site path to continue to after sign-in, or undefined. Refuses anything a
 * browser could read as another origin: '//host', '/\host', schemes, control characters.
 */
export function safeNext(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > 500) return undefined;
  if (!value.startsWith('/') || value.startsWith('//')) return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return undefined;
  return value;
}

/** `path` with ?next=… when there is a next target. */
export function withNext(path: string, next: string | undefined): string {
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}

export function nextOf(request: FastifyRequest): string | undefined {
  return safeNext((request.query as { next?: unknown } | undefined)?.next);
}

/** The signed-in staff member; the guard put it there before any handler runs. */
export function authOf(request: FastifyRequest): Auth {
  if (!request.auth)
    throw new DomainError('unauthenticated', translator('zh-CN')('error.401.title'));
  return request.auth;
}

export function actorFor(request: FastifyRequest): Actor & { id: string } {
  const { account } = authOf(request);
  return { id: account.id, name: account.username ?? account.display_name, ip: request.ip };
}

type AjvIssue = { instancePath?: string; keyword: string; params?: Record<string, unknown> };

const KNOWN = new Set(['required', 'maxLength', 'minLength', 'pattern', 'format', 'type', 'enum']);
const ENUM_LIKE = new Set(['const', 'anyOf', 'enum']);

/**
 * Problems with the submitted form, keyed by field, in Chinese; undefined when it
 * was valid. A bad path parameter means no such object (404).
 */
export function formErrors(request: FastifyRequest): Record<string, string> | undefined {
  const err = request.validationError;
  if (!err) return undefined;
  if (err.validationContext === 'params') throw notFound();
  const t = translator('zh-CN');
  const fields: Record<string, string> = {};
  for (const issue of (err.validation ?? []) as AjvIssue[]) {
    const params = issue.params ?? {};
    let field = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    if (issue.keyword === 'required') field = String(params.missingProperty ?? field);
    if (issue.keyword === 'additionalProperties') field = String(params.additionalProperty);
    let key: MessageKey = 'validation.other';
    if (issue.keyword === 'additionalProperties') key = 'validation.additionalProperties';
    else if (issue.keyword === 'minLength' && params.limit === 1) key = 'validation.required';
    else if (ENUM_LIKE.has(issue.keyword)) key = 'validation.enum';
    else if (KNOWN.has(issue.keyword)) key = `validation.${issue.keyword}` as MessageKey;
    fields[field || '_form'] ??= t(key, { limit: String(params.limit ?? ''), field });
  }
  return fields;
}

/** Flash messages shown after a redirect: only these fixed keys, never text from the URL. */
export const FLASH = {
  saved: 'admin.flash.saved',
  created: 'admin.flash.created',
  password: 'admin.flash.password',
  disabled: 'admin.flash.disabled',
  enabled: 'admin.flash.enabled',
  granted: 'admin.flash.granted',
  revoked: 'admin.flash.revoked',
  unlocked: 'admin.flash.unlocked',
  session: 'admin.flash.session',
  retried: 'admin.flash.retried',
} as const satisfies Record<string, MessageKey>;

export type FlashKey = keyof typeof FLASH;

export function flashOf(request: FastifyRequest): MessageKey | undefined {
  const ok = (request.query as { ok?: unknown } | undefined)?.ok;
  return typeof ok === 'string' && Object.hasOwn(FLASH, ok) ? FLASH[ok as FlashKey] : undefined;
}

/** An ISO UTC time as Beijing time, 'YYYY-MM-DD HH:mm:ss' (China has no daylight saving). */
export function beijingTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return formatShanghai(iso, 'second') || iso;
}

/** A Beijing calendar date 'YYYY-MM-DD' as the UTC instant its day starts, plus `days`. */
export function beijingDayStart(date: string, days = 0): string {
  const ms = Date.parse(`${date}T00:00:00+08:00`) + days * 86_400_000;
  return new Date(ms).toISOString();
}

/** What the page frame needs to know about the signed-in user. */
export function meOf(request: FastifyRequest): { name: string; grants: Auth['grants'] } {
  const { account, grants } = authOf(request);
  return { name: account.display_name, grants };
}

/** For forms that are only a button: anything unexpected in them refuses the action (400). */
export function requireValid(request: FastifyRequest): void {
  const errors = formErrors(request);
  if (errors) throw new DomainError('bad_request', translator('zh-CN')('error.validation'), errors);
}
