// Role assignment ('role.grant'): GET /admin/roles lists staff; GET/POST
// /admin/users/:id/roles grants and revokes. grantRole enforces 三员分立 and
// refuses self-grants; its refusals are shown as they are, with 403.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { DomainError } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import { translator } from '../../../web/i18n/index.ts';
import { sendPage } from '../../../web/view.ts';
import { getAccount, grantRole, grantsOf, revokeRole } from '../accounts.ts';
import { can, scopeKindFor } from '../permissions.ts';
import { actorFor, authOf, flashOf, formErrors, meOf } from './http.ts';
import { SITE_SCOPES } from './labels.ts';
import { RolePage } from './role-page.tsx';
import { type Body, FlashQuery, IdParams, RoleBody } from './schemas.ts';
import { orgNameMap, staffWithGrants } from './staff-data.ts';
import { UserListPage } from './user-pages.tsx';

const zh = translator('zh-CN');
const grantAccess = { access: { permission: 'role.grant' as const } };

/** The scope a grant form asks for, or the field that is missing. */
function scopeOf(
  body: Body<typeof RoleBody>,
  orgNames: ReadonlyMap<string, string>,
): { scope: string } | { field: string; message: string } {
  const kind = scopeKindFor(body.role);
  if (kind === 'global') return { scope: 'global' };
  if (kind === 'site') {
    const site = SITE_SCOPES.find((s) => s === body.site);
    return site ? { scope: site } : { field: 'site', message: zh('admin.roles.needSite') };
  }
  return body.org && orgNames.has(body.org)
    ? { scope: `org:${body.org}` }
    : { field: 'org', message: zh('admin.roles.needOrg') };
}

export function roleRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/admin/roles',
    { config: grantAccess, schema: { querystring: FlashQuery }, attachValidation: true },
    async (request, reply) => {
      const [staff, orgNames] = await Promise.all([staffWithGrants(ctx), orgNameMap(ctx)]);
      return sendPage(request, reply, (view) =>
        h(UserListPage, { view, me: meOf(request), staff, orgNames, mode: 'roles' }),
      );
    },
  );

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    accountId: string,
    form: { values?: Record<string, string>; message?: string; errors?: Record<string, string> },
  ) {
    const account = await getAccount(ctx, accountId);
    const [grants, orgNames] = await Promise.all([grantsOf(ctx, account.id), orgNameMap(ctx)]);
    const canUnlock = can(authOf(request).grants, 'user.unlock');
    return sendPage(
      request,
      reply,
      (view) =>
        h(RolePage, {
          view,
          me: meOf(request),
          account,
          grants,
          orgNames,
          canUnlock,
          flash: flashOf(request),
          ...form,
        }),
      status,
    );
  }

  r.get(
    '/admin/users/:id/roles',
    {
      config: grantAccess,
      schema: { params: IdParams, querystring: FlashQuery },
      attachValidation: true,
    },
    (request, reply) => {
      formErrors(request);
      return render(request, reply, 200, request.params.id, {});
    },
  );

  r.post(
    '/admin/users/:id/roles',
    { config: grantAccess, schema: { params: IdParams, body: RoleBody }, attachValidation: true },
    async (request, reply) => {
      const errors = formErrors(request);
      const id = request.params.id;
      const values: Record<string, string> = {};
      for (const [k, v] of Object.entries((request.body as object) ?? {}))
        if (typeof v === 'string') values[k] = v.slice(0, 80);
      if (errors) return render(request, reply, 400, id, { values, errors });
      const body = request.body;
      const actor = actorFor(request);
      try {
        if (body.op === 'revoke') {
          if (!body.scope)
            return render(request, reply, 400, id, {
              errors: { scope: zh('validation.required') },
            });
          await revokeRole(
            ctx,
            { granteeId: id, role: body.role, scope: body.scope },
            actor,
            authOf(request).grants,
          );
          return reply.redirect(`/admin/users/${id}/roles?ok=revoked`, 303);
        }
        const scope = scopeOf(body, await orgNameMap(ctx));
        if ('field' in scope)
          return render(request, reply, 400, id, {
            values,
            errors: { [scope.field]: scope.message },
          });
        const level = body.level ? Number(body.level) : undefined;
        await grantRole(ctx, { granteeId: id, role: body.role, scope: scope.scope, level }, actor);
        return reply.redirect(`/admin/users/${id}/roles?ok=granted`, 303);
      } catch (err) {
        if (!(err instanceof DomainError) || err.status >= 500 || err.code === 'not_found')
          throw err;
        return render(request, reply, err.status, id, { values, message: err.message });
      }
    },
  );
}
