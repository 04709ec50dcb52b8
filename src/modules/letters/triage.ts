// The general office's desk: assign a letter to one or several departments
// (the first leads, 转办/交办), merge a duplicate into the letter already in
// hand (并单), reject what falls outside the government's remit with a reason,
// and decide the departments' extension requests.
import { badRequest, conflict } from '../../platform/errors.ts';
import type { AppContext } from '../../platform/module.ts';
import { cleanText } from '../../platform/text.ts';
import { requireTriage } from './access.ts';
import type { LetterRow } from './tables.ts';
import { getLetter, type LetterActor, moveLetter, recordEvent } from './transition.ts';

const MAX_ORGS = 5;

function reasonOf(raw: string, field: string, what: string): string {
  const text = cleanText(raw).trim();
  if ([...text].length < 4 || [...text].length > 500)
    throw badRequest(`请填写${what}`, { [field]: `请填写${what}（4 到 500 个字）` });
  return text;
}

async function departments(ctx: AppContext, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return ctx.db.kysely
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .where('kind', '=', 'department')
    .execute();
}

export async function assignLetter(
  ctx: AppContext,
  actor: LetterActor,
  letterId: string,
  input: { orgIds: readonly string[]; note?: string },
): Promise<LetterRow> {
  await requireTriage(ctx, actor.grants);
  const orgIds = [...new Set(input.orgIds)];
  if (orgIds.length === 0 || orgIds.length > MAX_ORGS)
    throw badRequest('请选择办理部门', { orgs: `请选择 1 到 ${MAX_ORGS} 个办理部门` });
  const found = await departments(ctx, orgIds);
  if (found.length !== orgIds.length)
    throw badRequest('办理部门无效', { orgs: '请选择有效的部门' });
  const note = input.note ? cleanText(input.note).trim().slice(0, 500) : null;
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const letter = await getLetter(ctx, letterId, trx);
    const lead = orgIds[0]!;
    await moveLetter(ctx, trx, letter, 'assign', actor, {
      set: { lead_org_id: lead },
      note: found
        .sort((a, b) => orgIds.indexOf(a.id) - orgIds.indexOf(b.id))
        .map((o) => o.name)
        .join('、'),
      detail: { orgs: orgIds, ...(note ? { note } : {}) },
    });
    const at = ctx.now().toISOString();
    await trx
      .insertInto('letter_assignment')
      .values(
        orgIds.map((org_id) => ({
          letter_id: letterId,
          org_id,
          lead: org_id === lead ? 1 : 0,
          assigned_by: actor.id,
          created_at: at,
        })),
      )
      .execute();
    return getLetter(ctx, letterId, trx);
  });
}

export async function rejectLetter(
  ctx: AppContext,
  actor: LetterActor,
  letterId: string,
  reason: string,
): Promise<void> {
  await requireTriage(ctx, actor.grants);
  const text = reasonOf(reason, 'reason', '不予受理的理由');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const letter = await getLetter(ctx, letterId, trx);
    await moveLetter(ctx, trx, letter, 'reject', actor, {
      set: { reject_reason: text, closed_at: ctx.now().toISOString() },
      note: text,
    });
  });
}

/** Merge a duplicate into `intoId`: the duplicate's writer follows the other letter's answer. */
export async function mergeLetter(
  ctx: AppContext,
  actor: LetterActor,
  letterId: string,
  intoId: string,
): Promise<void> {
  await requireTriage(ctx, actor.grants);
  if (letterId === intoId) throw badRequest('不能与自身合并', { into: '请选择另一封信件' });
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const letter = await getLetter(ctx, letterId, trx);
    const into = await trx
      .selectFrom('letter')
      .selectAll()
      .where('id', '=', intoId)
      .executeTakeFirst();
    if (!into || into.status === 'merged' || into.status === 'rejected')
      throw badRequest('合并目标无效', { into: '只能并入一封正在办理或已答复的信件' });
    await moveLetter(ctx, trx, letter, 'merge', actor, {
      set: { merged_into: into.id, closed_at: ctx.now().toISOString() },
      note: into.code,
      detail: { into: into.id },
    });
    await recordEvent(ctx, trx, {
      letter: into,
      action: 'merged_in',
      actor,
      note: null,
      detail: { duplicate: letter.id },
    });
  });
}

export async function decideExtension(
  ctx: AppContext,
  actor: LetterActor,
  letterId: string,
  approve: boolean,
): Promise<LetterRow> {
  await requireTriage(ctx, actor.grants);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const letter = await getLetter(ctx, letterId, trx);
    if (letter.extension_status !== 'requested') throw conflict('该信件没有待审批的延期申请');
    const deadline = approve
      ? ctx.calendar.addWorkingDays(letter.deadline, letter.extension_days ?? 0)
      : letter.deadline;
    const res = await trx
      .updateTable('letter')
      .set({
        extension_status: approve ? 'approved' : 'refused',
        deadline,
        updated_at: ctx.now().toISOString(),
      })
      .where('id', '=', letterId)
      .where('extension_status', '=', 'requested')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('延期申请已被处理，请刷新后重试');
    await recordEvent(ctx, trx, {
      letter,
      action: approve ? 'extension_approved' : 'extension_refused',
      actor,
      note: approve ? deadline : null,
      detail: { from: letter.deadline, to: deadline },
    });
    return getLetter(ctx, letterId, trx);
  });
}
