// The file-store sweep: a stored file that no module refers to any more
// (an attachment removed, a letter's files after its record was purged, a
// cover replaced) is deleted, row and file, once it has stayed unreferenced
// for the grace period. Modules say where they refer to files
// (YimenModule.storedFiles); a file is "orphaned" from the first sweep that
// finds nothing referring to it, and wanted again as soon as something does
// or the same content is uploaded again (commitFile clears orphaned_at).
// The sweep also removes upload parts (files/.incoming/*.part) that a crash
// or a killed process left behind: an upload under way is minutes old.
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { AppContext } from '../../platform/module.ts';
import { audit } from '../identity/audit-events.ts';
import { filesRoot, incomingDir, SHA256_PATTERN, storedFilePath } from './files.ts';

export const PRUNE_JOB = 'content.files.prune';
export const GRACE_DAYS = 7;
const DAY_MS = 86_400_000;
/** An upload part older than this was left behind: no upload takes a day. */
const STALE_PART_MS = DAY_MS;
/** Rows per UPDATE … IN (…): well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;
const HEX64 = /[0-9a-f]{64}/g;

export interface PruneOptions {
  /** Report what would happen; change nothing. */
  dryRun?: boolean;
  graceDays?: number;
  /** Called after each deleted file, and once when the sweep knows the total. */
  onProgress?: (done: number, total: number) => void;
}

export interface PruneResult {
  /** Files nothing refers to (whether within the grace period or not). */
  unreferenced: number;
  /** Found unreferenced for the first time by this sweep. */
  newlyOrphaned: number;
  /** Were orphaned, are referred to again. */
  wantedAgain: number;
  /** Deleted (or, on a dry run, that would be). */
  deleted: number;
  bytes: number;
  /** Upload parts left behind, removed (or, on a dry run, that would be). */
  staleParts: number;
  stalePartBytes: number;
}

export async function pruneStoredFiles(
  ctx: AppContext,
  options: PruneOptions = {},
): Promise<PruneResult> {
  const now = ctx.now();
  const cutoff = new Date(now.getTime() - (options.graceDays ?? GRACE_DAYS) * DAY_MS).toISOString();
  const inText = await hashesInTexts(ctx);
  const unreferenced = (await unreferencedByColumns(ctx)).filter((f) => !inText.has(f.sha256));
  const orphans = new Set(unreferenced.map((f) => f.sha256));
  const wasOrphaned = await ctx.db.kysely
    .selectFrom('stored_file')
    .select('sha256')
    .where('orphaned_at', 'is not', null)
    .execute();
  const wanted = wasOrphaned.map((f) => f.sha256).filter((sha) => !orphans.has(sha));
  const fresh = unreferenced.filter((f) => f.orphaned_at === null).map((f) => f.sha256);
  const expired = unreferenced.filter((f) => f.orphaned_at !== null && f.orphaned_at <= cutoff);
  const result: PruneResult = {
    unreferenced: unreferenced.length,
    newlyOrphaned: fresh.length,
    wantedAgain: wanted.length,
    deleted: 0,
    bytes: 0,
    ...(await removeStaleParts(ctx, now.getTime() - STALE_PART_MS, options.dryRun === true)),
  };
  options.onProgress?.(0, expired.length);
  if (options.dryRun) {
    result.deleted = expired.length;
    result.bytes = expired.reduce((sum, f) => sum + Number(f.size), 0);
    return result;
  }
  await setOrphanedAt(ctx, wanted, null);
  await setOrphanedAt(ctx, fresh, now.toISOString());
  for (const file of expired) {
    if (await deleteStoredFile(ctx, file.sha256, cutoff)) {
      result.deleted++;
      result.bytes += Number(file.size);
    }
    options.onProgress?.(result.deleted, expired.length);
  }
  if (result.deleted > 0 || result.newlyOrphaned > 0 || result.staleParts > 0) {
    await audit(ctx, ctx.db.kysely, {
      actor: { id: null, name: 'system' },
      action: 'files.prune',
      targetType: 'stored_file',
      outcome: 'success',
      detail: { ...result, graceDays: options.graceDays ?? GRACE_DAYS },
    });
  }
  return result;
}

/** Remove the upload parts last written before `before` (ms); a part that vanished meanwhile was committed. */
async function removeStaleParts(ctx: AppContext, before: number, dryRun: boolean) {
  const dir = incomingDir(ctx);
  const names = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [] as string[];
    throw err;
  });
  const removed = { staleParts: 0, stalePartBytes: 0 };
  for (const name of names) {
    if (!name.endsWith('.part')) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile() || info.mtimeMs >= before) continue;
    if (!dryRun) {
      const gone = await unlink(path).then(
        () => true,
        () => false,
      );
      if (!gone) continue;
    }
    removed.staleParts++;
    removed.stalePartBytes += info.size;
  }
  return removed;
}

/** Every column the modules declare, as "nothing in it names this stored file". */
function notReferenced(ctx: AppContext): Expression<SqlBool>[] {
  return ctx.modules.flatMap((m) =>
    (m.storedFiles?.columns ?? []).map(
      ({ table, column }) =>
        sql<SqlBool>`NOT EXISTS (SELECT 1 FROM ${sql.table(table)} r WHERE ${sql.ref(`r.${column}`)} = stored_file.sha256)`,
    ),
  );
}

async function unreferencedByColumns(ctx: AppContext) {
  return ctx.db.kysely
    .selectFrom('stored_file')
    .select(['sha256', 'size', 'orphaned_at'])
    .where((eb) => eb.and(notReferenced(ctx)))
    .orderBy('sha256')
    .execute();
}

/** Hashes named anywhere in the text columns the modules declare (JSON fields, HTML bodies). */
async function hashesInTexts(ctx: AppContext): Promise<Set<string>> {
  const found = new Set<string>();
  for (const mod of ctx.modules) {
    for (const { table, column, like } of mod.storedFiles?.texts ?? []) {
      const rows = await sql<{ text: string | null }>`
        SELECT ${sql.ref(column)} AS text FROM ${sql.table(table)}
         WHERE ${sql.ref(column)} LIKE ${like ?? '%'}`.execute(ctx.db.kysely);
      for (const { text } of rows.rows) {
        for (const hash of text?.toLowerCase().match(HEX64) ?? []) found.add(hash);
      }
    }
  }
  return found;
}

async function setOrphanedAt(ctx: AppContext, hashes: string[], at: string | null) {
  for (let i = 0; i < hashes.length; i += CHUNK) {
    await ctx.db.kysely
      .updateTable('stored_file')
      .set({ orphaned_at: at })
      .where('sha256', 'in', hashes.slice(i, i + CHUNK))
      .execute();
  }
}

/**
 * Delete one expired orphan: the row (only if it is still an orphan past the
 * grace period and no column refers to it: an upload of the same content
 * since then cleared orphaned_at), then the file. The file is first moved
 * aside and put back if the row has come back meanwhile, because an upload
 * of the same content may have seen the file in place and dropped its own copy.
 */
async function deleteStoredFile(ctx: AppContext, sha256: string, cutoff: string) {
  if (!SHA256_PATTERN.test(sha256)) return false;
  const deleted = await ctx.db.kysely
    .deleteFrom('stored_file')
    .where('sha256', '=', sha256)
    .where('orphaned_at', 'is not', null)
    .where('orphaned_at', '<=', cutoff)
    .where((eb) => eb.and(notReferenced(ctx)))
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) === 0) return false;
  const path = storedFilePath(ctx, sha256);
  const trash = join(filesRoot(ctx), '.trash');
  await mkdir(trash, { recursive: true });
  const aside = join(trash, `${sha256}.${randomUUID()}`);
  const moved = await rename(path, aside).then(
    () => true,
    (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return false;
      throw err;
    },
  );
  if (!moved) return true;
  const back = await ctx.db.kysely
    .selectFrom('stored_file')
    .select('sha256')
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  if (back) await rename(aside, path);
  else await unlink(aside);
  return true;
}
