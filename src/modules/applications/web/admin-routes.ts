// The handling workspace (department staff with case.handle in their department):
//   GET  /admin/applications                         the queue, with filters
//   GET  /admin/applications/:id                     one case (reading it is audited)
//   POST /admin/applications/:id/act                 accept, refuse, ask for 补正, close
//   POST /admin/applications/:id/decide              approve or reject (multipart: decision document)
//   GET  /admin/applications/:id/files/:fileId       a material
//   GET  /admin/applications/overdue                 supervisors (case.supervise): overdue per department
//   GET  /admin/applications/followups[/:id]         差评 follow-ups; POST …/respond, …/callback
// Another department's case is "not found" (404), never "forbidden", so ids cannot be probed.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { DomainError, notFound } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import { sendPage } from '../../../web/view.ts';
import { actorFor, authOf, formErrors, meOf } from '../../identity/admin/http.ts';
import { audit } from '../../identity/audit-events.ts';
import { listOrganisations } from '../../identity/organisations.ts';
import { daysLeft, urgencyOf } from '../deadline.ts';
import { historyOf } from '../events.ts';
import { findForm } from '../forms.ts';
import { type CaseActor, handles, transition } from '../handling.ts';
import { type Action, availableActions, isAction } from '../lifecycle.ts';
import { filesOf, getApplication, listQueue } from '../queries.ts';
import { decryptValues } from '../submission.ts';
import { APPLICATION_STATUSES, type ApplicationRow, type ApplicationStatus } from '../tables.ts';
import { CasePage, OverduePage, QueuePage } from './admin-pages.tsx';
import { sendStoredFile } from './files.ts';
import { receiveForm } from './multipart.ts';
import { orgsFor } from './scope.ts';

const handle = { access: { permission: 'case.handle' as const, anyScope: true } };
const supervise = { access: { permission: 'case.supervise' as const, anyScope: true } };
const IdParams = Type.Object(
  { id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
const FileParams = Type.Object(
  { id: Type.String({ format: 'uuid' }), fileId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
const opt = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const QueueQuery = Type.Object(
  { status: opt(16), service: opt(32), overdue: opt(1), q: opt(40), ok: opt(12) },
  { additionalProperties: false },
);
const ActBody = Type.Object(
  {
    action: Type.String({ maxLength: 32 }),
    note_refuse: opt(4000),
    note_request_supplement: opt(4000),
  },
  { additionalProperties: false },
);
const FLASH: Record<string, string> = {
  accept: '已受理，办理时限开始计算。',
  refuse: '已作出不予受理决定，并通知申请人。',
  request_supplement: '已一次性告知补正内容，办理时限暂停。',
  approve: '已作出准予决定，并通知申请人。',
  reject: '已作出不予准予决定，并通知申请人。',
  close: '已办结。',
};

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

function caseActor(request: FastifyRequest): CaseActor {
  return { ...actorFor(request), grants: authOf(request).grants };
}

export function adminRoutes(app: FastifyInstance, ctx: AppContext): void {
  const left = (a: ApplicationRow) => daysLeft(ctx.calendar, a, ctx.now());

  async function mine(request: FastifyRequest, id: string): Promise<ApplicationRow> {
    const row = await getApplication(ctx, id);
    if (!row || !handles(authOf(request).grants, row)) throw notFound('办件不存在');
    return row;
  }

  async function showCase(
    request: FastifyRequest,
    reply: FastifyReply,
    row: ApplicationRow,
    errors: Record<string, string> = {},
    status = 200,
  ) {
    const form = await findForm(ctx, row.service_code);
    const ok = (request.query as { ok?: string } | undefined)?.ok;
    // The form values are personal data: every reading by staff is on record.
    await audit(ctx, ctx.db.kysely, {
      actor: actorFor(request),
      action: 'application.view',
      targetType: 'application',
      targetId: row.id,
      outcome: 'success',
      detail: { trackingNo: row.tracking_no },
    });
    const props = {
      me: meOf(request),
      app: row,
      definition: form?.definition,
      values: decryptValues(ctx, row),
      files: await filesOf(ctx, row.id),
      events: await historyOf(ctx, [row.id]),
      actions: availableActions(row.status, 'handler'),
      urgency: urgencyOf(ctx.calendar, row, ctx.now()),
      errors,
      flash: ok ? FLASH[ok] : undefined,
    };
    reply.header('cache-control', 'no-store');
    return sendPage(request, reply, (view) => h(CasePage, { view, ...props }), status);
  }

  async function move(
    request: FastifyRequest,
    reply: FastifyReply,
    row: ApplicationRow,
    action: Action,
    note: string | undefined,
    files = [] as Parameters<typeof transition>[1]['files'],
  ) {
    try {
      await transition(ctx, {
        applicationId: row.id,
        action,
        actor: caseActor(request),
        note,
        files,
      });
    } catch (err) {
      if (err instanceof DomainError && err.status === 400) {
        const errors = Object.fromEntries(
          Object.entries(err.fields ?? { note: err.message }).map(([k, v]) => [
            k === 'note' ? `note_${action}` : k,
            v,
          ]),
        );
        return showCase(request, reply, row, errors, 400);
      }
      throw err;
    }
    return reply.redirect(`/admin/applications/${row.id}?ok=${action}`, 303);
  }

  app.get(
    '/admin/applications',
    { config: handle, schema: { querystring: QueueQuery }, attachValidation: true },
    async (request, reply) => {
      const filters = (formErrors(request) ? {} : request.query) as Record<
        string,
        string | undefined
      >;
      const orgIds = await orgsFor(ctx, authOf(request).grants, 'case.handle');
      const status = APPLICATION_STATUSES.includes(filters.status as ApplicationStatus)
        ? (filters.status as ApplicationStatus)
        : undefined;
      const entries = await listQueue(ctx, {
        orgIds,
        status,
        service: filters.service || undefined,
        overdue: filters.overdue === '1',
        trackingNo: filters.q?.trim().toUpperCase() || undefined,
      });
      const services = orgIds.length
        ? await ctx.db.kysely
            .selectFrom('application')
            .select(['service_code as code', 'service_name as name'])
            .distinct()
            .where('org_id', 'in', orgIds)
            .orderBy('service_code')
            .execute()
        : [];
      reply.header('cache-control', 'no-store');
      return sendPage(request, reply, (view) =>
        h(QueuePage, { view, me: meOf(request), entries, filters, services, daysLeft: left }),
      );
    },
  );

  app.get('/admin/applications/overdue', { config: supervise }, async (request, reply) => {
    const orgIds = await orgsFor(ctx, authOf(request).grants, 'case.supervise', true);
    const names = new Map((await listOrganisations(ctx.db)).map((o) => [o.id, o.name]));
    const entries = (await listQueue(ctx, { orgIds, status: 'accepted' })).filter(
      (e) => e.urgency === 'overdue' || e.urgency === 'near',
    );
    const groups = new Map<string, typeof entries>();
    for (const e of entries) groups.set(e.app.org_id!, [...(groups.get(e.app.org_id!) ?? []), e]);
    const list = [...groups]
      .map(([org, es]) => ({ orgName: names.get(org) ?? org, entries: es }))
      .sort((a, b) => a.orgName.localeCompare(b.orgName));
    reply.header('cache-control', 'no-store');
    return sendPage(request, reply, (view) =>
      h(OverduePage, { view, me: meOf(request), groups: list, daysLeft: left }),
    );
  });

  app.get(
    '/admin/applications/:id',
    {
      config: handle,
      schema: { params: IdParams, querystring: QueueQuery },
      attachValidation: true,
    },
    async (request: IdRequest, reply) => {
      formErrors(request);
      return showCase(request, reply, await mine(request, request.params.id));
    },
  );

  app.post(
    '/admin/applications/:id/act',
    { config: handle, schema: { params: IdParams, body: ActBody }, attachValidation: true },
    async (
      request: FastifyRequest<{ Params: { id: string }; Body: Record<string, string> }>,
      reply,
    ) => {
      const invalid = formErrors(request);
      const row = await mine(request, request.params.id);
      const action = request.body?.action ?? '';
      if (
        invalid ||
        !isAction(action) ||
        !['accept', 'refuse', 'request_supplement', 'close'].includes(action)
      )
        return showCase(request, reply, row, invalid ?? { _form: '未知的办理操作' }, 400);
      return move(request, reply, row, action, request.body[`note_${action}`]);
    },
  );

  app.post(
    '/admin/applications/:id/decide',
    { config: { ...handle, csrf: false }, schema: { params: IdParams }, attachValidation: true },
    async (request: IdRequest, reply) => {
      formErrors(request);
      const row = await mine(request, request.params.id);
      const form = await receiveForm(app, ctx, request, reply, ['decision']);
      const action = form.fields.action ?? '';
      if (action !== 'approve' && action !== 'reject')
        return showCase(request, reply, row, { _form: '未知的办理操作' }, 400);
      if (form.fileStatus)
        return showCase(
          request,
          reply,
          row,
          { [`decision_${action}`]: Object.values(form.fileErrors).join('；') },
          form.fileStatus,
        );
      const extra = Object.keys(form.fields).find((k) => k !== 'action' && k !== `note_${action}`);
      if (extra)
        return showCase(
          request,
          reply,
          row,
          { _form: `表单含有不允许的字段：${extra.slice(0, 40)}` },
          400,
        );
      return move(
        request,
        reply,
        row,
        action,
        form.fields[`note_${action}`],
        form.files.slice(0, 1),
      );
    },
  );

  app.get(
    '/admin/applications/:id/files/:fileId',
    { config: handle, schema: { params: FileParams }, attachValidation: true },
    async (request: FastifyRequest<{ Params: { id: string; fileId: string } }>, reply) => {
      formErrors(request);
      const row = await mine(request, request.params.id);
      const file = (await filesOf(ctx, row.id)).find((f) => f.id === request.params.fileId);
      if (!file) throw notFound('文件不存在');
      await audit(ctx, ctx.db.kysely, {
        actor: actorFor(request),
        action: 'application.file_download',
        targetType: 'application',
        targetId: row.id,
        outcome: 'success',
        detail: { fileId: file.id, material: file.material },
      });
      return sendStoredFile(ctx, reply, file.sha256, file.name);
    },
  );
}
