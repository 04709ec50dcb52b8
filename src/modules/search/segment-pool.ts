// Worker threads that segment documents for a rebuild, so that jieba runs on
// the other cores while the main thread writes to the database. A pool that
// cannot start (no worker support, a loader problem) reports it, and the
// rebuild segments in its own thread instead.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { appPath } from '../../platform/app-root.ts';
import type { SearchDocument } from '../../platform/search.ts';
import type { PreparedDocument } from './backend.ts';
import type { PrepareOptions } from './prepare.ts';

/** A prepared document as a worker sends it back: the document itself stays here. */
type Segmented = Omit<PreparedDocument, 'doc'>;
type Reply = { id: number; prepared?: Segmented[]; error?: string } | { ready: true };

/** Threads worth starting here: one core stays for the writer. */
export function defaultWorkers(): number {
  return Math.max(0, Math.min(4, availableParallelism() - 1));
}

export class SegmentPool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<
    number,
    { resolve: (p: Segmented[]) => void; reject: (e: Error) => void }
  >();
  private next = 0;

  private constructor() {}

  static async start(
    size: number,
    words: readonly string[],
    options: PrepareOptions = {},
  ): Promise<SegmentPool> {
    const pool = new SegmentPool();
    const tsconfig = appPath('tsconfig.json');
    try {
      await Promise.all(
        Array.from({ length: size }, async () => {
          const worker = new Worker(appPath('src', 'modules', 'search', 'segment-worker.mjs'), {
            workerData: { words, tsconfig, options },
          });
          pool.workers.push(worker);
          await new Promise<void>((resolve, reject) => {
            worker.once('error', reject);
            worker.on('message', (m: Reply) => {
              if ('ready' in m) return resolve();
              pool.settle(m);
            });
          });
        }),
      );
    } catch (err) {
      await pool.close();
      throw err;
    }
    return pool;
  }

  private settle(m: Exclude<Reply, { ready: true }>) {
    const waiter = this.waiting.get(m.id);
    this.waiting.delete(m.id);
    if (!waiter) return;
    if (m.error) waiter.reject(new Error(m.error));
    else waiter.resolve(m.prepared ?? []);
  }

  /** Segment a batch, split evenly over the threads; order is kept. */
  async prepare(docs: SearchDocument[]): Promise<PreparedDocument[]> {
    const size = Math.ceil(docs.length / this.workers.length);
    const parts = this.workers.map((worker, i) => {
      const slice = docs.slice(i * size, (i + 1) * size);
      if (slice.length === 0) return Promise.resolve([]);
      const id = this.next++;
      return new Promise<PreparedDocument[]>((resolve, reject) => {
        this.waiting.set(id, {
          resolve: (prepared) => resolve(prepared.map((p, at) => ({ doc: slice[at]!, ...p }))),
          reject,
        });
        worker.postMessage({ id, docs: slice });
      });
    });
    return (await Promise.all(parts)).flat();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
