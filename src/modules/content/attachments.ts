// An item's attachments: stored files (files.ts) listed under the item with the
// name the editor gave them. Adding or removing one on a live item changes its
// public page at once, so the cached pages that show it are dropped.
import type { AppContext } from '../../platform/module.ts';
import { audit } from '../identity/audit-events.ts';
import { itemChanged } from './changes.ts';
import { getItem } from './items.ts';
import type { StoredUpload } from './uploads.ts';

export interface Attachment {
  sha256: string;
  name: string;
  size: number;
  mime: string;
  sortOrder: number;
}

export const MAX_ATTACHMENTS = 30;

export async function listAttachments(ctx: AppContext, itemId: string): Promise<Attachment[]> {
  const rows = await ctx.db.kysely
    .selectFrom('content_attachment as a')
    .innerJoin('stored_file as f', 'f.sha256', 'a.sha256')
    .select(['a.sha256', 'a.name', 'a.sort_order', 'f.size', 'f.mime'])
    .where('a.item_id', '=', itemId)
    .orderBy('a.sort_order')
    .orderBy('a.name')
    .execute();
  return rows.map((r) => ({
    sha256: r.sha256,
    name: r.name,
    size: Number(r.size),
    mime: r.mime,
    sortOrder: r.sort_order,
  }));
}

type Who = { id: string; name: string; ip?: string };

/** Attach stored uploads to an item (the same content twice keeps one entry, renamed). */
export async function addAttachments(
  ctx: AppContext,
  itemId: string,
  files: readonly StoredUpload[],
  who: Who,
): Promise<void> {
  const item = await getItem(ctx, itemId);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('content_attachment')
      .select((eb) => eb.fn.max('sort_order').as('max'))
      .where('item_id', '=', itemId)
      .executeTakeFirst();
    let order = Number(last?.max ?? -1) + 1;
    for (const f of files) {
      await trx
        .insertInto('content_attachment')
        .values({ item_id: itemId, sha256: f.sha256, name: f.name, sort_order: order++ })
        .onConflict((oc) => oc.columns(['item_id', 'sha256']).doUpdateSet({ name: f.name }))
        .execute();
      await audit(ctx, trx, {
        actor: who,
        action: 'content.attach',
        targetType: 'content_item',
        targetId: itemId,
        outcome: 'success',
        detail: { sha256: f.sha256, name: f.name, size: f.size, mime: f.mime },
      });
    }
  });
  if (item.live_revision !== null) await itemChanged(ctx, item);
}

export async function removeAttachment(
  ctx: AppContext,
  itemId: string,
  sha256: string,
  who: Who,
): Promise<void> {
  const item = await getItem(ctx, itemId);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const res = await trx
      .deleteFrom('content_attachment')
      .where('item_id', '=', itemId)
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) return;
    await audit(ctx, trx, {
      actor: who,
      action: 'content.detach',
      targetType: 'content_item',
      targetId: itemId,
      outcome: 'success',
      detail: { sha256 },
    });
  });
  if (item.live_revision !== null) await itemChanged(ctx, item);
}
