// `yimen search reindex` as an operator runs it: every published item gets
// into the index, an entry no source yields any more is removed, and the
// progress bar reaches 100 %.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openDatabase } from '../../src/platform/database/index.ts';
import { runCli } from '../helpers/cli.ts';
import { dialects, type TestConfig, testConfig } from '../helpers/databases.ts';

for (const dialect of dialects) {
  describe(`yimen search reindex [${dialect}]`, () => {
    let t: TestConfig;
    let env: Record<string, string>;
    before(async () => {
      t = await testConfig(dialect);
      env = {
        YIMEN_DATA_DIR: t.config.dataDir,
        ...(t.config.databaseUrl ? { DATABASE_URL: t.config.databaseUrl } : {}),
      };
      const bulk = runCli(['seed', '--bulk', '40'], env);
      assert.equal(bulk.status, 0, bulk.stderr);
    });
    after(() => t.cleanup());

    it('indexes every published item, drops stale entries and shows its progress', async () => {
      const db = await openDatabase(t.config);
      try {
        await db.kysely
          .insertInto('search_document')
          .values({
            source: 'content',
            source_id: 'withdrawn-long-ago',
            title: '旧条目',
            body: '',
            url: '/old.html',
            site_code: null,
            type: 'news',
            audiences: ',,',
            topics: ',,',
            published_at: '2020-01-01T00:00:00.000Z',
            updated_at: '2020-01-01T00:00:00.000Z',
            doc_number: null,
            boost: 1,
            title_tokens: ' 旧 条目 ',
            indexed_at: '2020-01-01T00:00:00.000Z',
          })
          .execute();
      } finally {
        await db.close();
      }
      const run = runCli(['search', 'reindex'], env);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /content \[#{30}\] 100% 40\/40/);
      assert.match(run.stdout, /search: 40 documents indexed, 1 stale removed/);
      const after = await openDatabase(t.config);
      try {
        const rows = await after.kysely
          .selectFrom('search_document')
          .select(['source_id', 'url'])
          .execute();
        assert.equal(rows.length, 40);
        assert.ok(rows.every((r) => /^\/.+\.html$/.test(r.url)));
      } finally {
        await after.close();
      }
    });
  });
}
