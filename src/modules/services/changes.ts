// After a guide's public face changes (published, edited, withdrawn): cached
// catalog pages are dropped and the search index is asked to reload it.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import type { AppContext } from '../../platform/module.ts';
import { requestIndexUpdate } from '../../platform/search.ts';
import type { ServiceItemRow } from './tables.ts';

export const SEARCH_SOURCE = 'services';

/** Cache tags of service pages: every catalog page carries `services`. */
export const serviceTags = {
  catalog: 'services',
  service: (code: string) => `service:${code}`,
};

/** Inside the transaction: queue the index refresh with the change. */
export async function queueIndexUpdate(
  ctx: AppContext,
  row: Pick<ServiceItemRow, 'id'>,
  trx?: Kysely<Database> | Transaction<Database>,
): Promise<void> {
  await requestIndexUpdate(ctx, { source: SEARCH_SOURCE, sourceId: row.id }, trx);
}

/** After the commit: drop the cached pages that show this guide. */
export function dropCachedPages(ctx: AppContext, row: Pick<ServiceItemRow, 'code'>): void {
  ctx.cache.invalidateTag(serviceTags.service(row.code));
  ctx.cache.invalidateTag(serviceTags.catalog);
}
