// Keeping the index current: the search.update job (one document, loaded
// again through its provider: written when public, removed when not) and the
// full rebuild behind `yimen search reindex`.
import type { AppContext } from '../../platform/module.ts';
import type { SearchDocument, SearchProvider } from '../../platform/search.ts';
import type { PreparedDocument, SearchBackend } from './backend.ts';
import { lexicon } from './lexicon.ts';
import { pgBackend } from './pg-backend.ts';
import { prepare } from './prepare.ts';
import { SegmentPool } from './segment-pool.ts';
import { sqliteBackend } from './sqlite-backend.ts';

export function backendOf(ctx: AppContext): SearchBackend {
  return ctx.db.dialect === 'postgres' ? pgBackend : sqliteBackend;
}

export function providers(ctx: AppContext): SearchProvider[] {
  return ctx.modules.flatMap((m) => m.searchProviders ?? []);
}

export function providerFor(ctx: AppContext, source: string): SearchProvider | undefined {
  return providers(ctx).find((p) => p.source === source);
}

/** Bring one document's entry in line with what its provider says now. */
export async function refreshDocument(
  ctx: AppContext,
  source: string,
  sourceId: string,
): Promise<'written' | 'removed' | 'unknown-source'> {
  const provider = providerFor(ctx, source);
  if (!provider) return 'unknown-source';
  const doc = await provider.load(ctx, sourceId);
  const backend = backendOf(ctx);
  if (!doc) {
    await ctx.db.kysely.transaction().execute((trx) => backend.remove(trx, source, sourceId));
    return 'removed';
  }
  const prepared = prepare((await lexicon(ctx)).analyzer, doc, { tsvector: backend.tsvector });
  await ctx.db.kysely
    .transaction()
    .execute((trx) => backend.write(trx, [prepared], ctx.now().toISOString()));
  return 'written';
}

export interface ReindexProgress {
  source: string;
  done: number;
  /** Expected total when the provider can count, else undefined. */
  total: number | undefined;
  /** Set once every document is written, while the backend tidies up after the ones replaced. */
  tidying?: boolean;
}

export interface ReindexResult {
  documents: number;
  removed: number;
  seconds: number;
}

export interface ReindexOptions {
  onProgress?: (p: ReindexProgress) => void;
  /** Worker threads that segment while this thread writes; 0 segments here. */
  workers?: number;
}

/**
 * Rebuild the index from every provider. The old entries stay searchable
 * while it runs; those no provider yielded again are removed at the end.
 * With worker threads the next batch is segmented while this one is written.
 */
export async function reindex(
  ctx: AppContext,
  options: ReindexOptions = {},
): Promise<ReindexResult> {
  const onProgress = options.onProgress ?? (() => {});
  const started = Date.now();
  const startedAt = new Date(ctx.now().getTime() - 1).toISOString();
  const backend = backendOf(ctx);
  // Documents already indexed are rewritten, not added: tidy up afterwards.
  const replacing = await ctx.db.kysely
    .selectFrom('search_document')
    .select('doc_id')
    .limit(1)
    .executeTakeFirst();
  const { analyzer, words } = await lexicon(ctx);
  const prepareOptions = { tsvector: backend.tsvector };
  const pool = options.workers
    ? await SegmentPool.start(options.workers, words, prepareOptions).catch((err) => {
        ctx.logger.warn(
          { err },
          'search reindex: no worker threads, segmenting in the main thread',
        );
        return undefined;
      })
    : undefined;
  const segment = (docs: SearchDocument[]) =>
    pool
      ? pool.prepare(docs)
      : Promise.resolve(docs.map((doc) => prepare(analyzer, doc, prepareOptions)));
  let documents = 0;
  try {
    for (const provider of providers(ctx)) {
      const total = provider.count ? await provider.count(ctx) : undefined;
      let done = 0;
      onProgress({ source: provider.source, done, total });
      const write = async (prepared: PreparedDocument[]) => {
        const now = ctx.now().toISOString();
        await ctx.db.kysely.transaction().execute((trx) => backend.write(trx, prepared, now));
        done += prepared.length;
        onProgress({ source: provider.source, done, total });
      };
      let pending: Promise<PreparedDocument[]> | undefined;
      for await (const batch of provider.all(ctx)) {
        const next = segment(batch);
        if (pending) await write(await pending);
        pending = next;
      }
      if (pending) await write(await pending);
      documents += done;
    }
  } finally {
    await pool?.close();
  }
  const removed = await removeStale(ctx, backend, startedAt);
  if (replacing && backend.tidy) {
    onProgress({ source: 'search', done: documents, total: documents, tidying: true });
    await backend.tidy(ctx.db.kysely);
  }
  return { documents, removed, seconds: (Date.now() - started) / 1000 };
}

async function removeStale(ctx: AppContext, backend: SearchBackend, before: string) {
  const stale = await ctx.db.kysely
    .selectFrom('search_document')
    .select(['source', 'source_id'])
    .where('indexed_at', '<', before)
    .execute();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    for (const s of stale) await backend.remove(trx, s.source, s.source_id);
  });
  return stale.length;
}
