// Reading an application form posted as multipart/form-data. The CSRF token
// must be the first part and is checked before anything else is read; text
// fields are collected; each file goes through content's upload checks (bytes
// decide the type, 20 MB at most, safe names) into the file store. A file
// field is `material-<key>` (or `files` / `decision` on the handling pages);
// any other file field is a forged one and refuses the whole post.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest, DomainError } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import { checkMultipartCsrf, formExpired, skipFile } from '../../content/admin/multipart.ts';
import { MAX_FILE_BYTES, storeUpload } from '../../content/uploads.ts';
import type { UploadedMaterial } from '../submission.ts';

export const APPLICATION_MULTIPART_LIMITS = {
  fileSize: MAX_FILE_BYTES,
  files: 20,
  fields: 80,
  fieldSize: 8192,
  parts: 120,
  headerPairs: 50,
};

export interface ReceivedForm {
  fields: Record<string, string>;
  files: UploadedMaterial[];
  /** Refused files (wrong type, too large), keyed by their field: the form is shown again. */
  fileErrors: Record<string, string>;
  /** The status of the worst file refusal (415 or 413). */
  fileStatus?: number;
}

/** A failure of the file store itself (disk, permissions): a server error, not the visitor's. */
class StoreFailure extends Error {
  constructor(override readonly cause: unknown) {
    super('file store failure');
  }
}

/** `material-<key>` → key; the fixed file fields map to themselves; anything else undefined. */
function materialOf(fieldname: string, fixed: readonly string[]): string | undefined {
  if (fixed.includes(fieldname)) return fieldname;
  const m = /^material-([a-z][a-z0-9-]{0,63})$/.exec(fieldname);
  return m?.[1];
}

/**
 * Walk the body. `fixedFileFields` lists file fields other than materials.
 * Files are stored as they arrive (content-addressed: a refused post leaves
 * only unreferenced bytes, never an application row).
 */
export async function receiveForm(
  app: FastifyInstance,
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  fixedFileFields: readonly string[] = [],
): Promise<ReceivedForm> {
  if (!request.isMultipart()) throw badRequest('请使用页面上的表单提交（需要支持文件上传）');
  const fields: Record<string, string> = {};
  const files: UploadedMaterial[] = [];
  const fileErrors: Record<string, string> = {};
  let fileStatus: number | undefined;
  let csrf = false;
  try {
    for await (const part of request.parts({ limits: APPLICATION_MULTIPART_LIMITS })) {
      if (part.type === 'field') {
        if (!csrf && part.fieldname === '_csrf') {
          await checkMultipartCsrf(app, request, reply, String(part.value));
          csrf = true;
        } else if (!csrf) throw formExpired();
        else if (Object.hasOwn(fields, part.fieldname))
          throw badRequest('表单中有重复的字段', {
            _form: `重复的字段：${part.fieldname.slice(0, 40)}`,
          });
        else fields[part.fieldname] = String(part.value);
        continue;
      }
      if (!csrf) {
        skipFile(part);
        throw formExpired();
      }
      const material = materialOf(part.fieldname, fixedFileFields);
      if (!material) {
        skipFile(part);
        throw badRequest('表单含有不允许的文件字段', {
          _form: `不允许的文件字段：${part.fieldname.slice(0, 40)}`,
        });
      }
      if (!part.filename) {
        skipFile(part); // an empty file input
        continue;
      }
      try {
        const stored = await storeUpload(ctx, part.file, part.filename);
        files.push({ material, ...stored });
      } catch (err) {
        // A refused file does not end the reading: the other fields are needed to show the form again.
        if (!(err instanceof DomainError)) throw new StoreFailure(err);
        if (err.status >= 500) throw err;
        part.file.resume();
        fileErrors[part.fieldname] = err.message;
        fileStatus = Math.max(fileStatus ?? 0, err.status);
      }
    }
  } catch (err) {
    if (err instanceof StoreFailure) throw err.cause;
    if (err instanceof DomainError) throw err;
    // What is left came from reading the body: limits (413) or a malformed body (400), never a 500.
    if ((err as { statusCode?: number }).statusCode === 413)
      throw new DomainError(
        'payload_too_large',
        `上传的文件过大或数量过多（每个文件不超过 ${MAX_FILE_BYTES / 1024 / 1024} MB）`,
      );
    throw badRequest('上传的表单格式不正确，请刷新页面后重新提交');
  }
  if (!csrf) throw formExpired();
  return { fields, files, fileErrors, fileStatus };
}
