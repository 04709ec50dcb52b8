// The hash chain: how one audit entry is turned into bytes and hashed. This
// is the contract verifyAuditChain checks, and an auditor holding the key can
// recompute by hand, so it must never change for existing rows; a new form
// would need a new version tag.
//
// The link is HMAC-SM3 under a key derived from the deployment secret, not a
// bare SM3: anyone with write access to the database can drop the triggers,
// rewrite rows and recompute every bare hash, but without the secret (which
// lives in YIMEN_SECRET or $dataDir/secret, never in the database) they cannot
// produce links that verify (等保 L3-CES1-25/26, 密评 8.4 f/g). The price: the
// log verifies only under the secret it was written with, so changing the
// secret needs the chain re-anchored, as it needs the personal data re-encrypted.
import { createHmac, type KeyObject } from 'node:crypto';
import { derivedKey } from '../../platform/crypto.ts';
import type { AuditLogRow } from './tables.ts';

/** prev_hash of entry #1. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Tag at the head of the canonical form, so a future format cannot collide with
 * this one. v1 was a bare SM3; v2 is HMAC-SM3 (verifyAuditChain accepts only v2:
 * accepting v1 links would let a forger downgrade to the unkeyed form).
 */
export const CANONICAL_VERSION = 'yimen-audit-v2';

/** The HKDF purpose of the chain key (see deriveKey). */
export const AUDIT_KEY_PURPOSE = 'audit-chain';

declare const auditKeyBrand: unique symbol;
/**
 * The key of the chain's HMAC: a KeyObject (so logging it prints no bytes),
 * branded so that another purpose's key (say the PII key) cannot be passed by mistake.
 */
export type AuditKey = KeyObject & { readonly [auditKeyBrand]: true };

/** The chain key for a deployment secret, derived once per secret and cached. */
export function auditKey(secret: string): AuditKey {
  return derivedKey(secret, AUDIT_KEY_PURPOSE) as AuditKey;
}

/** Throws unless `key` is a 32-byte secret key, so a missing key fails closed. */
export function assertAuditKey(key: AuditKey): void {
  if (key?.type !== 'secret' || key.symmetricKeySize !== 32) {
    throw new TypeError('the audit chain needs its 32-byte key (auditKey(config.secret))');
  }
}

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

/** HMAC-SM3 (RFC 2104 over GB/T 32905) of the canonical form's UTF-8 bytes, lower-case hex. */
export function hashAuditRow(key: AuditKey, row: UnhashedRow): string {
  assertAuditKey(key);
  return createHmac('sm3', key).update(canonicalForm(row), 'utf8').digest('hex');
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
