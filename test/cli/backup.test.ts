// yimen backup / restore on each dialect: a backup taken, data changed, the
// backup restored, and the data is exactly what it was at backup time.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  insertMissingOrganisations,
  listOrganisations,
} from '../../src/modules/identity/organisations.ts';
import { openDatabase } from '../../src/platform/database/index.ts';
import { runCli } from '../helpers/cli.ts';
import { dialects, type TestConfig, testConfig } from '../helpers/databases.ts';

for (const dialect of dialects) {
  describe(`backup and restore [${dialect}]`, () => {
    let t: TestConfig;
    let env: Record<string, string>;
    before(async () => {
      t = await testConfig(dialect);
      env = {
        YIMEN_DATA_DIR: t.config.dataDir,
        ...(t.config.databaseUrl ? { DATABASE_URL: t.config.databaseUrl } : {}),
      };
      const seeded = runCli(['seed'], env);
      assert.equal(seeded.status, 0, seeded.stderr);
    });
    after(() => t.cleanup());

    const codes = async () => {
      const db = await openDatabase(t.config);
      try {
        return (await listOrganisations(db)).map((o) => o.code).sort();
      } finally {
        await db.close();
      }
    };

    it('restores exactly the data that was backed up', async () => {
      const db = await openDatabase(t.config);
      await insertMissingOrganisations(db, [
        { code: 'canary', name: '备份验证单位', shortName: '验证', kind: 'unit' },
      ]);
      await db.close();
      const before = await codes();
      assert.ok(before.includes('canary'));

      const file = join(t.config.dataDir, `backup-${dialect}.bak`);
      const backup = runCli(['backup', file], env);
      assert.equal(backup.status, 0, backup.stderr);
      assert.match(
        backup.stdout,
        dialect === 'sqlite' ? /100% \(\d+\/\d+ pages\)/ : /dumping contents of table/,
      );
      assert.match(backup.stdout, /backup complete/);

      const again = runCli(['backup', file], env);
      assert.equal(again.status, 1);
      assert.match(again.stderr, /already exists/);

      const db2 = await openDatabase(t.config);
      await db2.kysely.deleteFrom('organisation').where('code', '=', 'canary').execute();
      await insertMissingOrganisations(db2, [
        { code: 'later', name: '备份之后的单位', shortName: '之后', kind: 'unit' },
      ]);
      await db2.close();

      const unconfirmed = runCli(['restore', file], env);
      assert.equal(unconfirmed.status, 1);
      assert.match(unconfirmed.stderr, /--yes/);
      assert.ok((await codes()).includes('later'), 'nothing changed without --yes');

      const restored = runCli(['restore', file, '--yes'], env);
      assert.equal(restored.status, 0, restored.stderr);
      assert.match(restored.stdout, /restore complete/);
      assert.deepEqual(await codes(), before);
    });

    it('refuses to restore from a file that is not a backup', () => {
      const r = runCli(['restore', join(t.config.dataDir, 'secret'), '--yes'], env);
      assert.equal(r.status, 1);
      assert.match(
        r.stderr,
        dialect === 'sqlite' ? /not a readable SQLite backup/ : /pg_restore exited/,
      );
    });
  });
}
