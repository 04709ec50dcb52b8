// Opens the database the configuration names: SQLite in the data directory by
// default, PostgreSQL when DATABASE_URL says so. Both come back as the same
// Kysely instance type; the rest of the code does not care which.
import { existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Config, Dialect } from '../config.ts';
import { ConfigError } from '../config.ts';
import type { Logger } from '../logging.ts';
import type { Database } from './schema.ts';

export type { Database } from './schema.ts';
export { nowIso } from './schema.ts';

// COUNT(*) and BIGINT come back from pg as strings; every value we store in
// int8 fits in a double.
pg.types.setTypeParser(20, (v) => Number(v));

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** The better-sqlite3 handle (SQLite only): online backup, pragmas, integrity checks. */
  sqlite?: BetterSqlite3.Database;
  /**
   * A second, read-only SQLite connection for prepared public reads
   * (prepared.ts): it sees committed data only and never waits for the
   * main connection, which Kysely holds for a whole transaction.
   */
  reader?: StatementSource;
  poolStats(): PoolStats;
  close(): Promise<void>;
}

/** Raised when the database cannot be opened; its message says what to do. */
export class DatabaseOpenError extends ConfigError {
  override name = 'DatabaseOpenError';
}

export async function openDatabase(config: Config, logger?: Logger): Promise<Db> {
  return config.dialect === 'postgres'
    ? openPostgres(config, logger)
    : openSqlite(config.sqliteFile);
}

export function openSqlite(file: string): Db {
  const existed = existsSync(file);
  let raw: BetterSqlite3.Database;
  try {
    raw = new BetterSqlite3(file);
    // Reading the schema forces SQLite to parse the header: a damaged or
    // foreign file fails here, before anything could write to it.
    raw.prepare('SELECT count(*) FROM sqlite_master').get();
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('busy_timeout = 5000');
    raw.pragma('secure_delete = ON');
  } catch (err) {
    const what = existed ? 'is damaged or is not a SQLite database' : 'cannot be created';
    throw new DatabaseOpenError(
      `database file ${file} ${what} (${(err as Error).message}); it was left untouched — restore it with "yimen restore <backup>" or move it away`,
    );
  }
  assertSqliteDurability(raw);
  const reader = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  reader.pragma('busy_timeout = 5000');
  return {
    kysely: new Kysely<Database>({
      dialect: new SqliteDialect({ database: withStatementCache(raw) }),
    }),
    dialect: 'sqlite',
    sqlite: raw,
    reader: withStatementCache(reader),
    poolStats: () => ({ total: 2, idle: 2, waiting: 0 }),
    close: async () => {
      reader.close();
      raw.close();
    },
  };
}

/**
 * Kysely prepares every query afresh; preparing costs about as much as running
 * a small query. The same SQL text always yields an equivalent statement, and
 * the dialect runs one query at a time on this connection, so statements can be
 * reused. Bounded so that generated SQL cannot grow the cache without limit.
 */
export interface StatementSource {
  prepare(sqlText: string): BetterSqlite3.Statement;
  close(): void;
}

function withStatementCache(raw: BetterSqlite3.Database, max = 1000): StatementSource {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => raw.close(),
    prepare(sqlText: string) {
      let stmt = cache.get(sqlText);
      if (!stmt) {
        stmt = raw.prepare(sqlText);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
        cache.set(sqlText, stmt);
      }
      return stmt;
    },
  };
}

/** WAL with synchronous=FULL is what makes an acknowledged commit survive power loss. */
export function assertSqliteDurability(raw: BetterSqlite3.Database): void {
  const mode = raw.pragma('journal_mode', { simple: true });
  const sync = raw.pragma('synchronous', { simple: true });
  const fk = raw.pragma('foreign_keys', { simple: true });
  if (mode !== 'wal' || sync !== 2 || fk !== 1) {
    throw new DatabaseOpenError(
      `SQLite did not accept durable settings (journal_mode=${mode}, synchronous=${sync}, foreign_keys=${fk}); is the data directory on a network file system?`,
    );
  }
}

async function openPostgres(config: Config, logger?: Logger): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: config.databaseUrl,
    max: config.pgPoolMax,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    application_name: 'yimen',
  });
  pool.on('error', (err) => logger?.error({ err }, 'idle PostgreSQL connection failed'));
  let settings: Record<string, string>;
  try {
    settings = await readDurabilitySettings(pool);
  } catch (err) {
    await pool.end().catch(() => {});
    const url = new URL(config.databaseUrl!);
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new DatabaseOpenError(
      `cannot reach PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname} (${code}); check DATABASE_URL and that the server is running`,
    );
  }
  const { fatal, warnings } = checkPostgresDurability(settings);
  for (const w of warnings) logger?.warn(`PostgreSQL: ${w}`);
  if (fatal.length > 0) {
    if (!config.pgAllowUnsafe) {
      await pool.end();
      throw new DatabaseOpenError(
        `PostgreSQL is set up to lose committed data (${fatal.join('; ')}); fix postgresql.conf, or set YIMEN_PG_ALLOW_UNSAFE=true for a throw-away database`,
      );
    }
    for (const f of fatal) logger?.warn(`PostgreSQL (allowed by YIMEN_PG_ALLOW_UNSAFE): ${f}`);
  }
  return {
    kysely: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    dialect: 'postgres',
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: async () => {
      await pool.end();
    },
  };
}

export async function readDurabilitySettings(pool: pg.Pool): Promise<Record<string, string>> {
  const res = await pool.query<{ name: string; setting: string }>(
    `SELECT name, setting FROM pg_settings
      WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'data_checksums')`,
  );
  return Object.fromEntries(res.rows.map((r) => [r.name, r.setting]));
}

/** Settings that lose acknowledged commits are fatal; missing checksums only weaken detection. */
export function checkPostgresDurability(settings: Record<string, string>): {
  fatal: string[];
  warnings: string[];
} {
  const fatal: string[] = [];
  const warnings: string[] = [];
  if (settings.fsync !== 'on') fatal.push('fsync is off');
  if (settings.full_page_writes !== 'on') fatal.push('full_page_writes is off');
  if (settings.synchronous_commit === 'off') fatal.push('synchronous_commit is off');
  if (settings.data_checksums !== 'on') {
    warnings.push(
      'data_checksums is off: page corruption will not be detected (initdb --data-checksums)',
    );
  }
  return { fatal, warnings };
}

/** Run `fn` in one transaction: all its writes commit together or none do. */
export function inTransaction<T>(
  db: Db,
  fn: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return db.kysely.transaction().execute(fn);
}

/** Cheap liveness probe for /readyz. */
export async function ping(db: Db): Promise<void> {
  await sql`SELECT 1`.execute(db.kysely);
}
