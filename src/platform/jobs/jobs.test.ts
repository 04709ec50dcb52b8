import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { dialects, openTestContext, type TestContext } from '../../../test/helpers/databases.ts';
import { modules as allModules } from '../../modules/index.ts';
import type { Config } from '../config.ts';
import { collectJobHandlers, openContext } from '../context.ts';
import { type Db, openDatabase, openSqlite } from '../database/index.ts';
import type { YimenModule } from '../module.ts';
import { backoffDelay, createJobQueue, type JobQueue } from './queue.ts';
import type { JobRow } from './tables.ts';
import { startWorker } from './worker.ts';

const T0 = Date.parse('2026-11-26T00:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const DEFAULT_LEASE_MS = 5 * 60_000;
const SHORT_LEASE_MS = 30_000;

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

interface Recorder {
  calls: { name: string; id: string; attempt: number; payload: unknown }[];
  /** Set by a test before it runs 'test.blocking'. */
  block?: { started: () => void; release: Promise<void>; sawAbort?: boolean };
}

function jobsTestModule(rec: Recorder): YimenModule {
  const record = (name: string, job: JobRow, payload: unknown) =>
    rec.calls.push({ name, id: job.id, attempt: job.attempts, payload });
  return {
    name: 'jobs-test',
    jobs: {
      'test.record': {
        async run(payload, { job }) {
          record('test.record', job, payload);
        },
      },
      // Fails while attempts <= payload.failTimes, then succeeds.
      'test.flaky': {
        maxAttempts: 5,
        backoffBaseMs: 1000,
        async run(payload, { job }) {
          if (job.attempts <= (payload as { failTimes: number }).failTimes)
            throw new Error(`flaky failure ${job.attempts}`);
          record('test.flaky', job, payload);
        },
      },
      'test.broken': {
        maxAttempts: 5,
        backoffBaseMs: 1000,
        async run() {
          throw new Error('always broken');
        },
      },
      'test.short-lease': { leaseMs: SHORT_LEASE_MS, async run() {} },
      'test.blocking': {
        async run(_payload, { signal }) {
          const block = rec.block!;
          block.started();
          await block.release;
          block.sawAbort = signal.aborted;
        },
      },
    },
  };
}

/** A second, independent connection to the same database, as another node would have. */
async function openSecondDb(config: Config): Promise<Db> {
  return config.dialect === 'postgres' ? openDatabase(config) : openSqlite(config.sqliteFile);
}

for (const dialect of dialects) {
  describe(`durable job queue [${dialect}]`, () => {
    let t: TestContext;
    let nowMs = T0;
    const clock = () => new Date(nowMs);
    const rec: Recorder = { calls: [] };
    const modules = [...allModules, jobsTestModule(rec)];
    const q = (): JobQueue => t.ctx.jobs;
    const getJob = (id: string) =>
      t.ctx.db.kysely.selectFrom('yimen_job').selectAll().where('id', '=', id).executeTakeFirst();
    const countJobs = async () =>
      (await t.ctx.db.kysely.selectFrom('yimen_job').select('id').execute()).length;

    before(async () => {
      t = await openTestContext(dialect, { modules, clock });
    });
    after(() => t.close());
    beforeEach(async () => {
      nowMs = T0;
      rec.calls.length = 0;
      rec.block = undefined;
      await t.ctx.db.kysely.deleteFrom('yimen_job').execute();
    });

    it('enqueues, claims and completes a job; the payload round-trips as JSON', async () => {
      const payload = {
        caseNo: 'YM-2026-0001',
        applicant: { name: '张三', age: 42, note: 'line\n"quoted"' },
        tags: ['户籍', 'b'],
        amount: 12.5,
        urgent: true,
        none: null,
      };
      const id = await q().enqueue('test.record', payload);
      const pending = await getJob(id);
      assert.ok(pending);
      assert.equal(pending.status, 'pending');
      assert.equal(pending.attempts, 0);
      assert.equal(pending.max_attempts, 5);
      assert.equal(pending.run_at, iso(T0));
      assert.equal(pending.locked_by, null);

      nowMs += 1000;
      const claimed = await q().claim('w1', 10);
      assert.equal(claimed.length, 1);
      const job = claimed[0]!;
      assert.equal(job.id, id);
      assert.equal(job.status, 'running');
      assert.equal(job.attempts, 1);
      assert.equal(job.locked_by, 'w1');
      assert.equal(job.locked_until, iso(nowMs + DEFAULT_LEASE_MS));
      assert.deepEqual(JSON.parse(job.payload), payload);
      assert.deepEqual(await q().claim('w2', 10), [], 'a leased job is not claimed again');

      nowMs += 1000;
      await q().complete(job, 'w1');
      const done = await getJob(id);
      assert.equal(done?.status, 'succeeded');
      assert.equal(done?.finished_at, iso(nowMs));
      assert.equal(done?.locked_by, null);
      assert.equal(done?.locked_until, null);
      assert.deepEqual(await q().claim('w1', 10), []);
      assert.deepEqual(await q().countsByStatus(), {
        pending: 0,
        running: 0,
        succeeded: 1,
        dead: 0,
      });

      assert.equal(await q().purgeSucceeded(new Date(nowMs)), 0, 'not older than the cutoff');
      assert.equal(await q().purgeSucceeded(new Date(nowMs + 1)), 1);
      assert.equal(await getJob(id), undefined);
    });

    it('stores a missing payload as null and refuses an unknown job name', async () => {
      const id = await q().enqueue('test.record', undefined);
      assert.equal((await getJob(id))?.payload, 'null');
      await assert.rejects(q().enqueue('no.such.job', {}), /unknown job "no\.such\.job"/);
      assert.equal(await countJobs(), 1);
    });

    it('retries a failing job with exponential backoff, then dead-letters it', async () => {
      const id = await q().enqueue('test.broken', { n: 1 });
      let previousDelay = 0;
      for (let attempt = 1; attempt <= 4; attempt++) {
        const [job] = await q().claim('w1', 1);
        assert.equal(job?.id, id, `attempt ${attempt} claims the job`);
        assert.equal(job.attempts, attempt);
        assert.equal(await q().fail(job, 'w1', new Error(`boom ${attempt}`)), 'pending');
        const row = (await getJob(id))!;
        assert.equal(row.status, 'pending');
        assert.equal(row.last_error, `Error: boom ${attempt}`);
        assert.equal(row.locked_by, null);
        assert.equal(row.finished_at, null);
        const runAt = Date.parse(row.run_at);
        const delay = runAt - nowMs;
        const expected = 1000 * 2 ** (attempt - 1);
        assert.ok(
          delay >= 0.8 * expected && delay <= 1.2 * expected,
          `attempt ${attempt}: delay ${delay} within ±20 % of ${expected}`,
        );
        if (previousDelay > 0) {
          const ratio = delay / previousDelay;
          assert.ok(ratio > 1.3 && ratio < 3.1, `delay roughly doubles (×${ratio.toFixed(2)})`);
        }
        previousDelay = delay;
        nowMs = runAt - 1;
        assert.deepEqual(await q().claim('w1', 1), [], 'not claimable before run_at');
        assert.deepEqual(await q().countsByStatus(), {
          pending: 1,
          running: 0,
          succeeded: 0,
          dead: 0,
        });
        nowMs = runAt;
      }
      const [last] = await q().claim('w1', 1);
      assert.equal(last?.attempts, 5);
      assert.equal(await q().fail(last, 'w1', 'a plain string'), 'dead');
      const dead = (await getJob(id))!;
      assert.equal(dead.status, 'dead');
      assert.equal(dead.last_error, 'a plain string');
      assert.equal(dead.finished_at, iso(nowMs));
      assert.equal(dead.locked_by, null);
      nowMs += 24 * 3600_000;
      assert.deepEqual(await q().claim('w1', 10), [], 'a dead job is never claimed');
      assert.deepEqual(await q().countsByStatus(), {
        pending: 0,
        running: 0,
        succeeded: 0,
        dead: 1,
      });
      assert.deepEqual(
        (await q().list({ status: 'dead' })).map((j) => j.id),
        [id],
      );

      assert.equal(await q().retry(id), true);
      const revived = (await getJob(id))!;
      assert.equal(revived.status, 'pending');
      assert.equal(revived.attempts, 0);
      assert.equal(revived.run_at, iso(nowMs));
      assert.equal(revived.finished_at, null);
      assert.deepEqual(await q().countsByStatus(), {
        pending: 1,
        running: 0,
        succeeded: 0,
        dead: 0,
      });
      assert.equal(await q().retry(id), false, 'only a dead job can be retried');
      assert.equal(await q().retry('00000000-0000-7000-8000-000000000000'), false);
      const [again] = await q().claim('w1', 1);
      assert.equal(again?.id, id);
      assert.equal(again.attempts, 1, 'fresh attempts after retry');
    });

    it('honours an enqueue-time maxAttempts and the default 5 s backoff base', async () => {
      const once = await q().enqueue('test.broken', {}, { maxAttempts: 1 });
      const [job] = await q().claim('w1', 1);
      assert.equal(job?.id, once);
      assert.equal(await q().fail(job, 'w1', new Error('x')), 'dead');

      await q().enqueue('test.record', {});
      const [plain] = await q().claim('w1', 1);
      assert.equal(await q().fail(plain!, 'w1', new Error('x')), 'pending');
      const delay = Date.parse((await getJob(plain!.id))!.run_at) - nowMs;
      assert.ok(delay >= 4000 && delay <= 6000, `default base 5 s, got ${delay}`);
    });

    it('computes backoff delays as base·2^(attempt−1) ±20 %, capped at one hour', () => {
      const mid = () => 0.5;
      const low = () => 0;
      const high = () => 1 - Number.EPSILON;
      assert.equal(backoffDelay(0, 1000, mid), 1000);
      assert.equal(backoffDelay(1, 1000, mid), 1000);
      assert.equal(backoffDelay(2, 1000, mid), 2000);
      assert.equal(backoffDelay(3, 1000, mid), 4000);
      assert.equal(backoffDelay(4, 5000, mid), 40_000);
      for (let attempt = 1; attempt <= 12; attempt++) {
        const exp = Math.min(5000 * 2 ** (attempt - 1), 3600_000);
        assert.equal(backoffDelay(attempt, 5000, low), Math.round(0.8 * exp));
        assert.equal(backoffDelay(attempt, 5000, high), Math.round(1.2 * exp));
        const d = backoffDelay(attempt, 5000);
        assert.ok(d >= 0.8 * exp && d <= 1.2 * exp, `attempt ${attempt}: ${d}`);
      }
      assert.equal(backoffDelay(30, 5000, mid), 3600_000, 'capped');
      assert.equal(backoffDelay(5000, 5000, mid), 3600_000, 'no overflow to Infinity/NaN');
      // The jitter is applied after the cap, so a capped delay is one hour ±20 %.
      assert.equal(backoffDelay(30, 5000, low), 2880_000);
      assert.equal(backoffDelay(30, 5000, high), 4320_000);
    });

    it('does not claim a delayed job until it is due, and claims due jobs in run_at order', async () => {
      await q().enqueue('test.record', { n: 'later' }, { runAt: new Date(T0 + 60_000) });
      const nowId = await q().enqueue('test.record', { n: 'now' });
      assert.deepEqual(
        (await q().claim('w1', 10)).map((j) => j.id),
        [nowId],
      );
      nowMs = T0 + 59_999;
      assert.deepEqual(await q().claim('w1', 10), []);
      nowMs = T0 + 60_000;
      const [later] = await q().claim('w1', 10);
      assert.deepEqual(JSON.parse(later!.payload), { n: 'later' });

      for (const s of [3, 1, 2]) {
        await q().enqueue('test.record', { s }, { runAt: new Date(nowMs + s * 1000) });
      }
      nowMs += 5000;
      // The earliest two are chosen; the rows themselves come back in no set order.
      const firstTwo = await q().claim('w1', 2);
      assert.deepEqual(firstTwo.map((j) => JSON.parse(j.payload).s).sort(), [1, 2]);
      assert.deepEqual(
        (await q().claim('w1', 2)).map((j) => JSON.parse(j.payload).s),
        [3],
      );
    });

    it('deduplicates enqueues by idempotency key', async () => {
      const a = await q().enqueue('test.record', { v: 1 }, { idempotencyKey: 'case-42' });
      const b = await q().enqueue('test.record', { v: 2 }, { idempotencyKey: 'case-42' });
      assert.equal(b, a);
      assert.equal(await countJobs(), 1);
      assert.equal((await getJob(a))?.payload, '{"v":1}', 'the first payload is kept');
      const other = await q().enqueue('test.record', {}, { idempotencyKey: 'case-43' });
      assert.notEqual(other, a);
      await q().enqueue('test.record', {});
      await q().enqueue('test.record', {});
      assert.equal(await countJobs(), 4, 'jobs without a key are never deduplicated');

      // Still deduplicated after the first job has finished.
      const [job] = (await q().claim('w1', 10)).filter((j) => j.id === a);
      await q().complete(job!, 'w1');
      assert.equal(await q().enqueue('test.record', {}, { idempotencyKey: 'case-42' }), a);

      // Concurrent enqueues with one key agree on one job.
      const ids = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          q().enqueue('test.record', { i }, { idempotencyKey: 'burst' }),
        ),
      );
      assert.equal(new Set(ids).size, 1);
      const rows = await t.ctx.db.kysely
        .selectFrom('yimen_job')
        .select('id')
        .where('idempotency_key', '=', 'burst')
        .execute();
      assert.deepEqual(
        rows.map((r) => r.id),
        [ids[0]],
      );
    });

    it('an enqueue inside a rolled-back transaction leaves no job behind', async () => {
      let insideId = '';
      await assert.rejects(
        t.ctx.db.kysely.transaction().execute(async (trx) => {
          insideId = await q().enqueue('test.record', { v: 1 }, { idempotencyKey: 'rb' }, trx);
          const again = await q().enqueue('test.record', { v: 2 }, { idempotencyKey: 'rb' }, trx);
          assert.equal(again, insideId, 'the key is seen inside the transaction');
          await q().enqueue('test.record', { v: 3 }, {}, trx);
          throw new Error('business rule failed');
        }),
        /business rule failed/,
      );
      assert.equal(await countJobs(), 0);
      assert.deepEqual(await q().claim('w1', 10), []);

      const committed = await t.ctx.db.kysely
        .transaction()
        .execute((trx) => q().enqueue('test.record', { v: 4 }, { idempotencyKey: 'rb' }, trx));
      assert.notEqual(committed, insideId, 'the rolled-back key is free again');
      assert.equal((await getJob(committed))?.payload, '{"v":4}');
      assert.equal(await countJobs(), 1);
    });

    it('never gives one job to two workers claiming concurrently on separate connections', async () => {
      const db2 = await openSecondDb(t.config);
      try {
        const q2 = createJobQueue(db2, collectJobHandlers(modules), clock);
        const enqueued = new Set<string>();
        for (let i = 0; i < 200; i++) enqueued.add(await q().enqueue('test.record', { i }));
        const claimsOf = new Map<string, string[]>();
        const perWorker = new Map<string, number>();
        async function drain(queue: JobQueue, workerId: string): Promise<void> {
          for (;;) {
            const rows = await queue.claim(workerId, 7);
            if (rows.length === 0) return;
            for (const r of rows) {
              claimsOf.set(r.id, [...(claimsOf.get(r.id) ?? []), workerId]);
              assert.equal(r.locked_by, workerId);
            }
            perWorker.set(workerId, (perWorker.get(workerId) ?? 0) + rows.length);
          }
        }
        await Promise.all([
          ...[1, 2, 3, 4].map((i) => drain(q(), `node-a:${i}`)),
          ...[1, 2, 3, 4].map((i) => drain(q2, `node-b:${i}`)),
        ]);
        const twice = [...claimsOf].filter(([, by]) => by.length > 1);
        assert.deepEqual(twice, [], 'no job was claimed twice');
        assert.deepEqual(new Set(claimsOf.keys()), enqueued, 'every job was claimed');
        assert.equal(perWorker.size, 8, 'all eight claimers took part');
        assert.deepEqual(await q().countsByStatus(), {
          pending: 0,
          running: 200,
          succeeded: 0,
          dead: 0,
        });
        const rows = await t.ctx.db.kysely.selectFrom('yimen_job').selectAll().execute();
        for (const r of rows) {
          assert.equal(r.attempts, 1);
          assert.equal(r.locked_by, claimsOf.get(r.id)![0]);
        }
      } finally {
        await db2.close();
      }
    });

    it('dead-letters a job whose worker keeps dying, once its attempts are used up', async () => {
      const id = await q().enqueue('test.short-lease', {}, { maxAttempts: 2 });
      assert.equal((await q().claim('crashing-1', 10)).length, 1);
      nowMs += SHORT_LEASE_MS + 1;
      const [second] = await q().claim('crashing-2', 10);
      assert.equal(second?.attempts, 2, 'the second and last attempt');
      nowMs += SHORT_LEASE_MS + 1;
      assert.deepEqual(await q().claim('w3', 10), [], 'not run a third time');
      const job = (await getJob(id))!;
      assert.equal(job.status, 'dead');
      assert.match(job.last_error ?? '', /lease expired on the last attempt/);
      assert.equal(job.locked_by, null);
      assert.equal((await q().countsByStatus()).dead, 1);
    });

    it('hands a job whose worker died to another worker once its lease has passed', async () => {
      const shortId = await q().enqueue('test.short-lease', {});
      const defaultId = await q().enqueue('test.record', {});
      const lost = await q().claim('dead-worker', 10);
      assert.equal(lost.length, 2);
      const lostShort = lost.find((j) => j.id === shortId)!;
      assert.equal(lostShort.locked_until, iso(T0 + SHORT_LEASE_MS), "the handler's own leaseMs");
      assert.equal(lost.find((j) => j.id === defaultId)!.locked_until, iso(T0 + DEFAULT_LEASE_MS));

      nowMs = T0 + SHORT_LEASE_MS - 1;
      assert.deepEqual(await q().claim('w2', 10), [], 'still leased');
      nowMs = T0 + SHORT_LEASE_MS + 1;
      const [taken] = await q().claim('w2', 10);
      assert.equal(taken?.id, shortId, 'only the job whose lease ran out');
      assert.equal(taken.attempts, 2);
      assert.equal(taken.locked_by, 'w2');
      assert.equal(taken.locked_until, iso(nowMs + SHORT_LEASE_MS));
      assert.deepEqual(await q().claim('w3', 10), []);

      // The presumed-dead worker wakes up: its late reports must not touch w2's run.
      await q().complete(lostShort, 'dead-worker');
      await q().fail(lostShort, 'dead-worker', new Error('late'));
      const stillRunning = (await getJob(shortId))!;
      assert.equal(stillRunning.status, 'running');
      assert.equal(stillRunning.locked_by, 'w2');
      assert.equal(stillRunning.last_error, null);
      await q().complete(taken, 'w2');
      assert.equal((await getJob(shortId))?.status, 'succeeded');

      nowMs = T0 + DEFAULT_LEASE_MS + 1;
      const [taken2] = await q().claim('w3', 10);
      assert.equal(taken2?.id, defaultId);
      assert.equal(taken2.locked_by, 'w3');
    });

    it('keeps jobs across a restart, including one whose process died mid-run', async () => {
      const t2 = await openTestContext(dialect, { modules, clock });
      try {
        const interrupted = await t2.ctx.jobs.enqueue('test.record', { survive: 'running' });
        const waiting = await t2.ctx.jobs.enqueue('test.record', { survive: 'pending' });
        const [claimed] = await t2.ctx.jobs.claim('crashed', 1);
        assert.equal(claimed?.id, interrupted);
        const keyed = await t2.ctx.jobs.enqueue('test.record', {}, { idempotencyKey: 'k' });
        await t2.ctx.db.close();

        const ctx = await openContext(t2.config, t2.logger, modules, { migrate: true, clock });
        try {
          const rows = await ctx.jobs.list({});
          assert.deepEqual(rows.map((r) => r.id).sort(), [interrupted, waiting, keyed].sort());
          assert.equal(rows.find((r) => r.id === interrupted)?.status, 'running');
          assert.equal(rows.find((r) => r.id === waiting)?.status, 'pending');
          assert.equal(await ctx.jobs.enqueue('test.record', {}, { idempotencyKey: 'k' }), keyed);

          const worker = startWorker({ app: ctx, concurrency: 10, logger: t2.logger }, false);
          assert.equal(await worker.runOnce(), 2, 'the two pending jobs');
          nowMs += DEFAULT_LEASE_MS + 1;
          assert.equal(await worker.runOnce(), 1, 'the interrupted job, after its lease');
          await worker.stop();
          assert.deepEqual(await ctx.jobs.countsByStatus(), {
            pending: 0,
            running: 0,
            succeeded: 3,
            dead: 0,
          });
          assert.deepEqual(
            rec.calls
              .slice(0, 2)
              .map((c) => c.id)
              .sort(),
            [waiting, keyed].sort(),
            'first the pending jobs, then the interrupted one',
          );
          assert.equal(rec.calls[2]?.id, interrupted);
          assert.deepEqual(rec.calls[2]?.payload, { survive: 'running' });
          assert.equal(rec.calls[2]?.attempt, 2);
        } finally {
          await ctx.db.close();
        }
      } finally {
        await t2.close();
      }
    });

    it('runs jobs through a worker and records their failures', async () => {
      const okId = await q().enqueue('test.record', { n: 1 });
      const brokenId = await q().enqueue('test.broken', {});
      const flakyId = await q().enqueue('test.flaky', { failTimes: 1 });
      const worker = startWorker({ app: t.ctx, concurrency: 4, logger: t.logger }, false);
      try {
        assert.equal(await worker.runOnce(), 3);
        // runOnce resolves only once the claimed jobs have finished and been recorded.
        assert.equal((await getJob(okId))?.status, 'succeeded');
        assert.deepEqual(rec.calls, [
          { name: 'test.record', id: okId, attempt: 1, payload: { n: 1 } },
        ]);
        const broken = (await getJob(brokenId))!;
        assert.equal(broken.status, 'pending');
        assert.equal(broken.last_error, 'Error: always broken');
        assert.equal((await getJob(flakyId))?.last_error, 'Error: flaky failure 1');
        assert.equal(await worker.runOnce(), 0, 'retries wait for their backoff');

        for (let round = 2; round <= 5; round++) {
          nowMs += 3600_000;
          assert.equal(await worker.runOnce(), round === 2 ? 2 : 1);
        }
        assert.equal((await getJob(flakyId))?.status, 'succeeded');
        assert.equal(rec.calls.find((c) => c.id === flakyId)?.attempt, 2);
        const dead = (await getJob(brokenId))!;
        assert.equal(dead.status, 'dead');
        assert.equal(dead.attempts, 5);
        assert.equal(dead.last_error, 'Error: always broken');
      } finally {
        await worker.stop();
      }
    });

    it('claims no more jobs than its concurrency in one round', async () => {
      for (let i = 0; i < 5; i++) await q().enqueue('test.record', { i });
      const worker = startWorker({ app: t.ctx, concurrency: 2, logger: t.logger }, false);
      assert.deepEqual(
        [await worker.runOnce(), await worker.runOnce(), await worker.runOnce()],
        [2, 2, 1],
      );
      assert.equal(await worker.runOnce(), 0);
      await worker.stop();
      assert.equal(rec.calls.length, 5);
    });

    it('stop() waits for a running job to finish and aborts its signal', async () => {
      const started = deferred();
      const release = deferred();
      rec.block = { started: started.resolve, release: release.promise };
      const id = await q().enqueue('test.blocking', {});
      const worker = startWorker({ app: t.ctx, concurrency: 1, logger: t.logger }, false);
      const round = worker.runOnce();
      await started.promise;
      assert.equal((await getJob(id))?.status, 'running');

      let stopped = false;
      const stopping = worker.stop().then(() => {
        stopped = true;
      });
      for (let i = 0; i < 20; i++) await nextTurn();
      assert.equal(stopped, false, 'stop() must not resolve while the job is running');
      assert.equal((await getJob(id))?.status, 'running');

      release.resolve();
      await stopping;
      assert.equal((await getJob(id))?.status, 'succeeded', 'recorded before stop() resolved');
      assert.equal(rec.block.sawAbort, true, 'the job saw the shutdown signal');
      assert.equal(await round, 1);
    });
  });
}
