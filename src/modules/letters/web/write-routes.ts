// Writing and tracking a letter:
//   GET  /letters/write   the form: a signed-in citizen writes as themselves; anyone
//                         else verifies a phone number with an SMS code on the form
//   POST /letters/write   multipart: the CSRF token first, the fields (checked before
//                         any file is read), then up to three files checked by their bytes;
//                         action=send only sends the code and shows the form again
//   GET  /letters/track, POST   progress and reply by 查询码 and phone number
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { badRequest, DomainError, forbidden } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import { translator } from '../../../web/i18n/index.ts';
import { sendPage } from '../../../web/view.ts';
import { type StoredUpload, storeUpload } from '../../content/uploads.ts';
import { checkCode, checkPhone, sendCodeFor } from '../../identity/public/forms.ts';
import { resolveSession, SESSION_COOKIE } from '../../identity/sessions.ts';
import { verifyCode } from '../../identity/sms-codes.ts';
import type { AccountRow } from '../../identity/tables.ts';
import { loadStructure } from '../../portal/structure.ts';
import { trackedLetter } from '../mine.ts';
import { LETTER_LIMITS, submitLetter } from '../submit.ts';
import { LETTER_TYPES, type LetterType } from '../tables.ts';
import { MyLetterPage } from './account-pages.tsx';
import { TrackPage, WritePage, type WriteValues } from './public-pages.tsx';
import { departments } from './public-routes.ts';

const t = translator('zh-CN');

/** The text fields of the letter form. */
const WriteFields = Type.Object(
  {
    mailbox: Type.String({ maxLength: 36 }),
    type: Type.Union(LETTER_TYPES.map((x) => Type.Literal(x))),
    subject: Type.String({ maxLength: 200 }),
    body: Type.String({ maxLength: 10_000 }),
    may_publish: Type.Optional(Type.Literal('1')),
    phone: Type.Optional(Type.String({ maxLength: 32 })),
    code: Type.Optional(Type.String({ maxLength: 16 })),
    action: Type.Optional(Type.Literal('send')),
  },
  { additionalProperties: false },
);
type WriteFields = {
  mailbox: string;
  type: LetterType;
  subject: string;
  body: string;
  may_publish?: '1';
  phone?: string;
  code?: string;
  action?: 'send';
};

const TrackBody = Type.Object(
  { code: Type.String({ maxLength: 20 }), phone: Type.String({ maxLength: 32 }) },
  { additionalProperties: false },
);

const UPLOAD_LIMITS = {
  fileSize: 20 * 1024 * 1024,
  files: LETTER_LIMITS.attachments,
  fields: 10,
  fieldSize: 40_000,
  parts: 14,
  headerPairs: 50,
};

function fieldsError(fields: Record<string, string>): DomainError | undefined {
  if (Value.Check(WriteFields, fields)) return undefined;
  const errors: Record<string, string> = {};
  for (const e of Value.Errors(WriteFields, fields)) {
    const name = e.path.replace(/^\//, '') || '_form';
    errors[name] ??= name in fields || name === '_form' ? '内容不符合要求' : '此项为必填项';
  }
  return badRequest('信件内容不符合要求', errors);
}

/** A signed-in citizen or enterprise, if any (staff write as citizens do, by phone). */
async function memberOf(ctx: AppContext, request: FastifyRequest): Promise<AccountRow | undefined> {
  const resolved = await resolveSession(ctx, request.cookies[SESSION_COOKIE]);
  return resolved && resolved.account.kind !== 'staff' ? resolved.account : undefined;
}

export function registerWriteRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.register(async (scope) => {
    await scope.register(multipart, { limits: UPLOAD_LIMITS, throwFileSizeLimit: true });

    async function form(
      request: FastifyRequest,
      reply: FastifyReply,
      page: {
        member: boolean;
        values: WriteValues;
        errors?: Record<string, string>;
        status?: number;
        message?: string;
        notice?: string;
      },
    ) {
      const [structure, orgs] = await Promise.all([loadStructure(ctx), departments(ctx)]);
      reply.header('cache-control', 'no-store');
      return sendPage(
        request,
        reply,
        (view) => h(WritePage, { view, structure, orgs, errors: {}, ...page }),
        page.status ?? 200,
      );
    }

    scope.get('/letters/write', async (request, reply) =>
      form(request, reply, {
        member: Boolean(await memberOf(ctx, request)),
        values: { may_publish: '1' },
      }),
    );

    /** The platform's CSRF check, run by hand on the token from the first part. */
    async function checkCsrf(request: FastifyRequest, reply: FastifyReply, token: string) {
      if (request.headers['sec-fetch-site'] === 'cross-site') throw forbidden('跨站请求已被拒绝');
      request.body = { _csrf: token };
      await new Promise<void>((resolve, reject) => {
        scope.csrfProtection(request, reply, (err?: Error) => (err ? reject(err) : resolve()));
      });
      request.body = undefined;
    }

    const expired = () => new DomainError('forbidden', '表单已过期或来源不明，请刷新后重新提交。');

    /** Walk the multipart body into `fields` (filled as parts arrive) and stored files. */
    async function receive(
      request: FastifyRequest,
      reply: FastifyReply,
      fields: Record<string, string>,
    ): Promise<{ fields: WriteFields; files: StoredUpload[] }> {
      if (!request.isMultipart()) throw badRequest('请使用写信表单提交');
      const files: StoredUpload[] = [];
      let csrf = false;
      let checked = false;
      for await (const part of request.parts({ limits: UPLOAD_LIMITS })) {
        if (part.type === 'field') {
          if (!csrf) {
            if (part.fieldname !== '_csrf') throw expired();
            await checkCsrf(request, reply, String(part.value));
            csrf = true;
          } else fields[part.fieldname] = String(part.value);
          continue;
        }
        if (!csrf || part.fieldname !== 'attachments') {
          part.file.resume();
          throw csrf ? badRequest('表单含有不允许的字段') : expired();
        }
        // Sending a code stores nothing; an empty file input sends an empty part.
        if (fields.action === 'send' || !part.filename) {
          part.file.resume();
          continue;
        }
        if (!checked) {
          const problem = fieldsError(fields);
          if (problem) {
            part.file.resume();
            throw problem;
          }
          checked = true;
        }
        files.push(await storeUpload(ctx, part.file, part.filename));
      }
      if (!csrf) throw expired();
      const problem = fieldsError(fields);
      if (problem) throw problem;
      return { fields: fields as WriteFields, files };
    }

    /** The verified phone of a writer without an account; throws field errors otherwise. */
    async function verifiedPhone(f: WriteFields): Promise<string> {
      const phone = checkPhone(f.phone);
      if (phone.error) throw badRequest(phone.error, { phone: phone.error });
      const code = checkCode(f.code);
      if (code.error) throw badRequest(code.error, { code: code.error });
      if (!(await verifyCode(ctx, phone.phone, 'letter', code.code)))
        throw badRequest(t('letters.sms.wrongCode'), { code: t('letters.sms.wrongCode') });
      return phone.phone;
    }

    async function sendLetterCode(request: FastifyRequest, reply: FastifyReply, f: WriteFields) {
      const phone = checkPhone(f.phone);
      if (phone.error) throw badRequest(phone.error, { phone: phone.error });
      const limited = await sendCodeFor(ctx, phone.phone, 'letter', request.ip, false);
      return form(request, reply, {
        member: false,
        values: f,
        message: limited,
        notice: limited ? undefined : t('letters.sms.sent'),
        status: limited ? 429 : 200,
      });
    }

    scope.post('/letters/write', { config: { csrf: false } }, async (request, reply) => {
      const member = await memberOf(ctx, request);
      // Filled as the parts arrive, so a refusal can show the form again as it was.
      const received: Record<string, string> = {};
      try {
        const { fields, files } = await receive(request, reply, received);
        if (!member && fields.action === 'send')
          return await sendLetterCode(request, reply, fields);
        const phone = member ? undefined : await verifiedPhone(fields);
        const { id, code } = await submitLetter(ctx, {
          accountId: member?.id ?? null,
          phone,
          actor: member
            ? { id: member.id, name: member.display_name, ip: request.ip }
            : { id: null, name: 'sms-verified', ip: request.ip },
          ip: request.ip,
          mailboxOrgId: fields.mailbox || null,
          type: fields.type,
          subject: fields.subject,
          body: fields.body,
          mayPublish: fields.may_publish === '1',
          attachments: files,
        });
        if (member) return reply.redirect(`/account/letters/${id}?ok=written`, 303);
        return await showTracked(request, reply, code, phone!, 'written');
      } catch (err) {
        if (!(err instanceof DomainError) || err.code === 'forbidden') throw err;
        const fileProblem =
          err.code === 'unsupported_media_type' || err.code === 'payload_too_large';
        const errors = err.fields ?? (fileProblem ? { attachments: err.message } : {});
        return form(request, reply, {
          member: Boolean(member),
          values: received,
          errors,
          status: err.status,
          message: Object.keys(errors).length ? undefined : err.message,
        });
      }
    });
  });

  async function showTracked(
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    phone: string,
    flash?: 'written',
  ) {
    const mine = await trackedLetter(ctx, code, phone);
    if (!mine) return trackForm(request, reply, t('letters.track.notFound'), code, 404);
    reply.header('cache-control', 'no-store');
    const text = flash
      ? `${t('letters.written.title')}。${t('letters.written.code')}：${code}。请记下查询码，凭查询码和手机号码可查询办理进展。`
      : undefined;
    return sendPage(request, reply, (view) =>
      h(MyLetterPage, { view, mine, tracked: true, flash: text }),
    );
  }

  async function trackForm(
    request: FastifyRequest,
    reply: FastifyReply,
    error?: string,
    code?: string,
    status = 200,
  ) {
    const structure = await loadStructure(ctx);
    reply.header('cache-control', 'no-store');
    return sendPage(
      request,
      reply,
      (view) => h(TrackPage, { view, structure, error, code }),
      status,
    );
  }

  app.get('/letters/track', (request, reply) => trackForm(request, reply));
  app.post(
    '/letters/track',
    { schema: { body: TrackBody }, attachValidation: true },
    async (request, reply) => {
      const body = (request.body ?? {}) as { code?: string; phone?: string };
      const code = (body.code ?? '').trim();
      const phone = checkPhone(body.phone);
      if (request.validationError || !/^\d{10}$/.test(code) || phone.error)
        return trackForm(request, reply, t('letters.track.notFound'), code.slice(0, 10), 400);
      return showTracked(request, reply, code, phone.phone);
    },
  );
}
