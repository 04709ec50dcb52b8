// GET/POST /admin/login (password), GET/POST /admin/login/totp (second factor),
// POST /admin/logout. A wrong password is 401 with one message whatever was
// wrong; too many attempts are 429 with Retry-After; success replaces any old
// session cookie, and passing the second factor rotates the session again.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { DomainError } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import { translator } from '../../../web/i18n/index.ts';
import { sendPage } from '../../../web/view.ts';
import { audit } from '../audit-events.ts';
import { staffPasswordLogin, staffSecondFactor } from '../auth.ts';
import { actorOf, clientOf } from '../guard.ts';
import { hashToken, revokeSession, rotateSession, SESSION_COOKIE } from '../sessions.ts';
import {
  authOf,
  clearSessionCookie,
  formErrors,
  nextOf,
  setSessionCookie,
  withNext,
} from './http.ts';
import { LoginPage, TotpPage } from './login-pages.tsx';
import { CodeBody, EmptyBody, LoginBody, NextQuery } from './schemas.ts';

const zh = translator('zh-CN');

interface Problems {
  message?: string;
  errors?: Record<string, string>;
}

/** 429 with Retry-After for a throttled sign-in; other errors are rethrown. */
function throttledOr(err: unknown, reply: FastifyReply): string | undefined {
  if (!(err instanceof DomainError)) throw err;
  if (err.code === 'rate_limited') {
    const retryAfter = (err as DomainError & { retryAfter?: number }).retryAfter ?? 60;
    reply.header('retry-after', String(retryAfter));
    return err.message;
  }
  if (err.code === 'unauthenticated') return undefined;
  throw err;
}

const textField = (body: unknown, name: string) => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, 64) : undefined;
};

export function loginRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/admin/login',
    { config: { access: 'public' }, schema: { querystring: NextQuery }, attachValidation: true },
    (request, reply) =>
      sendPage(request, reply, (view) => h(LoginPage, { view, next: nextOf(request) })),
  );

  r.post(
    '/admin/login',
    {
      config: { access: 'public' },
      schema: { body: LoginBody, querystring: NextQuery },
      attachValidation: true,
    },
    async (request, reply) => {
      const next = nextOf(request);
      const username = textField(request.body, 'username');
      const render = (status: number, props: Problems) =>
        sendPage(
          request,
          reply,
          (view) => h(LoginPage, { view, next, username, ...props }),
          status,
        );
      const errors = formErrors(request);
      if (errors) return render(400, { errors });
      try {
        const result = await staffPasswordLogin(
          ctx,
          request.body.username,
          request.body.password,
          clientOf(request),
        );
        // Whatever session this browser had ends here: a new sign-in gets a new token.
        const old = request.cookies[SESSION_COOKIE];
        if (old) await revokeSession(ctx, hashToken(old));
        setSessionCookie(request, reply, result.token);
        const step = result.next === 'totp' ? '/admin/login/totp' : '/admin/mfa';
        return reply.redirect(withNext(step, next), 303);
      } catch (err) {
        const throttled = throttledOr(err, reply);
        if (throttled) return render(429, { message: throttled });
        return render(401, { message: (err as Error).message });
      }
    },
  );

  /** Where a session that already passed the second factor goes instead. */
  function alreadyDone(request: FastifyRequest, reply: FastifyReply) {
    const { session, account } = authOf(request);
    const next = nextOf(request);
    if (session.mfa === 1) return reply.redirect(next ?? '/admin', 303);
    if (!account.totp_enabled_at) return reply.redirect(withNext('/admin/mfa', next), 303);
    return undefined;
  }

  r.get(
    '/admin/login/totp',
    {
      config: { access: 'staff-pending' },
      schema: { querystring: NextQuery },
      attachValidation: true,
    },
    (request, reply) =>
      alreadyDone(request, reply) ??
      sendPage(request, reply, (view) => h(TotpPage, { view, next: nextOf(request) })),
  );

  r.post(
    '/admin/login/totp',
    {
      config: { access: 'staff-pending' },
      schema: { body: CodeBody, querystring: NextQuery },
      attachValidation: true,
    },
    async (request, reply) => {
      const done = alreadyDone(request, reply);
      if (done) return done;
      const next = nextOf(request);
      const render = (status: number, props: Problems) =>
        sendPage(request, reply, (view) => h(TotpPage, { view, next, ...props }), status);
      const errors = formErrors(request);
      if (errors) return render(400, { errors });
      const auth = authOf(request);
      try {
        const account = await staffSecondFactor(
          ctx,
          auth.account.id,
          request.body.code,
          clientOf(request),
        );
        const token = await rotateSession(ctx, auth.token, account, clientOf(request), true);
        setSessionCookie(request, reply, token);
        return reply.redirect(next ?? '/admin', 303);
      } catch (err) {
        const throttled = throttledOr(err, reply);
        if (throttled) return render(429, { message: throttled });
        return render(401, { errors: { code: zh('admin.totp.wrong') } });
      }
    },
  );

  r.post(
    '/admin/logout',
    { config: { access: 'staff-pending' }, schema: { body: EmptyBody }, attachValidation: true },
    async (request, reply) => {
      // Signing out is always allowed, whatever else the form carried.
      const auth = authOf(request);
      await revokeSession(ctx, hashToken(auth.token));
      await audit(ctx, ctx.db.kysely, {
        actor: actorOf(request),
        action: 'auth.logout',
        outcome: 'success',
      });
      clearSessionCookie(request, reply);
      return reply.redirect('/admin/login', 303);
    },
  );
}
