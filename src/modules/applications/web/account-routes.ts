// The applicant's own applications (signed-in members only):
//   GET  /account/applications                       我的办件
//   GET  /account/applications/:id                   one application (a bundle shows its parts)
//   POST /account/applications/:id/supply            补正 materials (multipart)
//   POST /account/applications/:id/rate              好差评
//   GET  /account/applications/:id/files/:fileId     a material of the application
//   GET  /account/applications/:id/decision          the decision document
// Someone else's application is "not found", whatever its id.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { DomainError, notFound } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import { translator } from '../../../web/i18n/index.ts';
import { sendPage } from '../../../web/view.ts';
import { formErrors } from '../../identity/admin/http.ts';
import { evaluate } from '../evaluation.ts';
import { historyOf } from '../events.ts';
import { transition } from '../handling.ts';
import { isDecided } from '../lifecycle.ts';
import { evaluationOf, filesOf, getApplication, listOwn, partsOf } from '../queries.ts';
import type { ApplicationRow } from '../tables.ts';
import { type CaseView, MyApplicationPage, MyApplicationsPage } from './account-pages.tsx';
import { applicantOf } from './apply-routes.ts';
import { portalFrame } from './chrome.tsx';
import { sendStoredFile } from './files.ts';
import { receiveForm } from './multipart.ts';

const member = { access: 'member' as const };
const IdParams = Type.Object(
  { id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
const FileParams = Type.Object(
  { id: Type.String({ format: 'uuid' }), fileId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
const DetailQuery = Type.Object({ ok: Type.Optional(Type.String({ maxLength: 12 })) });
const RateBody = Type.Object(
  {
    grade: Type.Optional(Type.String({ maxLength: 2 })),
    reasons: Type.Optional(
      Type.Union([
        Type.String({ maxLength: 20 }),
        Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10 }),
      ]),
    ),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

const FLASH: Record<string, string> = {
  supplied: '补正材料已提交，办理时限恢复计算。',
  rated: '感谢您的评价。',
};

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

export function accountRoutes(app: FastifyInstance, ctx: AppContext): void {
  const t = translator('zh-CN');

  async function own(request: FastifyRequest, id: string): Promise<ApplicationRow> {
    const applicant = applicantOf(ctx, request);
    const row = await getApplication(ctx, id);
    if (!row || row.applicant_id !== applicant.id) throw notFound('办件不存在');
    return row;
  }

  async function showCase(
    request: FastifyRequest,
    reply: FastifyReply,
    root: ApplicationRow,
    errors: Record<string, string> = {},
    status = 200,
  ) {
    const rows = root.kind === 'bundle' ? await partsOf(ctx, root.id) : [root];
    const events = await historyOf(ctx, [root.id, ...rows.map((r) => r.id)]);
    const cases: CaseView[] = [];
    for (const app of rows) {
      const evaluation = await evaluationOf(ctx, app.id);
      cases.push({
        app,
        events: events.filter((e) => e.application_id === app.id),
        files: await filesOf(ctx, app.id),
        evaluation,
        canSupply: app.status === 'supplement',
        canRate: isDecided(app.status) && !evaluation,
      });
    }
    const ok = (request.query as { ok?: string } | undefined)?.ok;
    const flash =
      ok === 'submitted'
        ? t('applications.detail.submitted', { no: root.tracking_no ?? '' })
        : ok
          ? FLASH[ok]
          : undefined;
    const frame = await portalFrame(ctx);
    reply.header('cache-control', 'no-store');
    return sendPage(
      request,
      reply,
      (view) => h(MyApplicationPage, { view, frame, root, cases, errors, flash }),
      status,
    );
  }

  app.get('/account/applications', { config: member }, async (request, reply) => {
    const applicant = applicantOf(ctx, request);
    const entries = await listOwn(ctx, applicant.id);
    const frame = await portalFrame(ctx);
    reply.header('cache-control', 'no-store');
    return sendPage(request, reply, (view) => h(MyApplicationsPage, { view, frame, entries }));
  });

  app.get(
    '/account/applications/:id',
    {
      config: member,
      schema: { params: IdParams, querystring: DetailQuery },
      attachValidation: true,
    },
    async (request: IdRequest, reply) => {
      formErrors(request);
      return showCase(request, reply, await own(request, request.params.id));
    },
  );

  app.post(
    '/account/applications/:id/supply',
    { config: { ...member, csrf: false }, schema: { params: IdParams }, attachValidation: true },
    async (request: IdRequest, reply) => {
      formErrors(request);
      const row = await own(request, request.params.id);
      const form = await receiveForm(app, ctx, request, reply, ['files']);
      if (form.fileStatus)
        return showCase(
          request,
          reply,
          row,
          { files: Object.values(form.fileErrors).join('；') },
          form.fileStatus,
        );
      if (Object.keys(form.fields).length > 0)
        return showCase(request, reply, row, { files: '表单含有不允许的字段' }, 400);
      const applicant = applicantOf(ctx, request);
      try {
        await transition(ctx, {
          applicationId: row.id,
          action: 'supply',
          actor: { id: applicant.id, name: applicant.name, ip: request.ip, grants: [] },
          files: form.files.map((f) => ({ ...f, material: 'supplement' })),
        });
      } catch (err) {
        if (err instanceof DomainError && err.status === 400)
          return showCase(request, reply, row, err.fields ?? { files: err.message }, 400);
        throw err;
      }
      return reply.redirect(`/account/applications/${row.id}?ok=supplied`, 303);
    },
  );

  app.post(
    '/account/applications/:id/rate',
    { config: member, schema: { params: IdParams, body: RateBody }, attachValidation: true },
    async (
      request: FastifyRequest<{
        Params: { id: string };
        Body: { grade?: string; reasons?: string | string[]; comment?: string };
      }>,
      reply,
    ) => {
      const invalid = formErrors(request);
      const row = await own(request, request.params.id);
      if (invalid) return showCase(request, reply, row, invalid, 400);
      const applicant = applicantOf(ctx, request);
      const body = request.body;
      const reasons =
        body.reasons === undefined
          ? []
          : Array.isArray(body.reasons)
            ? body.reasons
            : [body.reasons];
      try {
        await evaluate(ctx, {
          applicationId: row.id,
          actor: { id: applicant.id, name: applicant.name, ip: request.ip, grants: [] },
          grade: /^[1-5]$/.test(body.grade ?? '') ? Number(body.grade) : 0,
          reasons,
          comment: body.comment,
        });
      } catch (err) {
        if (err instanceof DomainError && err.status === 400)
          return showCase(request, reply, row, err.fields ?? { grade: err.message }, 400);
        throw err;
      }
      return reply.redirect(`/account/applications/${row.id}?ok=rated`, 303);
    },
  );

  app.get(
    '/account/applications/:id/files/:fileId',
    { config: member, schema: { params: FileParams }, attachValidation: true },
    async (request: FastifyRequest<{ Params: { id: string; fileId: string } }>, reply) => {
      formErrors(request);
      const row = await own(request, request.params.id);
      const file = (await filesOf(ctx, row.id)).find((f) => f.id === request.params.fileId);
      if (!file) throw notFound('文件不存在');
      return sendStoredFile(ctx, reply, file.sha256, file.name);
    },
  );

  app.get(
    '/account/applications/:id/decision',
    { config: member, schema: { params: IdParams }, attachValidation: true },
    async (request: IdRequest, reply) => {
      formErrors(request);
      const row = await own(request, request.params.id);
      return sendStoredFile(ctx, reply, row.decision_file, row.decision_file_name);
    },
  );
}
