// Sending an application's stored file: always as a download (attachment,
// with a sanitised RFC 6266 name), never cached by shared caches. The caller
// has already checked that the reader may see this application.
import { createReadStream } from 'node:fs';
import type { FastifyReply } from 'fastify';
import { notFound } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import { getStoredFile, storedFilePath } from '../../content/files.ts';
import { contentDisposition } from '../../content/uploads.ts';

export async function sendStoredFile(
  ctx: AppContext,
  reply: FastifyReply,
  sha256: string | null,
  name: string | null,
): Promise<FastifyReply> {
  if (!sha256) throw notFound('文件不存在');
  const stored = await getStoredFile(ctx, sha256);
  return reply
    .header('content-type', stored.mime)
    .header('content-disposition', contentDisposition(name ?? 'file'))
    .header('cache-control', 'private, no-store')
    .send(createReadStream(storedFilePath(ctx, sha256)));
}
