// Receiving a multipart form in the back office: the CSRF token must be the
// first part and is checked before any file is read; each file goes to the
// store while it arrives (size-limited, checked by its bytes). Shared by every
// back-office page that uploads (content attachments, service sample forms).
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest, DomainError, forbidden } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import { MAX_FILE_BYTES, type StoredUpload, storeUpload } from '../uploads.ts';

export const MULTIPART_LIMITS = {
  fileSize: MAX_FILE_BYTES,
  files: 10,
  fields: 10,
  fieldSize: 4096,
  parts: 24,
  headerPairs: 50,
};

/** Drain a file part we will not store, so the parser can move on. */
export function skipFile(part: MultipartFile): void {
  part.file.resume();
}

/** A multipart post without a valid CSRF token first: stale, or forged elsewhere. */
export const formExpired = () =>
  new DomainError('forbidden', '表单已过期或来源不明，请刷新后重新提交。');

/**
 * The platform's CSRF check, run by hand on the token from a multipart body's
 * first part (the hook cannot read a body that is still streaming).
 */
export async function checkMultipartCsrf(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
): Promise<void> {
  if (request.headers['sec-fetch-site'] === 'cross-site') throw forbidden('跨站请求已被拒绝');
  request.body = { _csrf: token };
  await new Promise<void>((resolve, reject) => {
    app.csrfProtection(request, reply, (err?: Error) => (err ? reject(err) : resolve()));
  });
  request.body = undefined;
}

export function multipartReceiver(app: FastifyInstance, ctx: AppContext) {
  /**
   * Walk a multipart body: the CSRF token first, then fields and files; each
   * file of `fileField` is streamed into the store. All or nothing: any refusal
   * attaches nothing.
   */
  async function receive(
    request: FastifyRequest,
    reply: FastifyReply,
    fileField: string,
    only?: 'image',
    beforeFile?: (fields: Record<string, string>) => void,
  ) {
    if (!request.isMultipart()) throw badRequest('请使用文件上传表单提交');
    const fields: Record<string, string> = {};
    const files: StoredUpload[] = [];
    let csrf = false;
    for await (const part of request.parts({ limits: MULTIPART_LIMITS })) {
      if (part.type === 'field') {
        if (!csrf && part.fieldname === '_csrf') {
          await checkMultipartCsrf(app, request, reply, String(part.value));
          csrf = true;
        } else if (!csrf) {
          throw formExpired();
        } else {
          fields[part.fieldname] = String(part.value);
        }
        continue;
      }
      if (!csrf) {
        skipFile(part);
        throw formExpired();
      }
      if (part.fieldname !== fileField) {
        skipFile(part);
        throw badRequest('表单含有不允许的字段', { [part.fieldname.slice(0, 40)]: '不允许的字段' });
      }
      if (!part.filename) {
        skipFile(part); // an empty file input
        continue;
      }
      try {
        beforeFile?.(fields);
      } catch (err) {
        skipFile(part);
        throw err;
      }
      files.push(await storeUpload(ctx, part.file, part.filename, only));
    }
    if (!csrf) throw formExpired();
    return { fields, files };
  }

  return { receive };
}

/**
 * An upload's refusal to show on the form it came from (bad type, too large,
 * bad field), or the error itself rethrown when it is not one (a CSRF
 * refusal, a fault): the parser's own 413 becomes a Chinese message.
 */
export function uploadRefusal(err: unknown, tooLarge: string): DomainError {
  const status = (err as { statusCode?: number }).statusCode;
  const mapped =
    err instanceof DomainError
      ? err
      : status === 413
        ? new DomainError('payload_too_large', tooLarge)
        : undefined;
  if (!mapped || mapped.status >= 500 || mapped.code === 'forbidden') throw err;
  return mapped;
}
