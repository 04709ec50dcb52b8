// Runs every module's migrations as one ordered list. Kysely's migrator keeps
// the history table and a lock, so two nodes starting at once migrate once.
import { type Migration, type MigrationResult, Migrator, NO_MIGRATIONS } from 'kysely';
import type { YimenModule } from '../module.ts';
import type { Db } from './index.ts';

const NAME_PATTERN = /^\d{12}_[a-z0-9]+_[a-z0-9_]+$/;

export function collectMigrations(modules: readonly YimenModule[]): Record<string, Migration> {
  const all: Record<string, Migration> = {};
  for (const mod of modules) {
    for (const [name, migration] of Object.entries(mod.migrations ?? {})) {
      if (!NAME_PATTERN.test(name)) {
        throw new Error(
          `migration "${name}" of module ${mod.name} must be named YYYYMMDDHHMM_module_change`,
        );
      }
      if (all[name]) throw new Error(`migration "${name}" is defined twice`);
      all[name] = migration;
    }
  }
  return all;
}

function migratorFor(db: Db, modules: readonly YimenModule[]): Migrator {
  const migrations = collectMigrations(modules);
  return new Migrator({
    db: db.kysely,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'yimen_migration',
    migrationLockTableName: 'yimen_migration_lock',
  });
}

export interface MigrationState {
  name: string;
  executedAt: Date | undefined;
}

export async function migrationStatus(
  db: Db,
  modules: readonly YimenModule[],
): Promise<MigrationState[]> {
  const list = await migratorFor(db, modules).getMigrations();
  return list.map((m) => ({ name: m.name, executedAt: m.executedAt }));
}

export async function pendingMigrations(
  db: Db,
  modules: readonly YimenModule[],
): Promise<string[]> {
  return (await migrationStatus(db, modules)).filter((m) => !m.executedAt).map((m) => m.name);
}

function unwrap(results: MigrationResult[] | undefined, error: unknown): MigrationResult[] {
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const where = failed ? ` in ${failed.migrationName}` : '';
    throw new Error(`migration failed${where}: ${(error as Error).message ?? String(error)}`, {
      cause: error,
    });
  }
  return results ?? [];
}

/** Apply every pending migration; returns the names applied. */
export async function migrateUp(db: Db, modules: readonly YimenModule[]): Promise<string[]> {
  const { results, error } = await migratorFor(db, modules).migrateToLatest();
  return unwrap(results, error).map((r) => r.migrationName);
}

/** Undo the most recent migration (or all of them, for tests of `down`). */
export async function migrateDown(
  db: Db,
  modules: readonly YimenModule[],
  all = false,
): Promise<string[]> {
  const migrator = migratorFor(db, modules);
  const { results, error } = all
    ? await migrator.migrateTo(NO_MIGRATIONS)
    : await migrator.migrateDown();
  return unwrap(results, error).map((r) => r.migrationName);
}
