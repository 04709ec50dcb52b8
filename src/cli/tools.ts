// What a module's CLI commands get: a way to run with a migrated context, and
// a printer. Modules add commands through YimenModule.cli.
import { type Config, loadConfig } from '../platform/config.ts';
import { openContext } from '../platform/context.ts';
import { createLogger } from '../platform/logging.ts';
import type { AppContext } from '../platform/module.ts';

export const print = (line: string) => process.stdout.write(`${line}\n`);

/** Open a migrated context for a short command, run it, close the database. */
export async function withContext<T>(
  fn: (ctx: AppContext, config: Config) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const logger = createLogger({ logLevel: process.env.LOG_LEVEL ? config.logLevel : 'warn' });
  // Loaded here rather than at the top: modules/index → a module → its cli.ts →
  // this file → modules/index is a cycle, and whatever imported a service first
  // (identity/accounts.ts → audit → audit/cli.ts → here) crashed on a binding
  // not yet initialised.
  const { modules } = await import('../modules/index.ts');
  const ctx = await openContext(config, logger, modules, {
    migrate: true,
    cacheSync: 'publish',
  });
  try {
    return await fn(ctx, config);
  } finally {
    await ctx.db.close();
  }
}
