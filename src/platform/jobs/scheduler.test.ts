import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { dialects, openTestContext, type TestContext } from '../../../test/helpers/databases.ts';
import { modules as allModules } from '../../modules/index.ts';
import type { Config } from '../config.ts';
import { collectJobHandlers } from '../context.ts';
import { type Db, openDatabase, openSqlite } from '../database/index.ts';
import type { ScheduleDefinition, YimenModule } from '../module.ts';
import { createJobQueue } from './queue.ts';
import { fireDueSchedules, nextCronTime, syncSchedules } from './scheduler.ts';
import { startWorker } from './worker.ts';

const at = (s: string) => new Date(s);

const DAILY: ScheduleDefinition = {
  name: 'daily-report',
  cron: '0 9 * * *',
  job: 'sched.report',
  payload: { kind: 'daily' },
};
const NIGHTLY: ScheduleDefinition = { name: 'nightly', cron: '17 3 * * *', job: 'sched.report' };

/** A second, independent connection to the same database, as another node would have. */
async function openSecondDb(config: Config): Promise<Db> {
  return config.dialect === 'postgres' ? openDatabase(config) : openSqlite(config.sqliteFile);
}

describe('nextCronTime', () => {
  it('evaluates cron expressions in Asia/Shanghai (UTC+8, no DST)', () => {
    const after = at('2026-11-26T00:30:00Z'); // 08:30 Thursday in Shanghai
    assert.deepEqual(nextCronTime('0 9 * * *', after), at('2026-11-26T01:00:00Z'));
    assert.deepEqual(
      nextCronTime('0 9 * * *', at('2026-11-26T01:00:00Z')),
      at('2026-11-27T01:00:00Z'),
      'strictly after the given moment',
    );
    assert.deepEqual(nextCronTime('17 3 * * *', after), at('2026-11-26T19:17:00Z'));
    assert.deepEqual(nextCronTime('0 0 1 * *', after), at('2026-11-30T16:00:00Z'), '12-01 00:00');
    // Friday 09:00 Shanghai has passed by 2026-11-27T02:00Z; next weekday is Monday 11-30.
    assert.deepEqual(
      nextCronTime('0 9 * * 1-5', at('2026-11-27T02:00:00Z')),
      at('2026-11-30T01:00:00Z'),
    );
    assert.deepEqual(nextCronTime('*/15 * * * *', after), at('2026-11-26T00:45:00Z'));
  });
});

for (const dialect of dialects) {
  describe(`job schedules [${dialect}]`, () => {
    let t: TestContext;
    let nowMs = 0;
    const clock = () => new Date(nowMs);
    const setNow = (s: string) => {
      nowMs = Date.parse(s);
    };
    const calls: unknown[] = [];
    const testModule: YimenModule = {
      name: 'schedules-test',
      jobs: {
        'sched.report': {
          async run(payload) {
            calls.push(payload);
          },
        },
      },
    };
    const modules = [...allModules, testModule];
    const schedules = () =>
      t.ctx.db.kysely.selectFrom('yimen_job_schedule').selectAll().orderBy('name').execute();
    const schedule = async (name: string) => (await schedules()).find((s) => s.name === name);
    const jobs = () =>
      t.ctx.db.kysely.selectFrom('yimen_job').selectAll().orderBy('run_at').execute();
    const sync = (defs: ScheduleDefinition[]) => syncSchedules(t.ctx.db, defs, clock());
    const fire = () => fireDueSchedules(t.ctx.db, t.ctx.jobs);

    before(async () => {
      t = await openTestContext(dialect, { modules, clock });
    });
    after(() => t.close());
    beforeEach(async () => {
      setNow('2026-11-26T00:30:00Z');
      calls.length = 0;
      await t.ctx.db.kysely.deleteFrom('yimen_job').execute();
      await t.ctx.db.kysely.deleteFrom('yimen_job_schedule').execute();
    });

    it('syncSchedules inserts each definition with its next run in Shanghai time', async () => {
      await sync([DAILY, NIGHTLY]);
      assert.deepEqual(await schedules(), [
        {
          name: 'daily-report',
          cron: '0 9 * * *',
          job: 'sched.report',
          payload: '{"kind":"daily"}',
          next_run_at: '2026-11-26T01:00:00.000Z',
          last_run_at: null,
        },
        {
          name: 'nightly',
          cron: '17 3 * * *',
          job: 'sched.report',
          payload: '{}',
          next_run_at: '2026-11-26T19:17:00.000Z',
          last_run_at: null,
        },
      ]);

      // Syncing unchanged definitions later (a restart) keeps the due times.
      setNow('2026-11-26T00:59:00Z');
      await sync([DAILY, NIGHTLY]);
      assert.equal((await schedule('daily-report'))?.next_run_at, '2026-11-26T01:00:00.000Z');
      assert.equal((await schedule('nightly'))?.next_run_at, '2026-11-26T19:17:00.000Z');
    });

    it('recomputes next_run_at when a definition changes and deletes removed ones', async () => {
      await sync([DAILY, NIGHTLY]);
      setNow('2026-11-26T00:40:00Z');
      await sync([{ ...DAILY, cron: '30 9 * * *' }, NIGHTLY]);
      const daily = await schedule('daily-report');
      assert.equal(daily?.cron, '30 9 * * *');
      assert.equal(daily?.next_run_at, '2026-11-26T01:30:00.000Z');
      assert.equal((await schedule('nightly'))?.next_run_at, '2026-11-26T19:17:00.000Z');

      await sync([{ ...DAILY, cron: '30 9 * * *', payload: { kind: 'weekly' } }, NIGHTLY]);
      assert.equal((await schedule('daily-report'))?.payload, '{"kind":"weekly"}');

      await sync([{ ...DAILY, cron: '30 9 * * *', payload: { kind: 'weekly' } }]);
      assert.deepEqual(
        (await schedules()).map((s) => s.name),
        ['daily-report'],
      );
      await sync([]);
      assert.deepEqual(await schedules(), []);
    });

    it('fires a due schedule exactly once, even when asked twice or concurrently', async () => {
      await sync([DAILY, NIGHTLY]);
      assert.deepEqual(await fire(), [], 'nothing is due at 08:30 Shanghai');
      assert.deepEqual(await jobs(), []);

      setNow('2026-11-26T01:00:00Z');
      assert.deepEqual(await fire(), ['daily-report']);
      assert.deepEqual(await fire(), [], 'the second call finds nothing due');
      const [job, ...rest] = await jobs();
      assert.equal(rest.length, 0);
      assert.equal(job?.name, 'sched.report');
      assert.equal(job.payload, '{"kind":"daily"}');
      assert.equal(job.status, 'pending');
      assert.equal(job.run_at, '2026-11-26T01:00:00.000Z');
      assert.equal(job.idempotency_key, 'schedule:daily-report:2026-11-26T01:00:00.000Z');
      const daily = await schedule('daily-report');
      assert.equal(daily?.next_run_at, '2026-11-27T01:00:00.000Z');
      assert.equal(daily?.last_run_at, '2026-11-26T01:00:00.000Z');

      setNow('2026-11-27T01:00:00Z');
      const both = await Promise.all([fire(), fire(), fire()]);
      assert.deepEqual(both.flat().sort(), ['daily-report', 'nightly']);
      assert.equal((await jobs()).length, 3);

      const worker = startWorker({ app: t.ctx, concurrency: 5, logger: t.logger }, false);
      assert.equal(await worker.runOnce(), 3);
      await worker.stop();
      assert.deepEqual(calls.map((c) => JSON.stringify(c)).sort(), [
        '{"kind":"daily"}',
        '{"kind":"daily"}',
        '{}',
      ]);
    });

    it('keeps firing the other schedules when one names a job that no longer exists', async () => {
      const BROKEN: ScheduleDefinition = {
        name: 'a-broken',
        cron: '0 9 * * *',
        job: 'no.such.job',
      };
      await sync([BROKEN, DAILY]);
      setNow('2026-11-26T01:00:00Z');
      await assert.rejects(
        fire(),
        /schedules failed to fire: a-broken: unknown job "no\.such\.job"/,
      );
      assert.deepEqual(
        (await jobs()).map((j) => j.name),
        ['sched.report'],
        'the healthy schedule fired in the same round',
      );
      assert.equal(
        (await schedule('a-broken'))?.next_run_at,
        '2026-11-26T01:00:00.000Z',
        'still due',
      );
    });

    it('fires once when two nodes see it due at the same moment', async () => {
      // On PostgreSQL the second node has its own connection pool. On SQLite it
      // shares the handle: better-sqlite3 is synchronous, so a second handle in
      // the same thread would block the event loop in busy_timeout waiting for
      // a transaction that cannot finish (SQLITE_BUSY after 5 s). Real SQLite
      // nodes are separate processes, where busy_timeout works.
      const db2 = dialect === 'postgres' ? await openDatabase(t.config) : t.ctx.db;
      try {
        const q2 = createJobQueue(db2, collectJobHandlers(modules), clock);
        await sync([DAILY]);
        for (let day = 26; day <= 30; day++) {
          setNow(`2026-11-${day}T01:00:00Z`);
          const [a, b] = await Promise.all([fire(), fireDueSchedules(db2, q2)]);
          assert.deepEqual([...a, ...b], ['daily-report'], `11-${day}: exactly one node fires`);
        }
        assert.deepEqual(
          (await jobs()).map((j) => j.idempotency_key),
          [26, 27, 28, 29, 30].map((d) => `schedule:daily-report:2026-11-${d}T01:00:00.000Z`),
        );
      } finally {
        if (db2 !== t.ctx.db) await db2.close();
      }
    });

    it('a node on another connection sees a schedule the first node has fired', async () => {
      const db2 = await openSecondDb(t.config);
      try {
        const q2 = createJobQueue(db2, collectJobHandlers(modules), clock);
        await sync([DAILY]);
        for (let day = 26; day <= 29; day++) {
          setNow(`2026-11-${day}T01:00:00Z`);
          const nodes = [() => fire(), () => fireDueSchedules(db2, q2)];
          if (day % 2 === 1) nodes.reverse();
          assert.deepEqual(await nodes[0]!(), ['daily-report']);
          assert.deepEqual(await nodes[1]!(), [], `11-${day}: the other node finds it done`);
        }
        assert.equal((await jobs()).length, 4);
      } finally {
        await db2.close();
      }
    });

    it('after downtime fires a missed schedule once and moves on to the next future time', async () => {
      await sync([DAILY]);
      setNow('2026-11-29T05:00:00Z'); // three 09:00s missed
      assert.deepEqual(await fire(), ['daily-report']);
      assert.deepEqual(await fire(), []);
      const all = await jobs();
      assert.equal(all.length, 1);
      assert.equal(all[0]?.idempotency_key, 'schedule:daily-report:2026-11-26T01:00:00.000Z');
      assert.equal((await schedule('daily-report'))?.next_run_at, '2026-11-30T01:00:00.000Z');
    });
  });
}
