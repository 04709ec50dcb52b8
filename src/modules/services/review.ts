// Review before publication, the same chain as content's 三审 (see
// content/review.ts) scoped to the implementing department: a guide is
// submitted, then approved level by level by the department's service
// reviewers (初审, 复审), and the last approval publishes it. Nobody reviews
// a guide they wrote or submitted, nobody approves two levels of one
// submission, no level is skipped, any level can return it with a comment.
// An incomplete guide can neither be submitted nor published.
import type { Transaction } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import { badRequest, conflict, forbidden } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { LEVEL_NAMES, type Reviewer } from '../content/review.ts';
import { audit } from '../identity/audit-events.ts';
import { can } from '../identity/permissions.ts';
import {
  canManage,
  getServiceRow,
  inputColumns,
  type ServiceInput,
  workingGuide,
} from './catalog.ts';
import { dropCachedPages, queueIndexUpdate } from './changes.ts';
import { missingElements, missingNames } from './completeness.ts';
import type { ServiceItemRow, ServiceReviewAction } from './tables.ts';

/** Levels a guide passes: 初审 and 复审 within the department. */
export const SERVICE_REVIEW_LEVELS = 2;

async function record(
  ctx: AppContext,
  trx: Transaction<Database>,
  row: ServiceItemRow,
  who: Reviewer,
  action: ServiceReviewAction,
  level: number,
  round: number,
  comment?: string,
) {
  await trx
    .insertInto('service_reviews')
    .values({
      id: newId(),
      service_id: row.id,
      round,
      level,
      actor_id: who.id,
      action,
      comment: comment ?? null,
      created_at: ctx.now().toISOString(),
    })
    .execute();
  await audit(ctx, trx, {
    actor: { id: who.id, name: who.name, ip: who.ip },
    action: `service.${action}`,
    targetType: 'service_item',
    targetId: row.id,
    outcome: 'success',
    detail: { code: row.code, org: row.org_id, level, round, ...(comment ? { comment } : {}) },
  });
}

async function currentRound(ctx: AppContext, serviceId: string, executor = ctx.db.kysely) {
  const r = await executor
    .selectFrom('service_reviews')
    .select((eb) => eb.fn.max('round').as('round'))
    .where('service_id', '=', serviceId)
    .executeTakeFirst();
  return Number(r?.round ?? 0);
}

function refuseIncomplete(row: ServiceItemRow, what: string): void {
  const missing = missingElements(workingGuide(row));
  if (missing.length > 0)
    throw badRequest(`指南要素不全，不能${what}：缺少${missingNames(missing)}`, {
      completeness: missingNames(missing),
    });
}

/** Send the working version into review; an incomplete guide is refused. */
export async function submitService(ctx: AppContext, id: string, editor: Reviewer): Promise<void> {
  const row = await getServiceRow(ctx, id);
  if (!canManage(editor, row.org_id)) throw forbidden('您没有管理该部门办事指南的权限');
  if (row.review_level > 0) throw conflict('该指南已在审核中');
  if (row.status === 'published' && !row.pending)
    throw conflict('该指南已发布，且没有待审核的修改');
  refuseIncomplete(row, '提交审核');
  const round = (await currentRound(ctx, id)) + 1;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('service_items')
      .set({
        review_level: 1,
        ...(row.status === 'published' ? {} : { status: 'in_review' as const }),
        updated_at: ctx.now().toISOString(),
      })
      .where('id', '=', id)
      .where('review_level', '=', 0)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('指南状态已变化，请刷新后重试');
    await record(ctx, trx, row, editor, 'submit', 0, round);
  });
}

async function refuseReviewer(
  ctx: AppContext,
  row: ServiceItemRow,
  reviewer: Reviewer,
  round: number,
) {
  const level = row.review_level;
  if (!can(reviewer.grants, 'service.review', `org:${row.org_id}`, level))
    throw forbidden(`您没有该部门办事指南${LEVEL_NAMES[level]}的权限`);
  if (row.author_id === reviewer.id) throw forbidden('不能审核自己编写的指南');
  const mine = await ctx.db.kysely
    .selectFrom('service_reviews')
    .select('action')
    .where('service_id', '=', row.id)
    .where('round', '=', round)
    .where('actor_id', '=', reviewer.id)
    .where('action', 'in', ['submit', 'approve'])
    .execute();
  if (mine.some((r) => r.action === 'submit')) throw forbidden('不能审核自己提交的指南');
  if (mine.length > 0) throw forbidden('同一指南的不同审级须由不同人员审核');
}

/** Approve at the current level; the last level publishes the working version. */
export async function approveService(
  ctx: AppContext,
  id: string,
  reviewer: Reviewer,
  comment?: string,
): Promise<ServiceItemRow> {
  const row = await getServiceRow(ctx, id);
  if (row.review_level === 0) throw conflict('该指南不在审核中');
  const round = await currentRound(ctx, id);
  await refuseReviewer(ctx, row, reviewer, round);
  const level = row.review_level;
  const last = level >= SERVICE_REVIEW_LEVELS;
  // Checked again here: publication of an incomplete guide is refused whatever the path.
  if (last) refuseIncomplete(row, '发布');
  const now = ctx.now().toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('service_items')
      .set(
        last
          ? {
              ...(row.pending ? inputColumns(JSON.parse(row.pending) as ServiceInput) : {}),
              pending: null,
              review_level: 0,
              status: 'published',
              published_at: row.published_at ?? now,
              updated_at: now,
            }
          : { review_level: level + 1 },
      )
      .where('id', '=', id)
      .where('review_level', '=', level)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('指南状态已变化，请刷新后重试');
    await record(ctx, trx, row, reviewer, 'approve', level, round, comment);
    if (last) {
      await record(ctx, trx, row, reviewer, 'publish', 0, round);
      await queueIndexUpdate(ctx, row, trx);
    }
  });
  const after = await getServiceRow(ctx, id);
  if (last) {
    dropCachedPages(ctx, row);
    dropCachedPages(ctx, after);
  }
  return after;
}

/** Send the guide back with a comment; a published guide stays published meanwhile. */
export async function returnService(
  ctx: AppContext,
  id: string,
  reviewer: Reviewer,
  comment: string,
): Promise<void> {
  const text = comment.trim();
  if (!text) throw badRequest('退回时必须填写意见', { comment: '请填写退回意见' });
  const row = await getServiceRow(ctx, id);
  if (row.review_level === 0) throw conflict('该指南不在审核中');
  if (!can(reviewer.grants, 'service.review', `org:${row.org_id}`, row.review_level))
    throw forbidden(`您没有该部门办事指南${LEVEL_NAMES[row.review_level]}的权限`);
  const round = await currentRound(ctx, id);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('service_items')
      .set({
        review_level: 0,
        ...(row.status === 'in_review' ? { status: 'draft' as const } : {}),
        updated_at: ctx.now().toISOString(),
      })
      .where('id', '=', id)
      .where('review_level', '=', row.review_level)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('指南状态已变化，请刷新后重试');
    await record(ctx, trx, row, reviewer, 'return', row.review_level, round, text);
  });
}

/** Take a published guide off the public site (a reviewer of the last level, with a reason). */
export async function withdrawService(
  ctx: AppContext,
  id: string,
  who: Reviewer,
  reason: string,
): Promise<void> {
  const text = reason.trim();
  if (!text) throw badRequest('下线时必须填写原因', { reason: '请填写下线原因' });
  const row = await getServiceRow(ctx, id);
  if (!can(who.grants, 'service.review', `org:${row.org_id}`, SERVICE_REVIEW_LEVELS))
    throw forbidden('只有该部门的复审人员可以下线办事指南');
  if (row.status !== 'published') throw conflict('只有已发布的指南可以下线');
  const round = await currentRound(ctx, id);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('service_items')
      .set({ status: 'withdrawn', review_level: 0, updated_at: ctx.now().toISOString() })
      .where('id', '=', id)
      .where('status', '=', 'published')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('指南状态已变化，请刷新后重试');
    await record(ctx, trx, row, who, 'withdraw', 0, round, text);
    await queueIndexUpdate(ctx, row, trx);
  });
  dropCachedPages(ctx, row);
}

export interface ReviewEntry {
  round: number;
  level: number;
  action: ServiceReviewAction;
  actorName: string;
  comment: string | null;
  createdAt: string;
}

/** The guide's review history, newest first, with the names of the people. */
export async function reviewHistory(ctx: AppContext, id: string): Promise<ReviewEntry[]> {
  const rows = await ctx.db.kysely
    .selectFrom('service_reviews')
    .leftJoin('account', 'account.id', 'service_reviews.actor_id')
    .select([
      'service_reviews.round',
      'service_reviews.level',
      'service_reviews.action',
      'service_reviews.comment',
      'service_reviews.created_at',
      'account.display_name',
    ])
    .where('service_reviews.service_id', '=', id)
    .orderBy('service_reviews.id', 'desc')
    .execute();
  return rows.map((r) => ({
    round: r.round,
    level: r.level,
    action: r.action,
    actorName: r.display_name ?? '系统',
    comment: r.comment,
    createdAt: r.created_at,
  }));
}
