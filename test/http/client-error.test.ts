// What a visitor gets when Node's HTTP parser refuses the request before
// Fastify sees it: a URL over the 16 KB header limit (a search box pasted
// full of text), a malformed request line. A short Chinese page with the
// right status and safe headers, then the connection closes; the server
// goes on serving.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { openPortalApp, type PortalApp } from '../helpers/portal-content.ts';

/** Send raw bytes and read everything until the server closes the connection. */
function exchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let response = '';
    socket.setEncoding('utf8').on('data', (d: string) => {
      response += d;
    });
    socket.on('end', () => resolve(response));
    socket.on('error', reject);
  });
}

describe('requests the HTTP parser refuses', () => {
  let p: PortalApp;
  let port: number;
  before(async () => {
    p = await openPortalApp('sqlite');
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    port = (p.app.server.address() as { port: number }).port;
  });
  after(() => p.close());

  it('answers a URL over the header limit with 431 and a Chinese page', async () => {
    const q = encodeURIComponent('社会保险'.repeat(600));
    const res = await exchange(port, `GET /search?q=${q} HTTP/1.1\r\nHost: x\r\n\r\n`);
    const [head, body] = res.split('\r\n\r\n');
    assert.match(head!, /^HTTP\/1\.1 431 /);
    assert.match(head!, /content-type: text\/html; charset=utf-8/);
    assert.match(head!, /x-content-type-options: nosniff/);
    assert.match(head!, /content-security-policy: default-src 'none'/);
    assert.match(head!, /connection: close/);
    assert.match(body!, /<html lang="zh-CN">/);
    assert.match(body!, /网址过长/);
    assert.equal(Buffer.byteLength(body!), Number(/content-length: (\d+)/.exec(head!)![1]));
  });

  it('answers a malformed request with 400 and a Chinese page', async () => {
    const res = await exchange(port, 'GET /\u0001 nonsense\r\n\r\n');
    assert.match(res, /^HTTP\/1\.1 400 /);
    assert.match(res, /提交的内容有误/);
  });

  it('goes on serving afterwards', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(res.status, 200);
  });
});
