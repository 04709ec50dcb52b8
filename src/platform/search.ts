// The contract between the search index and the modules whose public
// documents it holds. A module lists its providers in `searchProviders`; when
// one of its documents changes it calls requestIndexUpdate (inside the
// business transaction where there is one) and the search module's job loads
// the document again through the provider and updates or removes it.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database/index.ts';
import type { AppContext } from './module.ts';

/** One public document as the index sees it. Text is plain (no HTML). */
export interface SearchDocument {
  /** Provider name, e.g. 'content', 'services', 'letters'. */
  source: string;
  /** The document's id within its provider. */
  sourceId: string;
  title: string;
  body: string;
  /** Public URL path (e.g. /zfb/news/2026/…html), never absolute. */
  url: string;
  /** Owning site code, for site-limited search; null for portal-wide documents. */
  siteCode: string | null;
  /** Other sites that show it (an item 推送 to the portal or an audience portal): their search finds it too. */
  alsoOn?: string[];
  /** Document type: 'policy', 'notice', 'news', 'service', 'letter', 'disclosure', … */
  type: string;
  /** Audience portal codes the document is tagged for. */
  audiences: string[];
  /** Topic (theme) codes. */
  topics: string[];
  /** ISO UTC timestamps. */
  publishedAt: string;
  updatedAt?: string;
  /** 文号 such as 遵府发〔2026〕3号, kept findable as one token. */
  docNumber?: string;
  /** A policy's validity (有效性): 'valid', 'amended', 'repealed' or 'expired'. */
  validity?: string;
  /** Editorial weight, 1 by default; above 1 ranks higher. */
  boost?: number;
}

export interface SearchProvider {
  /** Equals SearchDocument.source for every document it yields. */
  source: string;
  /** The public document for this id, or null when it is not (or no longer) public. */
  load(ctx: AppContext, sourceId: string): Promise<SearchDocument | null>;
  /** Every public document, in batches, for a full rebuild. */
  all(ctx: AppContext): AsyncIterable<SearchDocument[]>;
  /** How many documents all() will yield, for the rebuild's progress bar. */
  count?(ctx: AppContext): Promise<number>;
}

/** The job the search module handles; payload is SearchUpdate. */
export const SEARCH_UPDATE_JOB = 'search.update';

export interface SearchUpdate {
  source: string;
  sourceId: string;
}

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Ask the index to refresh one document (add, replace or remove, decided by
 * what the provider's load returns then). Pass the business transaction so
 * the request commits or rolls back with the change. A no-op when the search
 * module is not part of this deployable.
 */
export async function requestIndexUpdate(
  ctx: AppContext,
  update: SearchUpdate,
  trx?: Executor,
): Promise<void> {
  if (!ctx.jobs.handlers[SEARCH_UPDATE_JOB]) return;
  await ctx.jobs.enqueue(SEARCH_UPDATE_JOB, update, {}, trx);
}

/**
 * Ask the index to refresh one document at a later moment: for a document
 * that becomes public by the clock alone (a solicitation published ahead of
 * its opening date), with no change to call requestIndexUpdate then. The
 * provider's load still decides, so a job left behind by a moved date or a
 * withdrawal does no harm; asking twice for the same moment queues one job.
 */
export async function requestIndexUpdateAt(
  ctx: AppContext,
  update: SearchUpdate,
  at: Date,
  trx?: Executor,
): Promise<void> {
  if (!ctx.jobs.handlers[SEARCH_UPDATE_JOB]) return;
  if (at.getTime() <= ctx.now().getTime()) return;
  const idempotencyKey = `${SEARCH_UPDATE_JOB}:${update.source}:${update.sourceId}:${at.toISOString()}`;
  await ctx.jobs.enqueue(SEARCH_UPDATE_JOB, update, { runAt: at, idempotencyKey }, trx);
}
