// 好差评: after a decision the applicant rates the case once (five grades, with
// reasons from the fixed national indicators). A 差评 — 不满意 or 非常不满意 —
// opens a follow-up task for the department, due in 15 working days, that is
// done only with a written 整改反馈 and a recorded 回访 call-back.
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { audit } from '../identity/audit-events.ts';
import type { CaseActor } from './handling.ts';
import { handles, NOTE_MAX } from './handling.ts';
import { isDecided } from './lifecycle.ts';
import type { ApplicationFollowupRow } from './tables.ts';

export const GRADES = [
  { value: 5, label: '非常满意' },
  { value: 4, label: '满意' },
  { value: 3, label: '基本满意' },
  { value: 2, label: '不满意' },
  { value: 1, label: '非常不满意' },
] as const;

/** The online indicators of the national 好差评 standard, as reasons to tick. */
export const REASONS = {
  efficiency: '办事效率',
  guide: '办事指南精确度',
  convenience: '便捷程度',
  usability: '系统好用程度',
  attitude: '服务态度',
} as const;
export type Reason = keyof typeof REASONS;

export const FOLLOWUP_DAYS = 15;
export const BAD_GRADE = 2;

export function gradeLabel(grade: number): string {
  return GRADES.find((g) => g.value === grade)?.label ?? String(grade);
}

export interface EvaluationInput {
  applicationId: string;
  actor: CaseActor;
  grade: number;
  reasons: readonly string[];
  comment?: string;
}

export async function evaluate(
  ctx: AppContext,
  input: EvaluationInput,
): Promise<{ followupId?: string }> {
  if (!GRADES.some((g) => g.value === input.grade))
    throw badRequest('请选择评价等级', { grade: '请选择评价等级' });
  const unknown = input.reasons.find((r) => !Object.hasOwn(REASONS, r));
  if (unknown !== undefined) throw badRequest('评价原因无效', { reasons: '请从列出的原因中选择' });
  const comment = input.comment?.trim() || null;
  if (comment && [...comment].length > 500)
    throw badRequest('评价内容过长', { comment: '不能超过500个字' });
  if (input.grade <= BAD_GRADE && !comment && input.reasons.length === 0)
    throw badRequest('请说明不满意的原因', { comment: '差评请选择原因或写明情况，以便部门整改' });
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const app = await trx
      .selectFrom('application')
      .selectAll()
      .where('id', '=', input.applicationId)
      .executeTakeFirst();
    if (!app || app.applicant_id !== input.actor.id || app.kind === 'bundle')
      throw notFound('办件不存在');
    if (!isDecided(app.status)) throw conflict('办件作出决定后才能评价');
    const done = await trx
      .selectFrom('application_evaluation')
      .select('application_id')
      .where('application_id', '=', app.id)
      .executeTakeFirst();
    if (done) throw conflict('您已经评价过这件办件');
    const now = ctx.now().toISOString();
    await trx
      .insertInto('application_evaluation')
      .values({
        application_id: app.id,
        applicant_id: app.applicant_id,
        grade: input.grade,
        reasons: JSON.stringify([...new Set(input.reasons)]),
        comment,
        org_id: app.org_id!,
        service_code: app.service_code,
        created_at: now,
      })
      .execute();
    let followupId: string | undefined;
    if (input.grade <= BAD_GRADE) {
      followupId = newId();
      await trx
        .insertInto('application_followup')
        .values({
          id: followupId,
          application_id: app.id,
          org_id: app.org_id!,
          grade: input.grade,
          due_date: ctx.calendar.addWorkingDays(ctx.now(), FOLLOWUP_DAYS),
          status: 'open',
          response: null,
          responded_at: null,
          responder_id: null,
          callback_at: null,
          callback_note: null,
          callback_by: null,
          created_at: now,
        })
        .execute();
    }
    await audit(ctx, trx, {
      actor: input.actor,
      action: 'application.evaluate',
      targetType: 'application',
      targetId: app.id,
      outcome: 'success',
      detail: { grade: input.grade, followupId: followupId ?? null },
    });
    return { followupId };
  });
}

export interface FollowupInput {
  followupId: string;
  actor: CaseActor;
  text: string;
}

/** 整改反馈 (step 'respond') then 回访 (step 'callback'); each needs written text. */
export async function advanceFollowup(
  ctx: AppContext,
  step: 'respond' | 'callback',
  input: FollowupInput,
): Promise<ApplicationFollowupRow> {
  const text = input.text.trim();
  const field = step === 'respond' ? 'response' : 'callback_note';
  if (!text)
    throw badRequest('请填写内容', {
      [field]: step === 'respond' ? '请填写整改反馈' : '请记录回访情况',
    });
  if ([...text].length > NOTE_MAX)
    throw badRequest('内容过长', { [field]: `不能超过${NOTE_MAX}个字` });
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('application_followup')
      .selectAll()
      .where('id', '=', input.followupId)
      .executeTakeFirst();
    if (!row || !handles(input.actor.grants, row)) throw notFound('整改任务不存在');
    const expected = step === 'respond' ? 'open' : 'answered';
    if (row.status !== expected)
      throw conflict(step === 'respond' ? '该任务已提交整改反馈' : '请先提交整改反馈，再记录回访');
    const now = ctx.now().toISOString();
    const changes: Partial<ApplicationFollowupRow> =
      step === 'respond'
        ? { status: 'answered', response: text, responded_at: now, responder_id: input.actor.id }
        : { status: 'closed', callback_note: text, callback_at: now, callback_by: input.actor.id };
    await trx
      .updateTable('application_followup')
      .set(changes)
      .where('id', '=', row.id)
      .where('status', '=', expected)
      .execute();
    await audit(ctx, trx, {
      actor: input.actor,
      action: `application.followup_${step}`,
      targetType: 'application_followup',
      targetId: row.id,
      outcome: 'success',
      detail: { applicationId: row.application_id },
    });
    return { ...row, ...changes };
  });
}
