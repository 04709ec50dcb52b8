// Organisations ('org.manage'): GET /admin/organisations, GET/POST
// /admin/organisations/new, GET/POST /admin/organisations/:id.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { DomainError } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import { sendPage } from '../../../web/view.ts';
import {
  createOrganisation,
  getOrganisation,
  type OrganisationChange,
  type OrganisationNode,
  organisationTree,
  updateOrganisation,
} from '../organisations.ts';
import type { OrganisationRow } from '../tables.ts';
import { actorFor, flashOf, formErrors, meOf } from './http.ts';
import { OrgFormPage, OrgListPage, type OrgValues, valuesOf } from './org-pages.tsx';
import { type Body, FlashQuery, IdParams, OrgBody } from './schemas.ts';

const access = { access: { permission: 'org.manage' as const } };

/** The tree without `id` and everything below it: the parents it may be moved under. */
function pruned(nodes: readonly OrganisationNode[], id?: string): OrganisationNode[] {
  return nodes.filter((n) => n.id !== id).map((n) => ({ ...n, children: pruned(n.children, id) }));
}

const blank = (s: string) => (s.trim() === '' ? null : s.trim());

function changeOf(body: Body<typeof OrgBody>): OrganisationChange {
  return {
    code: body.code.trim(),
    name: body.name.trim(),
    shortName: body.shortName.trim(),
    kind: body.kind,
    parentId: blank(body.parentId),
    docPrefix: blank(body.docPrefix),
    phone: blank(body.phone),
    address: blank(body.address),
    email: blank(body.email),
    sortOrder: body.sortOrder,
  };
}

/** The submitted strings, to put back into the form. */
function submitted(body: unknown): OrgValues {
  const values: OrgValues = {};
  for (const [k, v] of Object.entries((body as Record<string, unknown>) ?? {}))
    if (typeof v === 'string') values[k] = v.slice(0, 300);
  return values;
}

export function orgRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    org: OrganisationRow | undefined,
    values: OrgValues,
    problems: { message?: string; errors?: Record<string, string> } = {},
  ) {
    const parents = pruned(await organisationTree(ctx.db), org?.id);
    return sendPage(
      request,
      reply,
      (view) => h(OrgFormPage, { view, me: meOf(request), org, parents, values, ...problems }),
      status,
    );
  }

  /** Save, or re-render with the service's field problems (duplicate code, bad parent). */
  async function save(
    request: FastifyRequest,
    reply: FastifyReply,
    org: OrganisationRow | undefined,
    body: Body<typeof OrgBody>,
  ) {
    try {
      if (org) await updateOrganisation(ctx, org.id, changeOf(body), actorFor(request));
      else await createOrganisation(ctx, changeOf(body), actorFor(request));
    } catch (err) {
      if (!(err instanceof DomainError) || err.status >= 500) throw err;
      return renderForm(request, reply, err.status, org, submitted(body), {
        message: err.message,
        errors: err.fields,
      });
    }
    return reply.redirect(`/admin/organisations?ok=${org ? 'saved' : 'created'}`, 303);
  }

  r.get(
    '/admin/organisations',
    { config: access, schema: { querystring: FlashQuery }, attachValidation: true },
    async (request, reply) => {
      const tree = await organisationTree(ctx.db);
      return sendPage(request, reply, (view) =>
        h(OrgListPage, { view, me: meOf(request), tree, flash: flashOf(request) }),
      );
    },
  );

  r.get('/admin/organisations/new', { config: access }, (request, reply) =>
    renderForm(request, reply, 200, undefined, { kind: 'department', sortOrder: '0' }),
  );

  r.post(
    '/admin/organisations/new',
    { config: access, schema: { body: OrgBody }, attachValidation: true },
    async (request, reply) => {
      const errors = formErrors(request);
      if (errors)
        return renderForm(request, reply, 400, undefined, submitted(request.body), { errors });
      return save(request, reply, undefined, request.body);
    },
  );

  r.get(
    '/admin/organisations/:id',
    { config: access, schema: { params: IdParams }, attachValidation: true },
    async (request, reply) => {
      formErrors(request);
      const org = await getOrganisation(ctx, request.params.id);
      return renderForm(request, reply, 200, org, valuesOf(org));
    },
  );

  r.post(
    '/admin/organisations/:id',
    { config: access, schema: { params: IdParams, body: OrgBody }, attachValidation: true },
    async (request, reply) => {
      const errors = formErrors(request);
      const org = await getOrganisation(ctx, request.params.id);
      if (errors) return renderForm(request, reply, 400, org, submitted(request.body), { errors });
      return save(request, reply, org, request.body);
    },
  );
}
