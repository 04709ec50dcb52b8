// Uploads: checked by their bytes (never by the name or the browser's
// Content-Type) and stored in the content-addressed store (files.ts). An
// upload streams to a temporary file inside the store while it is hashed and
// counted (bounded memory, cut at 20 MB), is checked, and only then committed:
// a half-written or refused file is never visible and never kept.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromBuffer } from 'file-type';
import { DomainError } from '../../platform/errors.ts';
import type { AppContext } from '../../platform/module.ts';
import { cleanLine } from '../../platform/text.ts';
import { commitFile, incomingDir } from './files.ts';
import { inspectZip, ZipRefused } from './zip.ts';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** What we accept, by detected type: the extensions that may carry it and the type we serve. */
const ACCEPTED: Record<string, { exts: string[]; mime: (ext: string) => string; label: string }> = {
  pdf: { exts: ['pdf'], mime: () => 'application/pdf', label: 'PDF' },
  // Word 97–2003, Excel 97–2003 and PowerPoint 97–2003 share one container (OLE/CFB).
  cfb: {
    exts: ['doc', 'xls', 'ppt'],
    mime: (ext) =>
      ({ doc: 'application/msword', xls: 'application/vnd.ms-excel' })[ext] ??
      'application/vnd.ms-powerpoint',
    label: 'Office 97–2003',
  },
  docx: {
    exts: ['docx'],
    mime: () => 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word',
  },
  xlsx: {
    exts: ['xlsx'],
    mime: () => 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Excel',
  },
  pptx: {
    exts: ['pptx'],
    mime: () => 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    label: 'PowerPoint',
  },
  odt: { exts: ['odt'], mime: () => 'application/vnd.oasis.opendocument.text', label: 'ODT' },
  ods: {
    exts: ['ods'],
    mime: () => 'application/vnd.oasis.opendocument.spreadsheet',
    label: 'ODS',
  },
  png: { exts: ['png'], mime: () => 'image/png', label: 'PNG' },
  jpg: { exts: ['jpg', 'jpeg'], mime: () => 'image/jpeg', label: 'JPEG' },
  gif: { exts: ['gif'], mime: () => 'image/gif', label: 'GIF' },
  webp: { exts: ['webp'], mime: () => 'image/webp', label: 'WebP' },
};

/** Where the markers of each zip-based format live inside the archive. */
const ZIP_MARKERS: Record<string, (names: string[]) => boolean> = {
  docx: (n) => n.includes('[Content_Types].xml') && n.some((x) => x.startsWith('word/')),
  xlsx: (n) => n.includes('[Content_Types].xml') && n.some((x) => x.startsWith('xl/')),
  pptx: (n) => n.includes('[Content_Types].xml') && n.some((x) => x.startsWith('ppt/')),
  odt: (n) => n.includes('mimetype') && n.includes('content.xml'),
  ods: (n) => n.includes('mimetype') && n.includes('content.xml'),
};

export const ACCEPT_ATTRIBUTE =
  '.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.png,.jpg,.jpeg,.gif,.webp';
export const IMAGE_ACCEPT_ATTRIBUTE = '.png,.jpg,.jpeg,.gif,.webp';

const refuse = (message: string) => new DomainError('unsupported_media_type', message);

// Bidirectional marks and overrides, zero-width characters and BOM, on top of
// what cleanLine removes; kept as a string (the linter refuses such regex literals).
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** A name fit to show and to put in Content-Disposition: no path, no control or bidi characters, ≤ 200 characters. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  let name = cleanLine(base.replace(INVISIBLE, ''))
    .replace(/[<>:"|?*]/g, '_')
    .replace(/^[.\s]+/, '');
  const chars = [...name];
  if (chars.length > 200) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = chars.slice(0, 200 - ext.length).join('') + ext;
  }
  return name;
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** A first glance at bytes file-type does not know: is it a web page or other text? */
function looksLikeMarkup(head: Buffer): boolean {
  const text = head.toString('latin1', 0, Math.min(head.length, 1024)).replace(/^\uFEFF|^ï»¿/, '');
  return /^\s*<(!doctype|html|head|body|script|svg|\?xml|iframe|div|meta|a\s)/i.test(text);
}

export interface CheckedFile {
  mime: string;
  ext: string;
  label: string;
}

/** Decide by content what a stored temporary file is; throws 415 with a Chinese reason. */
export async function checkFileContent(
  path: string,
  size: number,
  name: string,
): Promise<CheckedFile> {
  const fh = await open(path, 'r');
  try {
    if (size === 0) throw refuse('文件是空的');
    const head = Buffer.alloc(Math.min(size, 4100));
    await fh.read(head, 0, head.length, 0);
    // Zip containers: read the central directory (bounded) before anything inflates an entry.
    let zipNames: string[] | undefined;
    if (head.readUInt32LE(0) === 0x04034b50) {
      try {
        zipNames = (await inspectZip(fh, size)).names;
      } catch (err) {
        if (err instanceof ZipRefused) throw refuse(`压缩格式文档不合格：${err.message}`);
        throw err;
      }
    }
    const detected = await fileTypeFromBuffer(zipNames ? await readAll(fh, size) : head).catch(
      () => undefined,
    );
    const ext = extensionOf(name);
    if (!detected) {
      if (looksLikeMarkup(head))
        throw refuse(
          ext === 'pdf'
            ? '该文件扩展名是 .pdf，但内容是网页（HTML），不是 PDF 文档，已拒绝上传'
            : '文件内容是网页（HTML）或脚本，不允许上传',
        );
      throw refuse(
        '无法识别文件类型：只能上传 PDF、Word、Excel、PowerPoint、ODT/ODS 文档和 PNG、JPEG、GIF、WebP 图片',
      );
    }
    if (
      detected.ext === 'exe' ||
      detected.mime === 'application/x-msdownload' ||
      detected.ext === 'elf'
    )
      throw refuse(
        ext === 'pdf'
          ? '该文件扩展名是 .pdf，但内容是可执行程序（EXE），已拒绝上传'
          : '文件内容是可执行程序，不允许上传',
      );
    const accepted = ACCEPTED[detected.ext];
    if (!accepted)
      throw refuse(`不支持的文件类型（识别为 ${detected.ext.toUpperCase()}）：只能上传文档和图片`);
    if (zipNames && !ZIP_MARKERS[detected.ext]?.(zipNames))
      throw refuse('文档的内部结构不完整，不是有效的 Office 或 OpenDocument 文件');
    if (ext && !accepted.exts.includes(ext))
      throw refuse(
        `文件扩展名 .${ext.slice(0, 10)} 与文件内容（${accepted.label}）不符，请检查后重新上传`,
      );
    const finalExt = ext || accepted.exts[0]!;
    return { mime: accepted.mime(finalExt), ext: finalExt, label: accepted.label };
  } finally {
    await fh.close();
  }
}

/** The whole file, for file-type's look into a zip (only after its directory passed the limits). */
async function readAll(fh: Awaited<ReturnType<typeof open>>, size: number): Promise<Buffer> {
  const buf = Buffer.alloc(size);
  let done = 0;
  while (done < size) {
    const { bytesRead } = await fh.read(buf, done, size - done, done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return buf.subarray(0, done);
}

export interface StoredUpload {
  sha256: string;
  size: number;
  mime: string;
  name: string;
}

/**
 * Stream one upload to disk, check it and store it. `truncated` tells whether
 * the multipart parser cut the stream at its size limit (then 413).
 */
export async function storeUpload(
  ctx: AppContext,
  source: Readable & { truncated?: boolean },
  rawName: string,
  only?: 'image',
): Promise<StoredUpload> {
  await mkdir(incomingDir(ctx), { recursive: true });
  const temp = join(incomingDir(ctx), `${randomUUID()}.part`);
  const hash = createHash('sha256');
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > MAX_FILE_BYTES) return done(tooLarge());
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    const out = createWriteStream(temp, { flags: 'wx', mode: 0o640 });
    await pipeline(source, counter, out);
    if (source.truncated) throw tooLarge();
    const name = cleanFileName(rawName);
    const checked = await checkFileContent(temp, size, name);
    if (only === 'image' && !checked.mime.startsWith('image/'))
      throw refuse('封面只能是 PNG、JPEG、GIF 或 WebP 图片');
    const sha256 = hash.digest('hex');
    await commitFile(ctx, temp, { sha256, size, mime: checked.mime });
    const shown = name.includes('.') ? name : `${name || 'file'}.${checked.ext}`;
    return { sha256, size, mime: checked.mime, name: shown };
  } finally {
    // Gone already when it was committed; a refused or broken upload leaves nothing behind.
    await unlink(temp).catch(() => {});
  }
}

function tooLarge(): DomainError {
  return new DomainError(
    'payload_too_large',
    `文件超过 ${MAX_FILE_BYTES / 1024 / 1024} MB 的上限，请压缩或拆分后再上传`,
  );
}

/** RFC 6266 / RFC 8187 Content-Disposition: an ASCII fallback and the exact UTF-8 name. */
export function contentDisposition(name: string, kind: 'attachment' | 'inline' = 'attachment') {
  const safe = cleanFileName(name) || 'download';
  const ascii = safe.replace(/[^\x20-\x7E]/g, '_').replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(safe).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
