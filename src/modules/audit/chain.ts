// The hash chain: how one audit entry is turned into bytes and hashed. This
// is the contract verifyAuditChain checks, and an auditor can recompute by
// hand, so it must never change for existing rows; a new form would need a
// new version tag.
import { createHash } from 'node:crypto';
import type { AuditLogRow } from './tables.ts';

/** prev_hash of entry #1. */
export const GENESIS_HASH = '0'.repeat(64);

/** Tag at the head of the canonical form, so a future format cannot collide with this one. */
export const CANONICAL_VERSION = 'yimen-audit-v1';

export type UnhashedRow = Omit<AuditLogRow, 'hash'>;

/**
 * The canonical form: JSON.stringify of an array of the fields in a fixed
 * order. JSON quotes and escapes every string, so no choice of field values
 * can move a boundary between fields ("a|b" + "c" vs "a" + "b|c"), and null
 * stays distinct from the string "null".
 */
export function canonicalForm(row: UnhashedRow): string {
  return JSON.stringify([
    CANONICAL_VERSION,
    row.seq,
    row.at,
    row.actor_id,
    row.actor_name,
    row.actor_ip,
    row.action,
    row.target_type,
    row.target_id,
    row.outcome,
    row.detail,
    row.prev_hash,
  ]);
}

/** SM3 (GB/T 32905) of the canonical form's UTF-8 bytes, lower-case hex. */
export function hashAuditRow(row: UnhashedRow): string {
  return createHash('sm3').update(canonicalForm(row), 'utf8').digest('hex');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Make a string survive a round trip through either database unchanged, or
 * the hash computed before the write would not match the value read back:
 * PostgreSQL rejects NUL in text and the UTF-8 encoder replaces lone
 * surrogates. Both become U+FFFD, on every dialect, so hashes agree.
 */
export function storable(value: string): string {
  return value.replaceAll('\u0000', '\uFFFD').replace(LONE_SURROGATE, '\uFFFD');
}
