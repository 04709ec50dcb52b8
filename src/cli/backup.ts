// Backup and restore. SQLite: the online backup API (consistent while the
// server runs), page progress shown. PostgreSQL: pg_dump / pg_restore in the
// custom format, one progress line per object.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Config } from '../platform/config.ts';
import { ConfigError } from '../platform/config.ts';
import { openSqlite } from '../platform/database/index.ts';

export type Progress = (line: string) => void;

function percent(total: number, remaining: number): string {
  return total === 0 ? '100%' : `${Math.round(((total - remaining) / total) * 100)}%`;
}

async function sqliteCopy(
  source: BetterSqlite3.Database,
  target: string,
  progress: Progress,
): Promise<void> {
  let last = '';
  const done = await source.backup(target, {
    progress({ totalPages, remainingPages }) {
      const p = percent(totalPages, remainingPages);
      if (p !== last) progress(`  ${p} (${totalPages - remainingPages}/${totalPages} pages)`);
      last = p;
      return 200;
    },
  });
  progress(`  100% (${done.totalPages}/${done.totalPages} pages)`);
}

function runTool(cmd: string, args: string[], progress: Progress): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let tail = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        progress(`  ${line.replace(/^(pg_dump|pg_restore): /, '')}`);
        tail = line;
      }
    });
    child.on('error', (err) =>
      reject(
        new ConfigError(
          `${cmd} could not be run (${(err as NodeJS.ErrnoException).code}); install the PostgreSQL client tools (apt-get install postgresql-client)`,
        ),
      ),
    );
    child.on('close', (code) =>
      code === 0 ? resolvePromise() : reject(new Error(`${cmd} exited with ${code}: ${tail}`)),
    );
  });
}

export async function backup(config: Config, file: string, progress: Progress): Promise<void> {
  const target = resolve(file);
  if (existsSync(target)) throw new ConfigError(`${target} already exists; choose a new file name`);
  if (config.dialect === 'postgres') {
    progress(`backing up PostgreSQL to ${target} with pg_dump…`);
    await runTool(
      'pg_dump',
      ['--format=custom', '--verbose', `--file=${target}`, `--dbname=${config.databaseUrl}`],
      progress,
    );
  } else {
    if (!existsSync(config.sqliteFile))
      throw new ConfigError(`no database at ${config.sqliteFile} to back up`);
    progress(`backing up ${config.sqliteFile} to ${target}…`);
    const db = openSqlite(config.sqliteFile);
    try {
      await sqliteCopy(db.sqlite!, target, progress);
    } finally {
      await db.close();
    }
    verifySqliteFile(target);
  }
  progress(`backup complete: ${target} (${statSync(target).size} bytes)`);
}

/** A backup is only usable when SQLite itself says it is whole. */
export function verifySqliteFile(file: string): void {
  let check: unknown;
  try {
    const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    try {
      check = db.pragma('integrity_check', { simple: true });
    } finally {
      db.close();
    }
  } catch (err) {
    throw new ConfigError(`${file} is not a readable SQLite backup (${(err as Error).message})`);
  }
  if (check !== 'ok')
    throw new ConfigError(`${file} fails SQLite's integrity check: ${String(check)}`);
}

export async function restore(config: Config, file: string, progress: Progress): Promise<void> {
  const source = resolve(file);
  if (!existsSync(source)) throw new ConfigError(`backup file ${source} does not exist`);
  if (config.dialect === 'postgres') {
    progress(`restoring ${source} into PostgreSQL with pg_restore…`);
    await runTool(
      'pg_restore',
      [
        '--clean',
        '--if-exists',
        '--no-owner',
        '--single-transaction',
        '--verbose',
        `--dbname=${config.databaseUrl}`,
        source,
      ],
      progress,
    );
    progress('restore complete');
    return;
  }
  verifySqliteFile(source);
  const live = config.sqliteFile;
  if (existsSync(live)) {
    const safety = join(
      dirname(live),
      `${basename(live)}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`,
    );
    progress(`keeping the current database as ${safety}`);
    const current = openSqlite(live);
    try {
      await sqliteCopy(current.sqlite!, safety, () => {});
    } finally {
      await current.close();
    }
  }
  progress(`restoring ${source} into ${live}…`);
  // Written through SQLite's backup API, which takes the database's locks: a
  // running server sees the old or the new content, never a half-written file.
  const src = new BetterSqlite3(source, { readonly: true, fileMustExist: true });
  try {
    await sqliteCopy(src, live, progress);
  } finally {
    src.close();
  }
  verifySqliteFile(live);
  progress('restore complete');
}
