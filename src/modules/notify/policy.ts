// When a message may go out. Quiet hours (Beijing time, e.g. 22:00–08:00)
// hold non-urgent messages until morning; a per-recipient limit keeps one
// person from being flooded by many subscriptions; a per-channel limit, counted
// in the database so it holds across every node, caps what the deployment
// hands to the SMS gateway and the mail relay per minute. A message over a
// limit is deferred, never dropped. Codes and security notices are urgent:
// they skip quiet hours and the recipient limit (their senders cap them).
import type { AppContext } from '../../platform/module.ts';
import type { Channel } from './tables.ts';

const BEIJING_OFFSET_MIN = 8 * 60; // China has no daylight saving time
const MINUTE = 60_000;
export const RECIPIENT_WINDOW_MS = 60 * MINUTE;
export const CHANNEL_WINDOW_MS = MINUTE;

/** The end of the quiet period `now` falls in, or undefined outside quiet hours. */
export function quietUntil(
  hours: { start: number; end: number } | undefined,
  now: Date,
): Date | undefined {
  if (!hours) return undefined;
  const minuteOfDay = Math.floor(now.getTime() / MINUTE + BEIJING_OFFSET_MIN) % 1440;
  const { start, end } = hours;
  const inside =
    start > end
      ? minuteOfDay >= start || minuteOfDay < end
      : minuteOfDay >= start && minuteOfDay < end;
  if (!inside) return undefined;
  const minutesLeft = (end - minuteOfDay + 1440) % 1440;
  const startOfMinute = Math.floor(now.getTime() / MINUTE) * MINUTE;
  return new Date(startOfMinute + minutesLeft * MINUTE);
}

export function perMinuteLimit(ctx: AppContext, channel: Channel): number {
  return channel === 'sms' ? ctx.config.notify.smsPerMinute : ctx.config.notify.emailPerMinute;
}

export interface ChannelBudget {
  /** Messages that may still be handed over in the current window. */
  remaining: number;
  /** When the oldest counted message leaves the window. */
  nextFreeAt: Date;
}

/** How many more messages the channel may send now, counted over every node. */
export async function channelBudget(
  ctx: AppContext,
  channel: Channel,
  now: Date,
): Promise<ChannelBudget> {
  const since = new Date(now.getTime() - CHANNEL_WINDOW_MS).toISOString();
  const row = await ctx.db.kysely
    .selectFrom('outbox_message')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('sending_at').as('oldest')])
    .where('channel', '=', channel)
    .where('sending_at', '>', since)
    .executeTakeFirstOrThrow();
  const used = Number(row.n);
  const oldest = row.oldest ? Date.parse(String(row.oldest)) : now.getTime();
  return {
    remaining: Math.max(0, perMinuteLimit(ctx, channel) - used),
    nextFreeAt: new Date(oldest + CHANNEL_WINDOW_MS + 1),
  };
}

export interface RecipientUsage {
  count: number;
  oldest: number;
}

/** Non-urgent messages handed over per recipient in the last hour. */
export async function recipientUsage(
  ctx: AppContext,
  channel: Channel,
  hashes: readonly string[],
  now: Date,
): Promise<Map<string, RecipientUsage>> {
  const usage = new Map<string, RecipientUsage>();
  if (hashes.length === 0) return usage;
  const since = new Date(now.getTime() - RECIPIENT_WINDOW_MS).toISOString();
  const rows = await ctx.db.kysely
    .selectFrom('outbox_message')
    .select((eb) => [
      'recipient_hash',
      eb.fn.countAll<number>().as('n'),
      eb.fn.min('sending_at').as('oldest'),
    ])
    .where('channel', '=', channel)
    .where('urgent', '=', 0)
    .where('sending_at', '>', since)
    .where('recipient_hash', 'in', [...new Set(hashes)])
    .groupBy('recipient_hash')
    .execute();
  for (const r of rows) {
    usage.set(r.recipient_hash, { count: Number(r.n), oldest: Date.parse(String(r.oldest)) });
  }
  return usage;
}
