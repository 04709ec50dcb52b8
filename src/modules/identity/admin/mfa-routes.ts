// GET/POST /admin/mfa: a staff member without TOTP binds one before anything
// else. The pending secret is made on the first visit (or on "restart") and
// kept encrypted until a code from the app confirms it; then the recovery
// codes are shown once and the session is rotated to a full sign-in.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import QRCode from 'qrcode';
import { DomainError } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import { translator } from '../../../web/i18n/index.ts';
import { sendPage } from '../../../web/view.ts';
import { beginTotpEnrolment, confirmTotpEnrolment } from '../auth.ts';
import { clientOf } from '../guard.ts';
import { piiCodec } from '../pii.ts';
import { rotateSession } from '../sessions.ts';
import { totpUri } from '../totp.ts';
import { authOf, formErrors, nextOf, setSessionCookie, withNext } from './http.ts';
import { MfaPage, RecoveryCodesPage } from './mfa-pages.tsx';
import { MfaBody, NextQuery } from './schemas.ts';

const zh = translator('zh-CN');

export function mfaRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  /** Already bound: a full session goes on, a pending one signs in with its code. */
  function alreadyBound(request: FastifyRequest, reply: FastifyReply) {
    const { account, session } = authOf(request);
    if (!account.totp_enabled_at) return undefined;
    const next = nextOf(request);
    if (session.mfa === 1) return reply.redirect(next ?? '/admin', 303);
    return reply.redirect(withNext('/admin/login/totp', next), 303);
  }

  /** The pending secret, made now if there is none. */
  async function pendingSecret(request: FastifyRequest): Promise<string> {
    const { account } = authOf(request);
    if (!account.totp_secret_enc) return beginTotpEnrolment(ctx, account);
    return piiCodec(ctx.config.secret).decrypt('account.totp_secret', account.totp_secret_enc);
  }

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    problems: { message?: string; errors?: Record<string, string> } = {},
  ) {
    const secret = await pendingSecret(request);
    const uri = totpUri(secret, authOf(request).account.username ?? 'staff');
    // Drawn on the server as SVG and sent as a data: image, which the CSP allows
    // (img-src data:) where inline styles or scripts would not be.
    const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    const qr = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    return sendPage(
      request,
      reply,
      (view) => h(MfaPage, { view, next: nextOf(request), secret, uri, qr, ...problems }),
      status,
    );
  }

  const options = {
    config: { access: 'staff-pending' as const },
    attachValidation: true,
  };

  r.get(
    '/admin/mfa',
    { ...options, schema: { querystring: NextQuery } },
    async (request, reply) => {
      return alreadyBound(request, reply) ?? render(request, reply, 200);
    },
  );

  r.post(
    '/admin/mfa',
    { ...options, schema: { body: MfaBody, querystring: NextQuery } },
    async (request, reply) => {
      const bound = alreadyBound(request, reply);
      if (bound) return bound;
      const errors = formErrors(request);
      if (errors) return render(request, reply, 400, { errors });
      const auth = authOf(request);
      const next = nextOf(request);
      if (request.body.restart === '1') {
        await beginTotpEnrolment(ctx, auth.account);
        return reply.redirect(withNext('/admin/mfa', next), 303);
      }
      const code = request.body.code?.trim() ?? '';
      if (!code)
        return render(request, reply, 400, { errors: { code: zh('validation.required') } });
      let codes: string[];
      try {
        codes = await confirmTotpEnrolment(ctx, auth.account.id, code, clientOf(request));
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        if (err.fields) return render(request, reply, err.status, { errors: err.fields });
        return render(request, reply, err.status, { message: err.message });
      }
      const token = await rotateSession(ctx, auth.token, auth.account, clientOf(request), true);
      setSessionCookie(request, reply, token);
      return sendPage(request, reply, (view) =>
        h(RecoveryCodesPage, { view, codes, next: next ?? '/admin' }),
      );
    },
  );
}
