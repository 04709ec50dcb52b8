// Moving an application along: the department's handler accepts or refuses
// it, asks for 补正, decides and closes; the applicant supplies what was asked
// for. Each move checks who may make it on this very application (another
// department's case is "not found"), locks the row, follows the lifecycle
// table, moves the deadline, and writes history, audit entry and SMS in the
// same transaction.
import type { Transaction } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import type { Actor } from '../identity/audit-events.ts';
import { can, type Grant } from '../identity/permissions.ts';
import { dueDate, pauseLength } from './deadline.ts';
import { recordChange } from './events.ts';
import { ACTION_ACTOR, type Action, NOTE_REQUIRED, nextStatus } from './lifecycle.ts';
import { notifyApplicant } from './notices.ts';
import type { UploadedMaterial } from './submission.ts';
import type { ApplicationRow } from './tables.ts';

export interface CaseActor extends Actor {
  id: string;
  /** Staff grants; empty for an applicant. */
  grants: readonly Grant[];
}

export interface TransitionInput {
  applicationId: string;
  action: Action;
  actor: CaseActor;
  note?: string;
  /** 补正 materials (supply) or the decision document (approve, reject). */
  files?: readonly UploadedMaterial[];
}

export const NOTE_MAX = 2000;

/** May this staff member handle this application (its department's case.handle)? */
export function handles(grants: readonly Grant[], app: Pick<ApplicationRow, 'org_id'>): boolean {
  return app.org_id !== null && can(grants, 'case.handle', `org:${app.org_id}`);
}

async function lockApplication(trx: Transaction<Database>, id: string, pg: boolean) {
  let q = trx.selectFrom('application').selectAll().where('id', '=', id);
  if (pg) q = q.forUpdate();
  return q.executeTakeFirst();
}

function checkNote(action: Action, note: string | undefined): string | null {
  const text = note?.trim() ?? '';
  if (NOTE_REQUIRED.includes(action) && text === '')
    throw badRequest('请填写意见', {
      note: action === 'refuse' ? '请填写不予受理的理由' : '请填写意见或决定内容',
    });
  if ([...text].length > NOTE_MAX)
    throw badRequest('意见过长', { note: `不能超过${NOTE_MAX}个字` });
  return text === '' ? null : text;
}

/** The columns a move changes besides the status. */
function changesFor(
  ctx: AppContext,
  app: ApplicationRow,
  action: Action,
  note: string | null,
  actor: CaseActor,
): Partial<ApplicationRow> {
  const now = ctx.now();
  const at = now.toISOString();
  switch (action) {
    case 'accept':
      return {
        accepted_at: at,
        handler_id: actor.id,
        due_date: dueDate(ctx.calendar, now, app.promised_days ?? 0, 0),
        note: null,
      };
    case 'refuse':
      return { note, closed_at: at, handler_id: actor.id };
    case 'request_supplement':
      return { note, paused_at: at };
    case 'supply': {
      const paused = app.paused_days + pauseLength(ctx.calendar, new Date(app.paused_at!), now);
      return {
        paused_days: paused,
        paused_at: null,
        due_date: dueDate(ctx.calendar, new Date(app.accepted_at!), app.promised_days ?? 0, paused),
        note: null,
      };
    }
    case 'approve':
    case 'reject':
      return { decided_at: at, decision_text: note, note, handler_id: actor.id };
    case 'close':
      return { closed_at: at };
    case 'submit':
      throw badRequest('请通过申请表提交');
  }
}

/** Make one move; returns the application as it is afterwards. */
export async function transition(ctx: AppContext, input: TransitionInput): Promise<ApplicationRow> {
  const { action, actor } = input;
  const note = checkNote(action, input.note);
  if (action === 'submit') throw badRequest('请通过申请表提交');
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const app = await lockApplication(trx, input.applicationId, ctx.db.dialect === 'postgres');
    const allowed =
      app &&
      app.kind !== 'bundle' &&
      (ACTION_ACTOR[action] === 'handler'
        ? handles(actor.grants, app)
        : app.applicant_id === actor.id);
    if (!app || !allowed) throw notFound('办件不存在');
    const to = nextStatus(app.status, action);
    const changes = { ...changesFor(ctx, app, action, note, actor), status: to };
    const files = input.files ?? [];
    if (action === 'supply' && files.length === 0)
      throw badRequest('请上传补正材料', { files: '请至少上传一个补正材料' });
    const decisionFile = action === 'approve' || action === 'reject' ? files[0] : undefined;
    if (decisionFile) {
      Object.assign(changes, {
        decision_file: decisionFile.sha256,
        decision_file_name: decisionFile.name,
      });
    }
    const moved = await trx
      .updateTable('application')
      .set({ ...changes, updated_at: ctx.now().toISOString() })
      .where('id', '=', app.id)
      .where('status', '=', app.status)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw notFound('办件不存在');
    if (action === 'supply') await insertSupplement(ctx, trx, app.id, files);
    const after = { ...app, ...changes } as ApplicationRow;
    const eventId = await recordChange(ctx, trx, {
      app,
      action,
      from: app.status,
      to,
      actor,
      note,
    });
    await notifyApplicant(
      ctx,
      trx,
      after,
      to,
      eventId,
      action === 'accept' ? `承诺${after.due_date}前办结` : note,
    );
    return after;
  });
}

async function insertSupplement(
  ctx: AppContext,
  trx: Transaction<Database>,
  applicationId: string,
  files: readonly UploadedMaterial[],
): Promise<void> {
  const last = await trx
    .selectFrom('application_file')
    .select((eb) => eb.fn.max('round').as('round'))
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
  const round = Number(last?.round ?? 0) + 1;
  const at = ctx.now().toISOString();
  for (const f of files)
    await trx
      .insertInto('application_file')
      .values({ id: newId(), application_id: applicationId, round, uploaded_at: at, ...f })
      .execute();
}
