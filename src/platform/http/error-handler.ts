// Every error a request can end in is mapped to a status and a message here,
// and nowhere else. Browsers get a friendly Chinese page; /api/ and JSON
// clients get {error: {code, message, requestId, fields}}. A 500 reveals only
// the request id; the stack trace goes to the log.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { localeForPath, type MessageKey, translator } from '../../web/i18n/index.ts';
import { ErrorPage } from '../../web/pages/error-page.tsx';
import { sendPage } from '../../web/view.ts';
import { DomainError } from '../errors.ts';

interface MappedError {
  status: number;
  code: string;
  message: string;
  fields?: Record<string, string>;
}

/** JSON for /api/ and for clients that ask for JSON rather than HTML. */
export function wantsJson(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

export type AjvIssue = { instancePath?: string; keyword: string; params?: Record<string, unknown> };

/** Chinese (or English) per-field messages for schema issues; also used by forms with attachValidation. */
export function validationFields(
  issues: AjvIssue[],
  request: FastifyRequest,
): Record<string, string> {
  const t = translator(localeForPath(request.url));
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const params = issue.params ?? {};
    let field = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    if (issue.keyword === 'required') field = String(params.missingProperty ?? field);
    if (issue.keyword === 'additionalProperties')
      field = String(params.additionalProperty ?? field);
    const key = `validation.${issue.keyword}` as MessageKey;
    const known = [
      'required',
      'maxLength',
      'minLength',
      'pattern',
      'format',
      'type',
      'enum',
      'additionalProperties',
      'maximum',
      'minimum',
    ];
    const message = t(known.includes(issue.keyword) ? key : 'validation.other', {
      limit: String(params.limit ?? ''),
      field,
    });
    fields[field || '(请求)'] ??= message;
  }
  return fields;
}

export function mapError(
  error: FastifyError | DomainError | Error,
  request: FastifyRequest,
): MappedError {
  const t = translator(localeForPath(request.url));
  if (error instanceof DomainError) {
    return { status: error.status, code: error.code, message: error.message, fields: error.fields };
  }
  const fe = error as FastifyError & { validation?: AjvIssue[] };
  if (fe.validation) {
    return {
      status: 400,
      code: 'validation_failed',
      message: t('error.validation'),
      fields: validationFields(fe.validation, request),
    };
  }
  if (fe.code?.startsWith('FST_CSRF') || fe.code === 'YIMEN_CROSS_SITE') {
    return { status: 403, code: 'csrf_failed', message: t('error.csrf') };
  }
  if (fe.code === 'SQLITE_FULL' || fe.code === '53100') {
    // Disk full (SQLite, or PostgreSQL's disk_full): the write was rolled back; say so plainly.
    return {
      status: 503,
      code: 'storage_full',
      message: '服务器存储空间不足，您的提交未能保存，请稍后再试。',
    };
  }
  const status = fe.statusCode ?? 500;
  if (status === 413) return { status, code: 'payload_too_large', message: t('error.413.body') };
  if (status === 429) return { status, code: 'rate_limited', message: t('error.429.body') };
  if (status === 404) return { status, code: 'not_found', message: t('error.404.body') };
  if (status >= 400 && status < 500) {
    // Fastify's own 4xx (malformed JSON, bad content type…): safe to name, in Chinese.
    return { status, code: 'bad_request', message: '请求格式不正确，请检查后重试。' };
  }
  return { status: 500, code: 'internal_error', message: t('error.500.body') };
}

function titleKey(status: number): MessageKey {
  const known = [400, 401, 403, 404, 409, 413, 429, 503];
  if (known.includes(status)) return `error.${status}.title` as MessageKey;
  // Any other 4xx (414 for an over-long URL…) is the client's, not "server error".
  return status < 500 ? 'error.400.title' : 'error.500.title';
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  mapped: MappedError,
): FastifyReply {
  if (wantsJson(request)) {
    return reply.code(mapped.status).send({
      error: {
        code: mapped.code,
        message: mapped.message,
        requestId: request.id,
        fields: mapped.fields,
      },
    });
  }
  return sendPage(
    request,
    reply,
    (view) =>
      h(ErrorPage, {
        view,
        site: request.server.siteBrand(request.url.split('?', 1)[0]!),
        title: view.t(titleKey(mapped.status)),
        message: mapped.message,
        fields: mapped.fields,
        showRequestId: mapped.status >= 500,
      }),
    mapped.status,
  );
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const mapped = mapError(error as Error, request);
    if (mapped.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: mapped.code, status: mapped.status }, 'request rejected');
    return sendError(request, reply, mapped);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, {
      status: 404,
      code: 'not_found',
      message: translator(localeForPath(request.url))('error.404.body'),
    }),
  );
}
