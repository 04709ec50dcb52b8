// `yimen search reindex`: rebuild the whole index from every provider, with a
// progress bar (a line per 5 % when the output is not a terminal).
import type { Command } from 'commander';
import { print, withContext } from '../../cli/tools.ts';
import { type ReindexProgress, reindex } from './indexer.ts';
import { defaultWorkers } from './segment-pool.ts';

const BAR = 30;

export function progressLine(p: ReindexProgress, startedMs: number, nowMs: number): string {
  const secs = Math.max((nowMs - startedMs) / 1000, 0.001);
  const rate = Math.round(p.done / secs);
  if (p.tidying) return `${p.source}: tidying the index after replacing its documents…`;
  if (!p.total) return `${p.source}: ${p.done} documents, ${rate}/s`;
  const share = Math.min(1, p.done / p.total);
  const filled = Math.round(share * BAR);
  const bar = `${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}`;
  return `${p.source} [${bar}] ${Math.floor(share * 100)}% ${p.done}/${p.total}, ${rate}/s`;
}

/** A reporter that redraws one line on a terminal and prints every 5 % otherwise. */
export function progressReporter(write: (line: string) => void, tty: boolean) {
  const started = Date.now();
  let lastPct = -5;
  let lastSource = '';
  return (p: ReindexProgress) => {
    const line = progressLine(p, started, Date.now());
    if (tty) {
      process.stdout.write(`\r${line}`);
      return;
    }
    const pct = p.total ? Math.floor((p.done * 100) / p.total) : p.done;
    if (p.source !== lastSource || pct >= lastPct + 5 || p.done === p.total) {
      lastSource = p.source;
      lastPct = pct - (pct % 5);
      write(line);
    }
  };
}

export function searchCli(program: Command): void {
  const search = program.command('search').description('the one search index');
  search
    .command('reindex')
    .description(
      'rebuild the search index from every source (the old entries stay searchable meanwhile)',
    )
    .action(() =>
      withContext(async (ctx) => {
        const tty = Boolean(process.stdout.isTTY);
        const result = await reindex(ctx, {
          onProgress: progressReporter(print, tty),
          workers: defaultWorkers(),
        });
        if (tty) process.stdout.write('\n');
        print(
          `search: ${result.documents} documents indexed, ${result.removed} stale removed, ${result.seconds.toFixed(1)} s (${Math.round(result.documents / Math.max(result.seconds, 0.001))}/s)`,
        );
      }),
    );
}
