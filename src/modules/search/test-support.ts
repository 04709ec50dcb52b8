// Helpers for the search tests: publish through the real newsroom, then let
// the job queue bring the index up to date, as a running node would.
import { startWorker } from '../../platform/jobs/worker.ts';
import { createLogger } from '../../platform/logging.ts';
import type { AppContext } from '../../platform/module.ts';
import { channelBySlug } from '../sites/sites.ts';

/** Run queued jobs until none is due. Returns how many ran. */
export async function drainJobs(ctx: AppContext): Promise<number> {
  const worker = startWorker(
    { app: ctx, concurrency: 8, logger: createLogger({ logLevel: 'silent' }) },
    false,
  );
  let total = 0;
  try {
    for (;;) {
      const n = await worker.runOnce();
      total += n;
      if (n === 0) return total;
    }
  } finally {
    await worker.stop();
  }
}

export async function channelId(ctx: AppContext, site: string, slug: string): Promise<string> {
  const c = await channelBySlug(ctx, site, slug);
  if (!c) throw new Error(`no channel ${site}/${slug}`);
  return c.id;
}
