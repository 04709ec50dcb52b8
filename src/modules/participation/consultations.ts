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
import { auditChange, phaseOf, type Staff, screen, windowInto } from './common.ts';
import type { CommentStatus, ConsultationCommentRow, ConsultationRow } from './tables.ts';
import {
  CONSULTATIONS,
  createDraft,
  listManaged,
  listPublic,
  managedRecord,
  publicRecord,
  saveChange,
} from './windowed.ts';

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

export function createConsultation(
  ctx: AppContext,
  staff: Staff,
  input: ConsultationInput,
): Promise<string> {
  return createDraft(ctx, CONSULTATIONS, staff, input.siteCode, () => ({
    ...checked(input),
    summary: null,
    summary_published_at: null,
  }));
}

/** One solicitation, if these grants manage its site; otherwise not found. */
export function consultationFor(
  ctx: AppContext,
  staff: Pick<Staff, 'grants'>,
  id: string,
): Promise<ConsultationRow> {
  return managedRecord(ctx, CONSULTATIONS, staff, id);
}

export async function updateConsultation(
  ctx: AppContext,
  staff: Staff,
  id: string,
  input: Omit<ConsultationInput, 'siteCode'>,
): Promise<void> {
  const row = await consultationFor(ctx, staff, id);
  const values = checked({ ...input, siteCode: row.site_code });
  await saveChange(ctx, CONSULTATIONS, staff, row, values, 'consultation.update');
}

export async function setConsultationStatus(
  ctx: AppContext,
  staff: Staff,
  id: string,
  status: 'draft' | 'published',
): Promise<void> {
  const row = await consultationFor(ctx, staff, id);
  const action = `consultation.${status === 'published' ? 'publish' : 'withdraw'}`;
  await saveChange(ctx, CONSULTATIONS, staff, row, { status }, action);
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
  const changes = { summary, summary_published_at: nowIso(ctx.now()) };
  await saveChange(ctx, CONSULTATIONS, staff, row, changes, 'consultation.summary');
}

export function listManagedConsultations(
  ctx: AppContext,
  staff: Pick<Staff, 'grants'>,
): Promise<ConsultationRow[]> {
  return listManaged(ctx, CONSULTATIONS, staff);
}

/** Published solicitations whose window has begun, newest first. */
export function listPublicConsultations(ctx: AppContext): Promise<ConsultationRow[]> {
  return listPublic(ctx, CONSULTATIONS);
}

export function publicConsultation(
  ctx: AppContext,
  id: string,
): Promise<ConsultationRow | undefined> {
  return publicRecord(ctx, CONSULTATIONS, id);
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
