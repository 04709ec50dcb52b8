// Every live session ('session.revoke_any'): GET /admin/sessions lists them
// with their owners, POST /admin/sessions/revoke ends any one of them.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import type { AppContext } from '../../../platform/module.ts';
import { sendPage } from '../../../web/view.ts';
import { audit } from '../audit-events.ts';
import { hashToken, listSessions, revokeSession } from '../sessions.ts';
import { actorFor, authOf, clearSessionCookie, flashOf, formErrors, meOf } from './http.ts';
import { FlashQuery, SessionBody } from './schemas.ts';
import { SessionsPage } from './session-pages.tsx';

const access = { access: { permission: 'session.revoke_any' as const } };

export function sessionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/admin/sessions',
    { config: access, schema: { querystring: FlashQuery }, attachValidation: true },
    async (request, reply) => {
      const sessions = await listSessions(ctx);
      const ids = [...new Set(sessions.map((s) => s.account_id))];
      const accounts =
        ids.length === 0
          ? []
          : await ctx.db.kysely
              .selectFrom('account')
              .select(['id', 'username', 'display_name'])
              .where('id', 'in', ids)
              .execute();
      const names = new Map(
        accounts.map((a) => [
          a.id,
          a.username ? `${a.display_name}（${a.username}）` : a.display_name,
        ]),
      );
      return sendPage(request, reply, (view) =>
        h(SessionsPage, {
          view,
          me: meOf(request),
          sessions: sessions.map((s) => ({ ...s, accountName: names.get(s.account_id) ?? '?' })),
          mine: false,
          currentHash: hashToken(authOf(request).token),
          flash: flashOf(request),
        }),
      );
    },
  );

  r.post(
    '/admin/sessions/revoke',
    { config: access, schema: { body: SessionBody }, attachValidation: true },
    async (request, reply) => {
      if (formErrors(request)) return reply.redirect('/admin/sessions', 303);
      const id = request.body.id;
      const row = await ctx.db.kysely
        .selectFrom('session')
        .select('account_id')
        .where('id_hash', '=', id)
        .executeTakeFirst();
      if (row && (await revokeSession(ctx, id))) {
        await audit(ctx, ctx.db.kysely, {
          actor: actorFor(request),
          action: 'session.revoke',
          targetType: 'account',
          targetId: row.account_id,
          outcome: 'success',
        });
      }
      if (id === hashToken(authOf(request).token)) {
        clearSessionCookie(request, reply);
        return reply.redirect('/admin/login', 303);
      }
      return reply.redirect('/admin/sessions?ok=session', 303);
    },
  );
}
