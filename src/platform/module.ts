// The one interface through which a module joins the platform: its
// migrations, its routes, its jobs and schedules, its demo data. Adding a
// module means adding one line to src/modules/index.ts and nothing else.
import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import type { Migration } from 'kysely';
import type { Cache } from './cache.ts';
import type { CacheSync } from './cache-sync.ts';
import type { Calendar } from './calendar/calendar.ts';
import type { Config } from './config.ts';
import type { Db } from './database/index.ts';
import type { JobHandler, JobQueue } from './jobs/queue.ts';
import type { Logger } from './logging.ts';
import type { SearchProvider } from './search.ts';

/** Everything a module's code may use, built once per process. */
export interface AppContext {
  config: Config;
  /** The current time; tests substitute a controllable clock. */
  now: () => Date;
  db: Db;
  logger: Logger;
  jobs: JobQueue;
  calendar: Calendar;
  cache: Cache;
  /** Shares cache invalidations with the other nodes (PostgreSQL only). */
  cacheSync?: CacheSync;
  modules: readonly YimenModule[];
}

export interface ScheduleDefinition {
  /** Unique name, also the idempotency scope of the jobs it creates. */
  name: string;
  /** Five-field cron expression, evaluated in Asia/Shanghai. */
  cron: string;
  job: string;
  payload?: Record<string, unknown>;
}

/**
 * Where a module keeps stored files (the content-addressed store of
 * content/files.ts): whatever is listed here is never pruned; a stored file
 * no module refers to is deleted after a grace period.
 */
export interface StoredFileRefs {
  /** Columns holding a stored file's SHA-256. */
  columns?: readonly { table: string; column: string }[];
  /**
   * Text columns (JSON, HTML) in which every run of 64 hex digits counts as a
   * reference; `like` narrows the rows read (e.g. '%coverSha256%').
   */
  texts?: readonly { table: string; column: string; like?: string }[];
}

export interface SeedOptions {
  /** Print progress lines for the operator. */
  progress: (line: string) => void;
}

export interface YimenModule {
  name: string;
  /**
   * Migrations keyed by a globally unique, sortable name:
   * `YYYYMMDDHHMM_<module>_<change>`. They must not import application code.
   */
  migrations?: Record<string, Migration>;
  routes?: (app: FastifyInstance, ctx: AppContext) => void | Promise<void>;
  jobs?: Record<string, JobHandler>;
  schedules?: ScheduleDefinition[];
  /** Sub-commands of `yimen` (use withContext and print from src/cli/tools.ts). */
  cli?: (program: Command) => void;
  /** Sources of public documents for the one search index (see search.ts). */
  searchProviders?: SearchProvider[];
  /** The stored files this module's tables refer to (see StoredFileRefs). */
  storedFiles?: StoredFileRefs;
  /** Demo data: idempotent, and never overwrites rows that already exist. */
  seed?: (ctx: AppContext, options: SeedOptions) => Promise<void>;
  /**
   * Graceful shutdown, after the job worker has stopped and before the database
   * closes: end the connections the module opened (an SMPP bind, an SMTP pool).
   */
  stop?: (ctx: AppContext) => Promise<void>;
}
