// Builds the AppContext a process works with: database, migrations, job
// queue, calendar, cache. Used by the server, the CLI and the tests alike.
import { createCache } from './cache.ts';
import { loadCalendar } from './calendar/calendar.ts';
import type { Config } from './config.ts';
import { openDatabase } from './database/index.ts';
import { migrateUp } from './database/migrator.ts';
import { createJobQueue, type JobHandler } from './jobs/queue.ts';
import type { Logger } from './logging.ts';
import type { AppContext, YimenModule } from './module.ts';

export interface ContextOptions {
  /** Apply pending migrations before anything reads the schema. */
  migrate?: boolean;
  clock?: () => Date;
}

export function collectJobHandlers(modules: readonly YimenModule[]): Record<string, JobHandler> {
  const handlers: Record<string, JobHandler> = {};
  for (const mod of modules) {
    for (const [name, handler] of Object.entries(mod.jobs ?? {})) {
      if (handlers[name]) throw new Error(`job "${name}" is defined by two modules`);
      handlers[name] = handler;
    }
  }
  return handlers;
}

export async function openContext(
  config: Config,
  logger: Logger,
  modules: readonly YimenModule[],
  options: ContextOptions = {},
): Promise<AppContext> {
  const db = await openDatabase(config, logger);
  try {
    if (options.migrate) {
      const applied = await migrateUp(db, modules);
      if (applied.length > 0) logger.info({ applied }, `applied ${applied.length} migration(s)`);
    }
    return {
      config,
      now: options.clock ?? (() => new Date()),
      db,
      logger,
      jobs: createJobQueue(db, collectJobHandlers(modules), options.clock),
      calendar: await loadCalendar(db),
      cache: createCache(),
      modules,
    };
  } catch (err) {
    await db.close();
    throw err;
  }
}

/** Run every module's demo-data seed; each is idempotent. */
export async function seedAll(ctx: AppContext, progress: (line: string) => void): Promise<void> {
  for (const mod of ctx.modules) {
    if (!mod.seed) continue;
    progress(`seeding ${mod.name}…`);
    await mod.seed(ctx, { progress: (line) => progress(`  ${line}`) });
  }
}
