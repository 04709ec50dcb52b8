// 一件事 bundles in the back office (service.manage on the coordinating organisation):
//   GET  /admin/services/bundles          the bundles of my organisations
//   GET  /admin/services/bundles/new      the form
//   GET  /admin/services/bundles/:code    the form, filled
//   POST /admin/services/bundles          create or replace by code
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { DomainError, notFound } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import { sendPage } from '../../../web/view.ts';
import { reviewerOf } from '../../content/admin/common.ts';
import { formErrors, meOf } from '../../identity/admin/http.ts';
import type { Access } from '../../identity/guard.ts';
import { saveBundle } from '../bundles.ts';
import type { ServiceBundleRow } from '../tables.ts';
import { BundleEditPage, type BundleFormValues, BundleListPage } from './bundle-pages.tsx';
import type { OrgOption } from './pages.tsx';
import { orgsWith } from './scope.ts';

const manage: { access: Access } = { access: { permission: 'service.manage', anyScope: true } };
const CodeParams = Type.Object({ code: Type.String({ pattern: '^YJS-[0-9]{3,4}$' }) });
const BundleBody = Type.Object(
  {
    code: Type.String({ maxLength: 32 }),
    name: Type.String({ maxLength: 200 }),
    summary: Type.String({ maxLength: 1000 }),
    lifeEvent: Type.String({ maxLength: 32 }),
    orgId: Type.String({ maxLength: 64 }),
    serviceCodes: Type.String({ maxLength: 2000 }),
    publish: Type.Optional(Type.Literal('1')),
  },
  { additionalProperties: false },
);
const Flash = Type.Object(
  { ok: Type.Optional(Type.String({ maxLength: 32 })) },
  { additionalProperties: false },
);

const EMPTY: BundleFormValues = {
  code: '',
  name: '',
  summary: '',
  lifeEvent: 'birth',
  orgId: '',
  serviceCodes: '',
};

export function bundleRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  manageableOrgs: (request: FastifyRequest) => Promise<OrgOption[]>,
): void {
  async function inReach(request: FastifyRequest): Promise<ServiceBundleRow[]> {
    const reach = orgsWith(request.auth?.grants ?? [], 'service.manage');
    let q = ctx.db.kysely.selectFrom('service_bundles').selectAll().orderBy('code');
    if (reach !== 'all') {
      if (reach.length === 0) return [];
      q = q.where('org_id', 'in', reach);
    }
    return q.execute();
  }

  async function form(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    values: BundleFormValues,
    existing: boolean,
    problems: { errors?: Record<string, string>; message?: string } = {},
  ) {
    const orgs = await manageableOrgs(request);
    return sendPage(
      request,
      reply,
      (view) =>
        h(BundleEditPage, {
          view,
          me: meOf(request),
          values: { ...values, orgId: values.orgId || orgs[0]?.id || '' },
          errors: problems.errors ?? {},
          message: problems.message,
          orgs,
          existing,
        }),
      status,
    );
  }

  app.get(
    '/admin/services/bundles',
    { config: manage, schema: { querystring: Flash } },
    async (request, reply) => {
      const ok = (request.query as Static<typeof Flash>).ok;
      const bundles = await inReach(request);
      return sendPage(request, reply, (view) =>
        h(BundleListPage, {
          view,
          me: meOf(request),
          flash: ok === 'bundle' ? 'services.admin.flash.bundle' : undefined,
          bundles,
        }),
      );
    },
  );

  app.get('/admin/services/bundles/new', { config: manage }, (request, reply) =>
    form(request, reply, 200, EMPTY, false),
  );

  app.get(
    '/admin/services/bundles/:code',
    { config: manage, schema: { params: CodeParams }, attachValidation: true },
    async (request, reply) => {
      formErrors(request);
      const { code } = request.params as Static<typeof CodeParams>;
      const bundle = (await inReach(request)).find((b) => b.code === code);
      if (!bundle) throw notFound('“一件事”不存在');
      const items = await ctx.db.kysely
        .selectFrom('service_bundle_items')
        .innerJoin('service_items', 'service_items.id', 'service_bundle_items.service_id')
        .select('service_items.code')
        .where('service_bundle_items.bundle_id', '=', bundle.id)
        .orderBy('service_bundle_items.position')
        .execute();
      return form(
        request,
        reply,
        200,
        {
          code: bundle.code,
          name: bundle.name,
          summary: bundle.summary,
          lifeEvent: bundle.life_event,
          orgId: bundle.org_id,
          serviceCodes: items.map((i) => i.code).join('\n'),
          ...(bundle.status === 'published' ? { publish: '1' } : {}),
        },
        true,
      );
    },
  );

  app.post(
    '/admin/services/bundles',
    { config: manage, schema: { body: BundleBody }, attachValidation: true },
    async (request, reply) => {
      const values = { ...EMPTY, ...(request.body as Partial<BundleFormValues>) };
      const errors = formErrors(request);
      if (errors) return form(request, reply, 400, values, false, { errors });
      const body = request.body as Static<typeof BundleBody>;
      try {
        await saveBundle(
          ctx,
          {
            ...body,
            serviceCodes: body.serviceCodes.split(/[\s,，、]+/).filter(Boolean),
            publish: body.publish === '1',
          },
          reviewerOf(request),
        );
        return reply.redirect('/admin/services/bundles?ok=bundle', 303);
      } catch (err) {
        if (!(err instanceof DomainError) || err.status >= 500) throw err;
        return form(request, reply, err.status, values, false, {
          errors: err.fields,
          message: err.message,
        });
      }
    },
  );
}
