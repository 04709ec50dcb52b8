// The bounded central-directory reader: it summarises real archives and
// refuses too many entries, too much declared uncompressed content, ZIP64
// markers and broken directories — all without inflating anything.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import yazl from 'yazl';
import { inspectZip, ZIP_LIMITS, ZipRefused } from './zip.ts';

const dir = mkdtempSync(join(tmpdir(), 'yimen-zip-'));

function build(entries: number, content = 'x'): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (let i = 0; i < entries; i++) z.addBuffer(Buffer.from(content), `f${i}.txt`);
  z.end();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    z.outputStream.on('data', (c: Buffer) => chunks.push(c));
    z.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

async function inspect(bytes: Buffer, limits = ZIP_LIMITS) {
  const path = join(dir, `z${Math.random()}.zip`);
  writeFileSync(path, bytes);
  const fh = await open(path, 'r');
  try {
    return await inspectZip(fh, bytes.length, limits);
  } finally {
    await fh.close();
  }
}

/** Overwrite every central-directory entry's uncompressed size (a bomb that lies small on disk). */
function claimSize(bytes: Buffer, size: number): Buffer {
  const out = Buffer.from(bytes);
  for (let i = 0; i + 4 <= out.length; i++)
    if (out.readUInt32LE(i) === 0x02014b50) out.writeUInt32LE(size, i + 24);
  return out;
}

describe('zip central directory reader', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the entries and sums their sizes', async () => {
    const summary = await inspect(await build(3, 'hello'));
    assert.equal(summary.entries, 3);
    assert.equal(summary.uncompressed, 15);
    assert.deepEqual(summary.names, ['f0.txt', 'f1.txt', 'f2.txt']);
  });

  it('refuses more than 1000 entries from the end record alone', async () => {
    await assert.rejects(
      inspect(await build(1001)),
      (e: Error) => e instanceof ZipRefused && /1001 个条目/.test(e.message),
    );
  });

  it('refuses a declared 1 GB of content before reading any entry data', async () => {
    const bomb = claimSize(await build(2), 600 * 1024 * 1024);
    await assert.rejects(inspect(bomb), /解压后超过 100 MB/);
  });

  it('refuses ZIP64 markers, truncated archives and garbage', async () => {
    await assert.rejects(inspect(claimSize(await build(1), 0xffffffff)), /ZIP64/);
    const whole = await build(2);
    await assert.rejects(inspect(whole.subarray(0, whole.length - 30)), ZipRefused);
    await assert.rejects(
      inspect(Buffer.from('PK\x03\x04 not really a zip at all, no directory')),
      ZipRefused,
    );
    await assert.rejects(inspect(Buffer.alloc(10)), ZipRefused);
  });
});
