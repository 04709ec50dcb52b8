// Test databases: every database test runs on SQLite, and also on PostgreSQL
// when YIMEN_TEST_PG names a server. Each test context gets its own SQLite
// file or its own freshly created PostgreSQL database, dropped afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { modules as allModules } from '../../src/modules/index.ts';
import { type Config, type Dialect, loadConfig } from '../../src/platform/config.ts';
import { openContext } from '../../src/platform/context.ts';
import { randomToken } from '../../src/platform/ids.ts';
import { createLogger, type Logger } from '../../src/platform/logging.ts';
import type { AppContext, YimenModule } from '../../src/platform/module.ts';

export const PG_URL = process.env.YIMEN_TEST_PG || undefined;

/** The dialects this run covers: SQLite always, PostgreSQL when YIMEN_TEST_PG is set. */
export const dialects: Dialect[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestConfig {
  config: Config;
  /** Remove the data directory and drop the PostgreSQL database. */
  cleanup(): Promise<void>;
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A fresh, valid configuration on the given dialect with a throw-away data dir. */
export async function testConfig(
  dialect: Dialect,
  env: Record<string, string> = {},
): Promise<TestConfig> {
  const dataDir = mkdtempSync(join(tmpdir(), 'yimen-test-'));
  let databaseUrl: string | undefined;
  let dbName: string | undefined;
  if (dialect === 'postgres') {
    if (!PG_URL) throw new Error('YIMEN_TEST_PG is not set');
    dbName = `yimen_test_${randomToken(6)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, 'x')}`;
    await adminQuery(`CREATE DATABASE ${dbName}`);
    const url = new URL(PG_URL);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
  const config = loadConfig(
    {
      YIMEN_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      YIMEN_SECRET: 'test-secret-test-secret-test-secret-0123456789',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...env,
    },
    dataDir,
  );
  return {
    config,
    async cleanup() {
      rmSync(dataDir, { recursive: true, force: true });
      if (dbName) await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    },
  };
}

export interface TestContext {
  ctx: AppContext;
  config: Config;
  logger: Logger;
  close(): Promise<void>;
}

export interface TestContextOptions {
  env?: Record<string, string>;
  modules?: readonly YimenModule[];
  clock?: () => Date;
  logger?: Logger;
}

/**
 * Another node on an existing test database (the scaled deployment: several
 * processes, one PostgreSQL): its own context, cache and listener. close()
 * leaves the database to whoever created it.
 */
export async function openAnotherNode(
  config: Config,
  options: Omit<TestContextOptions, 'env'> = {},
): Promise<TestContext> {
  const logger = options.logger ?? createLogger({ logLevel: 'silent' });
  const ctx = await openContext(config, logger, options.modules ?? allModules, {
    clock: options.clock,
  });
  return {
    ctx,
    config,
    logger,
    close: () => ctx.db.close(),
  };
}

/** A migrated AppContext on a fresh database; close() also drops it. */
export async function openTestContext(
  dialect: Dialect,
  options: TestContextOptions = {},
): Promise<TestContext> {
  const { config, cleanup } = await testConfig(dialect, options.env);
  const logger = options.logger ?? createLogger({ logLevel: 'silent' });
  const ctx = await openContext(config, logger, options.modules ?? allModules, {
    migrate: true,
    clock: options.clock,
  });
  return {
    ctx,
    config,
    logger,
    async close() {
      await ctx.db.close().catch(() => {});
      await cleanup();
    },
  };
}
