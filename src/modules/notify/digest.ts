// The daily digest: publications matched by 'daily' subscriptions wait as
// digest items; once a day (schedule notify.digest, 08:00 Beijing time, when
// quiet hours end) each subscription's open items become one message. Each
// subscription is its own transaction: the message is queued and the items
// closed together, under an idempotency key naming the newest item, so a
// digest job that runs twice (at-least-once) still sends one digest.
import { formatShanghai } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/module.ts';
import { enqueueMessage } from './outbox.ts';
import { decryptAddress } from './subscriptions.ts';
import type { DigestItemRow } from './tables.ts';
import { unsubscribeUrl } from './unsubscribe.ts';

export const DIGEST_JOB = 'notify.digest';
/** Items in one digest at most; the rest go in the next one. */
const MAX_ITEMS = 50;
/** Marks items of a subscription that ended before its digest went out. */
const DROPPED = 'dropped';

function beijingDate(now: Date): string {
  const [, month, day] = formatShanghai(now, 'date').split('-').map(Number);
  return `${month}月${day}日`;
}

function itemLines(items: readonly DigestItemRow[]): string {
  return items
    .map((it, i) => `${i + 1}. 《${it.title}》${it.issuer ? `（${it.issuer}）` : ''}\n${it.url}`)
    .join('\n\n');
}

async function digestOne(ctx: AppContext, subscriptionId: string): Promise<boolean> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const items = await trx
      .selectFrom('notify_digest_item')
      .selectAll()
      .where('subscription_id', '=', subscriptionId)
      .where('message_id', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .limit(MAX_ITEMS)
      .execute();
    if (items.length === 0) return false;
    const ids = items.map((i) => i.id);
    const sub = await trx
      .selectFrom('notify_subscription')
      .selectAll()
      .where('id', '=', subscriptionId)
      .executeTakeFirst();
    if (sub?.status !== 'active') {
      await trx
        .updateTable('notify_digest_item')
        .set({ message_id: DROPPED })
        .where('id', 'in', ids)
        .execute();
      return false;
    }
    const link = sub.channel === 'email' ? unsubscribeUrl(ctx, sub.id) : undefined;
    const messageId = await enqueueMessage(ctx, trx, {
      to: decryptAddress(ctx, sub),
      template: sub.channel === 'sms' ? 'subscription.digest.sms' : 'subscription.digest.email',
      params: {
        date: beijingDate(ctx.now()),
        count: String(items.length),
        items: itemLines(items),
        first_title: items[0]!.title,
        url: items.length === 1 ? items[0]!.url : `${ctx.config.publicUrl}/`,
        unsubscribe_url: link ?? '',
      },
      idempotencyKey: `digest:${sub.id}:${ids.at(-1)}`,
      unsubscribeUrl: link,
    });
    await trx
      .updateTable('notify_digest_item')
      .set({ message_id: messageId })
      .where('id', 'in', ids)
      .where('message_id', 'is', null)
      .execute();
    return true;
  });
}

/** Turn every subscription's open digest items into one message each; returns how many. */
export async function sendDigests(ctx: AppContext): Promise<number> {
  const open = await ctx.db.kysely
    .selectFrom('notify_digest_item')
    .select('subscription_id')
    .distinct()
    .where('message_id', 'is', null)
    .execute();
  let sent = 0;
  for (const { subscription_id } of open) {
    if (await digestOne(ctx, subscription_id)) sent += 1;
  }
  return sent;
}
