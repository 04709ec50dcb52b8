// `yimen files prune [--dry-run]`: the file-store sweep (file-prune.ts) run by
// hand, with progress. The same sweep runs every night as a job.
import type { Command } from 'commander';
import { print, withContext } from '../../cli/tools.ts';
import { GRACE_DAYS, type PruneResult, pruneStoredFiles } from './file-prune.ts';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function describePrune(r: PruneResult, dryRun: boolean): string {
  const verb = dryRun ? 'would delete' : 'deleted';
  return `files: ${r.unreferenced} unreferenced (${r.newlyOrphaned} newly), ${r.wantedAgain} referenced again, ${verb} ${r.deleted} (${mb(r.bytes)}); ${r.staleParts} unfinished upload parts older than a day ${dryRun ? 'would be removed' : 'removed'} (${mb(r.stalePartBytes)})`;
}

export function filesCli(program: Command): void {
  const files = program.command('files').description('the stored file store (uploads)');
  files
    .command('prune')
    .description(
      `delete stored files nothing has referred to for ${GRACE_DAYS} days (rows and files), and upload parts left behind`,
    )
    .option('--dry-run', 'only report what would be deleted')
    .option('--grace-days <days>', 'days a file must stay unreferenced', String(GRACE_DAYS))
    .action((opts: { dryRun?: boolean; graceDays: string }) =>
      withContext(async (ctx) => {
        const graceDays = Number(opts.graceDays);
        if (!Number.isFinite(graceDays) || graceDays < 0) {
          throw new Error(`--grace-days must be a number of days, not "${opts.graceDays}"`);
        }
        let lastShown = -1;
        const result = await pruneStoredFiles(ctx, {
          dryRun: opts.dryRun,
          graceDays,
          onProgress(done, total) {
            if (total === 0 || opts.dryRun) return;
            const pct = Math.floor((done * 100) / total);
            if (pct >= lastShown + 10 || done === total) {
              lastShown = pct;
              print(`deleting: ${done}/${total} (${pct}%)`);
            }
          },
        });
        print(describePrune(result, opts.dryRun === true));
      }),
    );
}
