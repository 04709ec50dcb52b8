// Every module's migrations run up from an empty database, down to empty,
// and up again, on each dialect; the schema they leave is the one the code uses.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { dialects, type TestConfig, testConfig } from '../../../test/helpers/databases.ts';
import { modules } from '../../modules/index.ts';
import { type Db, openDatabase } from './index.ts';
import {
  collectMigrations,
  migrateDown,
  migrateUp,
  migrationStatus,
  pendingMigrations,
} from './migrator.ts';

async function tableNames(db: Db): Promise<string[]> {
  const q =
    db.dialect === 'sqlite'
      ? sql<{
          name: string;
        }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
      : sql<{
          name: string;
        }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`;
  return (await q.execute(db.kysely)).rows.map((r) => r.name).sort();
}

for (const dialect of dialects) {
  describe(`migrations [${dialect}]`, () => {
    let t: TestConfig;
    let db: Db;
    before(async () => {
      t = await testConfig(dialect);
      db = await openDatabase(t.config);
    });
    after(async () => {
      await db.close();
      await t.cleanup();
    });

    it('run up from an empty database', async () => {
      // Kysely runs migrations in name order, whatever the module order.
      const all = Object.keys(collectMigrations(modules)).sort();
      assert.deepEqual(await pendingMigrations(db, modules), all);
      assert.deepEqual(await migrateUp(db, modules), all);
      assert.deepEqual(await pendingMigrations(db, modules), []);
      const tables = await tableNames(db);
      for (const name of [
        'yimen_job',
        'yimen_job_schedule',
        'yimen_calendar_day',
        'organisation',
      ]) {
        assert.ok(tables.includes(name), `${name} exists`);
      }
      const days = await db.kysely
        .selectFrom('yimen_calendar_day')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.ok(Number(days.n) > 50, 'holiday arrangements are loaded');
      assert.deepEqual(await migrateUp(db, modules), [], 'a second run applies nothing');
    });

    it('run down to empty and up again', async () => {
      const reverted = await migrateDown(db, modules, true);
      assert.equal(reverted.length, Object.keys(collectMigrations(modules)).length);
      const left = (await tableNames(db)).filter((n) => !n.startsWith('yimen_migration'));
      assert.deepEqual(left, [], 'every table is dropped');
      await migrateUp(db, modules);
      assert.ok((await migrationStatus(db, modules)).every((m) => m.executedAt));
    });

    it('undo one step at a time', async () => {
      const all = Object.keys(collectMigrations(modules)).sort();
      const [last] = await migrateDown(db, modules);
      assert.equal(last, all.at(-1));
      assert.deepEqual(await pendingMigrations(db, modules), [all.at(-1)]);
      await migrateUp(db, modules);
    });
  });
}

describe('migration naming', () => {
  it('rejects a badly named or duplicated migration', () => {
    const noop = { up: async () => {} };
    assert.throws(
      () => collectMigrations([{ name: 'x', migrations: { 'add-table': noop } }]),
      /must be named/,
    );
    assert.throws(
      () =>
        collectMigrations([
          { name: 'a', migrations: { '202601010000_a_one': noop } },
          { name: 'b', migrations: { '202601010000_a_one': noop } },
        ]),
      /defined twice/,
    );
  });
});
