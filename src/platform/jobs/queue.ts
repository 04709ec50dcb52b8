// A durable job queue in the database. Delivery is at-least-once: a job is
// claimed with a lease (locked_until); if its node dies the lease expires and
// another node takes it. On PostgreSQL the claim uses FOR UPDATE SKIP LOCKED so
// concurrent workers never take the same row; SQLite has one writer, so its
// single UPDATE … RETURNING is already atomic.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database, Db } from '../database/index.ts';
import { badRequest } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Logger } from '../logging.ts';
import type { AppContext } from '../module.ts';
import type { JobRow } from './tables.ts';

export type JobStatus = 'pending' | 'running' | 'succeeded' | 'dead';

export interface JobRunContext {
  job: JobRow;
  app: AppContext;
  logger: Logger;
  /** Aborted when the process shuts down; long jobs should stop early. */
  signal: AbortSignal;
}

export interface JobHandler {
  run(payload: unknown, ctx: JobRunContext): Promise<void>;
  /** Attempts before the job goes to the dead-letter state. Default 5. */
  maxAttempts?: number;
  /** First retry delay; doubles each attempt, capped at one hour, then ±20 % jitter. Default 5 s. */
  backoffBaseMs?: number;
  /** Lease length: a job running longer is presumed lost and may run again. Default 5 min. */
  leaseMs?: number;
}

export interface EnqueueOptions {
  /** Run no earlier than this moment. */
  runAt?: Date;
  /** A second enqueue with the same key is ignored (returns the first job's id). */
  idempotencyKey?: string;
  maxAttempts?: number;
}

type Executor = Kysely<Database> | Transaction<Database>;

export interface JobQueue {
  readonly handlers: Readonly<Record<string, JobHandler>>;
  /** Enqueue inside `trx` to make the job part of the business change that causes it. */
  enqueue(
    name: string,
    payload: unknown,
    options?: EnqueueOptions,
    trx?: Executor,
  ): Promise<string>;
  claim(workerId: string, limit: number): Promise<JobRow[]>;
  complete(job: JobRow, workerId: string): Promise<void>;
  fail(job: JobRow, workerId: string, error: unknown): Promise<JobStatus>;
  /** Put a dead job back in the queue with fresh attempts. */
  retry(id: string): Promise<boolean>;
  list(filter: { status?: JobStatus; limit?: number }): Promise<JobRow[]>;
  countsByStatus(): Promise<Record<JobStatus, number>>;
  /** Remove finished jobs older than the cutoff; returns how many. */
  purgeSucceeded(olderThan: Date): Promise<number>;
  now(): Date;
}

const MAX_BACKOFF_MS = 60 * 60 * 1000;

/** Exponential backoff with ±20 % jitter so retries of a burst do not align. */
export function backoffDelay(attempt: number, baseMs: number, random = Math.random): number {
  const exp = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS);
  return Math.round(exp * (0.8 + 0.4 * random()));
}

export function createJobQueue(
  db: Db,
  handlers: Record<string, JobHandler>,
  clock: () => Date = () => new Date(),
): JobQueue {
  const k = db.kysely;
  const iso = (d: Date) => d.toISOString();

  async function enqueue(
    name: string,
    payload: unknown,
    options: EnqueueOptions = {},
    trx: Executor = k,
  ): Promise<string> {
    const handler = handlers[name];
    if (!handler) throw badRequest(`unknown job "${name}"`);
    const now = clock();
    const id = newId();
    const key = options.idempotencyKey ?? null;
    await trx
      .insertInto('yimen_job')
      .values({
        id,
        name,
        payload: JSON.stringify(payload ?? null),
        status: 'pending',
        attempts: 0,
        max_attempts: options.maxAttempts ?? handler.maxAttempts ?? 5,
        run_at: iso(options.runAt ?? now),
        locked_by: null,
        locked_until: null,
        last_error: null,
        idempotency_key: key,
        created_at: iso(now),
        updated_at: iso(now),
        finished_at: null,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .execute();
    if (key === null) return id;
    const existing = await trx
      .selectFrom('yimen_job')
      .select('id')
      .where('idempotency_key', '=', key)
      .executeTakeFirstOrThrow();
    return existing.id;
  }

  async function claim(workerId: string, limit: number): Promise<JobRow[]> {
    const names = Object.keys(handlers);
    if (names.length === 0 || limit < 1) return [];
    const now = clock();
    // Each job gets its own handler's lease, so a short job that is lost is
    // retried soon rather than after the longest lease of any handler.
    const lockedUntil = sql`CASE name ${sql.join(
      names.map(
        (n) =>
          sql`WHEN ${n} THEN ${iso(new Date(now.getTime() + (handlers[n]!.leaseMs ?? 5 * 60_000)))}`,
      ),
      sql` `,
    )} END`;
    const nowIso = iso(now);
    const due = sql<boolean>`((status = 'pending' AND run_at <= ${nowIso}) OR (status = 'running' AND locked_until < ${nowIso}))`;
    // A job whose worker died on its last attempt is not run again: it goes
    // to the dead-letter state like any other job that used up its attempts.
    await k
      .updateTable('yimen_job')
      .set({
        status: 'dead',
        last_error: 'lease expired on the last attempt: the worker running it stopped or hung',
        locked_by: null,
        locked_until: null,
        finished_at: nowIso,
        updated_at: nowIso,
      })
      .where('status', '=', 'running')
      .where('locked_until', '<', nowIso)
      .whereRef('attempts', '>=', 'max_attempts')
      .execute();
    const lock = db.dialect === 'postgres' ? sql`FOR UPDATE SKIP LOCKED` : sql``;
    const rows = await sql<JobRow>`
      UPDATE yimen_job
         SET status = 'running', attempts = attempts + 1, locked_by = ${workerId},
             locked_until = ${lockedUntil}, updated_at = ${nowIso}
       WHERE id IN (
         SELECT id FROM yimen_job
          WHERE ${due} AND name IN (${sql.join(names)})
          ORDER BY run_at, id
          LIMIT ${limit} ${lock})
      RETURNING *`.execute(k);
    return rows.rows;
  }

  async function complete(job: JobRow, workerId: string): Promise<void> {
    const now = iso(clock());
    await k
      .updateTable('yimen_job')
      .set({
        status: 'succeeded',
        locked_by: null,
        locked_until: null,
        finished_at: now,
        updated_at: now,
      })
      .where('id', '=', job.id)
      .where('locked_by', '=', workerId)
      .execute();
  }

  async function fail(job: JobRow, workerId: string, error: unknown): Promise<JobStatus> {
    const now = clock();
    const handler = handlers[job.name];
    const dead = job.attempts >= job.max_attempts;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const delay = backoffDelay(job.attempts, handler?.backoffBaseMs ?? 5000);
    await k
      .updateTable('yimen_job')
      .set({
        status: dead ? 'dead' : 'pending',
        run_at: dead ? job.run_at : iso(new Date(now.getTime() + delay)),
        last_error: message.slice(0, 2000),
        locked_by: null,
        locked_until: null,
        finished_at: dead ? iso(now) : null,
        updated_at: iso(now),
      })
      .where('id', '=', job.id)
      .where('locked_by', '=', workerId)
      .execute();
    return dead ? 'dead' : 'pending';
  }

  async function retry(id: string): Promise<boolean> {
    const now = iso(clock());
    const res = await k
      .updateTable('yimen_job')
      .set({ status: 'pending', attempts: 0, run_at: now, finished_at: null, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'dead')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async function list(filter: { status?: JobStatus; limit?: number }): Promise<JobRow[]> {
    let q = k
      .selectFrom('yimen_job')
      .selectAll()
      .orderBy('updated_at', 'desc')
      .limit(filter.limit ?? 50);
    if (filter.status) q = q.where('status', '=', filter.status);
    return q.execute();
  }

  async function countsByStatus(): Promise<Record<JobStatus, number>> {
    const rows = await k
      .selectFrom('yimen_job')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    const counts: Record<JobStatus, number> = { pending: 0, running: 0, succeeded: 0, dead: 0 };
    for (const r of rows) counts[r.status as JobStatus] = Number(r.n);
    return counts;
  }

  async function purgeSucceeded(olderThan: Date): Promise<number> {
    const res = await k
      .deleteFrom('yimen_job')
      .where('status', '=', 'succeeded')
      .where('finished_at', '<', iso(olderThan))
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  return {
    handlers,
    enqueue,
    claim,
    complete,
    fail,
    retry,
    list,
    countsByStatus,
    purgeSucceeded,
    now: clock,
  };
}
