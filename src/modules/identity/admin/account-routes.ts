// The signed-in staff member's own account: GET/POST /admin/password and
// GET /admin/account/sessions with POST …/revoke (own sessions only).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { DomainError } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import { translator } from '../../../web/i18n/index.ts';
import { sendPage } from '../../../web/view.ts';
import { setPassword } from '../accounts.ts';
import { audit } from '../audit-events.ts';
import { verifyPassword } from '../passwords.ts';
import { hashToken, listSessions, revokeSession } from '../sessions.ts';
import { clearThrottle, pairKey, reserveAttempt } from '../throttle.ts';
import { actorFor, authOf, clearSessionCookie, flashOf, formErrors, meOf } from './http.ts';
import { PasswordPage } from './password-page.tsx';
import { FlashQuery, PasswordBody, SessionBody } from './schemas.ts';
import { SessionsPage } from './session-pages.tsx';

const zh = translator('zh-CN');

export function accountRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const access = { access: 'staff' as const };

  function render(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    problems: { message?: string; errors?: Record<string, string> } = {},
  ) {
    const mustChange = authOf(request).account.must_change_password === 1;
    return sendPage(
      request,
      reply,
      (view) => h(PasswordPage, { view, me: meOf(request), mustChange, ...problems }),
      status,
    );
  }

  r.get('/admin/password', { config: access }, (request, reply) => render(request, reply, 200));

  r.post(
    '/admin/password',
    { config: access, schema: { body: PasswordBody }, attachValidation: true },
    async (request, reply) => {
      const errors = formErrors(request);
      if (errors) return render(request, reply, 400, { errors });
      const { account, token } = authOf(request);
      const { current, password, confirm } = request.body;
      // Guessing the current password from a stolen session is throttled like sign-in.
      const key = pairKey(account.username ?? account.id, request.ip);
      const state = await reserveAttempt(ctx, [key]);
      if (!state.allowed) {
        reply.header('retry-after', String(state.retryAfter));
        return render(request, reply, 429, { message: zh('error.429.body') });
      }
      if (!account.password_hash || !(await verifyPassword(account.password_hash, current))) {
        await audit(ctx, ctx.db.kysely, {
          actor: actorFor(request),
          action: 'user.password_change',
          targetType: 'account',
          targetId: account.id,
          outcome: 'failure',
          detail: { reason: 'wrong_current_password' },
        });
        return render(request, reply, 400, {
          errors: { current: zh('admin.password.wrongCurrent') },
        });
      }
      await clearThrottle(ctx, key);
      if (password !== confirm)
        return render(request, reply, 400, { errors: { confirm: zh('admin.password.mismatch') } });
      if (password === current)
        return render(request, reply, 400, { errors: { password: zh('admin.password.same') } });
      try {
        await setPassword(ctx, account, password, actorFor(request), {
          keepSession: hashToken(token),
        });
      } catch (err) {
        if (err instanceof DomainError && err.fields)
          return render(request, reply, 400, { errors: err.fields });
        throw err;
      }
      return reply.redirect('/admin?ok=password', 303);
    },
  );

  r.get(
    '/admin/account/sessions',
    { config: access, schema: { querystring: FlashQuery } },
    async (request, reply) => {
      const { account, token } = authOf(request);
      const sessions = await listSessions(ctx, account.id);
      return sendPage(request, reply, (view) =>
        h(SessionsPage, {
          view,
          me: meOf(request),
          sessions,
          mine: true,
          currentHash: hashToken(token),
          flash: flashOf(request),
        }),
      );
    },
  );

  r.post(
    '/admin/account/sessions/revoke',
    { config: access, schema: { body: SessionBody }, attachValidation: true },
    async (request, reply) => {
      if (formErrors(request)) return reply.redirect('/admin/account/sessions', 303);
      const { account, token } = authOf(request);
      const id = request.body.id;
      // Only one of my own sessions: someone else's id is simply not found.
      const mine = (await listSessions(ctx, account.id)).some((s) => s.id_hash === id);
      if (mine && (await revokeSession(ctx, id))) {
        await audit(ctx, ctx.db.kysely, {
          actor: actorFor(request),
          action: 'session.revoke',
          targetType: 'account',
          targetId: account.id,
          outcome: 'success',
          detail: { own: true },
        });
      }
      if (id === hashToken(token)) {
        clearSessionCookie(request, reply);
        return reply.redirect('/admin/login', 303);
      }
      return reply.redirect('/admin/account/sessions?ok=session', 303);
    },
  );
}
