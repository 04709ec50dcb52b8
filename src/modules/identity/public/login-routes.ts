// Sign-in, sign-out and forgotten password for citizens and enterprises.
// Sign-in always issues a new session token (no fixation); sending a login or
// reset code answers the same whether or not the phone has an account.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { DomainError } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import { findByPhone, setPassword } from '../accounts.ts';
import { audit } from '../audit-events.ts';
import { INVALID_CREDENTIALS, publicCodeLogin, publicPasswordLogin } from '../auth.ts';
import { actorOf, clientOf } from '../guard.ts';
import { hashToken, revokeSession, SESSION_COOKIE } from '../sessions.ts';
import { verifyCode } from '../sms-codes.ts';
import {
  actionField,
  checkCode,
  checkNewPassword,
  checkPhone,
  clearSessionCookie,
  type Errors,
  emptyBody,
  keepable,
  LIMITS,
  opt,
  safeNext,
  schemaErrors,
  sendAccountPage,
  sendCodeFor,
  setSessionCookie,
  t,
  type Values,
  valuesOf,
} from './forms.ts';
import { LoginPage, ResetPage } from './login-pages.tsx';

const loginQuery = Type.Object({ next: opt(LIMITS.next), reset: opt(8) });

const loginBody = Type.Object(
  {
    method: Type.Union([Type.Literal('password'), Type.Literal('sms')]),
    phone: opt(LIMITS.phone),
    password: opt(LIMITS.password),
    sms_phone: opt(LIMITS.phone),
    sms_code: opt(LIMITS.code),
    action: actionField,
    next: opt(LIMITS.next),
  },
  { additionalProperties: false },
);

const resetBody = Type.Object(
  {
    phone: opt(LIMITS.phone),
    code: opt(LIMITS.code),
    password: opt(LIMITS.password),
    password_confirm: opt(LIMITS.password),
    action: actionField,
  },
  { additionalProperties: false },
);

type Render = (status: number, errors?: Errors, notice?: string) => FastifyReply;

/** Run a sign-in; on success replace any session cookie the browser had and go on. */
async function signIn(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  render: Render,
  attempt: () => Promise<{ token: string }>,
  field: string,
  wrong: string,
  next: string | undefined,
) {
  let token: string;
  try {
    ({ token } = await attempt());
  } catch (err) {
    if (err instanceof DomainError && err.code === 'unauthenticated')
      return render(401, { [field]: wrong });
    if (err instanceof DomainError && err.code === 'rate_limited') {
      const retryAfter = (err as DomainError & { retryAfter?: number }).retryAfter;
      if (retryAfter) reply.header('retry-after', String(Math.ceil(retryAfter)));
      return render(429, { [field]: err.message });
    }
    throw err;
  }
  // A session the browser already carried (another account on a shared computer,
  // or a planted token) ends here; the new token is always freshly made.
  const previous = request.cookies[SESSION_COOKIE];
  if (previous && previous.length <= 100) await revokeSession(ctx, hashToken(previous));
  setSessionCookie(request, reply, token);
  return reply.redirect(next ?? '/account', 303);
}

async function login(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  values: Values,
  render: Render,
) {
  const next = safeNext(values.next);
  const client = clientOf(request);
  const errors: Errors = {};
  if (values.method === 'sms') {
    const { phone, error } = checkPhone(values.sms_phone);
    if (values.action === 'send') {
      if (error) return render(400, { sms_phone: error });
      await sendCodeFor(ctx, phone, 'login', request.ip, true);
      return render(200, {}, t('account.code.sent'));
    }
    if (error) errors.sms_phone = error;
    const { code, error: codeError } = checkCode(values.sms_code);
    if (codeError) errors.sms_code = codeError;
    if (Object.keys(errors).length > 0) return render(400, errors);
    const attempt = () => publicCodeLogin(ctx, phone, code, client);
    return signIn(
      ctx,
      request,
      reply,
      render,
      attempt,
      'sms_code',
      t('account.error.smsWrong'),
      next,
    );
  }
  const { phone, error } = checkPhone(values.phone);
  if (error) errors.phone = error;
  if (!values.password) errors.password = t('account.error.passwordRequired');
  if (Object.keys(errors).length > 0) return render(400, errors);
  const attempt = () => publicPasswordLogin(ctx, phone, values.password ?? '', client);
  return signIn(ctx, request, reply, render, attempt, 'password', INVALID_CREDENTIALS, next);
}

async function reset(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  values: Values,
  render: Render,
) {
  const { phone, error } = checkPhone(values.phone);
  if (values.action === 'send') {
    if (error) return render(400, { phone: error });
    await sendCodeFor(ctx, phone, 'reset', request.ip, true);
    return render(200, {}, t('account.code.sent'));
  }
  const errors: Errors = {};
  if (error) errors.phone = error;
  const { code, error: codeError } = checkCode(values.code);
  if (codeError) errors.code = codeError;
  checkNewPassword(values.password, values.password_confirm, phone, errors);
  if (Object.keys(errors).length > 0) return render(400, errors);
  const wrongCode = { code: t('account.error.codeWrong') };
  if (!(await verifyCode(ctx, phone, 'reset', code))) return render(400, wrongCode);
  const account = await findByPhone(ctx, phone);
  if (!account || account.kind === 'staff') return render(400, wrongCode);
  try {
    // Ends every session of the account: whoever knew the old password is out.
    await setPassword(ctx, account, values.password ?? '', {
      id: account.id,
      name: account.display_name,
      ip: request.ip,
    });
  } catch (err) {
    if (err instanceof DomainError && err.code === 'bad_request')
      return render(400, err.fields ?? { password: err.message });
    throw err;
  }
  return reply.redirect('/account/login?reset=1', 303);
}

export function registerLoginRoutes(app: FastifyInstance, ctx: AppContext): void {
  const loginPage = (request: FastifyRequest, reply: FastifyReply, values: Values): Render => {
    const next = safeNext(values.next);
    return (status, errors = {}, notice) =>
      sendAccountPage(
        request,
        reply,
        (view) =>
          h(LoginPage, {
            view,
            values: keepable(values),
            errors,
            notice,
            next,
            resetDone: values.reset === '1',
          }),
        status,
      );
  };

  app.get(
    '/account/login',
    { config: { access: 'public' }, schema: { querystring: loginQuery } },
    (request, reply) => {
      const query = request.query as { next?: string; reset?: string };
      return loginPage(request, reply, { next: query.next, reset: query.reset })(200);
    },
  );
  app.post(
    '/account/login',
    { config: { access: 'public' }, schema: { body: loginBody }, attachValidation: true },
    async (request, reply) => {
      const values = valuesOf(request.body);
      const render = loginPage(request, reply, { ...values, reset: undefined });
      if (request.validationError) return render(400, schemaErrors(request));
      return login(ctx, request, reply, values, render);
    },
  );

  app.post(
    '/account/logout',
    { config: { access: 'member' }, schema: { body: emptyBody } },
    async (request, reply) => {
      const auth = request.auth;
      if (auth) {
        await revokeSession(ctx, auth.session.id_hash);
        await audit(ctx, ctx.db.kysely, {
          actor: actorOf(request),
          action: 'auth.logout',
          targetType: 'account',
          targetId: auth.account.id,
          outcome: 'success',
        });
      }
      clearSessionCookie(request, reply);
      return reply.redirect('/', 303);
    },
  );

  const resetPage =
    (request: FastifyRequest, reply: FastifyReply, values: Values): Render =>
    (status, errors = {}, notice) =>
      sendAccountPage(
        request,
        reply,
        (view) => h(ResetPage, { view, values: keepable(values), errors, notice }),
        status,
      );
  app.get('/account/reset', { config: { access: 'public' } }, (request, reply) =>
    resetPage(request, reply, {})(200),
  );
  app.post(
    '/account/reset',
    { config: { access: 'public' }, schema: { body: resetBody }, attachValidation: true },
    async (request, reply) => {
      const values = valuesOf(request.body);
      const render = resetPage(request, reply, values);
      if (request.validationError) return render(400, schemaErrors(request));
      return reset(ctx, request, reply, values, render);
    },
  );
}
