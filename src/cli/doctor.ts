// `yimen doctor`: checks what a running node depends on and says, for each
// problem, what to do about it.

import { spawnSync } from 'node:child_process';
import { statfsSync, statSync } from 'node:fs';
import { sql } from 'kysely';
import type { Config } from '../platform/config.ts';
import { loadConfig } from '../platform/config.ts';
import { checkPostgresDurability, openDatabase } from '../platform/database/index.ts';
import { pendingMigrations } from '../platform/database/migrator.ts';
import type { YimenModule } from '../platform/module.ts';

export interface Check {
  ok: boolean;
  warn?: boolean;
  what: string;
  fix?: string;
}

const MIN_FREE_BYTES = 1024 ** 3;

function nodeCheck(): Check {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const ok = major > 20 || (major === 20 && minor >= 6);
  return {
    ok,
    what: `Node.js ${process.versions.node}`,
    fix: ok ? undefined : 'install Node.js 20.6 or newer',
  };
}

function diskCheck(config: Config): Check {
  const s = statfsSync(config.dataDir);
  const free = s.bavail * s.bsize;
  const gib = (free / 1024 ** 3).toFixed(1);
  return free >= MIN_FREE_BYTES
    ? { ok: true, what: `data directory ${config.dataDir}: ${gib} GiB free` }
    : {
        ok: false,
        what: `data directory ${config.dataDir}: only ${gib} GiB free`,
        fix: 'free disk space or move YIMEN_DATA_DIR',
      };
}

function secretCheck(config: Config): Check {
  try {
    const mode = statSync(`${config.dataDir}/secret`).mode & 0o077;
    return mode === 0
      ? { ok: true, what: 'secret file is readable by its owner only' }
      : {
          ok: false,
          what: 'secret file is readable by others',
          fix: `chmod 600 ${config.dataDir}/secret`,
        };
  } catch {
    return { ok: true, what: 'secret comes from YIMEN_SECRET' };
  }
}

async function databaseChecks(config: Config, modules: readonly YimenModule[]): Promise<Check[]> {
  const checks: Check[] = [];
  const db = await openDatabase(config);
  try {
    checks.push({ ok: true, what: `database reachable (${config.dialect})` });
    const pending = await pendingMigrations(db, modules);
    checks.push(
      pending.length === 0
        ? { ok: true, what: 'migrations are current' }
        : {
            ok: false,
            what: `${pending.length} migration(s) pending`,
            fix: 'run: npx yimen migrate up',
          },
    );
    if (db.sqlite) {
      const result = db.sqlite.pragma('quick_check', { simple: true });
      checks.push(
        result === 'ok'
          ? { ok: true, what: 'SQLite quick_check ok, WAL, synchronous=FULL' }
          : {
              ok: false,
              what: `SQLite quick_check: ${String(result)}`,
              fix: 'restore the latest backup (npx yimen restore <file>)',
            },
      );
    } else {
      const rows = await sql<{
        name: string;
        setting: string;
      }>`SELECT name, setting FROM pg_settings WHERE name IN ('fsync','synchronous_commit','full_page_writes','data_checksums','server_version')`.execute(
        db.kysely,
      );
      const settings = Object.fromEntries(rows.rows.map((r) => [r.name, r.setting]));
      const { fatal, warnings } = checkPostgresDurability(settings);
      checks.push({ ok: true, what: `PostgreSQL ${settings.server_version}` });
      for (const f of fatal)
        checks.push({
          ok: false,
          what: `PostgreSQL: ${f}`,
          fix: 'set it on in postgresql.conf and reload',
        });
      for (const w of warnings) checks.push({ ok: true, warn: true, what: `PostgreSQL: ${w}` });
      const dump = spawnSync('pg_dump', ['--version'], { encoding: 'utf8' });
      checks.push(
        dump.status === 0
          ? { ok: true, what: `backups: ${dump.stdout.trim()}` }
          : {
              ok: false,
              what: 'pg_dump not found: backups will fail',
              fix: 'apt-get install postgresql-client',
            },
      );
    }
  } finally {
    await db.close();
  }
  return checks;
}

export async function runDoctor(
  modules: readonly YimenModule[],
  print: (line: string) => void,
): Promise<boolean> {
  const checks: Check[] = [nodeCheck()];
  let config: Config | undefined;
  try {
    config = loadConfig();
    checks.push({ ok: true, what: 'configuration is valid' });
  } catch (err) {
    checks.push({ ok: false, what: 'configuration', fix: (err as Error).message });
  }
  if (config) {
    checks.push(diskCheck(config), secretCheck(config));
    try {
      checks.push(...(await databaseChecks(config, modules)));
    } catch (err) {
      checks.push({ ok: false, what: 'database', fix: (err as Error).message });
    }
  }
  for (const c of checks) {
    const mark = c.ok ? (c.warn ? '!' : '✓') : '✗';
    print(`${mark} ${c.what}${c.fix ? `\n    → ${c.fix}` : ''}`);
  }
  const failed = checks.filter((c) => !c.ok).length;
  print(failed === 0 ? 'All checks passed.' : `${failed} problem(s) found.`);
  return failed === 0;
}
