// The 差评 follow-ups of the departments a handler works for:
//   GET  /admin/applications/followups            the list
//   GET  /admin/applications/followups/:id        one task
//   POST /admin/applications/followups/:id/respond    整改反馈
//   POST /admin/applications/followups/:id/callback   回访
// Another department's task is "not found".
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { DomainError, notFound } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import { sendPage } from '../../../web/view.ts';
import { actorFor, authOf, formErrors, meOf } from '../../identity/admin/http.ts';
import { advanceFollowup, REASONS } from '../evaluation.ts';
import { type CaseActor, handles } from '../handling.ts';
import { evaluationOf, getApplication, listFollowups } from '../queries.ts';
import { FollowupPage, FollowupsPage } from './followup-pages.tsx';
import { orgsFor } from './scope.ts';

const handle = { access: { permission: 'case.handle' as const, anyScope: true } };
const IdParams = Type.Object(
  { id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
const ListQuery = Type.Object(
  { ok: Type.Optional(Type.String({ maxLength: 12 })) },
  { additionalProperties: false },
);
const FollowupBody = Type.Object(
  {
    response: Type.Optional(Type.String({ maxLength: 4000 })),
    callback_note: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);
const FLASH: Record<string, string> = {
  respond: '整改反馈已提交。',
  callback: '回访已记录，整改任务完成。',
};

function caseActor(request: FastifyRequest): CaseActor {
  return { ...actorFor(request), grants: authOf(request).grants };
}

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

export function followupRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(
    '/admin/applications/followups',
    { config: handle, schema: { querystring: ListQuery }, attachValidation: true },
    async (request, reply) => {
      const rows = await listFollowups(
        ctx,
        await orgsFor(ctx, authOf(request).grants, 'case.handle'),
      );
      const ok = (request.query as { ok?: string }).ok;
      reply.header('cache-control', 'no-store');
      return sendPage(request, reply, (view) =>
        h(FollowupsPage, { view, me: meOf(request), rows, flash: ok ? FLASH[ok] : undefined }),
      );
    },
  );

  async function showFollowup(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    errors: Record<string, string> = {},
    status = 200,
  ) {
    const followup = await ctx.db.kysely
      .selectFrom('application_followup')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!followup || !handles(authOf(request).grants, followup)) throw notFound('整改任务不存在');
    const row = (await getApplication(ctx, followup.application_id))!;
    const evaluation = await evaluationOf(ctx, row.id);
    const reasons = (JSON.parse(evaluation?.reasons ?? '[]') as string[]).map(
      (r) => REASONS[r as keyof typeof REASONS] ?? r,
    );
    reply.header('cache-control', 'no-store');
    return sendPage(
      request,
      reply,
      (view) =>
        h(FollowupPage, {
          view,
          me: meOf(request),
          followup,
          app: row,
          comment: evaluation?.comment ?? null,
          reasons,
          errors,
        }),
      status,
    );
  }

  app.get(
    '/admin/applications/followups/:id',
    { config: handle, schema: { params: IdParams }, attachValidation: true },
    async (request: IdRequest, reply) => {
      formErrors(request);
      return showFollowup(request, reply, request.params.id);
    },
  );

  for (const step of ['respond', 'callback'] as const) {
    app.post(
      `/admin/applications/followups/:id/${step}`,
      { config: handle, schema: { params: IdParams, body: FollowupBody }, attachValidation: true },
      async (
        request: FastifyRequest<{
          Params: { id: string };
          Body: { response?: string; callback_note?: string };
        }>,
        reply,
      ) => {
        formErrors(request);
        const text =
          (step === 'respond' ? request.body?.response : request.body?.callback_note) ?? '';
        try {
          await advanceFollowup(ctx, step, {
            followupId: request.params.id,
            actor: caseActor(request),
            text,
          });
        } catch (err) {
          if (err instanceof DomainError && err.status === 400)
            return showFollowup(request, reply, request.params.id, err.fields ?? {}, 400);
          throw err;
        }
        return reply.redirect(`/admin/applications/followups?ok=${step}`, 303);
      },
    );
  }
}
