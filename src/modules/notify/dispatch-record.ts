// Writing down what the provider said. 'sent', the provider ids and any
// receipt that arrived early are one transaction, written the moment the
// provider answers: the shorter the time between the answer and this commit,
// the smaller the window in which a crash makes the message go twice.
import { backoffDelay } from '../../platform/jobs/queue.ts';
import type { AppContext } from '../../platform/module.ts';
import { piiCodec } from '../identity/pii.ts';
import { DeliveryError, temporary } from './delivery-error.ts';
import { matchReceipts } from './delivery-receipts.ts';
import type { DispatchStats } from './dispatch.ts';
import { wakeAt } from './outbox.ts';
import type { Channel, OutboxMessageRow } from './tables.ts';
import type { Envelope, SendResult } from './transports.ts';

interface EmailParts {
  subject?: string;
  html?: string;
  unsubscribeUrl?: string;
}

/** Decrypt what the transport needs, with the SMS parts an earlier attempt got accepted. */
export async function envelopeFor(
  ctx: AppContext,
  row: OutboxMessageRow,
  onPart: Envelope['onPart'],
): Promise<Envelope> {
  const pii = piiCodec(ctx.config.secret);
  const email: EmailParts = row.email_enc
    ? JSON.parse(pii.decrypt('outbox.email', row.email_enc))
    : {};
  const accepted = new Map<number, string>();
  if (row.channel === 'sms' && (row.attempts > 0 || row.resends > 0)) {
    const refs = await ctx.db.kysely
      .selectFrom('outbox_provider_ref')
      .select(['part', 'provider_id'])
      .where('message_id', '=', row.id)
      .execute();
    for (const r of refs) accepted.set(r.part, r.provider_id);
  }
  return {
    id: row.id,
    to: pii.decrypt('outbox.recipient', row.recipient_enc),
    text: pii.decrypt('outbox.body', row.body_enc),
    subject: email.subject,
    html: email.html,
    unsubscribeUrl: email.unsubscribeUrl,
    accepted,
    onPart,
  };
}

/** One accepted part of a long SMS, so a retry sends only the parts still missing. */
export async function recordPart(
  ctx: AppContext,
  messageId: string,
  part: number,
  providerId: string,
): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto('outbox_provider_ref')
      .values({
        provider_id: providerId,
        message_id: messageId,
        part,
        created_at: ctx.now().toISOString(),
      })
      .onConflict((oc) => oc.column('provider_id').doNothing())
      .execute();
    await matchReceipts(trx, ctx.now(), [providerId]);
  });
}

export async function recordSent(
  ctx: AppContext,
  messageId: string,
  me: string,
  result: SendResult,
): Promise<void> {
  const now = ctx.now().toISOString();
  const updated = await ctx.db.kysely.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('outbox_message')
      .set({
        status: 'sent',
        provider_message_id: result.providerId.slice(0, 100),
        sent_at: now,
        last_error: null,
        locked_by: null,
        locked_until: null,
        updated_at: now,
      })
      .where('id', '=', messageId)
      .where('status', '=', 'sending')
      .where('locked_by', '=', me)
      .executeTakeFirst();
    await trx
      .insertInto('outbox_provider_ref')
      .values(
        result.refs.map((r) => ({
          provider_id: r.providerId.slice(0, 200),
          message_id: messageId,
          part: r.part,
          created_at: now,
        })),
      )
      .onConflict((oc) => oc.column('provider_id').doNothing())
      .execute();
    await matchReceipts(
      trx,
      ctx.now(),
      result.refs.map((r) => r.providerId),
    );
    return Number(res.numUpdatedRows);
  });
  if (updated !== 1) {
    ctx.logger.warn(
      { messageId },
      'message accepted by the provider after its sending lease expired; another run may send it again',
    );
  }
}

const BACKOFF_BASE_MS: Record<Channel, number> = { sms: 10_000, email: 60_000 };

/** Permanent → 'failed' with the bounce; temporary → 'pending' after a backoff, or 'dead' when attempts are used up. */
export async function recordFailure(
  ctx: AppContext,
  row: OutboxMessageRow,
  me: string,
  err: unknown,
  stats: DispatchStats,
): Promise<void> {
  const e = err instanceof DeliveryError ? err : temporary((err as Error)?.message ?? String(err));
  const now = ctx.now();
  const attempts = row.attempts + 1;
  const status = e.permanent ? 'failed' : attempts >= row.max_attempts ? 'dead' : 'pending';
  const retryAt = new Date(now.getTime() + backoffDelay(attempts, BACKOFF_BASE_MS[row.channel]));
  await ctx.db.kysely
    .updateTable('outbox_message')
    .set({
      status,
      last_error: e.message.slice(0, 2000),
      ...(e.permanent
        ? { bounce_code: e.code ?? null, bounce_reason: e.message.slice(0, 2000) }
        : {}),
      ...(status === 'pending' ? { next_attempt_at: retryAt.toISOString() } : {}),
      locked_by: null,
      locked_until: null,
      updated_at: now.toISOString(),
    })
    .where('id', '=', row.id)
    .where('status', '=', 'sending')
    .where('locked_by', '=', me)
    .execute();
  if (status === 'pending') await wakeAt(ctx, ctx.db.kysely, retryAt);
  stats[status === 'pending' ? 'retried' : status === 'failed' ? 'failed' : 'dead'] += 1;
  ctx.logger[status === 'pending' ? 'info' : 'warn'](
    {
      messageId: row.id,
      channel: row.channel,
      template: row.template,
      attempt: attempts,
      code: e.code,
      status,
    },
    status === 'pending'
      ? 'message not accepted yet; will retry'
      : 'message could not be delivered',
  );
}
