// Builds the AppContext a process works with: database, migrations, job
// queue, calendar, cache. Used by the server, the CLI and the tests alike.
import { sql } from 'kysely';
import { type Cache, createCache } from './cache.ts';
import { type CacheSync, startCacheSync } from './cache-sync.ts';
import { loadCalendar } from './calendar/calendar.ts';
import type { Config } from './config.ts';
import { type Db, openDatabase } from './database/index.ts';
import { migrateUp } from './database/migrator.ts';
import { createJobQueue, type JobHandler } from './jobs/queue.ts';
import type { Logger } from './logging.ts';
import type { AppContext, YimenModule } from './module.ts';

export interface ContextOptions {
  /** Apply pending migrations before anything reads the schema. */
  migrate?: boolean;
  clock?: () => Date;
  /**
   * On PostgreSQL, how this process shares cache invalidations with the other
   * nodes: 'listen' (a server: send and apply) or 'publish' (a short command:
   * send only). Ignored on SQLite.
   */
  cacheSync?: 'listen' | 'publish';
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
    const calendar = await loadCalendar(db);
    const cache = createCache();
    const cacheSync =
      db.dialect === 'postgres'
        ? await shareInvalidations(db, cache, config, logger, options.cacheSync ?? 'listen')
        : undefined;
    const ctxDb = cacheSync ? closingFirst(db, cacheSync) : db;
    return {
      config,
      now: options.clock ?? (() => new Date()),
      db: ctxDb,
      logger,
      jobs: createJobQueue(ctxDb, collectJobHandlers(modules), options.clock),
      calendar,
      cache,
      cacheSync,
      modules,
    };
  } catch (err) {
    await db.close();
    throw err;
  }
}

function shareInvalidations(
  db: Db,
  cache: Cache,
  config: Config,
  logger: Logger,
  mode: 'listen' | 'publish',
): Promise<CacheSync> {
  return startCacheSync({
    cache,
    connectionString: config.databaseUrl!,
    logger: logger.child({ component: 'cache-sync' }),
    listen: mode === 'listen',
    notify: async (channel, payload) => {
      await sql`SELECT pg_notify(${channel}, ${payload})`.execute(db.kysely);
    },
  });
}

/** Whoever closes the database sends the pending invalidations and stops listening first. */
function closingFirst(db: Db, cacheSync: CacheSync): Db {
  return {
    ...db,
    close: async () => {
      await cacheSync.stop();
      await db.close();
    },
  };
}

/** Run every module's demo-data seed; each is idempotent. */
export async function seedAll(ctx: AppContext, progress: (line: string) => void): Promise<void> {
  for (const mod of ctx.modules) {
    if (!mod.seed) continue;
    progress(`seeding ${mod.name}…`);
    await mod.seed(ctx, { progress: (line) => progress(`  ${line}`) });
  }
}
