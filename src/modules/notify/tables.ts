import type { Timestamp } from '../../platform/database/schema.ts';

export type OutboxStatus = 'pending' | 'sent' | 'held' | 'failed' | 'cancelled';

export interface OutboxMessageRow {
  id: string;
  channel: 'sms' | 'email';
  recipient_enc: string;
  recipient_hash: string;
  template: string;
  body_enc: string;
  /** held = kept in the development sink because no gateway is configured. */
  status: OutboxStatus;
  attempts: number;
  idempotency_key: string | null;
  provider_message_id: string | null;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

declare module '../../platform/database/schema.ts' {
  interface Database {
    outbox_message: OutboxMessageRow;
  }
}
