// Seeding publishes a few hundred items through the review services, some
// two thousand small transactions. On SQLite each commit under
// synchronous=FULL waits for an fsync of the WAL (about 3 ms on this class of
// disk), which alone would add six seconds to the first start. For the
// duration of a seed the connection runs with synchronous=NORMAL: in WAL mode
// that keeps the database consistent after a crash or power loss, and only
// the last commits before a power loss can be lost — which a re-run of the
// idempotent seed puts back. FULL is restored (and checked) before returning,
// and a checkpoint makes everything written so far durable.
import { assertSqliteDurability } from '../../../platform/database/index.ts';
import type { AppContext } from '../../../platform/module.ts';

export async function withFastCommits<T>(ctx: AppContext, fn: () => Promise<T>): Promise<T> {
  const raw = ctx.db.sqlite;
  if (!raw) return fn();
  raw.pragma('synchronous = NORMAL');
  try {
    return await fn();
  } finally {
    raw.pragma('synchronous = FULL');
    raw.pragma('wal_checkpoint(PASSIVE)');
    assertSqliteDurability(raw);
  }
}
