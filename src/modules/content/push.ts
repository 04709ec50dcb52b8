// 推送: an institution's item shown on the portal or an audience portal,
// with its origin, at one canonical URL (the institution's).
import { badRequest, forbidden } from '../../platform/errors.ts';
import type { AppContext } from '../../platform/module.ts';
import { audit } from '../identity/audit-events.ts';
import { can } from '../identity/permissions.ts';
import { getSite } from '../sites/sites.ts';
import { itemChanged } from './changes.ts';
import { getItem } from './items.ts';
import type { Reviewer } from './review.ts';

export async function pushItem(
  ctx: AppContext,
  itemId: string,
  targetSite: string,
  who: Reviewer,
): Promise<void> {
  const item = await getItem(ctx, itemId);
  if (!can(who.grants, 'content.publish', `site:${item.site_code}`))
    throw forbidden('您没有推送该站点稿件的权限');
  const target = await getSite(ctx, targetSite);
  if (target.kind === 'institution') throw badRequest('只能推送到门户首页或受众门户');
  if (target.code === item.site_code) throw badRequest('不能推送到稿件所在站点');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto('content_push')
      .values({
        item_id: itemId,
        site_code: targetSite,
        channel_id: null,
        pushed_by: who.id,
        created_at: ctx.now().toISOString(),
      })
      .onConflict((oc) => oc.columns(['item_id', 'site_code']).doNothing())
      .execute();
    await audit(ctx, trx, {
      actor: { id: who.id, name: who.name, ip: who.ip },
      action: 'content.push',
      targetType: 'content_item',
      targetId: itemId,
      outcome: 'success',
      detail: { to: targetSite },
    });
  });
  await itemChanged(ctx, item);
}

export async function unpushItem(
  ctx: AppContext,
  itemId: string,
  targetSite: string,
  who: Reviewer,
): Promise<void> {
  const item = await getItem(ctx, itemId);
  if (!can(who.grants, 'content.publish', `site:${item.site_code}`))
    throw forbidden('您没有撤回推送的权限');
  await ctx.db.kysely
    .deleteFrom('content_push')
    .where('item_id', '=', itemId)
    .where('site_code', '=', targetSite)
    .execute();
  ctx.cache.invalidateTag(`site:${targetSite}`);
  await itemChanged(ctx, item);
}
