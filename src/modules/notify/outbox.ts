// The durable outbox. enqueueMessage runs inside the caller's transaction: the
// message exists if and only if the business change committed, and the job
// that wakes the dispatcher is enqueued in that same transaction. A business
// event carries an idempotency key, so enqueueing it twice yields one message.
// The body is rendered now, from the template as it is now, and stored
// encrypted with the recipient: a later template edit does not change a
// message already queued.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { piiCodec } from '../identity/pii.ts';
import { normalisePhone } from '../identity/validators.ts';
import { quietUntil } from './policy.ts';
import { type Rendered, render } from './render.ts';
import type { Channel, OutboxMessageRow } from './tables.ts';
import { loadContent } from './template-store.ts';
import { isUrgent, TEMPLATES, type TemplateContent, type TemplateName } from './templates.ts';

export const DELIVER_JOB = 'notify.deliver';
type Executor = Transaction<Database> | Kysely<Database>;

export interface OutgoingMessage {
  to: string;
  template: TemplateName;
  params: Record<string, string>;
  /** One message per business event: a second enqueue with this key is ignored. */
  idempotencyKey?: string;
  /** Email: the one-click unsubscribe address for the List-Unsubscribe header. */
  unsubscribeUrl?: string;
  /** Not before this moment. */
  notBefore?: Date;
}

export const MAX_ATTEMPTS: Record<Channel, number> = { sms: 8, email: 10 };

/** The recipient as stored and hashed: phones without +86 and separators. */
export function normaliseRecipient(channel: Channel, to: string): string {
  return channel === 'sms' ? normalisePhone(to) : to.trim();
}

/** Ask a worker to run the dispatcher at `runAt`; one job per key. */
export async function wakeDispatcher(
  ctx: AppContext,
  trx: Executor,
  runAt: Date,
  key: string,
): Promise<void> {
  await ctx.jobs.enqueue(DELIVER_JOB, {}, { runAt, idempotencyKey: `deliver:${key}` }, trx);
}

/**
 * Wake the dispatcher at `at`, rounded up to 5 s so that the retries and
 * deferrals of a burst share one job.
 */
export async function wakeAt(
  ctx: AppContext,
  trx: Executor,
  at: Date,
  key?: string,
): Promise<void> {
  const rounded = new Date(Math.ceil(at.getTime() / 5000) * 5000);
  await wakeDispatcher(ctx, trx, rounded, key ?? `at:${rounded.toISOString()}`);
}

/** Earliest moment the message may go: quiet hours hold non-urgent ones until morning. */
export function firstAttemptAt(ctx: AppContext, urgent: boolean, notBefore?: Date): Date {
  const now = ctx.now();
  const at = notBefore && notBefore > now ? notBefore : now;
  return (urgent ? undefined : quietUntil(ctx.config.notify.quietHours, at)) ?? at;
}

function rowFor(
  ctx: AppContext,
  msg: OutgoingMessage,
  rendered: Rendered,
  nextAt: Date,
): OutboxMessageRow {
  const pii = piiCodec(ctx.config.secret);
  const template = TEMPLATES[msg.template];
  const to = normaliseRecipient(template.channel, msg.to);
  const now = ctx.now().toISOString();
  const email =
    template.channel === 'email'
      ? JSON.stringify({
          subject: rendered.subject,
          html: rendered.html,
          unsubscribeUrl: msg.unsubscribeUrl,
        })
      : null;
  return {
    id: newId(),
    channel: template.channel,
    recipient_enc: pii.encrypt('outbox.recipient', to),
    recipient_hash: pii.hash(to),
    template: msg.template,
    body_enc: pii.encrypt('outbox.body', rendered.text),
    email_enc: email === null ? null : pii.encrypt('outbox.email', email),
    status: 'pending',
    urgent: isUrgent(msg.template) ? 1 : 0,
    attempts: 0,
    max_attempts: MAX_ATTEMPTS[template.channel],
    idempotency_key: msg.idempotencyKey ?? null,
    provider_message_id: null,
    last_error: null,
    created_at: now,
    updated_at: now,
    next_attempt_at: nextAt.toISOString(),
    locked_by: null,
    locked_until: null,
    sending_at: null,
    resends: 0,
    sent_at: null,
    delivery_status: null,
    delivered_at: null,
    bounce_code: null,
    bounce_reason: null,
    resend_of: null,
  };
}

/**
 * Queue many messages in the caller's transaction with one wake-up job (a
 * publication reaching hundreds of subscribers is one dispatcher run, not
 * hundreds). Returns each message's id, the existing one for a repeated key.
 */
export async function enqueueMessages(
  ctx: AppContext,
  trx: Executor,
  msgs: readonly OutgoingMessage[],
  wakeKey: string,
): Promise<string[]> {
  if (msgs.length === 0) return [];
  const contents = new Map<TemplateName, TemplateContent>();
  const rows: OutboxMessageRow[] = [];
  for (const msg of msgs) {
    let content = contents.get(msg.template);
    if (!content) {
      content = await loadContent(trx, msg.template);
      contents.set(msg.template, content);
    }
    const nextAt = firstAttemptAt(ctx, isUrgent(msg.template), msg.notBefore);
    rows.push(rowFor(ctx, msg, render(msg.template, msg.params, content), nextAt));
  }
  // Chunks keep every statement under SQLite's and PostgreSQL's parameter limits.
  for (let i = 0; i < rows.length; i += 200) {
    await trx
      .insertInto('outbox_message')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .execute();
  }
  const keys = rows.map((r) => r.idempotency_key).filter((k): k is string => k !== null);
  const existing = new Map<string, string>();
  for (let i = 0; i < keys.length; i += 500) {
    const found = await trx
      .selectFrom('outbox_message')
      .select(['id', 'idempotency_key'])
      .where('idempotency_key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const f of found) existing.set(f.idempotency_key!, f.id);
  }
  const earliest = rows.map((r) => r.next_attempt_at!).sort()[0]!;
  await wakeDispatcher(ctx, trx, new Date(earliest), wakeKey);
  return rows.map((r) => (r.idempotency_key ? (existing.get(r.idempotency_key) ?? r.id) : r.id));
}

/** Queue one message in the caller's transaction; returns its id (the first one for a repeated key). */
export async function enqueueMessage(
  ctx: AppContext,
  trx: Executor,
  msg: OutgoingMessage,
): Promise<string> {
  const wakeKey = msg.idempotencyKey ? `key:${msg.idempotencyKey}` : `msg:${newId()}`;
  const [id] = await enqueueMessages(ctx, trx, [msg], wakeKey);
  return id!;
}

export interface OutboxEntry {
  id: string;
  channel: Channel;
  to: string;
  body: string;
  template: string;
  status: string;
  attempts: number;
  urgent: boolean;
  lastError: string | null;
  providerMessageId: string | null;
  deliveryStatus: string | null;
  deliveredAt: string | null;
  bounce: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface OutboxFilter {
  /** Exact recipient (phone or email), found through its keyed hash. */
  to?: string;
  status?: string;
  channel?: Channel;
  limit?: number;
  offset?: number;
}

export function toEntry(ctx: AppContext, r: OutboxMessageRow): OutboxEntry {
  const pii = piiCodec(ctx.config.secret);
  return {
    id: r.id,
    channel: r.channel,
    to: pii.decrypt('outbox.recipient', r.recipient_enc),
    body: pii.decrypt('outbox.body', r.body_enc),
    template: r.template,
    status: r.status,
    attempts: r.attempts,
    urgent: r.urgent === 1,
    lastError: r.last_error,
    providerMessageId: r.provider_message_id,
    deliveryStatus: r.delivery_status,
    deliveredAt: r.delivered_at,
    bounce: r.bounce_code ? `${r.bounce_code} ${r.bounce_reason ?? ''}`.trim() : null,
    nextAttemptAt: r.next_attempt_at,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

/** Decrypted view for the back office (and tests reading a code from the sink), newest first. */
export async function listOutbox(
  ctx: AppContext,
  filter: OutboxFilter = {},
): Promise<OutboxEntry[]> {
  let q = ctx.db.kysely
    .selectFrom('outbox_message')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 100)
    .offset(filter.offset ?? 0);
  if (filter.to) {
    const channel = filter.to.includes('@') ? 'email' : 'sms';
    q = q.where(
      'recipient_hash',
      '=',
      piiCodec(ctx.config.secret).hash(normaliseRecipient(channel, filter.to)),
    );
  }
  if (filter.status) q = q.where('status', '=', filter.status as OutboxMessageRow['status']);
  if (filter.channel) q = q.where('channel', '=', filter.channel);
  return (await q.execute()).map((r) => toEntry(ctx, r));
}
