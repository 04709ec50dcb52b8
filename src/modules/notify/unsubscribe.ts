// Unsubscribing: from the link in every subscription email (a signed token
// naming the subscription; GET shows a confirm page, POST — also the RFC 8058
// one-click POST a mail client sends — ends it), and by replying TD to an SMS.
// The token is an HMAC of the subscription id with a key derived for this one
// purpose; it does not expire, because ending a subscription twice is harmless
// and an old email must still let its reader out.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { derivedKey } from '../../platform/crypto.ts';
import type { AppContext } from '../../platform/module.ts';
import { audit } from '../identity/audit-events.ts';
import { piiCodec } from '../identity/pii.ts';
import { normaliseRecipient } from './outbox.ts';
import type { Channel, SubscriptionRow } from './tables.ts';

const mac = (secret: string, id: string) =>
  createHmac('sha256', derivedKey(secret, 'notify-unsubscribe'))
    .update(`unsubscribe:${id}`)
    .digest('base64url')
    .slice(0, 22);

export function unsubscribeToken(secret: string, subscriptionId: string): string {
  return `${subscriptionId}.${mac(secret, subscriptionId)}`;
}

/** The subscription id a token names, or undefined for a forged or damaged token. */
export function verifyUnsubscribeToken(secret: string, token: string): string | undefined {
  const m = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m) return undefined;
  const expected = Buffer.from(mac(secret, m[1]!));
  const given = Buffer.from(m[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? m[1] : undefined;
}

export function unsubscribeUrl(ctx: AppContext, subscriptionId: string): string {
  return `${ctx.config.publicUrl}/notify/unsubscribe/${unsubscribeToken(ctx.config.secret, subscriptionId)}`;
}

export async function findSubscription(
  ctx: AppContext,
  id: string,
): Promise<SubscriptionRow | undefined> {
  return ctx.db.kysely
    .selectFrom('notify_subscription')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
}

async function end(
  ctx: AppContext,
  where: { id?: string; channel?: Channel; addressHash?: string },
  via: string,
): Promise<number> {
  const now = ctx.now().toISOString();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    let q = trx
      .updateTable('notify_subscription')
      .set({ status: 'unsubscribed', unsubscribed_at: now, unsubscribed_via: via, updated_at: now })
      .where('status', '=', 'active');
    if (where.id) q = q.where('id', '=', where.id);
    if (where.channel) q = q.where('channel', '=', where.channel);
    if (where.addressHash) q = q.where('address_hash', '=', where.addressHash);
    const res = await q.executeTakeFirst();
    const ended = Number(res.numUpdatedRows);
    if (ended > 0) {
      await audit(ctx, trx, {
        actor: { id: null, name: 'subscriber' },
        action: 'notify.unsubscribe',
        targetType: 'notify_subscription',
        targetId: where.id ?? `${where.channel}:*`,
        outcome: 'success',
        detail: { via, ended },
      });
    }
    return ended;
  });
}

/**
 * End the subscription a link names; with `everything`, every subscription
 * of the same address on the same channel. Returns how many were ended.
 */
export async function unsubscribeById(
  ctx: AppContext,
  id: string,
  via: string,
  everything = false,
): Promise<number> {
  const sub = await findSubscription(ctx, id);
  if (!sub) return 0;
  return everything
    ? end(ctx, { channel: sub.channel, addressHash: sub.address_hash }, via)
    : end(ctx, { id }, via);
}

/** End every subscription of one phone or email address on a channel (a TD reply). */
export async function unsubscribeAddress(
  ctx: AppContext,
  channel: Channel,
  address: string,
  via: string,
): Promise<number> {
  const hash = piiCodec(ctx.config.secret).hash(normaliseRecipient(channel, address));
  return end(ctx, { channel, addressHash: hash }, via);
}
