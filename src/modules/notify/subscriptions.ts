// Subscriptions: an account (a citizen, an enterprise) or an organisation (a
// hospital, a school) follows a target — a channel, a policy topic, an issuing
// body or a search query, one generic {kind, value} — by SMS or email,
// immediately or as a daily digest. The address is personal data: encrypted,
// with a keyed hash so a TD reply or an unsubscribe-all finds every row.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import { badRequest } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { piiCodec } from '../identity/pii.ts';
import { mobileError } from '../identity/validators.ts';
import { normaliseRecipient } from './outbox.ts';
import type { Channel, Frequency, OwnerKind, SubscriptionRow, TargetKind } from './tables.ts';

type Executor = Transaction<Database> | Kysely<Database>;

export const TARGET_KINDS: readonly TargetKind[] = ['channel', 'topic', 'issuer', 'query'];
export const TARGET_LABELS: Record<TargetKind, string> = {
  channel: '栏目',
  topic: '政策主题',
  issuer: '发布机关',
  query: '关键词',
};
export const CHANNEL_LABELS: Record<Channel, string> = { sms: '短信', email: '电子邮件' };
export const FREQUENCY_LABELS: Record<Frequency, string> = {
  immediate: '有新发布立即通知',
  daily: '每日摘要',
};

export interface Owner {
  kind: OwnerKind;
  id: string;
}

export interface NewSubscription {
  owner: Owner;
  targetKind: TargetKind;
  targetValue: string;
  channel: Channel;
  address: string;
  frequency: Frequency;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Field → Chinese problem, or undefined when the subscription may be stored. */
export function checkSubscription(input: NewSubscription): Record<string, string> | undefined {
  const errors: Record<string, string> = {};
  if (!TARGET_KINDS.includes(input.targetKind)) errors.targetKind = '请选择订阅的类型';
  const value = input.targetValue.trim();
  if (value === '') errors.targetValue = '请填写订阅的内容（栏目、主题、机关名称或关键词）';
  else if (value.length > 100) errors.targetValue = '订阅的内容不能超过100个字';
  if (input.channel === 'sms') {
    const problem = mobileError(input.address);
    if (problem) errors.address = problem;
  } else if (input.channel === 'email') {
    if (!EMAIL.test(input.address.trim()) || input.address.length > 254) {
      errors.address = '电子邮件地址格式不正确';
    }
  } else errors.channel = '请选择短信或电子邮件';
  if (input.frequency !== 'immediate' && input.frequency !== 'daily') {
    errors.frequency = '请选择通知方式';
  }
  return Object.keys(errors).length > 0 ? errors : undefined;
}

/**
 * Create a subscription, or renew the owner's existing one for the same
 * target and channel (a new address or frequency, active again).
 */
export async function subscribe(
  ctx: AppContext,
  input: NewSubscription,
  executor: Executor = ctx.db.kysely,
): Promise<string> {
  const errors = checkSubscription(input);
  if (errors) throw badRequest('订阅没有保存：请修改标出的问题', errors);
  const pii = piiCodec(ctx.config.secret);
  const address = normaliseRecipient(input.channel, input.address);
  const now = ctx.now().toISOString();
  const fields = {
    address_enc: pii.encrypt('subscription.address', address),
    address_hash: pii.hash(address),
    frequency: input.frequency,
    status: 'active' as const,
    updated_at: now,
    unsubscribed_at: null,
    unsubscribed_via: null,
  };
  const key = {
    owner_kind: input.owner.kind,
    owner_id: input.owner.id,
    target_kind: input.targetKind,
    target_value: input.targetValue.trim(),
    channel: input.channel,
  };
  await executor
    .insertInto('notify_subscription')
    .values({ id: newId(), ...key, ...fields, created_at: now })
    .onConflict((oc) =>
      oc
        .columns(['owner_kind', 'owner_id', 'target_kind', 'target_value', 'channel'])
        .doUpdateSet(fields),
    )
    .execute();
  const row = await executor
    .selectFrom('notify_subscription')
    .select('id')
    .where('owner_kind', '=', key.owner_kind)
    .where('owner_id', '=', key.owner_id)
    .where('target_kind', '=', key.target_kind)
    .where('target_value', '=', key.target_value)
    .where('channel', '=', key.channel)
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface SubscriptionView {
  id: string;
  targetKind: TargetKind;
  targetValue: string;
  channel: Channel;
  address: string;
  frequency: Frequency;
  status: SubscriptionRow['status'];
  createdAt: string;
}

export function decryptAddress(ctx: AppContext, row: SubscriptionRow): string {
  return piiCodec(ctx.config.secret).decrypt('subscription.address', row.address_enc);
}

export async function listSubscriptions(
  ctx: AppContext,
  owner: Owner,
): Promise<SubscriptionView[]> {
  const rows = await ctx.db.kysely
    .selectFrom('notify_subscription')
    .selectAll()
    .where('owner_kind', '=', owner.kind)
    .where('owner_id', '=', owner.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    targetKind: r.target_kind,
    targetValue: r.target_value,
    channel: r.channel,
    address: decryptAddress(ctx, r),
    frequency: r.frequency,
    status: r.status,
    createdAt: r.created_at,
  }));
}

/** The owner ends one of their own subscriptions; false when it is not theirs. */
export async function endOwnSubscription(
  ctx: AppContext,
  owner: Owner,
  id: string,
): Promise<boolean> {
  const now = ctx.now().toISOString();
  const res = await ctx.db.kysely
    .updateTable('notify_subscription')
    .set({
      status: 'unsubscribed',
      unsubscribed_at: now,
      unsubscribed_via: 'account',
      updated_at: now,
    })
    .where('id', '=', id)
    .where('owner_kind', '=', owner.kind)
    .where('owner_id', '=', owner.id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
