// Attachment downloads (RELIABILITY row 6): served as attachments with the
// stored type, nosniff and a sanitised RFC 6266 file name; long-cached by
// content hash; 404 for unknown hashes and files of items not live.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
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
      const again = await get(url, { 'if-none-match': String(res.headers.etag) });
      assert.equal(again.statusCode, 304);
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
