// Operational endpoints: /healthz says the process answers; /readyz says the
// database answers and its migrations are current (503 otherwise, so the load
// balancer takes the node out); /metrics is Prometheus text with the series
// the runbook's dashboards read.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { migrateDown, migrateUp } from '../../src/platform/database/migrator.ts';
import { dialects } from '../helpers/databases.ts';
import { openTestApp, type TestApp } from '../helpers/http.ts';

/**
 * A sample line of the Prometheus text format: name, optional labels, a number.
 * Prometheus parses special values case-insensitively; prom-client writes "Nan"
 * for the event-loop mean before its first sample.
 */
const SAMPLE = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? (-?[0-9.e+-]+|NaN|[+-]Inf)$/i;

for (const dialect of dialects) {
  describe(`health and metrics endpoints [${dialect}]`, () => {
    let ta: TestApp;
    before(async () => {
      ta = await openTestApp(dialect);
    });
    after(() => ta.close());

    it('/healthz answers 200 and is never cached', async () => {
      const res = await ta.app.inject({ url: '/healthz' });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { status: 'ok' });
      assert.equal(res.headers['cache-control'], 'no-store');
    });

    it('/readyz answers 200 when the database is reachable and migrated', async () => {
      const res = await ta.app.inject({ url: '/readyz' });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), {
        status: 'ready',
        database: dialect,
        // PostgreSQL: this node hears the other nodes' cache invalidations.
        ...(dialect === 'postgres' ? { cacheSync: 'listening' } : {}),
      });
      assert.equal(res.headers['cache-control'], 'no-store');
    });

    it('/metrics is Prometheus text with HTTP, event-loop, pool and job series', async () => {
      await ta.app.inject({ url: '/healthz' });
      await ta.app.inject({ url: '/test/error/conflict' });
      await ta.app.inject({ url: '/no/such/page-7f3a9' });
      const res = await ta.app.inject({ url: '/metrics' });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
      assert.equal(res.headers['cache-control'], 'no-store');
      const lines = res.body.split('\n').filter(Boolean);
      for (const line of lines) {
        if (line.startsWith('#')) assert.match(line, /^# (HELP|TYPE) \S+ /, line);
        else assert.match(line, SAMPLE, line);
      }
      const samples = lines.filter((l) => !l.startsWith('#'));
      const has = (re: RegExp, what: string) =>
        assert.ok(
          samples.some((l) => re.test(l)),
          `${what}: ${re}\n${samples.slice(0, 5).join('\n')}…`,
        );

      has(/^yimen_http_requests_total\{.*route="\/healthz".*status="200".*\} [1-9]/, 'healthz');
      has(/^yimen_http_requests_total\{.*route="\/test\/error\/:code".*status="409"/, 'pattern');
      has(/^yimen_http_requests_total\{.*route="unmatched".*status="404"/, '404 route label');
      assert.ok(!res.body.includes('page-7f3a9'), 'a raw unknown URL never becomes a label');
      has(/^yimen_http_request_duration_seconds_bucket\{.*le="\+Inf".*route="\/healthz"/, 'hist');
      has(/^yimen_nodejs_eventloop_lag_seconds /, 'event-loop lag');
      has(/^yimen_db_pool_connections\{state="total"\} [1-9]/, 'pool total');
      has(/^yimen_db_pool_connections\{state="idle"\} /, 'pool idle');
      has(/^yimen_jobs\{status="pending"\} 0$/, 'pending jobs');
      has(/^yimen_jobs\{status="dead"\} 0$/, 'dead jobs');
    });

    it('/readyz answers 503 while a migration is pending, and 200 once it is applied', async () => {
      const reverted = await migrateDown(ta.ctx.db, ta.ctx.modules);
      assert.equal(reverted.length, 1);
      const pending = await ta.app.inject({ url: '/readyz' });
      assert.equal(pending.statusCode, 503);
      assert.deepEqual(pending.json(), { status: 'migrations_pending', pending: reverted });

      const healthz = await ta.app.inject({ url: '/healthz' });
      assert.equal(healthz.statusCode, 200, 'the process itself is still alive');

      assert.deepEqual(await migrateUp(ta.ctx.db, ta.ctx.modules), reverted);
      const ready = await ta.app.inject({ url: '/readyz' });
      assert.equal(ready.statusCode, 200);
    });

    it('/readyz answers 503 when the database is gone, /healthz still 200', async () => {
      await ta.ctx.db.close();
      const res = await ta.app.inject({ url: '/readyz' });
      assert.equal(res.statusCode, 503);
      assert.deepEqual(res.json(), { status: 'database_unreachable' });
      const healthz = await ta.app.inject({ url: '/healthz' });
      assert.equal(healthz.statusCode, 200);
    });
  });
}
