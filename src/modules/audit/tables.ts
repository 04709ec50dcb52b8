import type { Timestamp } from '../../platform/database/schema.ts';

export type AuditOutcome = 'success' | 'failure' | 'denied';

/** One entry of the append-only, hash-chained audit log. */
export interface AuditLogRow {
  /** 1, 2, 3, … assigned by recordAudit under the chain-head lock: no gaps. */
  seq: number;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  /** Client IP; null when there is none (a scheduled job). */
  actor_ip: string | null;
  /** Dotted event name: 'auth.login', 'role.grant', 'pii.view', … */
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: AuditOutcome;
  /** JSON text. */
  detail: string;
  /** Hash of the previous entry; 64 zeros for entry #1. */
  prev_hash: string;
  /** HMAC-SM3 (hex), under the chain key, of the canonical form of every other field; see chain.ts. */
  hash: string;
}

/** The single row (id = 1) every append locks: where the chain currently ends. */
export interface AuditHeadRow {
  id: number;
  last_seq: number;
  last_hash: string;
}

declare module '../../platform/database/schema.ts' {
  interface Database {
    audit_log: AuditLogRow;
    audit_head: AuditHeadRow;
  }
}
