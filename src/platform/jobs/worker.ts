// Runs claimed jobs. One worker per process; several processes (or nodes) may
// run workers against the same database. Stopping waits for running jobs.
import { hostname } from 'node:os';
import { randomToken } from '../ids.ts';
import type { Logger } from '../logging.ts';
import type { AppContext } from '../module.ts';
import type { JobRow } from './tables.ts';

export interface WorkerOptions {
  app: AppContext;
  concurrency: number;
  /** How often to look for due jobs when idle. */
  pollMs?: number;
  logger: Logger;
  /** Called once per loop, e.g. to let the scheduler enqueue due jobs. */
  onTick?: () => Promise<void>;
}

export interface Worker {
  readonly id: string;
  /** Run one claim-and-execute round; resolves when the claimed jobs finish. */
  runOnce(): Promise<number>;
  /** Wake the loop now (after an enqueue in this process). */
  nudge(): void;
  stop(): Promise<void>;
}

export function startWorker(options: WorkerOptions, autostart = true): Worker {
  const queue = options.app.jobs;
  const id = `${hostname()}:${process.pid}:${randomToken(4)}`;
  const abort = new AbortController();
  const running = new Set<Promise<void>>();
  const pollMs = options.pollMs ?? 1000;
  let wake: (() => void) | undefined;
  let loop: Promise<void> | undefined;

  async function execute(job: JobRow): Promise<void> {
    const log = options.logger.child({ job: job.name, jobId: job.id, attempt: job.attempts });
    const handler = queue.handlers[job.name];
    try {
      if (!handler) throw new Error(`no handler for job ${job.name}`);
      await handler.run(JSON.parse(job.payload), {
        job,
        app: options.app,
        logger: log,
        signal: abort.signal,
      });
      await queue.complete(job, id);
      log.debug('job succeeded');
    } catch (err) {
      const status = await queue.fail(job, id, err).catch((e) => {
        log.error({ err: e }, 'could not record job failure');
        return 'unknown';
      });
      const level = status === 'dead' ? 'error' : 'warn';
      log[level](
        { err },
        status === 'dead'
          ? 'job failed for the last time: dead-lettered'
          : 'job failed, will retry',
      );
    }
  }

  /** Claim as many jobs as there are free slots and start them; returns their runs. */
  async function claimAndStart(): Promise<Promise<void>[]> {
    const free = options.concurrency - running.size;
    if (free <= 0) return [];
    const jobs = await queue.claim(id, free);
    return jobs.map((job) => {
      const p = execute(job).finally(() => {
        running.delete(p);
        wake?.();
      });
      running.add(p);
      return p;
    });
  }

  // runOnce waits for the jobs it started; the loop uses claimAndStart so it
  // can claim more work while slow jobs are still running.
  async function runOnce(): Promise<number> {
    const started = await claimAndStart();
    await Promise.allSettled(started);
    return started.length;
  }

  async function run(): Promise<void> {
    while (!abort.signal.aborted) {
      let claimed = 0;
      try {
        await options.onTick?.();
        claimed = (await claimAndStart()).length;
      } catch (err) {
        options.logger.error({ err }, 'job worker round failed');
      }
      if (claimed > 0 && running.size < options.concurrency) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  }

  if (autostart) loop = run();

  return {
    id,
    runOnce,
    nudge: () => wake?.(),
    async stop() {
      abort.abort();
      wake?.();
      await loop;
      await Promise.allSettled([...running]);
    },
  };
}
