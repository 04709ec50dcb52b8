// The whole rebuild as a job: queued by a migration when a new version
// indexes differently, so that an upgraded deployment's index follows
// without anyone having to remember `yimen search reindex`.
import type { JobHandler } from '../../platform/jobs/queue.ts';
import { reindex } from './indexer.ts';

export const SEARCH_REINDEX_JOB = 'search.reindex';

export const searchReindexJob: JobHandler = {
  maxAttempts: 3,
  // 100,000 documents take about a minute on SQLite, two on PostgreSQL.
  leaseMs: 30 * 60_000,
  async run(_payload, { app, logger }) {
    logger.info('search index: rebuilding after an upgrade');
    const result = await reindex(app);
    logger.info(
      { documents: result.documents, removed: result.removed, seconds: result.seconds },
      'search index rebuilt',
    );
  },
};
