// Child process of the SIGKILL test: a node that does nothing but run the
// dispatcher against the configured SMSC, until the parent kills it.
import { modules } from '../../../modules/index.ts';
import { loadConfig } from '../../../platform/config.ts';
import { openContext } from '../../../platform/context.ts';
import { createLogger } from '../../../platform/logging.ts';
import { dispatchDue } from '../dispatch.ts';

const ctx = await openContext(loadConfig(), createLogger({ logLevel: 'silent' }), modules);
process.stdout.write('ready\n');
for (;;) {
  const stats = await dispatchDue(ctx, { batchSize: 10 });
  if (stats.sent === 0) await new Promise((r) => setTimeout(r, 20));
}
