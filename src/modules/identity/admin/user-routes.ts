// Staff accounts ('user.manage'): list and create, one account, disable and
// enable, password reset; personal data in full ('pii.view'); sign-in locks
// lifted ('user.unlock').
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { DomainError, forbidden } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import { translator } from '../../../web/i18n/index.ts';
import { sendPage } from '../../../web/view.ts';
import {
  createStaff,
  getAccount,
  grantsOf,
  resetPasswordByAdmin,
  revealPersonalData,
  setAccountStatus,
} from '../accounts.ts';
import { audit } from '../audit-events.ts';
import { getOrganisation } from '../organisations.ts';
import { canSomewhere } from '../permissions.ts';
import { piiCodec } from '../pii.ts';
import { unlockAccount } from '../throttle.ts';
import { maskIdNumber, maskPhone } from '../validators.ts';
import { actorFor, authOf, flashOf, formErrors, meOf, requireValid } from './http.ts';
import { EmptyBody, FlashQuery, IdParams, UserCreateBody } from './schemas.ts';
import { orgNameMap, staffWithGrants } from './staff-data.ts';
import { PersonalDataPage, UserDetailPage } from './user-detail-page.tsx';
import { OneTimePasswordPage, UserListPage } from './user-pages.tsx';

const zh = translator('zh-CN');
const manage = { access: { permission: 'user.manage' as const } };
const idOnly = { params: IdParams, body: EmptyBody };

export function userRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  async function renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    form: { values?: Record<string, string>; message?: string; errors?: Record<string, string> },
  ) {
    const [staff, orgNames] = await Promise.all([staffWithGrants(ctx), orgNameMap(ctx)]);
    return sendPage(
      request,
      reply,
      (view) =>
        h(UserListPage, {
          view,
          me: meOf(request),
          staff,
          orgNames,
          mode: 'users',
          flash: flashOf(request),
          ...form,
        }),
      status,
    );
  }

  r.get(
    '/admin/users',
    { config: manage, schema: { querystring: FlashQuery }, attachValidation: true },
    (request, reply) => renderList(request, reply, 200, {}),
  );

  r.post(
    '/admin/users',
    { config: manage, schema: { body: UserCreateBody }, attachValidation: true },
    async (request, reply) => {
      const values: Record<string, string> = {};
      for (const [k, v] of Object.entries((request.body as object) ?? {}))
        if (typeof v === 'string') values[k] = v.slice(0, 64);
      const errors = formErrors(request);
      if (errors) return renderList(request, reply, 400, { values, errors });
      const { username, displayName, organisationId } = request.body;
      try {
        if (organisationId) await getOrganisation(ctx, organisationId);
        const { account, oneTimePassword } = await createStaff(
          ctx,
          {
            username,
            displayName: displayName.trim(),
            organisationIds: organisationId ? [organisationId] : [],
          },
          actorFor(request),
        );
        return sendPage(request, reply, (view) =>
          h(OneTimePasswordPage, {
            view,
            me: meOf(request),
            account,
            password: oneTimePassword,
            created: true,
          }),
        );
      } catch (err) {
        if (!(err instanceof DomainError) || err.status >= 500) throw err;
        const field = err.code === 'not_found' ? 'organisationId' : 'username';
        return renderList(request, reply, err.status, {
          values,
          errors: err.fields ?? { [field]: err.message },
        });
      }
    },
  );

  r.get(
    '/admin/users/:id',
    {
      config: manage,
      schema: { params: IdParams, querystring: FlashQuery },
      attachValidation: true,
    },
    async (request, reply) => {
      requireValid(request);
      const account = await getAccount(ctx, request.params.id);
      const [grants, orgNames, memberships] = await Promise.all([
        grantsOf(ctx, account.id),
        orgNameMap(ctx),
        ctx.db.kysely
          .selectFrom('account_organisation')
          .select('organisation_id')
          .where('account_id', '=', account.id)
          .execute(),
      ]);
      const pii = piiCodec(ctx.config.secret);
      // Decrypted only to be masked: the full values need 'pii.view' and an audit entry.
      const masked = {
        phone: account.phone_enc
          ? maskPhone(pii.decrypt('account.phone', account.phone_enc))
          : null,
        idNumber: account.id_number_enc
          ? maskIdNumber(pii.decrypt('account.id_number', account.id_number_enc))
          : null,
      };
      const me = authOf(request);
      return sendPage(request, reply, (view) =>
        h(UserDetailPage, {
          view,
          me: meOf(request),
          account,
          grants,
          orgNames,
          organisations: memberships.map((m) => orgNames.get(m.organisation_id) ?? '?'),
          masked,
          isSelf: me.account.id === account.id,
          canPii: canSomewhere(me.grants, 'pii.view'),
          flash: flashOf(request),
        }),
      );
    },
  );

  for (const [verb, status] of [
    ['disable', 'disabled'],
    ['enable', 'active'],
  ] as const) {
    r.post(
      `/admin/users/:id/${verb}`,
      { config: manage, schema: idOnly, attachValidation: true },
      async (request, reply) => {
        requireValid(request);
        const account = await getAccount(ctx, request.params.id);
        if (account.id === authOf(request).account.id) throw forbidden(zh('admin.users.notSelf'));
        await setAccountStatus(ctx, account.id, status, actorFor(request));
        return reply.redirect(
          `/admin/users/${account.id}?ok=${status === 'active' ? 'enabled' : 'disabled'}`,
          303,
        );
      },
    );
  }

  r.post(
    '/admin/users/:id/reset-password',
    { config: manage, schema: idOnly, attachValidation: true },
    async (request, reply) => {
      requireValid(request);
      const account = await getAccount(ctx, request.params.id);
      if (account.id === authOf(request).account.id) throw forbidden(zh('admin.users.resetSelf'));
      // Public accounts reset their own password by SMS: an operator who could set one
      // and read it here could take over a citizen's account.
      if (account.kind !== 'staff') throw forbidden(zh('admin.users.resetStaffOnly'));
      const password = await resetPasswordByAdmin(ctx, account.id, actorFor(request));
      return sendPage(request, reply, (view) =>
        h(OneTimePasswordPage, { view, me: meOf(request), account, password, created: false }),
      );
    },
  );

  // Handlers hold 'pii.view' in their organisation's scope. Citizens belong to no
  // organisation until cases link them to one, so any scope will do for now.
  r.post(
    '/admin/users/:id/pii',
    {
      config: { access: { permission: 'pii.view', anyScope: true } },
      schema: idOnly,
      attachValidation: true,
    },
    async (request, reply) => {
      requireValid(request);
      const account = await getAccount(ctx, request.params.id);
      const data = await revealPersonalData(ctx, account.id, actorFor(request));
      reply.header('cache-control', 'no-store');
      const back = canSomewhere(authOf(request).grants, 'user.manage');
      return sendPage(request, reply, (view) =>
        h(PersonalDataPage, { view, me: meOf(request), account, data, back }),
      );
    },
  );

  r.post(
    '/admin/users/:id/unlock',
    {
      config: { access: { permission: 'user.unlock' } },
      schema: idOnly,
      attachValidation: true,
    },
    async (request, reply) => {
      requireValid(request);
      const account = await getAccount(ctx, request.params.id);
      const lifted = account.username ? await unlockAccount(ctx, account.username) : 0;
      await audit(ctx, ctx.db.kysely, {
        actor: actorFor(request),
        action: 'user.unlock',
        targetType: 'account',
        targetId: account.id,
        outcome: 'success',
        detail: { locks: lifted },
      });
      return reply.redirect(`/admin/users/${account.id}/roles?ok=unlocked`, 303);
    },
  );
}
