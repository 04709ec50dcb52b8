// Kill -9 harness (RELIABILITY row 15): a child writes rows in acknowledged
// transactions and is SIGKILLed at a random moment; after each kill every
// acknowledged row must be there and the database must pass its integrity
// check. YIMEN_CRASH_ROUNDS raises the number of rounds (default 12).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { modules } from '../../src/modules/index.ts';
import { openDatabase } from '../../src/platform/database/index.ts';
import { migrateUp } from '../../src/platform/database/migrator.ts';
import { childEnv } from '../helpers/cli.ts';
import { dialects, type TestConfig, testConfig } from '../helpers/databases.ts';

const ROUNDS = Number(process.env.YIMEN_CRASH_ROUNDS ?? 12);
const WRITER = join(import.meta.dirname, 'crash-writer.ts');

/** Run the writer, kill it after `delayMs` of writing, return the ids it acknowledged. */
function writeUntilKilled(env: Record<string, string>, delayMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER], { env: childEnv(env) });
    let buffer = '';
    const acked: string[] = [];
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      err += d;
    });
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      buffer += d;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), delayMs);
        else acked.push(line);
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`writer exited on its own (${code}): ${err}`));
    });
  });
}

for (const dialect of dialects) {
  describe(`crash safety under SIGKILL [${dialect}]`, () => {
    let t: TestConfig;
    let env: Record<string, string>;
    before(async () => {
      t = await testConfig(dialect);
      env = {
        YIMEN_DATA_DIR: t.config.dataDir,
        LOG_LEVEL: 'silent',
        ...(t.config.databaseUrl ? { DATABASE_URL: t.config.databaseUrl } : {}),
      };
      const db = await openDatabase(t.config);
      await migrateUp(db, modules);
      await db.close();
    });
    after(() => t.cleanup());

    it(`keeps every acknowledged row over ${ROUNDS} random kills`, async () => {
      const acked: string[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const delay = 20 + Math.floor(Math.random() * 400);
        acked.push(...(await writeUntilKilled({ ...env, CRASH_ROUND: String(round) }, delay)));
        const db = await openDatabase(t.config);
        try {
          if (db.sqlite) assert.equal(db.sqlite.pragma('integrity_check', { simple: true }), 'ok');
          else await sql`SELECT count(*) FROM yimen_job`.execute(db.kysely);
          const present = new Set(
            (await db.kysely.selectFrom('yimen_job').select('id').execute()).map((r) => r.id),
          );
          const lost = acked.filter((id) => !present.has(id));
          assert.deepEqual(lost, [], `round ${round}: acknowledged rows lost`);
        } finally {
          await db.close();
        }
      }
      assert.ok(acked.length > ROUNDS, `the writer committed rows (${acked.length})`);
    });
  });
}
