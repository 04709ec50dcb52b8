// The dispatcher's decisions before anything is sent: which claimed messages
// the rate limits let through now and which wait (deferred, never dropped),
// the development sink, and giving back claims a stopping run did not use.
import type { AppContext } from '../../platform/module.ts';
import { wakeAt } from './outbox.ts';
import { channelBudget, RECIPIENT_WINDOW_MS, recipientUsage } from './policy.ts';
import type { Channel, OutboxMessageRow } from './tables.ts';

const CHANNEL_FULL = '已达本渠道每分钟发送上限，稍后发送';
const RECIPIENT_FULL = '已达该收件人每小时发送上限，稍后发送';

/** Split a claimed batch into what may go now and what waits; the waiting ones are released. */
export async function applyLimits(
  ctx: AppContext,
  channel: Channel,
  rows: readonly OutboxMessageRow[],
  me: string,
): Promise<{ allowed: OutboxMessageRow[]; deferred: number }> {
  const now = ctx.now();
  const budget = await channelBudget(ctx, channel, now);
  const hashes = rows.filter((r) => r.urgent === 0).map((r) => r.recipient_hash);
  const usage = await recipientUsage(ctx, channel, hashes, now);
  const limit = ctx.config.notify.perRecipientPerHour;
  const allowed: OutboxMessageRow[] = [];
  const waits: { row: OutboxMessageRow; until: Date; why: string }[] = [];
  for (const row of rows) {
    if (budget.remaining <= 0) {
      waits.push({ row, until: budget.nextFreeAt, why: CHANNEL_FULL });
      continue;
    }
    if (row.urgent === 0) {
      const u = usage.get(row.recipient_hash) ?? { count: 0, oldest: now.getTime() };
      if (u.count >= limit) {
        waits.push({
          row,
          until: new Date(u.oldest + RECIPIENT_WINDOW_MS + 1),
          why: RECIPIENT_FULL,
        });
        continue;
      }
      usage.set(row.recipient_hash, { count: u.count + 1, oldest: u.oldest });
    }
    budget.remaining -= 1;
    allowed.push(row);
  }
  for (const w of waits) {
    await ctx.db.kysely
      .updateTable('outbox_message')
      .set({
        next_attempt_at: w.until.toISOString(),
        last_error: w.why,
        locked_by: null,
        locked_until: null,
        updated_at: now.toISOString(),
      })
      .where('id', '=', w.row.id)
      .where('locked_by', '=', me)
      .where('status', '=', 'pending')
      .execute();
  }
  if (waits.length > 0) {
    const earliest = new Date(Math.min(...waits.map((w) => w.until.getTime())));
    await wakeAt(ctx, ctx.db.kysely, earliest);
  }
  return { allowed, deferred: waits.length };
}

/** No gateway configured: keep the messages in the outbox as 'held' and log that nothing was sent. */
export async function holdInSink(
  ctx: AppContext,
  rows: readonly OutboxMessageRow[],
  me: string,
): Promise<number> {
  const now = ctx.now().toISOString();
  const res = await ctx.db.kysely
    .updateTable('outbox_message')
    .set((eb) => ({
      status: 'held',
      attempts: eb('attempts', '+', 1),
      sending_at: now,
      sent_at: now,
      locked_by: null,
      locked_until: null,
      updated_at: now,
    }))
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .where('locked_by', '=', me)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  for (const row of rows) {
    ctx.logger.info(
      { messageId: row.id, channel: row.channel, template: row.template },
      'message held in the development sink (no gateway configured; not sent)',
    );
  }
  return Number(res.numUpdatedRows);
}

/** Give back claimed messages this run will not send (it is stopping). */
export async function releaseClaims(
  ctx: AppContext,
  rows: readonly OutboxMessageRow[],
  me: string,
): Promise<void> {
  await ctx.db.kysely
    .updateTable('outbox_message')
    .set({ locked_by: null, locked_until: null })
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .where('locked_by', '=', me)
    .where('status', '=', 'pending')
    .execute();
}
