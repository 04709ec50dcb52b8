// Logs and errors (RELIABILITY row 7): a 500 is logged at level error with its
// stack; credentials never reach the log; a request id from outside is kept
// only when it cannot forge log lines; every line is one JSON object stamped
// in ISO-8601 UTC.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../helpers/databases.ts';
import { captureLogs, openTestApp, type TestApp, THROWN_SECRET, UUID } from '../helpers/http.ts';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

for (const dialect of dialects) {
  describe(`request logging [${dialect}]`, () => {
    let ta: TestApp;
    let logs: ReturnType<typeof captureLogs>;
    before(async () => {
      logs = captureLogs();
      ta = await openTestApp(dialect, { logger: logs.logger });
    });
    after(() => ta.close());

    const entriesFor = (reqId: string) => logs.entries().filter((e) => e.reqId === reqId);

    it('logs a 500 at level error with the stack, under the request id', async () => {
      const res = await ta.app.inject({ url: '/test/boom' });
      assert.equal(res.statusCode, 500);
      const id = String(res.headers['x-request-id']);
      const errors = entriesFor(id).filter((e) => e.level === 'error');
      assert.equal(errors.length, 1, 'one error line for the request');
      const err = errors[0]!.err as { message: string; stack: string; type: string };
      assert.equal(err.type, 'Error');
      assert.equal(err.message, THROWN_SECRET);
      assert.match(err.stack, new RegExp(`^Error: ${THROWN_SECRET}\\n\\s+at `));
      assert.match(err.stack, /test\/helpers\/http\.ts:\d+/, 'the stack points at the thrower');
    });

    it('logs client errors below level error', async () => {
      const res = await ta.app.inject({ url: '/no/such/page' });
      assert.equal(res.statusCode, 404);
      const lines = entriesFor(String(res.headers['x-request-id']));
      assert.ok(lines.length > 0);
      assert.ok(
        lines.every((e) => e.level === 'info'),
        JSON.stringify(lines),
      );
      const conflict = await ta.app.inject({ url: '/test/error/conflict' });
      const rejected = entriesFor(String(conflict.headers['x-request-id']));
      assert.ok(rejected.some((e) => e.msg === 'request rejected' && e.status === 409));
      assert.ok(rejected.every((e) => e.level !== 'error'));
    });

    it('never writes an Authorization header or a cookie into the log', async () => {
      const bearer = 'Bearer eyJhbGciOi.SECRET-BEARER-VALUE-91c2';
      const cookie = 'yimen-session=SECRET-COOKIE-VALUE-5d7e; yimen-csrf=SECRET-CSRF-b41a';
      const headers = { authorization: bearer, cookie };
      const before = logs.lines().length;
      for (const url of ['/', '/test/boom', '/no/such', '/readyz']) {
        await ta.app.inject({ url, headers });
      }
      await ta.app.inject({ method: 'POST', url: '/test/form', headers, payload: { a: '1' } });
      const written = logs.lines().slice(before).join('\n');
      assert.ok(written.length > 0, 'the requests were logged');
      for (const secret of ['SECRET-BEARER', 'eyJhbGciOi', 'SECRET-COOKIE', 'SECRET-CSRF']) {
        assert.ok(!written.includes(secret), `${secret} leaked into the log`);
      }

      // Even code that logs the headers itself gets them redacted.
      ta.ctx.logger.info({ req: { headers }, user: { password: 'pw-SECRET-1' } }, 'careless');
      const careless = logs.entries().find((e) => e.msg === 'careless');
      assert.deepEqual(careless?.req, {
        headers: { authorization: '[redacted]', cookie: '[redacted]' },
      });
      assert.deepEqual(careless?.user, { password: '[redacted]' });
    });

    it('replaces a forged or malformed x-request-id with a fresh one', async () => {
      const junk = [
        'abc123456\n{"level":"error","msg":"forged"}',
        'abcdefgh\r\nX-Injected: 1',
        '<script>alert(1)</script>',
        'short',
        'x'.repeat(65),
        'has space 12345',
      ];
      for (const incoming of junk) {
        const res = await ta.app.inject({ url: '/healthz', headers: { 'x-request-id': incoming } });
        assert.equal(res.statusCode, 200);
        const id = String(res.headers['x-request-id']);
        assert.match(id, UUID, JSON.stringify(incoming));
        assert.ok(entriesFor(id).length > 0, 'the log uses the fresh id');
      }
      const text = logs.text();
      assert.ok(!text.includes('forged') && !text.includes('X-Injected'));
      assert.ok(!text.includes('<script>'));
    });

    it('keeps a well-formed x-request-id, returns it and logs under it', async () => {
      const incoming = 'nginx-7f3a.9c_21-REQ';
      const res = await ta.app.inject({ url: '/test/boom', headers: { 'x-request-id': incoming } });
      assert.equal(res.headers['x-request-id'], incoming);
      assert.ok(res.body.includes(`<span class="request-id">${incoming}</span>`));
      const lines = entriesFor(incoming);
      assert.ok(lines.some((e) => e.msg === 'incoming request'));
      assert.ok(lines.some((e) => e.level === 'error'));
    });

    it('writes every log line as one JSON object with an ISO-8601 UTC time', async () => {
      const lines = logs.lines();
      assert.ok(lines.length >= 20, `only ${lines.length} lines`);
      for (const line of lines) {
        assert.doesNotMatch(line, /[\r\n]/);
        let entry: Record<string, unknown>;
        try {
          entry = JSON.parse(line);
        } catch {
          assert.fail(`not JSON: ${line}`);
        }
        assert.equal(typeof entry, 'object');
        assert.ok(entry && !Array.isArray(entry), line);
        assert.match(String(entry.time), ISO_UTC, line);
        assert.equal(new Date(String(entry.time)).toISOString(), entry.time);
        assert.ok(['debug', 'info', 'warn', 'error', 'fatal'].includes(String(entry.level)));
        assert.equal(entry.service, 'yimen');
      }
    });
  });
}
