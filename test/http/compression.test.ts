// gzip for public pages and static files over a real socket (node:http does
// not decompress, so the bytes on the wire are what is checked): the page
// rendered by the route and the same page from the fast lane, negotiation by
// Accept-Encoding, one strong ETag per representation, Vary on both.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { assetUrl } from '../../src/web/assets.ts';
import { dialects } from '../helpers/databases.ts';
import { createFixture, openPortalApp, type PortalApp } from '../helpers/portal-content.ts';

const ITEM = '/sites/government/news/city-services.html';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(base: string, path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<Raw>((resolve, reject) => {
    const req = request(base + path, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

for (const dialect of dialects) {
  describe(`gzip for pages and static files [${dialect}]`, () => {
    let p: PortalApp;
    let base: string;
    before(async () => {
      p = await openPortalApp(dialect);
      await createFixture(p);
      await p.app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(p.app.server.address() as { port: number }).port}`;
    });
    after(() => p.close());

    it('sends a page gzipped to a client that takes gzip, from the route and from the cache alike', async () => {
      const gz = { 'accept-encoding': 'gzip, deflate, br' };
      // The first request is rendered by the route, the later ones answered by the fast lane.
      const route = await get(base, ITEM, gz);
      const plain = await get(base, ITEM);
      const lane = await get(base, ITEM, gz);
      assert.equal(plain.status, 200);
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.equal(plain.headers.vary, 'accept-encoding');
      const etag = String(plain.headers.etag);
      for (const [name, zipped] of [
        ['route', route],
        ['lane', lane],
      ] as const) {
        assert.equal(zipped.status, 200, name);
        // Fastify gives every response it builds a CSP nonce; the lane does not.
        const csp = String(zipped.headers['content-security-policy']);
        assert.equal(/'nonce-/.test(csp), name === 'route', name);
        assert.equal(zipped.headers['content-encoding'], 'gzip', name);
        assert.equal(zipped.headers.vary, 'accept-encoding', name);
        assert.equal(zipped.headers['content-length'], String(zipped.body.length), name);
        assert.ok(zipped.body.length < plain.body.length / 2, `${name}: at least halved`);
        assert.deepEqual(gunzipSync(zipped.body), plain.body, name);
        assert.equal(zipped.headers.etag, `${etag.slice(0, -1)}-gz"`, name);
      }
    });

    it('keeps to the body as it is when gzip is refused or unknown to the client', async () => {
      // A coding named with q=0 is refused even when * allows the rest (RFC 9110 §12.5.3).
      for (const accept of ['gzip;q=0', 'br', 'identity', 'deflate, *;q=0', '*, gzip;q=0']) {
        const res = await get(base, ITEM, { 'accept-encoding': accept });
        assert.equal(res.status, 200, accept);
        assert.equal(res.headers['content-encoding'], undefined, accept);
        assert.match(res.body.toString('utf8'), /<html lang="zh-CN">/, accept);
      }
    });

    it('reads coding names without regard to case', async () => {
      for (const accept of ['GZIP', 'Gzip, deflate']) {
        const res = await get(base, ITEM, { 'accept-encoding': accept });
        assert.equal(res.headers['content-encoding'], 'gzip', accept);
      }
    });

    it('revalidates each representation by its own ETag', async () => {
      const gz = { 'accept-encoding': 'gzip' };
      const zipped = await get(base, ITEM, gz);
      const plain = await get(base, ITEM);
      const again = await get(base, ITEM, { ...gz, 'if-none-match': String(zipped.headers.etag) });
      assert.equal(again.status, 304);
      assert.equal(again.body.length, 0);
      // A copy of the other representation is not this one.
      const other = await get(base, ITEM, { ...gz, 'if-none-match': String(plain.headers.etag) });
      assert.equal(other.status, 200);
      assert.equal(other.headers['content-encoding'], 'gzip');
      const head = await get(base, ITEM, gz, 'HEAD');
      assert.equal(head.headers['content-length'], String(zipped.body.length));
      assert.equal(head.body.length, 0);
    });

    it('gzips the stylesheet, with its own ETag and Vary', async () => {
      const url = assetUrl('site.css');
      const plain = await get(base, url);
      const zipped = await get(base, url, { 'accept-encoding': 'gzip' });
      assert.equal(zipped.headers['content-encoding'], 'gzip');
      assert.equal(zipped.headers.vary, 'accept-encoding');
      assert.deepEqual(gunzipSync(zipped.body), plain.body);
      assert.notEqual(zipped.headers.etag, plain.headers.etag);
      // Weak comparison, a list, or * (RFC 9110 §13.1.2).
      const etag = String(zipped.headers.etag);
      for (const inm of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
        const again = await get(base, url, { 'accept-encoding': 'gzip', 'if-none-match': inm });
        assert.equal(again.status, 304, inm);
      }
    });
  });
}
