// 三审: submit → 初审 → 复审 → 终审 → published. A site has one to three
// levels. Each level needs a reviewer of at least that level on the site;
// nobody reviews their own item, nobody approves two levels of the same
// revision, no level is skipped, and any level can return the item with a
// comment. Every decision goes into the item's history and the audit log.
import type { Transaction } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import { badRequest, conflict, DomainError, forbidden } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { type Actor, audit } from '../identity/audit-events.ts';
import { can, type Grant } from '../identity/permissions.ts';
import { getSite } from '../sites/sites.ts';
import { itemChanged } from './changes.ts';
import { getItem, getRevision } from './items.ts';
import { syncLiveTags } from './live-tags.ts';
import { findTerms, loadTerms, type TermHit } from './sensitive.ts';
import type { ContentItemRow, ReviewAction } from './tables.ts';

export const LEVEL_NAMES = ['', '初审', '复审', '终审'] as const;

export interface Reviewer {
  id: string;
  name: string;
  grants: readonly Grant[];
  ip?: string;
}

const actorOf = (r: Reviewer): Actor => ({ id: r.id, name: r.name, ip: r.ip });

async function record(
  ctx: AppContext,
  trx: Transaction<Database>,
  item: ContentItemRow,
  who: Reviewer,
  action: ReviewAction,
  level: number,
  comment?: string,
) {
  await trx
    .insertInto('content_review')
    .values({
      id: newId(),
      item_id: item.id,
      revision: item.working_revision,
      level,
      actor_id: who.id,
      action,
      comment: comment ?? null,
      created_at: ctx.now().toISOString(),
    })
    .execute();
  await audit(ctx, trx, {
    actor: actorOf(who),
    action: `content.${action}`,
    targetType: 'content_item',
    targetId: item.id,
    outcome: 'success',
    detail: {
      revision: item.working_revision,
      level,
      site: item.site_code,
      ...(comment ? { comment } : {}),
    },
  });
}

/** Submit the working revision; severe term hits block, the others come back as warnings. */
export async function submitForReview(
  ctx: AppContext,
  itemId: string,
  editor: Reviewer,
): Promise<TermHit[]> {
  const item = await getItem(ctx, itemId);
  if (!can(editor.grants, 'content.submit', `site:${item.site_code}`))
    throw forbidden('您没有在该站点提交稿件的权限');
  if (item.workflow !== 'draft' && item.workflow !== 'returned')
    throw conflict('只有草稿或被退回的稿件可以提交审核');
  const rev = await getRevision(ctx, itemId, item.working_revision);
  const hits = findTerms(await loadTerms(ctx), {
    title: rev.title,
    summary: rev.summary ?? '',
    body: rev.body_html,
  });
  const blocking = hits.filter((h) => h.severity === 'block');
  if (blocking.length > 0) {
    const list = blocking
      .map((h) => `“${h.term}”${h.suggestion ? `（应为“${h.suggestion}”）` : ''}`)
      .join('、');
    throw new DomainError('bad_request', `稿件含有严重错误表述，不能提交：${list}`, { body: list });
  }
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('content_item')
      .set({ workflow: 'in_review', review_level: 1, updated_at: ctx.now().toISOString() })
      .where('id', '=', itemId)
      .where('workflow', 'in', ['draft', 'returned'])
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('稿件状态已变化，请刷新后重试');
    await record(ctx, trx, item, editor, 'submit', 0);
  });
  return hits;
}

function reviewerLevelOk(grants: readonly Grant[], site: string, level: number): boolean {
  return can(grants, 'content.review', `site:${site}`, level);
}

/** Approve at the item's current level; the last level publishes (or schedules). */
export async function approve(
  ctx: AppContext,
  itemId: string,
  reviewer: Reviewer,
  comment?: string,
): Promise<ContentItemRow> {
  const item = await getItem(ctx, itemId);
  if (item.workflow !== 'in_review') throw conflict('该稿件不在审核中');
  const level = item.review_level;
  if (!reviewerLevelOk(reviewer.grants, item.site_code, level))
    throw forbidden(`您没有该站点${LEVEL_NAMES[level]}的权限`);
  if (item.author_id === reviewer.id) throw forbidden('不能审核自己撰写的稿件');
  const revisionAuthor = (await getRevision(ctx, itemId, item.working_revision)).author_id;
  if (revisionAuthor === reviewer.id) throw forbidden('不能审核自己修改的稿件');
  const earlier = await ctx.db.kysely
    .selectFrom('content_review')
    .select('id')
    .where('item_id', '=', itemId)
    .where('revision', '=', item.working_revision)
    .where('action', '=', 'approve')
    .where('actor_id', '=', reviewer.id)
    .executeTakeFirst();
  if (earlier) throw forbidden('同一稿件的不同审级须由不同人员审核');
  const site = await getSite(ctx, item.site_code);
  const last = level >= site.review_levels;
  const updated = await ctx.db.kysely.transaction().execute(async (trx) => {
    // Compare-and-set on the level: two reviewers clicking at once cannot both advance it.
    const res = await trx
      .updateTable('content_item')
      .set(last ? { workflow: 'approved', review_level: 0 } : { review_level: level + 1 })
      .where('id', '=', itemId)
      .where('workflow', '=', 'in_review')
      .where('review_level', '=', level)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('稿件状态已变化，请刷新后重试');
    await record(ctx, trx, item, reviewer, 'approve', level, comment);
    if (last) await goLive(ctx, trx, itemId, reviewer);
    return getItem(ctx, itemId, trx);
  });
  // Audience portals the previous live revision was tagged for lose it too.
  if (last) await itemChanged(ctx, { ...updated, audiences: bothAudiences(item, updated) });
  return updated;
}

function bothAudiences(before: ContentItemRow, after: ContentItemRow): string {
  const all = [...JSON.parse(before.audiences), ...JSON.parse(after.audiences)] as string[];
  return JSON.stringify([...new Set(all)]);
}

/** Send the item back to its editor with a comment, from any level. */
export async function returnItem(
  ctx: AppContext,
  itemId: string,
  reviewer: Reviewer,
  comment: string,
): Promise<void> {
  const text = comment.trim();
  if (!text) throw badRequest('退回时必须填写意见', { comment: '请填写退回意见' });
  const item = await getItem(ctx, itemId);
  if (item.workflow !== 'in_review') throw conflict('该稿件不在审核中');
  if (!reviewerLevelOk(reviewer.grants, item.site_code, item.review_level))
    throw forbidden(`您没有该站点${LEVEL_NAMES[item.review_level]}的权限`);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('content_item')
      .set({ workflow: 'returned', review_level: 0, updated_at: ctx.now().toISOString() })
      .where('id', '=', itemId)
      .where('workflow', '=', 'in_review')
      .where('review_level', '=', item.review_level)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('稿件状态已变化，请刷新后重试');
    await record(ctx, trx, item, reviewer, 'return', item.review_level, text);
  });
}

/** Copy the approved working revision into the live columns, now or at publish_at. */
async function goLive(
  ctx: AppContext,
  trx: Transaction<Database>,
  itemId: string,
  who: Reviewer,
): Promise<void> {
  const item = await getItem(ctx, itemId, trx);
  const rev = await getRevision(ctx, itemId, item.working_revision, trx);
  const now = ctx.now();
  const later =
    item.publication !== 'published' &&
    item.publish_at &&
    Date.parse(item.publish_at) > now.getTime();
  await trx
    .updateTable('content_item')
    .set({
      title: rev.title,
      summary: rev.summary,
      body_html: rev.body_html,
      fields: rev.fields,
      audiences: rev.audiences,
      topics: rev.topics,
      live_revision: rev.number,
      publication: later ? 'scheduled' : 'published',
      published_at: later ? null : (item.published_at ?? now.toISOString()),
      updated_at: now.toISOString(),
    })
    .where('id', '=', itemId)
    .execute();
  await syncLiveTags(trx, itemId);
  if (!later) await record(ctx, trx, item, who, 'publish', 0);
}

/** Set (or clear) the scheduled publication and withdrawal times. */
export async function schedule(
  ctx: AppContext,
  itemId: string,
  times: { publishAt?: Date | null; unpublishAt?: Date | null },
): Promise<void> {
  if (times.publishAt && times.unpublishAt && times.unpublishAt <= times.publishAt) {
    throw badRequest('下线时间必须晚于发布时间', { unpublishAt: '下线时间必须晚于发布时间' });
  }
  await ctx.db.kysely
    .updateTable('content_item')
    .set({
      ...(times.publishAt !== undefined
        ? { publish_at: times.publishAt?.toISOString() ?? null }
        : {}),
      ...(times.unpublishAt !== undefined
        ? { unpublish_at: times.unpublishAt?.toISOString() ?? null }
        : {}),
      updated_at: ctx.now().toISOString(),
    })
    .where('id', '=', itemId)
    .execute();
}

/** Withdraw a live item (站点管理员). */
export async function unpublish(
  ctx: AppContext,
  itemId: string,
  who: Reviewer,
  reason: string,
): Promise<void> {
  const item = await getItem(ctx, itemId);
  if (!can(who.grants, 'content.publish', `site:${item.site_code}`))
    throw forbidden('您没有在该站点下线稿件的权限');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable('content_item')
      .set({ publication: 'withdrawn', updated_at: ctx.now().toISOString() })
      .where('id', '=', itemId)
      .execute();
    await syncLiveTags(trx, itemId);
    await record(ctx, trx, item, who, 'unpublish', 0, reason);
  });
  await itemChanged(ctx, item);
}

const SYSTEM: Reviewer = { id: 'system', name: 'scheduler', grants: [] };

/** The schedule job: publish what is due, withdraw what has expired. */
export async function runScheduledPublication(
  ctx: AppContext,
): Promise<{ published: number; withdrawn: number }> {
  const now = ctx.now().toISOString();
  const due = await ctx.db.kysely
    .selectFrom('content_item')
    .selectAll()
    .where('publication', '=', 'scheduled')
    .where('publish_at', '<=', now)
    .execute();
  for (const item of due) {
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await trx
        .updateTable('content_item')
        .set({ publication: 'published', published_at: item.published_at ?? now, updated_at: now })
        .where('id', '=', item.id)
        .where('publication', '=', 'scheduled')
        .execute();
      await syncLiveTags(trx, item.id);
      await record(ctx, trx, item, SYSTEM, 'publish', 0);
    });
    await itemChanged(ctx, item);
  }
  const expired = await ctx.db.kysely
    .selectFrom('content_item')
    .selectAll()
    .where('publication', '=', 'published')
    .where('unpublish_at', '<=', now)
    .execute();
  for (const item of expired) {
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await trx
        .updateTable('content_item')
        .set({ publication: 'withdrawn', updated_at: now })
        .where('id', '=', item.id)
        .where('publication', '=', 'published')
        .execute();
      await syncLiveTags(trx, item.id);
      await record(ctx, trx, item, SYSTEM, 'unpublish', 0, '到期自动下线');
    });
    await itemChanged(ctx, item);
  }
  return { published: due.length, withdrawn: expired.length };
}
