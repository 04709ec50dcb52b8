// The durable outbox. enqueueMessage runs inside the caller's transaction: the
// message exists if and only if the business change committed, and its
// delivery job is enqueued in the same transaction. Until a real gateway is
// configured the development sink holds messages (status 'held') where
// administrators can read them; nothing leaves the machine.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import { nowIso } from '../../platform/database/index.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { piiCodec } from '../identity/pii.ts';
import type { OutboxMessageRow } from './tables.ts';
import { renderTemplate, TEMPLATES, type TemplateName } from './templates.ts';

export const DELIVER_JOB = 'notify.deliver';

export interface OutgoingMessage {
  to: string;
  template: TemplateName;
  params: Record<string, string>;
  /** One message per business event: a second enqueue with this key is ignored. */
  idempotencyKey?: string;
}

export async function enqueueMessage(
  ctx: AppContext,
  trx: Transaction<Database> | Kysely<Database>,
  msg: OutgoingMessage,
): Promise<string> {
  const pii = piiCodec(ctx.config.secret);
  const id = newId();
  const inserted = await trx
    .insertInto('outbox_message')
    .values({
      id,
      channel: TEMPLATES[msg.template].channel,
      recipient_enc: pii.encrypt('outbox.recipient', msg.to),
      recipient_hash: pii.hash(msg.to),
      template: msg.template,
      body_enc: pii.encrypt('outbox.body', renderTemplate(msg.template, msg.params)),
      status: 'pending',
      attempts: 0,
      idempotency_key: msg.idempotencyKey ?? null,
      provider_message_id: null,
      last_error: null,
      created_at: ctx.now().toISOString(),
      sent_at: null,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return id;
  await ctx.jobs.enqueue(DELIVER_JOB, { id }, { idempotencyKey: `deliver:${id}` }, trx);
  return id;
}

/** Delivery job: with no gateway configured, hold the message in the development sink. */
export async function deliverMessage(ctx: AppContext, id: string): Promise<void> {
  const row = await ctx.db.kysely
    .selectFrom('outbox_message')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (row?.status !== 'pending') return;
  await ctx.db.kysely
    .updateTable('outbox_message')
    .set({ status: 'held', attempts: row.attempts + 1, sent_at: nowIso(ctx.now()) })
    .where('id', '=', id)
    .execute();
  ctx.logger.info(
    { messageId: id, channel: row.channel, template: row.template },
    'message held in the development sink (no gateway configured; not sent)',
  );
}

export interface OutboxEntry {
  id: string;
  channel: string;
  to: string;
  body: string;
  template: string;
  status: string;
  createdAt: string;
}

/** Decrypted view for the back office (and tests reading a code from the sink). */
export async function listOutbox(
  ctx: AppContext,
  filter: { to?: string; limit?: number } = {},
): Promise<OutboxEntry[]> {
  const pii = piiCodec(ctx.config.secret);
  let q = ctx.db.kysely
    .selectFrom('outbox_message')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 100);
  if (filter.to) q = q.where('recipient_hash', '=', pii.hash(filter.to));
  const rows: OutboxMessageRow[] = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    to: pii.decrypt('outbox.recipient', r.recipient_enc),
    body: pii.decrypt('outbox.body', r.body_enc),
    template: r.template,
    status: r.status,
    createdAt: r.created_at,
  }));
}
