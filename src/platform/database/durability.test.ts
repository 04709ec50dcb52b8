// The settings that make committed data survive: SQLite in WAL mode with
// synchronous=FULL (RELIABILITY row 15), PostgreSQL with fsync,
// full_page_writes and synchronous_commit on (row 16).
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { openTestContext, PG_URL, type TestContext } from '../../../test/helpers/databases.ts';
import {
  assertSqliteDurability,
  checkPostgresDurability,
  openSqlite,
  readDurabilitySettings,
} from './index.ts';

describe('SQLite durability settings', () => {
  it('opens every database in WAL mode with synchronous=FULL and foreign keys on', async () => {
    const db = openSqlite(join(mkdtempSync(join(tmpdir(), 'yimen-db-')), 'y.db'));
    try {
      assert.equal(db.sqlite!.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.sqlite!.pragma('synchronous', { simple: true }), 2);
      assert.equal(db.sqlite!.pragma('foreign_keys', { simple: true }), 1);
      assert.equal(db.sqlite!.pragma('secure_delete', { simple: true }), 1);
    } finally {
      await db.close();
    }
  });

  it('refuses a connection whose settings could lose commits on power loss', () => {
    const raw = new BetterSqlite3(':memory:');
    raw.pragma('synchronous = NORMAL');
    assert.throws(() => assertSqliteDurability(raw), /did not accept durable settings/);
    raw.close();
  });
});

describe('SQLite when the disk is full', () => {
  let t: TestContext;
  before(async () => {
    t = await openTestContext('sqlite');
  });
  after(() => t.close());

  it('fails the write cleanly, keeps every committed row and stays intact', async () => {
    const raw = t.ctx.db.sqlite!;
    const committed: string[] = [];
    raw.pragma(`max_page_count = ${Number(raw.pragma('page_count', { simple: true })) + 2}`);
    let error: (Error & { code?: string }) | undefined;
    for (let i = 0; i < 500 && !error; i++) {
      try {
        committed.push(
          await t.ctx.jobs.enqueue('platform.purge-jobs', { filler: 'x'.repeat(2000), i }),
        );
      } catch (err) {
        error = err as Error & { code?: string };
      }
    }
    assert.equal(error?.code, 'SQLITE_FULL');
    raw.pragma('max_page_count = 1073741823');
    const ids = new Set(
      (await t.ctx.db.kysely.selectFrom('yimen_job').select('id').execute()).map((r) => r.id),
    );
    for (const id of committed) assert.ok(ids.has(id), `committed job ${id} is still there`);
    assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok');
    await t.ctx.jobs.enqueue('platform.purge-jobs', {}, {}); // writable again once space is back
  });
});

describe('PostgreSQL durability settings', {
  skip: PG_URL ? false : 'YIMEN_TEST_PG not set',
}, () => {
  it('reads the server settings that decide whether commits survive a crash', async () => {
    const pool = new pg.Pool({ connectionString: PG_URL });
    try {
      const settings = await readDurabilitySettings(pool);
      assert.deepEqual(Object.keys(settings).sort(), [
        'data_checksums',
        'fsync',
        'full_page_writes',
        'synchronous_commit',
      ]);
      assert.deepEqual(
        checkPostgresDurability(settings).fatal,
        [],
        'the local server is set up safely',
      );
    } finally {
      await pool.end();
    }
  });
});

describe('PostgreSQL durability rules', () => {
  const safe = {
    fsync: 'on',
    full_page_writes: 'on',
    synchronous_commit: 'on',
    data_checksums: 'on',
  };
  it('accepts a safe server', () => {
    assert.deepEqual(checkPostgresDurability(safe), { fatal: [], warnings: [] });
  });
  it('refuses fsync, full_page_writes or synchronous_commit off', () => {
    assert.deepEqual(checkPostgresDurability({ ...safe, fsync: 'off' }).fatal, ['fsync is off']);
    assert.deepEqual(checkPostgresDurability({ ...safe, full_page_writes: 'off' }).fatal, [
      'full_page_writes is off',
    ]);
    assert.deepEqual(checkPostgresDurability({ ...safe, synchronous_commit: 'off' }).fatal, [
      'synchronous_commit is off',
    ]);
    assert.deepEqual(
      checkPostgresDurability({ ...safe, synchronous_commit: 'remote_apply' }).fatal,
      [],
    );
  });
  it('warns, without refusing, when data checksums are off', () => {
    const r = checkPostgresDurability({ ...safe, data_checksums: 'off' });
    assert.deepEqual(r.fatal, []);
    assert.match(r.warnings[0]!, /data_checksums is off/);
  });
});
