// Child process of the crash test: writes one row per transaction through the
// real job queue and prints each id only after its COMMIT has returned.
import { modules } from '../../src/modules/index.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { openContext } from '../../src/platform/context.ts';
import { inTransaction } from '../../src/platform/database/index.ts';
import { createLogger } from '../../src/platform/logging.ts';

const config = loadConfig();
const ctx = await openContext(config, createLogger({ logLevel: 'silent' }), modules);
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  const id = await inTransaction(ctx.db, (trx) =>
    ctx.jobs.enqueue('platform.purge-jobs', { round: process.env.CRASH_ROUND, i }, {}, trx),
  );
  process.stdout.write(`${id}\n`);
}
