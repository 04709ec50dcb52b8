// The signed-in pages: 我的账号 with its sessions, ending sessions, and
// changing the password. Every route needs a citizen or enterprise session
// ('member'); request.auth is set by the guard before the handler runs.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { DomainError, notFound } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import { ownPhone, setPassword } from '../accounts.ts';
import { audit } from '../audit-events.ts';
import { type Auth, actorOf } from '../guard.ts';
import { dummyVerify, verifyPassword } from '../passwords.ts';
import { piiCodec } from '../pii.ts';
import { listSessions, revokeAccountSessions } from '../sessions.ts';
import { ipKey, pairKey, releaseAttempt, reserveAttempt } from '../throttle.ts';
import { maskIdNumber, maskPhone } from '../validators.ts';
import { AccountHomePage, PasswordPage } from './account-pages.tsx';
import {
  checkNewPassword,
  clearSessionCookie,
  type Errors,
  emptyBody,
  LIMITS,
  opt,
  schemaErrors,
  sendAccountPage,
  t,
  valuesOf,
} from './forms.ts';

const member = { access: 'member' as const };

const homeQuery = Type.Object({ done: opt(8), revoked: opt(8), others: opt(8) });
const revokeBody = Type.Object(
  { session: Type.String({ maxLength: 64 }) },
  { additionalProperties: false },
);
const passwordBody = Type.Object(
  {
    current_password: opt(LIMITS.password),
    password: opt(LIMITS.password),
    password_confirm: opt(LIMITS.password),
  },
  { additionalProperties: false },
);

function authOf(request: FastifyRequest): Auth {
  // The guard ran ('member'): a missing auth here is a wiring bug, not a user error.
  if (!request.auth) throw new DomainError('unauthenticated', '请先登录');
  return request.auth;
}

async function home(ctx: AppContext, request: FastifyRequest, reply: FastifyReply) {
  const { account, session } = authOf(request);
  const query = request.query as { done?: string; revoked?: string; others?: string };
  const phone = ownPhone(ctx, account);
  // The owner sees their own ID number masked too: the page may be on a shared screen.
  const idNumber = account.id_number_enc
    ? maskIdNumber(piiCodec(ctx.config.secret).decrypt('account.id_number', account.id_number_enc))
    : null;
  const sessions = await listSessions(ctx, account.id);
  const flash = query.done
    ? t('account.home.passwordChanged')
    : query.revoked
      ? t('account.home.revoked')
      : query.others
        ? t('account.home.othersRevoked')
        : undefined;
  return sendAccountPage(request, reply, (view) =>
    h(AccountHomePage, {
      view,
      account: {
        kind: account.kind,
        displayName: account.display_name,
        phone: phone ? maskPhone(phone) : null,
        realName: account.real_name,
        idNumber,
        creditCode: account.credit_code,
        legalRepresentative: account.legal_representative,
      },
      sessions,
      currentSession: session.id_hash,
      flash,
    }),
  );
}

async function revokeOne(ctx: AppContext, request: FastifyRequest, reply: FastifyReply) {
  const auth = authOf(request);
  const { session } = request.body as { session: string };
  // Scoped to the signed-in account: someone else's session id matches nothing.
  const res = await ctx.db.kysely
    .deleteFrom('session')
    .where('id_hash', '=', session)
    .where('account_id', '=', auth.account.id)
    .executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound(t('account.error.sessionNotFound'));
  await audit(ctx, ctx.db.kysely, {
    actor: actorOf(request),
    action: 'session.revoke',
    targetType: 'account',
    targetId: auth.account.id,
    outcome: 'success',
  });
  if (session === auth.session.id_hash) {
    clearSessionCookie(request, reply);
    return reply.redirect('/account/login', 303);
  }
  return reply.redirect('/account?revoked=1', 303);
}

async function revokeOthers(ctx: AppContext, request: FastifyRequest, reply: FastifyReply) {
  const auth = authOf(request);
  const ended = await revokeAccountSessions(ctx, auth.account.id, auth.session.id_hash);
  await audit(ctx, ctx.db.kysely, {
    actor: actorOf(request),
    action: 'session.revoke_others',
    targetType: 'account',
    targetId: auth.account.id,
    outcome: 'success',
    detail: { ended },
  });
  return reply.redirect('/account?others=1', 303);
}

async function changePassword(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  render: (status: number, errors: Errors) => FastifyReply,
) {
  const auth = authOf(request);
  const { account } = auth;
  const values = valuesOf(request.body);
  const errors: Errors = {};
  if (!values.current_password) errors.current_password = t('account.error.passwordRequired');
  checkNewPassword(values.password, values.password_confirm, ownPhone(ctx, account) ?? '', errors);
  if (Object.keys(errors).length > 0) return render(400, errors);
  // Guessing the current password from a stolen session is throttled like sign-in:
  // the attempt is counted before the check and handed back on success.
  const pair = pairKey(`pwchange:${account.id}`, request.ip);
  const ip = ipKey(request.ip);
  const state = await reserveAttempt(ctx, [pair, ip]);
  if (!state.allowed) {
    reply.header('retry-after', String(state.retryAfter));
    const minutes = Math.max(1, Math.ceil(state.retryAfter / 60));
    return render(429, { current_password: t('account.error.tooMany', { minutes }) });
  }
  const current = values.current_password ?? '';
  const ok = account.password_hash
    ? await verifyPassword(account.password_hash, current)
    : await dummyVerify(current);
  if (!ok) return render(400, { current_password: t('account.error.currentPasswordWrong') });
  await releaseAttempt(ctx, pair, ip);
  try {
    await setPassword(ctx, account, values.password ?? '', actorOf(request), {
      keepSession: auth.session.id_hash,
    });
  } catch (err) {
    if (err instanceof DomainError && err.code === 'bad_request')
      return render(400, err.fields ?? { password: err.message });
    throw err;
  }
  return reply.redirect('/account?done=1', 303);
}

export function registerAccountRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/account', { config: member, schema: { querystring: homeQuery } }, (request, reply) =>
    home(ctx, request, reply),
  );
  app.post(
    '/account/sessions/revoke',
    { config: member, schema: { body: revokeBody } },
    (request, reply) => revokeOne(ctx, request, reply),
  );
  app.post(
    '/account/sessions/revoke-others',
    { config: member, schema: { body: emptyBody } },
    (request, reply) => revokeOthers(ctx, request, reply),
  );

  const passwordPage =
    (request: FastifyRequest, reply: FastifyReply) => (status: number, errors: Errors) =>
      sendAccountPage(request, reply, (view) => h(PasswordPage, { view, errors }), status);
  app.get('/account/password', { config: member }, (request, reply) =>
    passwordPage(request, reply)(200, {}),
  );
  app.post(
    '/account/password',
    { config: member, schema: { body: passwordBody }, attachValidation: true },
    async (request, reply) => {
      const render = passwordPage(request, reply);
      if (request.validationError) return render(400, schemaErrors(request));
      return changePassword(ctx, request, reply, render);
    },
  );
}
