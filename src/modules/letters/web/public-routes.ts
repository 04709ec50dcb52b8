// Public letters routes:
//   GET  /letters/               answered public letters, search and filters
//   GET  /letters/:id            one letter with its reply (personal data removed)
//   GET  /letters/stats          monthly statistics per department
//   GET  /letters/write          the form (signed-in citizens)
//   POST /letters/write          multipart: CSRF token first, fields, then up to 3 files
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { formatShanghai } from '../../../platform/clock.ts';
import { badRequest, DomainError, forbidden } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import { sendPage } from '../../../web/view.ts';
import { type StoredUpload, storeUpload } from '../../content/uploads.ts';
import { actorOf } from '../../identity/guard.ts';
import { loadStructure } from '../../portal/structure.ts';
import { listPublicLetters, publicLetter } from '../public.ts';
import { monthStats } from '../stats.ts';
import { LETTER_LIMITS, submitLetter } from '../submit.ts';
import { LETTER_TYPES, type LetterType } from '../tables.ts';
import {
  LetterDetailPage,
  LetterListPage,
  type Org,
  StatsPage,
  WritePage,
  type WriteValues,
} from './public-pages.tsx';

const PER_PAGE = 20;
const PUBLIC = 'public, max-age=60';
const UUID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

const ListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 50 })),
  type: Type.Optional(Type.Union([Type.Literal(''), ...LETTER_TYPES.map((t) => Type.Literal(t))])),
  org: Type.Optional(Type.String({ maxLength: 40 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
});
const IdParams = Type.Object({ id: Type.String({ maxLength: 100 }) });
const ID = new RegExp(UUID);
const StatsQuery = Type.Object({
  month: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' })),
});

/** The text fields of the letter form. */
const WriteFields = Type.Object(
  {
    mailbox: Type.String({ maxLength: 36 }),
    type: Type.Union(LETTER_TYPES.map((t) => Type.Literal(t))),
    subject: Type.String({ maxLength: 200 }),
    body: Type.String({ maxLength: 10_000 }),
    may_publish: Type.Optional(Type.Literal('1')),
  },
  { additionalProperties: false },
);

const UPLOAD_LIMITS = {
  fileSize: 20 * 1024 * 1024,
  files: LETTER_LIMITS.attachments,
  fields: 8,
  fieldSize: 40_000,
  parts: 12,
  headerPairs: 50,
};

export async function departments(ctx: AppContext): Promise<Org[]> {
  return ctx.db.kysely
    .selectFrom('organisation')
    .select(['id', 'code', 'name'])
    .where('kind', '=', 'department')
    .orderBy('sort_order')
    .execute();
}

function fieldsError(fields: Record<string, string>): DomainError | undefined {
  if (Value.Check(WriteFields, fields)) return undefined;
  const errors: Record<string, string> = {};
  for (const e of Value.Errors(WriteFields, fields)) {
    const name = e.path.replace(/^\//, '') || '_form';
    errors[name] ??= name in fields || name === '_form' ? '内容不符合要求' : '此项为必填项';
  }
  return badRequest('信件内容不符合要求', errors);
}

export function registerPublicLetterRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/letters', async (_request, reply) => reply.redirect('/letters/', 301));

  app.get('/letters/', { schema: { querystring: ListQuery } }, async (request, reply) => {
    const query = request.query as { q?: string; type?: string; org?: string; page?: number };
    const filter = {
      q: query.q?.trim() || undefined,
      type: (query.type || undefined) as LetterType | undefined,
      org: query.org || undefined,
    };
    if (filter.type === 'report') return reply.callNotFound();
    const page = query.page ?? 1;
    const { items, total } = await listPublicLetters(ctx, filter, page, PER_PAGE);
    const pages = Math.max(1, Math.ceil(total / PER_PAGE));
    const [structure, orgs] = await Promise.all([loadStructure(ctx), departments(ctx)]);
    reply.header('cache-control', PUBLIC);
    return sendPage(request, reply, (view) =>
      h(LetterListPage, { view, structure, items, total, page, pages, filter, orgs }),
    );
  });

  app.get('/letters/stats', { schema: { querystring: StatsQuery } }, async (request, reply) => {
    const month =
      (request.query as { month?: string }).month ?? formatShanghai(ctx.now(), 'date').slice(0, 7);
    const [structure, stats] = await Promise.all([loadStructure(ctx), monthStats(ctx, month)]);
    reply.header('cache-control', PUBLIC);
    return sendPage(request, reply, (view) => h(StatsPage, { view, structure, stats }));
  });

  app.get('/letters/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const letter = ID.test(id) ? await publicLetter(ctx, id) : null;
    if (!letter) return reply.callNotFound();
    const structure = await loadStructure(ctx);
    reply.header('cache-control', PUBLIC);
    return sendPage(request, reply, (view) => h(LetterDetailPage, { view, structure, letter }));
  });

  app.register(async (scope) => {
    await scope.register(multipart, { limits: UPLOAD_LIMITS, throwFileSizeLimit: true });
    const member = { access: 'member' as const };

    async function form(
      request: FastifyRequest,
      reply: FastifyReply,
      values: WriteValues,
      errors: Record<string, string>,
      status = 200,
      message?: string,
    ) {
      const [structure, orgs] = await Promise.all([loadStructure(ctx), departments(ctx)]);
      reply.header('cache-control', 'no-store');
      return sendPage(
        request,
        reply,
        (view) => h(WritePage, { view, structure, orgs, values, errors, message }),
        status,
      );
    }

    scope.get('/letters/write', { config: member }, (request, reply) =>
      form(request, reply, { may_publish: '1' }, {}),
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

    /** CSRF token, then the text fields (checked before any file is read), then the files. */
    async function receive(
      request: FastifyRequest,
      reply: FastifyReply,
      fields: Record<string, string>,
    ) {
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
        if (!checked) {
          const problem = fieldsError(fields);
          if (problem) {
            part.file.resume();
            throw problem;
          }
          checked = true;
        }
        if (!part.filename) {
          part.file.resume();
          continue;
        }
        files.push(await storeUpload(ctx, part.file, part.filename));
      }
      if (!csrf) throw expired();
      const problem = fieldsError(fields);
      if (problem) throw problem;
      return { fields: fields as unknown as Static, files };
    }

    type Static = {
      mailbox: string;
      type: LetterType;
      subject: string;
      body: string;
      may_publish?: '1';
    };

    scope.post('/letters/write', { config: { ...member, csrf: false } }, async (request, reply) => {
      // Filled as the parts arrive, so a refusal can show the form again as it was.
      const received: Record<string, string> = {};
      try {
        const { fields, files } = await receive(request, reply, received);
        const account = request.auth!.account;
        const { id } = await submitLetter(ctx, {
          accountId: account.id,
          actor: actorOf(request),
          ip: request.ip,
          mailboxOrgId: fields.mailbox || null,
          type: fields.type,
          subject: fields.subject,
          body: fields.body,
          mayPublish: fields.may_publish === '1',
          attachments: files,
        });
        return reply.redirect(`/account/letters/${id}?ok=written`, 303);
      } catch (err) {
        if (!(err instanceof DomainError) || err.code === 'forbidden') throw err;
        const shown: WriteValues = received;
        const errors =
          err.fields ??
          (err.code === 'unsupported_media_type' || err.code === 'payload_too_large'
            ? { attachments: err.message }
            : {});
        return form(
          request,
          reply,
          shown,
          errors,
          err.status,
          Object.keys(errors).length ? undefined : err.message,
        );
      }
    });
  });
}
