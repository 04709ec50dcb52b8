// `yimen files prune` as an operator runs it: a dry run says what would go
// and deletes nothing; the real run shows its progress and deletes the
// stored files nothing has referred to for the grace period, row and file.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { storeBytes, storedFilePath } from '../../src/modules/content/files.ts';
import { modules } from '../../src/modules/index.ts';
import { openContext } from '../../src/platform/context.ts';
import { createLogger } from '../../src/platform/logging.ts';
import { runCli } from '../helpers/cli.ts';
import { dialects, type TestConfig, testConfig } from '../helpers/databases.ts';

for (const dialect of dialects) {
  describe(`yimen files prune [${dialect}]`, () => {
    let t: TestConfig;
    let env: Record<string, string>;
    let orphan: string;
    let path: string;
    before(async () => {
      t = await testConfig(dialect);
      env = {
        YIMEN_DATA_DIR: t.config.dataDir,
        ...(t.config.databaseUrl ? { DATABASE_URL: t.config.databaseUrl } : {}),
      };
      const ctx = await openContext(t.config, createLogger({ logLevel: 'silent' }), modules, {
        migrate: true,
      });
      try {
        orphan = await storeBytes(ctx, Buffer.from('%PDF-1.4\norphan\n%%EOF\n'), 'application/pdf');
        path = storedFilePath(ctx, orphan);
        // Found unreferenced by a sweep ten days ago.
        await ctx.db.kysely
          .updateTable('stored_file')
          .set({ orphaned_at: new Date(Date.now() - 10 * 86_400_000).toISOString() })
          .where('sha256', '=', orphan)
          .execute();
      } finally {
        await ctx.db.close();
      }
    });
    after(() => t.cleanup());

    it('reports on a dry run, then deletes with progress', () => {
      const dry = runCli(['files', 'prune', '--dry-run'], env);
      assert.equal(dry.status, 0, dry.stderr);
      assert.match(
        dry.stdout,
        /files: 1 unreferenced \(0 newly\), 0 referenced again, would delete 1/,
      );
      assert.ok(existsSync(path), 'a dry run deletes nothing');
      const run = runCli(['files', 'prune'], env);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /deleting: 1\/1 \(100%\)/);
      assert.match(
        run.stdout,
        /deleted 1 \(0\.0 MB\); 0 unfinished upload parts older than a day removed/,
      );
      assert.equal(existsSync(path), false);
    });

    it('refuses a grace period that is not a number of days', () => {
      const run = runCli(['files', 'prune', '--grace-days', 'soon'], env);
      assert.notEqual(run.status, 0);
      assert.match(run.stderr, /--grace-days must be a number of days/);
    });
  });
}
