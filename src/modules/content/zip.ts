// A bounded reader of a zip file's central directory, for checking Office
// (OOXML) and OpenDocument uploads before anything else looks inside them.
// It reads at most the end-of-central-directory record and the directory
// itself (both size-capped), never a file's data, and refuses archives with
// too many entries or too much uncompressed content: a zip bomb is turned
// away before a single byte is inflated.
import type { FileHandle } from 'node:fs/promises';

export interface ZipLimits {
  maxEntries: number;
  maxUncompressed: number;
  /** The central directory itself: names are short in real documents. */
  maxDirectoryBytes: number;
}

export const ZIP_LIMITS: ZipLimits = {
  maxEntries: 1000,
  maxUncompressed: 100 * 1024 * 1024,
  maxDirectoryBytes: 4 * 1024 * 1024,
};

export interface ZipSummary {
  entries: number;
  uncompressed: number;
  names: string[];
}

/** Why a zip container was refused, in Chinese for the uploader. */
export class ZipRefused extends Error {
  override name = 'ZipRefused';
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const EOCD_MIN = 22;
/** The record plus the longest possible comment. */
const TAIL_MAX = EOCD_MIN + 0xffff;

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await fh.read(buf, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done === length ? buf : buf.subarray(0, done);
}

/** Summarise the central directory of the zip in `fh` (of `size` bytes), or throw ZipRefused. */
export async function inspectZip(
  fh: FileHandle,
  size: number,
  limits: ZipLimits = ZIP_LIMITS,
): Promise<ZipSummary> {
  if (size < EOCD_MIN) throw new ZipRefused('压缩结构不完整');
  const tailLength = Math.min(size, TAIL_MAX);
  const tail = await readAt(fh, size - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - EOCD_MIN; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD && i + EOCD_MIN + tail.readUInt16LE(i + 20) <= tail.length) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new ZipRefused('找不到压缩目录（文件已损坏或不是有效的文档）');
  const disk = tail.readUInt16LE(at + 4);
  const cdDisk = tail.readUInt16LE(at + 6);
  const onDisk = tail.readUInt16LE(at + 8);
  const total = tail.readUInt16LE(at + 10);
  const cdSize = tail.readUInt32LE(at + 12);
  const cdOffset = tail.readUInt32LE(at + 16);
  if (disk !== 0 || cdDisk !== 0 || onDisk !== total) throw new ZipRefused('不支持分卷压缩文件');
  // 0xFFFF / 0xFFFFFFFF mean "see the ZIP64 record": no real document of
  // 20 MB needs it, and refusing it keeps this reader small.
  if (total === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff)
    throw new ZipRefused('不支持 ZIP64 格式的文档');
  if (total > limits.maxEntries)
    throw new ZipRefused(`文档内部包含 ${total} 个条目，超过上限 ${limits.maxEntries}`);
  const directoryStart = size - tailLength + at - cdSize;
  if (cdSize > limits.maxDirectoryBytes) throw new ZipRefused('压缩目录过大');
  if (cdOffset + cdSize > size || directoryStart < 0) throw new ZipRefused('压缩目录位置无效');
  const dir = await readAt(fh, cdOffset, cdSize);
  if (dir.length !== cdSize) throw new ZipRefused('压缩目录不完整');
  const names: string[] = [];
  let uncompressed = 0;
  let p = 0;
  for (let n = 0; n < total; n++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL)
      throw new ZipRefused('压缩目录已损坏');
    const compressedSize = dir.readUInt32LE(p + 20);
    const entrySize = dir.readUInt32LE(p + 24);
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    if (compressedSize === 0xffffffff || entrySize === 0xffffffff)
      throw new ZipRefused('不支持 ZIP64 格式的文档');
    uncompressed += entrySize;
    if (uncompressed > limits.maxUncompressed)
      throw new ZipRefused(
        `文档解压后超过 ${Math.round(limits.maxUncompressed / 1024 / 1024)} MB，已拒绝`,
      );
    const end = p + 46 + nameLength + extraLength + commentLength;
    if (end > dir.length) throw new ZipRefused('压缩目录已损坏');
    names.push(dir.toString('utf8', p + 46, p + 46 + nameLength));
    p = end;
  }
  return { entries: total, uncompressed, names };
}
