// Attachment downloads (RELIABILITY row 6): served as attachments with the
// stored type, nosniff and a sanitised RFC 6266 file name; long-cached by
// content hash; 404 for unknown hashes and files of items not live.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { unpublish } from '../../src/modules/content/review.ts';
import { dialects } from '../helpers/databases.ts';
import { assertSecurityHeaders } from '../helpers/http.ts';
import {
  attachFile,
  createFixture,
  type Fixture,
  openPortalApp,
  type PortalApp,
  publish,
} from '../helpers/portal-content.ts';

for (const dialect of dialects) {
  describe(`attachment downloads [${dialect}]`, () => {
    let p: PortalApp;
    let f: Fixture;
    const get = (url: string, headers: Record<string, string> = {}) =>
      p.app.inject({ method: 'GET', url, headers });
    before(async () => {
      p = await openPortalApp(dialect);
      f = await createFixture(p);
    });
    after(() => p.close());

    it('serves the file as an attachment with its stored type, nosniff and a year of caching', async () => {
      const url = `/files/${f.attachment.sha256}/${encodeURIComponent(f.attachment.name)}`;
      const res = await get(url);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.rawPayload, f.attachment.body);
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.equal(res.headers['content-length'], String(f.attachment.body.length));
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(
        res.headers['content-disposition'],
        `attachment; filename="_____.pdf"; filename*=UTF-8''${encodeURIComponent('提案线索表.pdf')}`,
      );
      assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.match(String(res.headers['content-security-policy']), /;sandbox$/);
      assertSecurityHeaders(res, 'download');
      const etag = String(res.headers.etag);
      for (const inm of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
        const again = await get(url, { 'if-none-match': inm });
        assert.equal(again.statusCode, 304, inm);
      }
    });

    it('answers a byte range with 206, so a cut-off download resumes', async () => {
      const url = `/files/${f.attachment.sha256}/${encodeURIComponent(f.attachment.name)}`;
      const body = f.attachment.body;
      const size = body.length;
      const whole = await get(url);
      assert.equal(whole.headers['accept-ranges'], 'bytes');
      const etag = String(whole.headers.etag);
      const cases: [string, number, number][] = [
        ['bytes=0-9', 0, 9],
        [`bytes=10-`, 10, size - 1],
        ['bytes=-5', size - 5, size - 1],
        [`bytes=5-${size + 100}`, 5, size - 1],
        ['Bytes=0-0', 0, 0],
        ['bytes=0-3,2-7', 0, 7], // overlapping parts are one range
        [`bytes=-${size + 100}`, 0, size - 1], // the last N bytes of a shorter file: all of it
      ];
      for (const [range, start, end] of cases) {
        const res = await get(url, { range });
        assert.equal(res.statusCode, 206, range);
        assert.equal(res.headers['content-range'], `bytes ${start}-${end}/${size}`, range);
        assert.equal(res.headers['content-length'], String(end - start + 1), range);
        assert.deepEqual(res.rawPayload, body.subarray(start, end + 1), range);
        assertSecurityHeaders(res, 'partial download');
      }
      for (const range of [`bytes=${size}-`, 'bytes=-0', `bytes=${size + 5}-${size + 9}, -0`]) {
        const beyond = await get(url, { range });
        assert.equal(beyond.statusCode, 416, range);
        assert.equal(beyond.headers['content-range'], `bytes */${size}`, range);
        // About this request's Range, not the file: no cache may keep it.
        assert.equal(beyond.headers['cache-control'], 'no-store', range);
        assert.equal(beyond.rawPayload.length, 0, range);
      }
      // The whole file: a malformed range, another unit, several ranges, or an
      // If-Range that names another version.
      const wholeFile: Record<string, string>[] = [
        { range: 'bytes=abc' },
        { range: 'items=0-1' },
        { range: 'bytes=0-1,5-6' },
        { range: 'bytes=5-2' }, // backwards: invalid, so ignored
        { range: `bytes=${size + 50}-${size + 40}` }, // backwards, past the end too
        { range: 'bytes=0-1, 5-2' }, // one invalid spec spoils the header
        { range: `bytes=-${size + 100}, 0-1` }, // asks for all of it
        { range: 'bytes=0-1', 'if-range': '"another-version"' },
      ];
      for (const headers of wholeFile) {
        const res = await get(url, headers);
        assert.equal(res.statusCode, 200, JSON.stringify(headers));
        assert.deepEqual(res.rawPayload, body, JSON.stringify(headers));
      }
      const same = await get(url, { range: 'bytes=0-1', 'if-range': etag });
      assert.equal(same.statusCode, 206);
    });

    it('never fails on an arbitrary Range header', async () => {
      const url = `/files/${f.attachment.sha256}/${encodeURIComponent(f.attachment.name)}`;
      const size = f.attachment.body.length;
      const range = fc.oneof(
        fc.string({ maxLength: 40 }),
        fc
          .array(
            fc
              .tuple(fc.option(fc.nat(size * 2)), fc.option(fc.nat(size * 2)))
              .map(([a, b]) => `${a ?? ''}-${b ?? ''}`),
            { minLength: 1, maxLength: 4 },
          )
          .map((parts) => `bytes=${parts.join(',')}`),
      );
      await fc.assert(
        fc.asyncProperty(range, async (header) => {
          const res = await get(url, { range: header });
          assert.ok([200, 206, 416].includes(res.statusCode), `${header}: ${res.statusCode}`);
          if (res.statusCode === 206) {
            const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(res.headers['content-range']));
            assert.ok(m, header);
            const [start, end] = [Number(m[1]), Number(m[2])];
            assert.deepEqual(res.rawPayload, f.attachment.body.subarray(start, end + 1), header);
          }
        }),
        { numRuns: 200 },
      );
    });

    it('names the file by its attachment record, whatever name the URL carries', async () => {
      const res = await get(`/files/${f.attachment.sha256}/evil.exe`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-disposition']), /filename\*=UTF-8''%E6%8F%90/);
    });

    it('sanitises hostile stored names: no path, no CR/LF header injection, no bidi override', async () => {
      const item = await publish(p, {
        channelId: 'cppcc-notices',
        type: 'notice',
        slug: 'hostile-names',
        title: '附件名称测试',
        bodyHtml: '<p>x</p>',
      });
      const cases = [
        { name: '../../etc/passwd\r\nX: y', body: Buffer.from('one') },
        { name: 'a\u202Egnp.exe', body: Buffer.from('two') },
        { name: '<b>.html', body: Buffer.from('<script>alert(1)</script>') },
      ];
      for (const c of cases) {
        const mime = c.name.endsWith('.html') ? 'text/html' : 'application/octet-stream';
        const sha = await attachFile(p.ctx, item.id, { ...c, mime });
        const res = await get(`/files/${sha}/${encodeURIComponent(c.name)}`);
        assert.equal(res.statusCode, 200, c.name);
        const cd = String(res.headers['content-disposition']);
        assert.match(cd, /^attachment; /);
        assert.doesNotMatch(cd, /[\r\n]|\.\.\/|\/etc\//);
        assert.equal(res.headers.x, undefined, 'no injected header');
        assert.ok(!decodeURIComponent(cd.split("UTF-8''")[1]!).includes('\u202E'));
        assert.equal(res.headers['x-content-type-options'], 'nosniff');
      }
      const page = await get('/sites/cppcc/notices/hostile-names.html');
      assert.ok(!page.body.includes('<b>.html'), 'names are escaped on the item page');
    });

    it('answers 404 for an unknown hash, a malformed hash and files of items no longer live', async () => {
      assert.equal((await get(`/files/${'0'.repeat(64)}/x.pdf`)).statusCode, 404);
      assert.equal((await get('/files/../../etc/passwd')).statusCode, 404);
      assert.equal((await get(`/files/${'A'.repeat(64)}/x.pdf`)).statusCode, 400);
      await unpublish(p.ctx, f.withAttachment.id, p.people.admin, '撤下');
      const url = `/files/${f.attachment.sha256}/x.pdf`;
      assert.equal((await get(url)).statusCode, 404);
    });
  });
}
