// Attachment downloads: GET /files/{sha256}/{name}. Files are stored by the
// hash of their content under $YIMEN_DATA_DIR/files/aa/bb/<sha256>, so a URL
// always means the same bytes and may be cached for a year. Only files
// attached to a live item are served; everything else is 404. A file is
// never rendered by the browser: Content-Disposition: attachment with a
// sanitised RFC 6266 name, the stored MIME type, nosniff and a sandbox CSP.
// A single byte range is answered with 206 (RFC 9110 §14): a download cut off
// on a phone network resumes where it stopped, and a browser's PDF viewer
// fetches the pages it shows first.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import parseRange from 'range-parser';
import { noneMatchNames } from '../../platform/http/fast-lane.ts';
import type { AppContext } from '../../platform/module.ts';

export const SHA256 = /^[0-9a-f]{64}$/;

/** Where the file store keeps a file (the writer uses the same layout). */
export function storedFilePath(dataDir: string, sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error('not a sha256');
  return join(dataDir, 'files', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

// Path separators, C0/C1 controls (CR, LF…), DEL, bidirectional overrides and
// isolates, zero-width and other invisible format characters that disguise a
// name ("a\u202Egnp.exe" shows as "aexe.png").
// Kept as a string: the linter forbids control characters in regex literals.
const UNSAFE_NAME_PATTERN =
  '[\\\\/\\u0000-\\u001F\\u007F-\\u009F\\u061C\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2069\\uFEFF]';
const UNSAFE_NAME = new RegExp(UNSAFE_NAME_PATTERN, 'g');

/** A file name safe to offer for saving: no path, no controls, no bidi tricks, not empty. */
export function safeFileName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(UNSAFE_NAME, '_')
    .replace(/^[.\s_]+/, '')
    .replace(/[.\s]+$/, '')
    .trim();
  const chars = [...cleaned];
  return (chars.length > 150 ? chars.slice(chars.length - 150).join('') : cleaned) || 'download';
}

/** RFC 6266 / RFC 8187: an ASCII fallback and the exact UTF-8 name. */
export function contentDisposition(name: string): string {
  const safe = safeFileName(name);
  const ascii = safe.replace(/[^\x20-\x7E]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(safe).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const Params = Type.Object({
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  name: Type.String({ minLength: 1, maxLength: 600 }),
});

export function registerFileRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/files/:sha256/:name', { schema: { params: Params } }, async (request, reply) => {
    const { sha256, name } = request.params as { sha256: string; name: string };
    const rows = await ctx.db.kysely
      .selectFrom('stored_file')
      .innerJoin('content_attachment', 'content_attachment.sha256', 'stored_file.sha256')
      .innerJoin('content_item', 'content_item.id', 'content_attachment.item_id')
      .select(['stored_file.mime', 'stored_file.size', 'content_attachment.name'])
      .where('stored_file.sha256', '=', sha256)
      .where('content_item.publication', '=', 'published')
      .execute();
    const file = rows.find((r) => r.name === name) ?? rows[0];
    if (!file) return reply.callNotFound();
    return sendStoredFile(ctx, request, reply, { sha256, ...file });
  });
}

/**
 * Send a public stored file for download (the caller has checked that it may
 * be public): immutable caching, the stored type, never rendered in the page.
 */
export async function sendStoredFile(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  file: { sha256: string; mime: string; name: string },
) {
  const { sha256 } = file;
  const path = storedFilePath(ctx.config.dataDir, sha256);
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) {
    request.log.warn({ sha256 }, 'file listed but missing from the file store');
    return reply.callNotFound();
  }
  const etag = `"${sha256}"`;
  reply
    .header('cache-control', 'public, max-age=31536000, immutable')
    .header('etag', etag)
    .header('x-content-type-options', 'nosniff')
    .header(
      'content-security-policy',
      `${String(reply.getHeader('content-security-policy') ?? "default-src 'none'")};sandbox`,
    )
    .header('content-disposition', contentDisposition(file.name));
  if (noneMatchNames(request.headers['if-none-match'], etag)) return reply.code(304).send();
  reply
    .type(/^[\w.+-]+\/[\w.+-]+$/.test(file.mime) ? file.mime : 'application/octet-stream')
    .header('accept-ranges', 'bytes');
  const range = requestedRange(request, etag, info.size);
  // An error about one client's Range, not the file: no cache may keep it.
  if (range === 'unsatisfiable')
    return reply
      .code(416)
      .header('cache-control', 'no-store')
      .header('content-range', `bytes */${info.size}`)
      .send();
  if (!range) return reply.header('content-length', info.size).send(createReadStream(path));
  return reply
    .code(206)
    .header('content-range', `bytes ${range.start}-${range.end}/${info.size}`)
    .header('content-length', range.end - range.start + 1)
    .send(createReadStream(path, range));
}

/**
 * The one byte range to send, 'unsatisfiable' (416), or undefined for the
 * whole file: no Range, a malformed or backwards one, a unit other than
 * bytes, several ranges (sending the whole file is allowed and simpler than
 * multipart), or an If-Range naming another version.
 */
function requestedRange(
  request: FastifyRequest,
  etag: string,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  const header = request.headers.range;
  if (typeof header !== 'string') return undefined;
  // The unit is case-insensitive (RFC 9110 §14.1); an unknown one is ignored.
  if (header.slice(0, header.indexOf('=')).trim().toLowerCase() !== 'bytes') return undefined;
  const ifRange = request.headers['if-range'];
  if (ifRange !== undefined && ifRange !== etag) return undefined;
  const specs = specsOf(header);
  // A backwards spec (5-2) makes the whole header invalid: ignored (RFC 9110 §14.2).
  if (specs.some(isBackwards)) return undefined;
  // A suffix at least as long as the file asks for all of it (bytes=-99999),
  // which range-parser drops as unsatisfiable; among several ranges, the
  // whole file is what they ask for together.
  if (specs.some(wholeSuffix(size))) {
    if (specs.length > 1) return undefined;
    if (size > 0) return { start: 0, end: size - 1 };
  }
  const ranges = parseRange(size, header, { combine: true });
  // Only ranges that all start at or past the end, or a suffix of nothing or
  // of an empty file, are left unsatisfiable here: 416.
  if (ranges === -1) return specs.every(pastEnd(size)) ? 'unsatisfiable' : undefined;
  if (ranges === -2 || ranges.length !== 1) return undefined;
  return ranges[0];
}

function isBackwards(spec: string): boolean {
  const m = /^(\d+)-(\d+)$/.exec(spec);
  return m !== null && Number(m[2]) < Number(m[1]);
}

const wholeSuffix = (size: number) => (spec: string) => {
  const m = /^-(\d+)$/.exec(spec);
  return m !== null && Number(m[1]) >= size;
};

/** The comma-separated specs after "bytes=", trimmed. */
function specsOf(header: string): string[] {
  return header
    .slice(header.indexOf('=') + 1)
    .split(',')
    .map((spec) => spec.trim());
}

const pastEnd = (size: number) => (spec: string) => {
  const m = /^(\d+)-\d*$/.exec(spec);
  return m ? Number(m[1]) >= size : size === 0 || /^-0+$/.test(spec);
};
