// publishEvent: called by the content module inside the transaction that
// publishes something. It finds every active subscription the publication
// matches (its channel, one of its topics, its issuer, or a query whose words
// all occur in it), and in that same transaction queues one message per
// recipient and channel, or adds it to their daily digest. If the publishing
// transaction rolls back, nothing is sent; publishing the same event twice
// queues nothing new (the idempotency key is the event and the recipient).
// A recipient matched by several subscriptions gets one message, credited to
// the oldest matching subscription (whose unsubscribe link it carries).
import type { Transaction } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import { badRequest } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { enqueueMessages, type OutgoingMessage } from './outbox.ts';
import { decryptAddress, TARGET_LABELS } from './subscriptions.ts';
import type { DigestItemRow, SubscriptionRow } from './tables.ts';
import { unsubscribeUrl } from './unsubscribe.ts';

export interface PublicationEvent {
  /** Stable id of the published item (the same id when published again). */
  id: string;
  kind: 'publication';
  title: string;
  url: string;
  channel?: string;
  topics?: readonly string[];
  issuer?: string;
  /** Plain text of the publication, for query subscriptions and the email summary. */
  text?: string;
}

export interface PublishResult {
  immediate: number;
  digest: number;
}

const fold = (s: string) => s.normalize('NFKC').toLowerCase();

/** A query matches when each of its space-separated words occurs in the publication. */
export function matchesQuery(query: string, haystack: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const text = fold(haystack);
  return words.length > 0 && words.every((w) => text.includes(w));
}

async function matchingSubscriptions(
  trx: Transaction<Database>,
  e: PublicationEvent,
): Promise<SubscriptionRow[]> {
  const rows = await trx
    .selectFrom('notify_subscription')
    .selectAll()
    .where('status', '=', 'active')
    .where((eb) => {
      const any = [eb('target_kind', '=', 'query')];
      if (e.channel)
        any.push(eb.and([eb('target_kind', '=', 'channel'), eb('target_value', '=', e.channel)]));
      if (e.issuer)
        any.push(eb.and([eb('target_kind', '=', 'issuer'), eb('target_value', '=', e.issuer)]));
      if (e.topics?.length) {
        any.push(
          eb.and([eb('target_kind', '=', 'topic'), eb('target_value', 'in', [...e.topics])]),
        );
      }
      return eb.or(any);
    })
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const haystack = [e.title, e.issuer ?? '', e.text ?? ''].join('\n');
  return rows.filter((r) => r.target_kind !== 'query' || matchesQuery(r.target_value, haystack));
}

export async function publishEvent(
  ctx: AppContext,
  trx: Transaction<Database>,
  event: PublicationEvent,
): Promise<PublishResult> {
  if (!event.id || event.id.length > 100)
    throw badRequest('publication id must be 1–100 characters');
  const subs = await matchingSubscriptions(trx, event);
  // Immediate before daily: someone told at once needs no digest line too.
  subs.sort((a, b) => Number(a.frequency === 'daily') - Number(b.frequency === 'daily'));
  const seen = new Set<string>();
  const messages: OutgoingMessage[] = [];
  const items: DigestItemRow[] = [];
  const now = ctx.now().toISOString();
  const summary = (event.text ?? '').replace(/\s+/g, ' ').trim().slice(0, 160);
  for (const sub of subs) {
    const recipient = `${sub.channel}:${sub.address_hash}`;
    if (seen.has(recipient)) continue;
    seen.add(recipient);
    if (sub.frequency === 'daily') {
      items.push({
        id: newId(),
        subscription_id: sub.id,
        event_id: event.id,
        title: event.title.slice(0, 500),
        url: event.url.slice(0, 1000),
        issuer: event.issuer?.slice(0, 200) ?? null,
        created_at: now,
        message_id: null,
      });
      continue;
    }
    const link = sub.channel === 'email' ? unsubscribeUrl(ctx, sub.id) : undefined;
    messages.push({
      to: decryptAddress(ctx, sub),
      template:
        sub.channel === 'sms' ? 'subscription.publication.sms' : 'subscription.publication.email',
      params: {
        title: event.title,
        issuer: event.issuer ?? '',
        url: event.url,
        target: `${TARGET_LABELS[sub.target_kind]}：${sub.target_value}`,
        summary,
        unsubscribe_url: link ?? '',
      },
      idempotencyKey: `pub:${event.id}:${recipient}`,
      unsubscribeUrl: link,
    });
  }
  await enqueueMessages(ctx, trx, messages, `event:${event.id}`);
  for (let i = 0; i < items.length; i += 200) {
    await trx
      .insertInto('notify_digest_item')
      .values(items.slice(i, i + 200))
      .onConflict((oc) => oc.columns(['subscription_id', 'event_id']).doNothing())
      .execute();
  }
  return { immediate: messages.length, digest: items.length };
}
