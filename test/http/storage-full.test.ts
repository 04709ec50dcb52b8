// A full disk (RELIABILITY row 15): the write fails cleanly with a 503 in
// Chinese, nothing half-written stays, and the database remains intact.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { csrfPair, noteCount, openTestApp, type TestApp } from '../helpers/http.ts';

describe('SQLite disk full over HTTP', () => {
  let t: TestApp;
  before(async () => {
    t = await openTestApp('sqlite');
  });
  after(() => t.close());

  it('answers 503 with a clear message and keeps the database intact', async () => {
    const raw = t.ctx.db.sqlite!;
    const { cookie, token } = await csrfPair(t.app);
    const post = (body: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/test/notes',
        headers: { cookie, 'x-csrf-token': token, 'content-type': 'application/json' },
        payload: JSON.stringify({ body }),
      });
    assert.equal((await post('before')).statusCode, 201);
    const before = await noteCount(t.ctx);
    raw.pragma(`max_page_count = ${Number(raw.pragma('page_count', { simple: true }))}`);
    let res = await post('x'.repeat(8000));
    for (let i = 0; i < 20 && res.statusCode === 201; i++) res = await post('x'.repeat(8000));
    assert.equal(res.statusCode, 503);
    const body = res.json() as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'storage_full');
    assert.match(body.error.message, /存储空间不足/);
    raw.pragma('max_page_count = 1073741823');
    assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok');
    assert.ok((await noteCount(t.ctx)) >= before, 'committed notes are still there');
    assert.equal((await post('after')).statusCode, 201, 'writable again once there is room');
  });
});
