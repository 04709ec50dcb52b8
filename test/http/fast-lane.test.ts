// The HTTP server's fast lane over a real socket (inject() never reaches it):
// a cached page is answered before Fastify with every header the platform
// promises, counted by the per-IP limit and the metrics, revalidated with
// 304s, and a change still shows on the very next request. A response from
// the lane is recognisable by its CSP without a nonce: Fastify gives every
// response it builds one.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { itemChanged } from '../../src/modules/content/changes.ts';
import { dialects } from '../helpers/databases.ts';
import { assertSecurityHeaders, UUID } from '../helpers/http.ts';
import {
  createFixture,
  type Fixture,
  openPortalApp,
  type PortalApp,
} from '../helpers/portal-content.ts';

const ITEM = '/sites/government/news/city-services.html';

async function listen(p: PortalApp): Promise<string> {
  await p.app.listen({ port: 0, host: '127.0.0.1' });
  const address = p.app.server.address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}

const headersOf = (res: Response) => {
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return { headers };
};
/**
 * Send `requests` (raw HTTP text) on one connection, one after the other, and
 * return everything the server sent until it closed the connection or went
 * quiet for 300 ms, and whether it closed it.
 */
function exchange(base: string, requests: string[]): Promise<{ text: string; closed: boolean }> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let text = '';
    let quiet: NodeJS.Timeout | undefined;
    const finish = (closed: boolean) => {
      clearTimeout(quiet);
      socket.destroy();
      resolve({ text, closed });
    };
    socket.on('connect', () => {
      for (const request of requests) socket.write(request);
    });
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      text += chunk;
      clearTimeout(quiet);
      quiet = setTimeout(() => finish(false), 300);
    });
    socket.on('end', () => finish(true));
    socket.on('error', reject);
  });
}

const fromLane = (res: Response) => !/'nonce-/.test(res.headers.get('content-security-policy')!);

for (const dialect of dialects) {
  describe(`fast lane for cached pages [${dialect}]`, () => {
    let p: PortalApp;
    let f: Fixture;
    let base: string;
    before(async () => {
      p = await openPortalApp(dialect);
      f = await createFixture(p);
      base = await listen(p);
    });
    after(() => p.close());

    it('answers the second request from the cache with the same bytes and every platform header', async () => {
      const first = await fetch(base + ITEM);
      assert.equal(first.status, 200);
      assert.ok(!fromLane(first), 'the first request is rendered by the route');
      const body = await first.text();
      const second = await fetch(base + ITEM, { headers: { 'x-request-id': 'proxy-id-12345' } });
      assert.equal(second.status, 200);
      assert.ok(fromLane(second), 'the second comes from the lane');
      assert.equal(await second.text(), body);
      assertSecurityHeaders(headersOf(second) as never, 'fast lane');
      for (const name of ['etag', 'last-modified', 'cache-control', 'content-type']) {
        assert.equal(second.headers.get(name), first.headers.get(name), name);
      }
      assert.equal(second.headers.get('x-request-id'), 'proxy-id-12345');
      assert.match((await fetch(base + ITEM)).headers.get('x-request-id')!, UUID);
      for (const res of [first, second])
        assert.equal(
          res.headers.get('x-ratelimit-remaining'),
          null,
          'public: no per-client counters',
        );
    });

    it('keeps a connection open for the next request, and closes it when the client asks', async () => {
      await fetch(base + ITEM); // rendered and kept
      // The same Host as fetch sends: the page is kept per origin.
      const host = new URL(base).host;
      const get = (extra = '', version = '1.1') =>
        `GET ${ITEM} HTTP/${version}\r\nHost: ${host}\r\n${extra}\r\n`;
      const kept = await exchange(base, [get(), get()]);
      const answers = kept.text.split('HTTP/1.1 200 OK\r\n').slice(1);
      assert.equal(answers.length, 2, 'both requests answered on one connection');
      assert.equal(kept.closed, false, 'the connection stays open');
      for (const answer of answers) {
        assert.match(answer, /\r\nconnection: keep-alive\r\nkeep-alive: timeout=\d+\r\n/i);
        assert.match(answer, /\r\ndate: \w{3}, \d{2} \w{3} \d{4} [\d:]{8} GMT\r\n/i);
        assert.match(answer, /(?:^|\r\n)x-request-id: [0-9a-f-]{36}\r\n/);
        assert.match(
          answer,
          /(?:^|\r\n)content-security-policy: [^\r]*script-src 'self'\r\n/,
          'answered by the lane (no nonce)',
        );
        const length = Number(/\r\ncontent-length: (\d+)\r\n/.exec(answer)?.[1]);
        assert.equal(Buffer.byteLength(answer.split('\r\n\r\n')[1]!, 'latin1'), length);
      }
      const closing = await exchange(base, [get('Connection: close\r\n')]);
      assert.match(closing.text, /^HTTP\/1\.1 200 OK\r\n/);
      assert.match(closing.text, /\r\nconnection: close\r\n/i);
      assert.equal(closing.closed, true, 'closed after the answer');
      const old = await exchange(base, [get('', '1.0')]);
      assert.match(old.text, /^HTTP\/1\.1 200 OK\r\n/);
      assert.doesNotMatch(old.text, /keep-alive/i, 'an HTTP/1.0 client asked for no keep-alive');
      assert.equal(old.closed, true);
    });

    it('answers a fresh copy with 304 and HEAD with headers only', async () => {
      const page = await fetch(base + ITEM);
      const etag = page.headers.get('etag')!;
      const again = await fetch(base + ITEM, { headers: { 'if-none-match': etag } });
      assert.equal(again.status, 304);
      assert.ok(fromLane(again));
      assert.equal(again.headers.get('etag'), etag);
      const since = await fetch(base + ITEM, {
        headers: { 'if-modified-since': page.headers.get('last-modified')! },
      });
      assert.equal(since.status, 304);
      // fetch asks for gzip and inflates the body: HEAD gives the compressed length.
      const head = await fetch(base + ITEM, { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.ok(fromLane(head));
      assert.equal(head.headers.get('content-encoding'), 'gzip');
      const zipped = await fetch(base + ITEM, { headers: { 'accept-encoding': 'gzip' } });
      await zipped.body?.cancel();
      assert.equal(head.headers.get('content-length'), zipped.headers.get('content-length'));
      assert.ok(
        Number(head.headers.get('content-length')) < (await page.arrayBuffer()).byteLength / 2,
      );
      assert.equal(await head.text(), '');
    });

    it('shows a change on the very next request', async () => {
      await fetch(base + ITEM);
      await p.ctx.db.kysely
        .updateTable('content_item')
        .set({ title: '快速通道之后的新标题' })
        .where('id', '=', f.article.id)
        .execute();
      await itemChanged(p.ctx, f.article);
      const res = await fetch(base + ITEM);
      assert.ok((await res.text()).includes('快速通道之后的新标题'));
    });

    it('leaves URLs it cannot name plainly to the routes', async () => {
      await fetch(`${base}/sites/government/news/`);
      const odd = await fetch(`${base}/sites/government/news/?utm_source=x`);
      assert.ok(!fromLane(odd), 'an unknown parameter goes through validation');
      const bad = await fetch(`${base}/sites/government/news/?page=abc`);
      assert.equal(bad.status, 400);
      const post = await fetch(base + ITEM, { method: 'POST' });
      assert.ok(!fromLane(post));
    });

    it('counts its answers in the metrics under the route pattern', async () => {
      const count = async () => {
        const text = await (await fetch(`${base}/metrics`)).text();
        const line = text
          .split('\n')
          .find((l) =>
            l.startsWith('yimen_http_requests_total{method="GET",route="/*",status="200"}'),
          );
        return Number(line?.split(' ').pop() ?? 0);
      };
      await fetch(base + ITEM);
      const before = await count();
      for (let i = 0; i < 5; i++) assert.ok(fromLane(await fetch(base + ITEM)));
      assert.equal(await count(), before + 5);
    });
  });

  describe(`fast lane and the per-IP limit [${dialect}]`, () => {
    let p: PortalApp;
    let base: string;
    before(async () => {
      p = await openPortalApp(dialect, { YIMEN_RATE_LIMIT: '4', YIMEN_TRUST_PROXY: 'true' });
      await createFixture(p);
      base = await listen(p);
    });
    after(() => p.close());

    it('counts cached pages toward the limit per forwarded client, then answers 429', async () => {
      const from = (ip: string) => ({ 'x-forwarded-for': ip, 'x-forwarded-proto': 'https' });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await fetch(base + ITEM, { headers: from('203.0.113.7') });
        statuses.push(res.status);
        if (i > 0 && res.status === 200) {
          assert.ok(fromLane(res));
          assert.ok(res.headers.get('strict-transport-security'), 'HSTS behind a TLS proxy');
        }
      }
      assert.deepEqual(statuses, [200, 200, 200, 200, 429]);
      const other = await fetch(base + ITEM, { headers: from('198.51.100.9') });
      assert.equal(other.status, 200, 'another client has its own budget');
      assert.ok(fromLane(other));
    });
  });
}
