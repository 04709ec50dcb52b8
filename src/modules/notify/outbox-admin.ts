// What staff may do with a message in the back office. Cancel stops a message
// that has not been handed over yet (a compare-and-set on 'pending', so it
// cannot race a dispatcher that is marking it 'sending'). Resend queues a
// fresh copy of a finished message — sent, failed, dead, cancelled or held —
// and leaves the original as the record of what happened. Both are audited.
import { conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { type Actor, audit } from '../identity/audit-events.ts';
import { MAX_ATTEMPTS, type OutboxEntry, toEntry, wakeDispatcher } from './outbox.ts';
import type { OutboxMessageRow } from './tables.ts';

const FINISHED = ['sent', 'failed', 'dead', 'cancelled', 'held'] as const;

async function row(ctx: AppContext, id: string): Promise<OutboxMessageRow> {
  const found = await ctx.db.kysely
    .selectFrom('outbox_message')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!found) throw notFound('没有这条消息');
  return found;
}

export async function getMessage(ctx: AppContext, id: string): Promise<OutboxEntry> {
  return toEntry(ctx, await row(ctx, id));
}

export async function cancelMessage(ctx: AppContext, id: string, actor: Actor): Promise<void> {
  await row(ctx, id);
  const now = ctx.now().toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('outbox_message')
      .set({
        status: 'cancelled',
        locked_by: null,
        locked_until: null,
        updated_at: now,
        last_error: `已由${actor.name}取消`,
      })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('这条消息已在发送或已结束，不能取消');
    await audit(ctx, trx, {
      actor,
      action: 'notify.cancel',
      targetType: 'outbox_message',
      targetId: id,
      outcome: 'success',
    });
  });
}

/** Queue a copy of a finished message; returns the new message's id. */
export async function resendMessage(ctx: AppContext, id: string, actor: Actor): Promise<string> {
  const original = await row(ctx, id);
  if (!(FINISHED as readonly string[]).includes(original.status)) {
    throw conflict('这条消息还在发送队列中，不需要重发');
  }
  const now = ctx.now().toISOString();
  const copy: OutboxMessageRow = {
    ...original,
    id: newId(),
    status: 'pending',
    attempts: 0,
    max_attempts: MAX_ATTEMPTS[original.channel],
    idempotency_key: null,
    provider_message_id: null,
    last_error: null,
    created_at: now,
    updated_at: now,
    next_attempt_at: now,
    locked_by: null,
    locked_until: null,
    sending_at: null,
    resends: 0,
    sent_at: null,
    delivery_status: null,
    delivered_at: null,
    bounce_code: null,
    bounce_reason: null,
    resend_of: original.id,
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto('outbox_message').values(copy).execute();
    await wakeDispatcher(ctx, trx, ctx.now(), `resend:${copy.id}`);
    await audit(ctx, trx, {
      actor,
      action: 'notify.resend',
      targetType: 'outbox_message',
      targetId: original.id,
      outcome: 'success',
      detail: { copy: copy.id },
    });
  });
  return copy.id;
}
