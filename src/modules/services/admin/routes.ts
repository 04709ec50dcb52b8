// The catalog's back office, every form a POST with CSRF, redirect after success:
//   GET  /admin/services               guides of my departments, my review queue
//   GET  /admin/services/new           service.manage somewhere
//   POST /admin/services               create a draft (service.manage on the chosen department)
//   GET  /admin/services/:id           editor and review actions (my departments only; others 404)
//   POST /admin/services/:id           save (pending while published)
//   POST /admin/services/:id/submit    service.manage
//   POST /admin/services/:id/approve   service.review at the guide's level
//   POST /admin/services/:id/return    service.review at the guide's level, comment required
//   POST /admin/services/:id/withdraw  service.review at the last level, reason required

import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { badRequest, DomainError, notFound } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import type { MessageKey } from '../../../web/i18n/index.ts';
import { sendPage } from '../../../web/view.ts';
import { reviewerOf } from '../../content/admin/common.ts';
import {
  MULTIPART_LIMITS,
  multipartReceiver,
  uploadRefusal,
} from '../../content/admin/multipart.ts';
import { formErrors, meOf, requireValid } from '../../identity/admin/http.ts';
import { addAdminSection } from '../../identity/admin/layout.tsx';
import type { Access } from '../../identity/guard.ts';
import { listOrganisations } from '../../identity/organisations.ts';
import { can, canSomewhere } from '../../identity/permissions.ts';
import {
  createService,
  getServiceRow,
  setMaterialFile,
  updateService,
  workingGuide,
} from '../catalog.ts';
import {
  approveService,
  returnService,
  reviewHistory,
  SERVICE_REVIEW_LEVELS,
  submitService,
  withdrawService,
} from '../review.ts';
import type { ServiceItemRow } from '../tables.ts';
import { bundleRoutes } from './bundle-routes.ts';
import { FILE_SLOTS, type FileSlot } from './files.tsx';
import {
  FormTextError,
  formFromInput,
  GuideBody,
  type GuideForm,
  inputFromForm,
} from './form-values.ts';
import { type OrgOption, ServiceEditPage, ServiceListAdmin } from './pages.tsx';
import { awaitingMe, canSee, guidesInReach, orgsWith } from './scope.ts';

const ID = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
});
const Flash = Type.Object(
  { ok: Type.Optional(Type.String({ maxLength: 32 })) },
  { additionalProperties: false },
);
const ApproveBody = Type.Object(
  { approveComment: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
const ReturnBody = Type.Object(
  { returnComment: Type.String({ maxLength: 2000 }) },
  { additionalProperties: false },
);
const WithdrawBody = Type.Object(
  { withdrawReason: Type.String({ maxLength: 500 }) },
  { additionalProperties: false },
);
const Empty = Type.Object({}, { additionalProperties: false });

const FLASH = {
  created: 'services.admin.flash.created',
  saved: 'services.admin.flash.saved',
  submitted: 'services.admin.flash.submitted',
  approved: 'services.admin.flash.approved',
  returned: 'services.admin.flash.returned',
  withdrawn: 'services.admin.flash.withdrawn',
  uploaded: 'services.admin.flash.uploaded',
  removed: 'services.admin.flash.removed',
} as const satisfies Record<string, MessageKey>;

function flashOf(request: FastifyRequest): MessageKey | undefined {
  const ok = (request.query as { ok?: string } | undefined)?.ok;
  return ok && Object.hasOwn(FLASH, ok) ? FLASH[ok as keyof typeof FLASH] : undefined;
}

const manage: { access: Access } = { access: { permission: 'service.manage', anyScope: true } };
const review: { access: Access } = { access: { permission: 'service.review', anyScope: true } };

const EMPTY_FORM: GuideForm = {
  code: '',
  name: '',
  summary: '',
  type: '公共服务',
  orgId: '',
  legalBasis: '',
  conditions: '',
  materials: '',
  processSteps: '',
  statutoryDays: '',
  promisedDays: '',
  feeStandard: '',
  feeBasis: '',
  place: '',
  hours: '',
  consultPhone: '',
  complaintPhone: '',
  onlineDepth: 'info',
  audiences: [],
  lifeEvents: [],
  enterpriseStages: [],
  themes: [],
  faq: '',
};

export async function registerServicesAdmin(app: FastifyInstance, ctx: AppContext): Promise<void> {
  addAdminSection({
    href: '/admin/services',
    label: 'services.admin.nav',
    hint: 'services.admin.hint',
    need: 'service.manage',
    anyScope: true,
  });
  addAdminSection({
    href: '/admin/services/bundles',
    label: 'services.admin.bundles',
    hint: 'services.admin.bundles.hint',
    need: 'service.manage',
    anyScope: true,
  });
  addAdminSection({
    href: '/admin/services/review',
    label: 'services.admin.queue',
    hint: 'services.admin.hint',
    need: 'service.review',
    anyScope: true,
  });
  await app.register(async (admin) => {
    admin.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });
    // Files are streamed to disk by the upload route (never buffered); these limits bound every part.
    await admin.register(multipart, { limits: MULTIPART_LIMITS, throwFileSizeLimit: true });
    // The bundle routes first: /admin/services/bundles is not a guide id.
    bundleRoutes(admin, ctx, (request) => manageableOrgs(ctx, request));
    adminRoutes(admin, ctx);
    fileRoutes(admin, ctx);
  });
}

/** The departments this person may put a guide under. */
async function manageableOrgs(ctx: AppContext, request: FastifyRequest): Promise<OrgOption[]> {
  const grants = request.auth?.grants ?? [];
  const reach = orgsWith(grants, 'service.manage');
  const all = await listOrganisations(ctx.db);
  return all
    .filter((o) => o.kind !== 'institution' && (reach === 'all' || reach.includes(o.id)))
    .map((o) => ({ id: o.id, name: o.name }));
}

/** The guide, if this person's departments reach it; otherwise it does not exist for them. */
async function guideInReach(ctx: AppContext, request: FastifyRequest, id: string) {
  const row = await getServiceRow(ctx, id).catch(() => undefined);
  if (!row || !canSee(request.auth?.grants ?? [], row.org_id)) throw notFound('办事指南不存在');
  return row;
}

function adminRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  function abilities(request: FastifyRequest, row: ServiceItemRow) {
    const grants = request.auth?.grants ?? [];
    const scope = `org:${row.org_id}`;
    return {
      manage: can(grants, 'service.manage', scope),
      review: row.review_level > 0 && can(grants, 'service.review', scope, row.review_level),
      withdraw: can(grants, 'service.review', scope, SERVICE_REVIEW_LEVELS),
    };
  }

  async function renderEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    row: ServiceItemRow | undefined,
    values: GuideForm,
    problems: { errors?: Record<string, string>; message?: string } = {},
  ) {
    const orgs = await manageableOrgs(ctx, request);
    const history = row ? await reviewHistory(ctx, row.id) : [];
    const canDo = row ? abilities(request, row) : { manage: true, review: false, withdraw: false };
    return sendPage(
      request,
      reply,
      (view) =>
        h(ServiceEditPage, {
          view,
          me: meOf(request),
          flash: flashOf(request),
          row,
          values,
          errors: problems.errors ?? {},
          message: problems.message,
          orgs,
          history,
          can: canDo,
        }),
      status,
    );
  }

  /** Turn a refusal into the page again with its message; anything else propagates. */
  function refusal(err: unknown): {
    status: number;
    errors?: Record<string, string>;
    message: string;
  } {
    if (err instanceof FormTextError)
      return { status: 400, errors: { [err.field]: err.message }, message: err.message };
    if (err instanceof DomainError && err.status < 500)
      return { status: err.status, errors: err.fields, message: err.message };
    throw err;
  }

  /** The list: for editors (/admin/services) and for reviewers (/admin/services/review). */
  async function list(request: FastifyRequest, reply: FastifyReply) {
    const grants = request.auth?.grants ?? [];
    const rows = await guidesInReach(ctx, grants);
    const orgs = new Map((await listOrganisations(ctx.db)).map((o) => [o.id, o.name]));
    return sendPage(request, reply, (view) =>
      h(ServiceListAdmin, {
        view,
        me: meOf(request),
        flash: flashOf(request),
        rows,
        queue: awaitingMe(rows, grants),
        orgs,
        canCreate: canSomewhere(grants, 'service.manage'),
      }),
    );
  }
  r.get('/admin/services', { config: manage, schema: { querystring: Flash } }, list);
  r.get('/admin/services/review', { config: review, schema: { querystring: Flash } }, list);

  r.get('/admin/services/new', { config: manage }, async (request, reply) => {
    const orgs = await manageableOrgs(ctx, request);
    return renderEdit(request, reply, 200, undefined, { ...EMPTY_FORM, orgId: orgs[0]?.id ?? '' });
  });

  r.post(
    '/admin/services',
    { config: manage, schema: { body: GuideBody }, attachValidation: true },
    async (request, reply) => {
      const values = { ...EMPTY_FORM, ...(request.body as Partial<GuideForm>) };
      const errors = formErrors(request);
      if (errors) return renderEdit(request, reply, 400, undefined, values, { errors });
      try {
        const row = await createService(ctx, inputFromForm(request.body), reviewerOf(request));
        return reply.redirect(`/admin/services/${row.id}?ok=created`, 303);
      } catch (err) {
        const p = refusal(err);
        return renderEdit(request, reply, p.status, undefined, values, p);
      }
    },
  );

  r.get(
    '/admin/services/:id',
    {
      config: { access: { permission: ['service.manage', 'service.review'], anyScope: true } },
      schema: { params: ID, querystring: Flash },
      attachValidation: true,
    },
    async (request, reply) => {
      formErrors(request);
      const row = await guideInReach(ctx, request, (request.params as Static<typeof ID>).id);
      return renderEdit(request, reply, 200, row, formFromInput(workingGuide(row)));
    },
  );

  r.post(
    '/admin/services/:id',
    { config: manage, schema: { params: ID, body: GuideBody }, attachValidation: true },
    async (request, reply) => {
      const row = await guideInReach(ctx, request, (request.params as Static<typeof ID>).id);
      const values = { ...EMPTY_FORM, ...(request.body as Partial<GuideForm>) };
      const errors = formErrors(request);
      if (errors) return renderEdit(request, reply, 400, row, values, { errors });
      try {
        await updateService(
          ctx,
          row.id,
          inputFromForm(request.body, workingGuide(row).materials),
          reviewerOf(request),
        );
        return reply.redirect(`/admin/services/${row.id}?ok=saved`, 303);
      } catch (err) {
        const p = refusal(err);
        return renderEdit(request, reply, p.status, await getServiceRow(ctx, row.id), values, p);
      }
    },
  );

  /** A review action: run it, or show the guide again with the refusal. */
  function action<B>(
    path: string,
    config: { access: Access },
    body: typeof Empty | typeof ApproveBody | typeof ReturnBody | typeof WithdrawBody,
    flash: keyof typeof FLASH,
    run: (row: ServiceItemRow, request: FastifyRequest, body: B) => Promise<unknown>,
  ) {
    r.post(
      `/admin/services/:id/${path}`,
      { config, schema: { params: ID, body }, attachValidation: true },
      async (request, reply) => {
        const row = await guideInReach(ctx, request, (request.params as Static<typeof ID>).id);
        const values = formFromInput(workingGuide(row));
        const errors = formErrors(request);
        if (errors)
          return renderEdit(request, reply, 400, row, values, {
            errors,
            message: Object.values(errors)[0],
          });
        try {
          await run(row, request, request.body as B);
          return reply.redirect(`/admin/services/${row.id}?ok=${flash}`, 303);
        } catch (err) {
          const p = refusal(err);
          return renderEdit(request, reply, p.status, await getServiceRow(ctx, row.id), values, p);
        }
      },
    );
  }

  action('submit', manage, Empty, 'submitted', (row, request) =>
    submitService(ctx, row.id, reviewerOf(request)),
  );
  action<Static<typeof ApproveBody>>(
    'approve',
    review,
    ApproveBody,
    'approved',
    (row, request, body) =>
      approveService(ctx, row.id, reviewerOf(request), body.approveComment?.trim() || undefined),
  );
  action<Static<typeof ReturnBody>>(
    'return',
    review,
    ReturnBody,
    'returned',
    (row, request, body) => returnService(ctx, row.id, reviewerOf(request), body.returnComment),
  );
  action<Static<typeof WithdrawBody>>(
    'withdraw',
    review,
    WithdrawBody,
    'withdrawn',
    (row, request, body) => withdrawService(ctx, row.id, reviewerOf(request), body.withdrawReason),
  );
}

const RemoveFileBody = Type.Object(
  {
    material: Type.String({ maxLength: 40, pattern: '^[a-z0-9-]+$' }),
    slot: Type.Union(FILE_SLOTS.map((v) => Type.Literal(v))),
  },
  { additionalProperties: false },
);

/**
 * Sample and blank forms of a guide's materials:
 *   POST /admin/services/:id/files         multipart: material, slot, file (service.manage)
 *   POST /admin/services/:id/files/remove  material, slot (service.manage)
 * The file goes through content's upload checks (bytes, size, name) into the
 * shared file store; the guide's working version then refers to it.
 */
function fileRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { receive } = multipartReceiver(app, ctx);
  const done = (reply: FastifyReply, id: string, flash: keyof typeof FLASH) =>
    reply.redirect(`/admin/services/${id}?ok=${flash}`, 303);

  async function shown(request: FastifyRequest, reply: FastifyReply, id: string, err: unknown) {
    const mapped = uploadRefusal(err, '上传的文件过大（每个文件不超过 20 MB）');
    const row = await getServiceRow(ctx, id);
    return sendPage(
      request,
      reply,
      (view) =>
        h(ServiceEditPage, {
          view,
          me: meOf(request),
          row,
          values: formFromInput(workingGuide(row)),
          errors: { file: mapped.message },
          message: mapped.message,
          orgs: [],
          history: [],
          can: { manage: true, review: false, withdraw: false },
        }),
      mapped.status,
    );
  }

  app.post(
    '/admin/services/:id/files',
    { config: { ...manage, csrf: false }, schema: { params: ID }, attachValidation: true },
    async (request, reply) => {
      formErrors(request);
      const row = await guideInReach(ctx, request, (request.params as Static<typeof ID>).id);
      try {
        const { fields, files } = await receive(request, reply, 'file');
        const file = files[0];
        if (!file) throw badRequest('请选择要上传的文件', { file: '请选择要上传的文件' });
        const slot = fields.slot as FileSlot;
        if (!FILE_SLOTS.includes(slot))
          throw badRequest('文件类别无效', { slot: '请选择文件类别' });
        await setMaterialFile(
          ctx,
          row.id,
          String(fields.material ?? ''),
          slot,
          file,
          reviewerOf(request),
        );
        return done(reply, row.id, 'uploaded');
      } catch (err) {
        return shown(request, reply, row.id, err);
      }
    },
  );

  app.post(
    '/admin/services/:id/files/remove',
    { config: manage, schema: { params: ID, body: RemoveFileBody }, attachValidation: true },
    async (request, reply) => {
      const row = await guideInReach(ctx, request, (request.params as Static<typeof ID>).id);
      requireValid(request);
      const body = request.body as Static<typeof RemoveFileBody>;
      await setMaterialFile(ctx, row.id, body.material, body.slot, null, reviewerOf(request));
      return done(reply, row.id, 'removed');
    },
  );
}
