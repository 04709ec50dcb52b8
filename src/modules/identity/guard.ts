// Access control for routes. Every route under /admin/ and /account/ must say
// what it needs in `config.access` (start-up fails otherwise); the check runs
// before the handler and denies by default. Public pages declare nothing and
// never touch the session table.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, forbidden } from '../../platform/errors.ts';
import { wantsJson } from '../../platform/http/error-handler.ts';
import type { AppContext } from '../../platform/module.ts';
import { grantsOf } from './accounts.ts';
import { audit } from './audit-events.ts';
import { can, canSomewhere, type Grant, type Permission } from './permissions.ts';
import { resolveSession, SESSION_COOKIE } from './sessions.ts';
import type { AccountRow, SessionRow } from './tables.ts';

export type Access =
  | 'public'
  /** A signed-in citizen or enterprise. */
  | 'member'
  /** Staff who passed the password but not yet the second factor (sign-in and enrolment pages). */
  | 'staff-pending'
  /** Staff with a complete sign-in and no particular permission. */
  | 'staff'
  | {
      /** One permission, or a list of which any one is enough. */
      permission: Permission | readonly Permission[];
      scope?: (request: FastifyRequest) => string;
      /** Enough to hold the permission in any scope (the handler narrows to the object). */
      anyScope?: boolean;
    };

export interface Auth {
  token: string;
  session: SessionRow;
  account: AccountRow;
  grants: Grant[];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    auth?: Auth;
  }
}

const GUARDED_PREFIXES = ['/admin', '/account'];
const isGuardedPath = (url: string) =>
  GUARDED_PREFIXES.some((p) => url === p || url.startsWith(`${p}/`));

export function clientOf(request: FastifyRequest) {
  return { ip: request.ip, userAgent: String(request.headers['user-agent'] ?? '') };
}

export function actorOf(request: FastifyRequest) {
  const a = request.auth?.account;
  return {
    id: a?.id ?? null,
    name: a ? (a.username ?? a.display_name) : 'anonymous',
    ip: request.ip,
  };
}

function signInPath(request: FastifyRequest, staff: boolean): string {
  const next = encodeURIComponent(request.url.slice(0, 500));
  return staff ? `/admin/login?next=${next}` : `/account/login?next=${next}`;
}

async function loadAuth(ctx: AppContext, request: FastifyRequest): Promise<Auth | undefined> {
  const token = request.cookies[SESSION_COOKIE];
  const resolved = await resolveSession(ctx, token);
  if (!resolved || !token) return undefined;
  const grants = resolved.account.kind === 'staff' ? await grantsOf(ctx, resolved.account.id) : [];
  return { token, ...resolved, grants };
}

async function deny(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  staff: boolean,
  reason: 'signin' | 'forbidden',
  detail?: string,
): Promise<FastifyReply> {
  if (reason === 'signin') {
    if (request.method === 'GET' && !wantsJson(request))
      return reply.redirect(signInPath(request, staff), 303);
    throw new DomainError('unauthenticated', '请先登录');
  }
  return refuse(ctx, request, detail);
}

/** Refuse with 403, recording the denied route (and what it needed) in the audit log. */
export async function refuse(
  ctx: AppContext,
  request: FastifyRequest,
  need?: string,
): Promise<never> {
  await audit(ctx, ctx.db.kysely, {
    actor: actorOf(request),
    action: 'authz.denied',
    targetType: 'route',
    targetId: `${request.method} ${request.routeOptions.url}`,
    outcome: 'denied',
    detail: need ? { need } : {},
  });
  throw forbidden();
}

export function permissionsOf(
  permission: Permission | readonly Permission[],
): readonly Permission[] {
  return typeof permission === 'string' ? [permission] : permission;
}

async function enforce(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  access: Access,
): Promise<FastifyReply | undefined> {
  if (access === 'public') return undefined;
  const auth = await loadAuth(ctx, request);
  request.auth = auth;
  const account = auth?.account;
  if (access === 'member') {
    if (!account || account.kind === 'staff') return deny(ctx, request, reply, false, 'signin');
    return undefined;
  }
  if (!auth || !account || account.kind !== 'staff')
    return deny(ctx, request, reply, true, 'signin');
  if (access === 'staff-pending') return undefined;
  // Every staff role publishes, approves, handles personal data or administers,
  // so every staff sign-in ends with the second factor.
  if (auth.session.mfa !== 1)
    return reply.redirect(account.totp_enabled_at ? '/admin/login/totp' : '/admin/mfa', 303);
  if (account.must_change_password === 1 && request.routeOptions.url !== '/admin/password') {
    return reply.redirect('/admin/password', 303);
  }
  if (access === 'staff') return undefined;
  const scope = access.anyScope ? '*' : access.scope ? access.scope(request) : 'global';
  const needed = permissionsOf(access.permission);
  const allowed = needed.some((p) =>
    access.anyScope ? canSomewhere(auth.grants, p) : can(auth.grants, p, scope),
  );
  if (!allowed) return deny(ctx, request, reply, true, 'forbidden', `${needed.join('|')}@${scope}`);
  return undefined;
}

/** Install the route check; call before any module registers /admin or /account routes. */
export function installGuard(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onRoute', (route) => {
    const path = route.url ?? route.path;
    if (isGuardedPath(path) && route.config?.access === undefined) {
      throw new Error(`route ${route.method} ${path} must declare config.access`);
    }
  });
  app.addHook('preHandler', async (request, reply) => {
    const access = request.routeOptions.config?.access;
    if (access === undefined) return;
    const sent = await enforce(ctx, request, reply, access);
    if (sent) return sent;
  });
}
