// Recurring schedules. Each definition lives in yimen_job_schedule with its
// next due time; whichever node sees it due first advances it with a
// compare-and-set and enqueues the job under an idempotency key, so a schedule
// fires once per due time however many nodes run.
import { CronExpressionParser } from 'cron-parser';
import type { Db } from '../database/index.ts';
import { inTransaction } from '../database/index.ts';
import type { ScheduleDefinition } from '../module.ts';
import type { JobQueue } from './queue.ts';
import type { ScheduleRow } from './tables.ts';

export const SCHEDULE_TZ = 'Asia/Shanghai';

export function nextCronTime(cron: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: SCHEDULE_TZ }).next().toDate();
}

/** Make the table match the code's definitions; keeps next_run_at where the cron did not change. */
export async function syncSchedules(
  db: Db,
  defs: readonly ScheduleDefinition[],
  now: Date,
): Promise<void> {
  const existing = await db.kysely.selectFrom('yimen_job_schedule').selectAll().execute();
  const byName = new Map(existing.map((r) => [r.name, r]));
  for (const def of defs) {
    const payload = JSON.stringify(def.payload ?? {});
    const row = byName.get(def.name);
    if (!row) {
      await db.kysely
        .insertInto('yimen_job_schedule')
        .values({
          name: def.name,
          cron: def.cron,
          job: def.job,
          payload,
          next_run_at: nextCronTime(def.cron, now).toISOString(),
          last_run_at: null,
        })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
    } else if (row.cron !== def.cron || row.job !== def.job || row.payload !== payload) {
      await db.kysely
        .updateTable('yimen_job_schedule')
        .set({
          cron: def.cron,
          job: def.job,
          payload,
          next_run_at: nextCronTime(def.cron, now).toISOString(),
        })
        .where('name', '=', def.name)
        .execute();
    }
  }
  const wanted = new Set(defs.map((d) => d.name));
  const stale = existing.filter((r) => !wanted.has(r.name)).map((r) => r.name);
  if (stale.length > 0)
    await db.kysely.deleteFrom('yimen_job_schedule').where('name', 'in', stale).execute();
}

/** Enqueue every schedule that is due; returns the names fired. */
export async function fireDueSchedules(db: Db, queue: JobQueue): Promise<string[]> {
  const now = queue.now();
  const due = await db.kysely
    .selectFrom('yimen_job_schedule')
    .selectAll()
    .where('next_run_at', '<=', now.toISOString())
    .execute();
  const fired: string[] = [];
  const failures: string[] = [];
  for (const s of due) {
    try {
      if (await fireOne(db, queue, s, now)) fired.push(s.name);
    } catch (err) {
      // One broken schedule (say, a job that no longer exists) must not stop the others.
      failures.push(`${s.name}: ${(err as Error).message}`);
    }
  }
  if (failures.length > 0) throw new Error(`schedules failed to fire: ${failures.join('; ')}`);
  return fired;
}

async function fireOne(db: Db, queue: JobQueue, s: ScheduleRow, now: Date): Promise<boolean> {
  const next = nextCronTime(s.cron, now).toISOString();
  return inTransaction(db, async (trx) => {
    const res = await trx
      .updateTable('yimen_job_schedule')
      .set({ next_run_at: next, last_run_at: s.next_run_at })
      .where('name', '=', s.name)
      .where('next_run_at', '=', s.next_run_at)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    await queue.enqueue(
      s.job,
      JSON.parse(s.payload),
      { idempotencyKey: `schedule:${s.name}:${s.next_run_at}` },
      trx,
    );
    return true;
  });
}
