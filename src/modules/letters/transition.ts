// Moving a letter: check the move against the state table, compare-and-set
// the status, write the timeline entry the writer sees and the audit record,
// all in the caller's transaction.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { type Actor, audit } from '../identity/audit-events.ts';
import type { Grant } from '../identity/permissions.ts';
import { canMove, type LetterAction, TRANSITIONS } from './states.ts';
import type { LetterRow } from './tables.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** Someone acting on a letter: staff with their grants, a citizen with none. */
export interface LetterActor extends Actor {
  id: string;
  grants: readonly Grant[];
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system' };

export async function getLetter(
  ctx: AppContext,
  id: string,
  db: Executor = ctx.db.kysely,
): Promise<LetterRow> {
  const row = await db.selectFrom('letter').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('信件不存在');
  return row;
}

export interface EventInput {
  letter: Pick<LetterRow, 'id'>;
  action: string;
  actor: Actor;
  note?: string | null;
  detail?: Record<string, unknown>;
}

/** One entry in the letter's timeline and the audit log. */
export async function recordEvent(
  ctx: AppContext,
  trx: Transaction<Database>,
  e: EventInput,
): Promise<void> {
  await trx
    .insertInto('letter_event')
    .values({
      id: newId(),
      letter_id: e.letter.id,
      action: e.action,
      actor_id: e.actor.id,
      note: e.note ?? null,
      created_at: ctx.now().toISOString(),
    })
    .execute();
  await audit(ctx, trx, {
    actor: e.actor,
    action: `letter.${e.action}`,
    targetType: 'letter',
    targetId: e.letter.id,
    outcome: 'success',
    detail: e.detail ?? {},
  });
}

/**
 * Apply `action` to the letter: refused (409) when its status does not allow
 * it or changed meanwhile. `set` holds the other columns the move changes.
 */
export async function moveLetter(
  ctx: AppContext,
  trx: Transaction<Database>,
  letter: LetterRow,
  action: LetterAction,
  actor: Actor,
  options: {
    set?: Partial<LetterRow>;
    note?: string | null;
    detail?: Record<string, unknown>;
  } = {},
): Promise<void> {
  if (!canMove(letter.status, action)) throw conflict('信件当前状态不允许此操作');
  const { to } = TRANSITIONS[action];
  const res = await trx
    .updateTable('letter')
    .set({ ...options.set, status: to, updated_at: ctx.now().toISOString() })
    .where('id', '=', letter.id)
    .where('status', '=', letter.status)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw conflict('信件状态已变化，请刷新后重试');
  await recordEvent(ctx, trx, {
    letter,
    action,
    actor,
    note: options.note,
    detail: { from: letter.status, to, ...options.detail },
  });
}
