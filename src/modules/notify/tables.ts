import type { Timestamp } from '../../platform/database/schema.ts';

/**
 * pending → sending → sent is the normal path. failed: refused for good by the
 * provider (a 5xx bounce, an invalid number); dead: attempts used up, or lost
 * twice while sending; cancelled: stopped by staff; held: kept in the
 * development sink because no gateway is configured.
 */
export type OutboxStatus =
  | 'pending'
  | 'sending'
  | 'sent'
  | 'held'
  | 'failed'
  | 'dead'
  | 'cancelled';
export type Channel = 'sms' | 'email';

export interface OutboxMessageRow {
  id: string;
  channel: Channel;
  recipient_enc: string;
  recipient_hash: string;
  template: string;
  /** The plain-text body (the SMS text, or the text part of an email). */
  body_enc: string;
  /** Email only: encrypted JSON of subject, HTML body and unsubscribe URL. */
  email_enc: string | null;
  status: OutboxStatus;
  /** 1 for codes and security notices: no quiet hours, no per-recipient limit. */
  urgent: number;
  attempts: number;
  max_attempts: number;
  idempotency_key: string | null;
  provider_message_id: string | null;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp | null;
  /** Not to be tried before this moment (backoff, quiet hours, rate limits). */
  next_attempt_at: Timestamp | null;
  /** The dispatcher holding the message, and until when (a lease). */
  locked_by: string | null;
  locked_until: Timestamp | null;
  /** When it was last marked 'sending', i.e. handed to the provider. */
  sending_at: Timestamp | null;
  /** Times it was resent after being found in 'sending' with an expired lease (at most 1). */
  resends: number;
  sent_at: Timestamp | null;
  /** From the delivery receipt: DELIVRD, UNDELIV, EXPIRED, REJECTD, … */
  delivery_status: string | null;
  delivered_at: Timestamp | null;
  bounce_code: string | null;
  bounce_reason: string | null;
  /** Set on a copy made by "resend" in the back office. */
  resend_of: string | null;
}

export interface ProviderRefRow {
  provider_id: string;
  message_id: string;
  part: number;
  created_at: Timestamp;
}

export interface ReceiptRow {
  id: string;
  provider_id: string;
  state: string;
  error_code: string | null;
  done_at: Timestamp | null;
  received_at: Timestamp;
  /** Set once the receipt was matched to its message. */
  message_id: string | null;
}

export interface TemplateOverrideRow {
  name: string;
  subject: string | null;
  body: string;
  updated_at: Timestamp;
  updated_by: string | null;
}

export type OwnerKind = 'account' | 'organisation';
export type TargetKind = 'channel' | 'topic' | 'issuer' | 'query';
export type Frequency = 'immediate' | 'daily';

export interface SubscriptionRow {
  id: string;
  owner_kind: OwnerKind;
  owner_id: string;
  target_kind: TargetKind;
  target_value: string;
  channel: Channel;
  address_enc: string;
  address_hash: string;
  frequency: Frequency;
  status: 'active' | 'unsubscribed';
  created_at: Timestamp;
  updated_at: Timestamp;
  unsubscribed_at: Timestamp | null;
  unsubscribed_via: string | null;
}

export interface DigestItemRow {
  id: string;
  subscription_id: string;
  event_id: string;
  title: string;
  url: string;
  issuer: string | null;
  created_at: Timestamp;
  message_id: string | null;
}

declare module '../../platform/database/schema.ts' {
  interface Database {
    outbox_message: OutboxMessageRow;
    outbox_provider_ref: ProviderRefRow;
    outbox_receipt: ReceiptRow;
    notify_template: TemplateOverrideRow;
    notify_subscription: SubscriptionRow;
    notify_digest_item: DigestItemRow;
  }
}
