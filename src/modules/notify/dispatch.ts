// The dispatcher: hands due outbox messages to their provider. Each run
//  1. reconciles: a message found in 'sending' whose lease expired was being
//     handed over when its node died; it may or may not have reached the
//     provider. It is resent once (resends = 1); found there a second time it
//     goes to 'dead' for staff to look at, so a crash loop cannot send it
//     again and again;
//  2. holds non-urgent messages until quiet hours end;
//  3. claims a batch of due messages with a lease (FOR UPDATE SKIP LOCKED on
//     PostgreSQL, so nodes never share one), applies the rate limits, and
//     sends them, each lane one message at a time: mark 'sending' (committed)
//     → submit → record 'sent' with the provider id (committed). A crash can
//     therefore duplicate only a message between its submit and that last
//     commit: at most one per lane.
// Failures: permanent → 'failed' (with the bounce code); temporary → back to
// 'pending' with exponential backoff, 'dead' when the attempts are used up.
import { sql } from 'kysely';
import { randomToken } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { matchReceipts } from './delivery-receipts.ts';
import { applyLimits, holdInSink, releaseClaims } from './dispatch-limits.ts';
import { envelopeFor, recordFailure, recordPart, recordSent } from './dispatch-record.ts';
import { wakeAt } from './outbox.ts';
import { quietUntil } from './policy.ts';
import type { Channel, OutboxMessageRow } from './tables.ts';
import { type Transport, transportFor } from './transports.ts';

export interface DispatchOptions {
  signal?: AbortSignal;
  /** Stop claiming new batches after this long (real time); a follow-up job carries on. */
  maxMs?: number;
  batchSize?: number;
  /** How long a claimed message stays reserved for this run. */
  claimLeaseMs?: number;
  /** How long a message may stay in 'sending' before another run presumes it lost. */
  sendLeaseMs?: number;
}

export interface DispatchStats {
  sent: number;
  held: number;
  failed: number;
  retried: number;
  dead: number;
  deferred: number;
  resent: number;
}

const INTERRUPTED = '发送过程中断（节点停止或失联），已重发一次';
const LOST_TWICE = '两次在发送过程中中断，为避免重复发送已停止，请核实后手动重发';

async function reconcile(ctx: AppContext, now: Date, stats: DispatchStats): Promise<void> {
  const k = ctx.db.kysely;
  const nowIso = now.toISOString();
  const dead = await k
    .updateTable('outbox_message')
    .set({
      status: 'dead',
      last_error: LOST_TWICE,
      locked_by: null,
      locked_until: null,
      updated_at: nowIso,
    })
    .where('status', '=', 'sending')
    .where('locked_until', '<', nowIso)
    .where('resends', '>=', 1)
    .executeTakeFirst();
  const resent = await k
    .updateTable('outbox_message')
    .set((eb) => ({
      status: 'pending',
      resends: eb('resends', '+', 1),
      next_attempt_at: nowIso,
      last_error: INTERRUPTED,
      locked_by: null,
      locked_until: null,
      updated_at: nowIso,
    }))
    .where('status', '=', 'sending')
    .where('locked_until', '<', nowIso)
    .executeTakeFirst();
  stats.dead += Number(dead.numUpdatedRows);
  stats.resent += Number(resent.numUpdatedRows);
  if (stats.dead + stats.resent > 0) {
    ctx.logger.warn(
      { resent: stats.resent, dead: stats.dead },
      'messages found in sending with an expired lease: resent once, or dead if already resent',
    );
  }
  const quietEnd = quietUntil(ctx.config.notify.quietHours, now);
  if (quietEnd) {
    const held = await k
      .updateTable('outbox_message')
      .set({ next_attempt_at: quietEnd.toISOString() })
      .where('status', '=', 'pending')
      .where('urgent', '=', 0)
      .where('next_attempt_at', '<', quietEnd.toISOString())
      .executeTakeFirst();
    if (Number(held.numUpdatedRows) > 0) await wakeAt(ctx, k, quietEnd);
  }
  await matchReceipts(k, now);
}

async function claim(
  ctx: AppContext,
  me: string,
  channel: Channel,
  limit: number,
  leaseMs: number,
) {
  const now = ctx.now();
  const nowIso = now.toISOString();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  const lock = ctx.db.dialect === 'postgres' ? sql`FOR UPDATE SKIP LOCKED` : sql``;
  const res = await sql<OutboxMessageRow>`
    UPDATE outbox_message SET locked_by = ${me}, locked_until = ${until}
     WHERE id IN (
       SELECT id FROM outbox_message
        WHERE status = 'pending' AND channel = ${channel} AND next_attempt_at <= ${nowIso}
          AND (locked_until IS NULL OR locked_until < ${nowIso})
        ORDER BY urgent DESC, next_attempt_at, id
        LIMIT ${limit} ${lock})
    RETURNING *`.execute(ctx.db.kysely);
  return res.rows.sort(
    (a, b) =>
      b.urgent - a.urgent ||
      String(a.next_attempt_at).localeCompare(String(b.next_attempt_at)) ||
      a.id.localeCompare(b.id),
  );
}

async function sendOne(
  ctx: AppContext,
  transport: Transport,
  row: OutboxMessageRow,
  me: string,
  sendLeaseMs: number,
  stats: DispatchStats,
): Promise<void> {
  const now = ctx.now();
  // The mark that makes a crash visible: committed before anything leaves.
  const marked = await ctx.db.kysely
    .updateTable('outbox_message')
    .set((eb) => ({
      status: 'sending',
      attempts: eb('attempts', '+', 1),
      sending_at: now.toISOString(),
      locked_until: new Date(now.getTime() + sendLeaseMs).toISOString(),
      updated_at: now.toISOString(),
    }))
    .where('id', '=', row.id)
    .where('status', '=', 'pending')
    .where('locked_by', '=', me)
    .executeTakeFirst();
  if (Number(marked.numUpdatedRows) !== 1) return; // cancelled meanwhile
  try {
    const envelope = await envelopeFor(ctx, row, (part, id) => recordPart(ctx, row.id, part, id));
    const result = await transport.send(envelope);
    await recordSent(ctx, row.id, me, result);
    stats.sent += 1;
  } catch (err) {
    await recordFailure(ctx, row, me, err, stats);
  }
}

async function processChannel(
  ctx: AppContext,
  channel: Channel,
  rows: OutboxMessageRow[],
  me: string,
  options: DispatchOptions,
  stats: DispatchStats,
): Promise<void> {
  const transport = transportFor(ctx, channel);
  // The limits apply to the development sink too, so a developer sees the
  // same deferrals production would make.
  const { allowed, deferred } = await applyLimits(ctx, channel, rows, me);
  stats.deferred += deferred;
  if (transport.sink) {
    if (allowed.length > 0) stats.held += await holdInSink(ctx, allowed, me);
    return;
  }
  const queue = [...allowed];
  const lanes = Array.from({ length: Math.min(transport.lanes, queue.length) }, async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      if (options.signal?.aborted) {
        queue.unshift(row);
        break;
      }
      await sendOne(ctx, transport, row, me, options.sendLeaseMs ?? 60_000, stats);
    }
  });
  await Promise.all(lanes);
  if (queue.length > 0) await releaseClaims(ctx, queue, me);
}

/**
 * Send what is due; loops over batches until none is left, the time is up, or
 * shutdown. Each channel has its own loop, so slow mail never holds up SMS.
 */
export async function dispatchDue(
  ctx: AppContext,
  options: DispatchOptions = {},
): Promise<DispatchStats> {
  const me = `dispatch:${randomToken(6)}`;
  const stats: DispatchStats = {
    sent: 0,
    held: 0,
    failed: 0,
    retried: 0,
    dead: 0,
    deferred: 0,
    resent: 0,
  };
  const started = performance.now();
  if (ctx.config.notify.smppUrl) transportFor(ctx, 'sms').keepAlive();
  await reconcile(ctx, ctx.now(), stats);
  let outOfTime = false;
  const loop = async (channel: Channel) => {
    while (!options.signal?.aborted) {
      const rows = await claim(
        ctx,
        me,
        channel,
        options.batchSize ?? 50,
        options.claimLeaseMs ?? 120_000,
      );
      if (rows.length === 0) return;
      await processChannel(ctx, channel, rows, me, options, stats);
      if (performance.now() - started > (options.maxMs ?? 50_000)) {
        outOfTime = true;
        return;
      }
    }
  };
  await Promise.all([loop('sms'), loop('email')]);
  if (outOfTime) await wakeAt(ctx, ctx.db.kysely, ctx.now(), `continue:${me}`);
  return stats;
}
