// The gzip copies kept with cached bodies: only for types worth compressing,
// each the exact size of its bytes (gzipSync hands out views into a larger
// chunk, which a cache of thousands of pages would otherwise keep whole).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { representationFor } from './compression.ts';

const page = () => ({
  body: Buffer.from('<p>遵义市人民政府办公室关于印发若干措施的通知</p>'.repeat(100)),
  etag: '"abc"',
});
const gzip = { 'accept-encoding': 'gzip' };

describe('gzip representations', () => {
  it('keeps one exact-size copy per body and hands out the same one each time', () => {
    const item = page();
    const first = representationFor(gzip, item, 'text/html; charset=utf-8');
    assert.equal(first.encoding, 'gzip');
    assert.equal(first.etag, '"abc-gz"');
    assert.deepEqual(gunzipSync(first.body), item.body);
    assert.equal(first.body.buffer.byteLength, first.body.length, 'no 16 KiB chunk kept');
    assert.equal(representationFor(gzip, item, 'text/html; charset=utf-8'), first);
  });

  it('leaves bodies that are compressed already, or small, or not asked for, as they are', () => {
    const item = page();
    for (const type of ['image/png', 'font/woff2', 'application/pdf']) {
      assert.equal(representationFor(gzip, item, type), item, type);
    }
    const small = { body: Buffer.from('<p>短</p>'), etag: '"s"' };
    assert.equal(representationFor(gzip, small, 'text/html'), small);
    assert.equal(representationFor({}, item, 'text/html'), item);
  });
});
