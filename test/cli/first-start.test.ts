// `npm start` on an empty data directory: migrates, loads the demo
// organisations, prints the URL and the first-administrator hint once, and
// answers /healthz, /readyz and /metrics; on SQLite and on PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startCliServer } from '../helpers/cli.ts';
import { dialects, type TestConfig, testConfig } from '../helpers/databases.ts';

for (const dialect of dialects) {
  describe(`first start [${dialect}]`, () => {
    let t: TestConfig;
    let env: Record<string, string>;
    before(async () => {
      t = await testConfig(dialect);
      env = {
        YIMEN_DATA_DIR: t.config.dataDir,
        ...(t.config.databaseUrl ? { DATABASE_URL: t.config.databaseUrl } : {}),
      };
    });
    after(() => t.cleanup());

    it('serves the portal with demo organisations and the operational endpoints', async () => {
      const server = await startCliServer('start', env);
      try {
        assert.match(server.stderr(), /First start: demo organisations were loaded/);
        assert.match(server.stderr(), /yimen user create --admin/);
        const home = await fetch(`${server.url}/`);
        assert.equal(home.status, 200);
        const html = await home.text();
        assert.match(html, /<html lang="zh-CN">/);
        assert.match(html, /遵义市人民政府/);
        assert.match(html, /遵义市教育局/);
        assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
        const ready = await fetch(`${server.url}/readyz`);
        assert.equal(ready.status, 200);
        assert.deepEqual(await ready.json(), {
          status: 'ready',
          database: dialect,
          ...(dialect === 'postgres' ? { cacheSync: 'listening' } : {}),
        });
        const metrics = await fetch(`${server.url}/metrics`);
        assert.match(metrics.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
        const text = await metrics.text();
        assert.match(text, /# TYPE yimen_http_requests_total counter/);
        assert.match(text, /yimen_http_requests_total\{method="GET",route="\/",status="200"\} 1/);
      } finally {
        assert.equal(await server.stop(), 0);
      }
    });

    it('does not seed or announce a first start again', async () => {
      const server = await startCliServer('start', env);
      try {
        assert.doesNotMatch(server.stderr(), /First start/);
        assert.match(await (await fetch(`${server.url}/`)).text(), /遵义市人民政府/);
      } finally {
        assert.equal(await server.stop(), 0);
      }
    });
  });
}
