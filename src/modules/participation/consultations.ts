// 意见征集: a department publishes a draft with a comment window; signed-in
// citizens comment inside the window only; a comment is shown publicly only
// after a moderator shows it; after the window the department publishes the
// feedback summary (采纳情况).
import { nowIso } from '../../platform/database/index.ts';
import { badRequest, conflict, DomainError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { cleanLine, cleanText } from '../../platform/text.ts';
import type { AccountRow } from '../identity/tables.ts';
import {
  auditChange,
  canManage,
  managedSites,
  phaseOf,
  reindex,
  type Staff,
  screen,
  windowInto,
} from './common.ts';
import type { CommentStatus, ConsultationCommentRow, ConsultationRow } from './tables.ts';

/** Comments one account may post per hour, across all solicitations. */
export const COMMENTS_PER_HOUR = 10;

export interface ConsultationInput {
  siteCode: string;
  department: string;
  title: string;
  body: string;
  opensOn: string;
  closesOn: string;
}

function checked(input: ConsultationInput) {
  const errors: Record<string, string> = {};
  const title = cleanLine(input.title);
  const department = cleanLine(input.department);
  const body = cleanText(input.body);
  if (!title) errors.title = '请填写标题';
  if (!department) errors.department = '请填写征集部门';
  if (!body) errors.body = '请填写征求意见稿正文';
  const window = windowInto(errors, input.opensOn, input.closesOn);
  if (Object.keys(errors).length > 0) throw badRequest('请修改以下问题', errors);
  return { title, department, body, ...window };
}

export async function createConsultation(
  ctx: AppContext,
  staff: Staff,
  input: ConsultationInput,
): Promise<string> {
  if (!canManage(staff.grants, input.siteCode))
    throw badRequest('请选择您管理的站点', { site: '您不能在这个站点发布意见征集' });
  const values = checked(input);
  const id = newId();
  const now = nowIso(ctx.now());
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto('consultation')
      .values({
        id,
        site_code: input.siteCode,
        ...values,
        status: 'draft',
        summary: null,
        summary_published_at: null,
        created_by: staff.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await auditChange(ctx, trx, staff, 'consultation.create', { type: 'consultation', id });
  });
  return id;
}

/** One solicitation, if these grants manage its site; otherwise not found. */
export async function consultationFor(
  ctx: AppContext,
  staff: Pick<Staff, 'grants'>,
  id: string,
): Promise<ConsultationRow> {
  const row = await ctx.db.kysely
    .selectFrom('consultation')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || !canManage(staff.grants, row.site_code)) throw notFound('没有这项意见征集');
  return row;
}

export async function updateConsultation(
  ctx: AppContext,
  staff: Staff,
  id: string,
  input: Omit<ConsultationInput, 'siteCode'>,
): Promise<void> {
  const row = await consultationFor(ctx, staff, id);
  const values = checked({ ...input, siteCode: row.site_code });
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable('consultation')
      .set({ ...values, updated_at: nowIso(ctx.now()) })
      .where('id', '=', id)
      .execute();
    await auditChange(ctx, trx, staff, 'consultation.update', { type: 'consultation', id });
    await reindex(ctx, 'consultations', id, values.opens_at, trx);
  });
}

export async function setConsultationStatus(
  ctx: AppContext,
  staff: Staff,
  id: string,
  status: 'draft' | 'published',
): Promise<void> {
  const row = await consultationFor(ctx, staff, id);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable('consultation')
      .set({ status, updated_at: nowIso(ctx.now()) })
      .where('id', '=', id)
      .execute();
    await auditChange(
      ctx,
      trx,
      staff,
      `consultation.${status === 'published' ? 'publish' : 'withdraw'}`,
      {
        type: 'consultation',
        id,
      },
    );
    await reindex(ctx, 'consultations', id, row.opens_at, trx);
  });
}

/** Publish the feedback summary (采纳情况): only once the window has closed. */
export async function publishSummary(
  ctx: AppContext,
  staff: Staff,
  id: string,
  text: string,
): Promise<void> {
  const row = await consultationFor(ctx, staff, id);
  if (phaseOf(row, ctx.now()) !== 'closed') throw conflict('征集期结束后才能发布意见采纳情况');
  const summary = cleanText(text);
  if (!summary) throw badRequest('请填写意见采纳情况', { summary: '请填写意见采纳情况' });
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable('consultation')
      .set({ summary, summary_published_at: nowIso(ctx.now()), updated_at: nowIso(ctx.now()) })
      .where('id', '=', id)
      .execute();
    await auditChange(ctx, trx, staff, 'consultation.summary', { type: 'consultation', id });
    await reindex(ctx, 'consultations', id, row.opens_at, trx);
  });
}

export async function listManagedConsultations(
  ctx: AppContext,
  staff: Pick<Staff, 'grants'>,
): Promise<ConsultationRow[]> {
  const sites = managedSites(staff.grants);
  if (sites !== 'all' && sites.length === 0) return [];
  let q = ctx.db.kysely.selectFrom('consultation').selectAll();
  if (sites !== 'all') q = q.where('site_code', 'in', sites);
  return q.orderBy('opens_at', 'desc').limit(500).execute();
}

/** Published solicitations whose window has begun, newest first. */
export function listPublicConsultations(ctx: AppContext): Promise<ConsultationRow[]> {
  return ctx.db.kysely
    .selectFrom('consultation')
    .selectAll()
    .where('status', '=', 'published')
    .where('opens_at', '<=', nowIso(ctx.now()))
    .orderBy('opens_at', 'desc')
    .limit(200)
    .execute();
}

export async function publicConsultation(
  ctx: AppContext,
  id: string,
): Promise<ConsultationRow | undefined> {
  return ctx.db.kysely
    .selectFrom('consultation')
    .selectAll()
    .where('id', '=', id)
    .where('status', '=', 'published')
    .where('opens_at', '<=', nowIso(ctx.now()))
    .executeTakeFirst();
}

/** Comments a moderator has shown: the only ones the public ever sees. */
export function shownComments(
  ctx: AppContext,
  consultationId: string,
): Promise<Pick<ConsultationCommentRow, 'id' | 'author_name' | 'body' | 'created_at'>[]> {
  return ctx.db.kysely
    .selectFrom('consultation_comment')
    .select(['id', 'author_name', 'body', 'created_at'])
    .where('consultation_id', '=', consultationId)
    .where('status', '=', 'shown')
    .orderBy('created_at')
    .execute();
}

async function checkCommentRate(ctx: AppContext, accountId: string): Promise<void> {
  const since = new Date(ctx.now().getTime() - 3_600_000).toISOString();
  const row = await ctx.db.kysely
    .selectFrom('consultation_comment')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  if (Number(row.n) >= COMMENTS_PER_HOUR)
    throw new DomainError('rate_limited', '您发表意见过于频繁，请稍后再试');
}

/** A signed-in citizen comments; the comment waits for moderation. */
export async function addComment(
  ctx: AppContext,
  account: Pick<AccountRow, 'id' | 'display_name'>,
  consultationId: string,
  text: string,
  client: { ip: string },
): Promise<string> {
  const row = await publicConsultation(ctx, consultationId);
  if (!row) throw notFound('没有这项意见征集');
  if (phaseOf(row, ctx.now()) !== 'open') throw conflict('意见征集已结束，不能再发表意见');
  const body = cleanText(text);
  if ([...body].length < 2) throw badRequest('请填写意见', { body: '请填写您的意见' });
  if ([...body].length > 3000) throw badRequest('意见过长', { body: '意见不能超过3000个字' });
  const { flagged } = await screen(ctx, { body });
  await checkCommentRate(ctx, account.id);
  const id = newId();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto('consultation_comment')
      .values({
        id,
        consultation_id: consultationId,
        account_id: account.id,
        author_name: cleanLine(account.display_name).slice(0, 100) || '市民',
        body,
        status: 'pending',
        flagged: JSON.stringify(flagged),
        created_at: nowIso(ctx.now()),
        moderated_by: null,
        moderated_at: null,
      })
      .execute();
    await auditChange(
      ctx,
      trx,
      { id: account.id, name: account.display_name, ip: client.ip },
      'consultation.comment.submit',
      { type: 'consultation_comment', id },
      { consultation: consultationId, flagged: flagged.length },
    );
  });
  return id;
}

export function commentsForModeration(
  ctx: AppContext,
  consultationId: string,
): Promise<ConsultationCommentRow[]> {
  return ctx.db.kysely
    .selectFrom('consultation_comment')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .orderBy('created_at')
    .execute();
}

export async function moderateComment(
  ctx: AppContext,
  staff: Staff,
  consultationId: string,
  commentId: string,
  status: Exclude<CommentStatus, 'pending'>,
): Promise<void> {
  await consultationFor(ctx, staff, consultationId);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('consultation_comment')
      .set({ status, moderated_by: staff.id, moderated_at: nowIso(ctx.now()) })
      .where('id', '=', commentId)
      .where('consultation_id', '=', consultationId)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw notFound('没有这条意见');
    await auditChange(
      ctx,
      trx,
      staff,
      `consultation.comment.${status === 'shown' ? 'show' : 'hide'}`,
      {
        type: 'consultation_comment',
        id: commentId,
      },
    );
  });
}
