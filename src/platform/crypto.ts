// Protection of personal data at rest (等保 L3-CES1-27/28, 密评 8.4 d/e):
// field-level AES-256-GCM with keys derived from the deployment secret, keyed
// lookup hashes so unique indexes and searches never need plaintext, and SM3
// for the 国密 integrity checks that 密评 asks for.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createSecretKey,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';

export class FieldDecryptionError extends Error {
  override name = 'FieldDecryptionError';
}

const VERSION = 'v1';
const IV_BYTES = 12; // the size GCM is specified for; other sizes get hashed into one
const TAG_BYTES = 16;
const KEY_BYTES = 32;
// A fixed, public salt: the secret is already high-entropy (≥32 random characters), so
// HKDF's extract step only needs domain separation from other users of the same secret.
const HKDF_SALT = Buffer.from('yimen/hkdf/v1', 'utf8');

/**
 * A 32-byte key for one purpose ('pii-encryption', 'pii-lookup', …), derived with
 * HKDF-SHA256. Separate purposes give independent keys, so a lookup hash can never
 * help decrypt a field. A KeyObject rather than a Buffer so that logging or
 * JSON-serialising it by mistake does not print the key bytes.
 */
export function deriveKey(secret: string, purpose: string): KeyObject {
  if (secret.length < 32) throw new RangeError('the secret must be at least 32 characters');
  if (!purpose) throw new RangeError('a key purpose is required');
  const bytes = hkdfSync('sha256', Buffer.from(secret, 'utf8'), HKDF_SALT, purpose, KEY_BYTES);
  return createSecretKey(Buffer.from(bytes));
}

const derived = new Map<string, KeyObject>();

/**
 * deriveKey, once per secret and purpose for the life of the process: a key
 * behind every MAC of a request (an unsubscribe link, a searcher, the audit
 * chain) need not go through HKDF each time.
 */
export function derivedKey(secret: string, purpose: string): KeyObject {
  const id = `${purpose}\u0000${secret}`;
  let key = derived.get(id);
  if (!key) {
    key = deriveKey(secret, purpose);
    derived.set(id, key);
  }
  return key;
}

function assertKey(key: KeyObject): void {
  if (key.type !== 'secret' || key.symmetricKeySize !== KEY_BYTES) {
    throw new RangeError(`expected a ${KEY_BYTES}-byte secret key`);
  }
}

// The version is always authenticated too, so a value cannot be relabelled as
// another format; the caller's associated data (usually 'table.column') binds
// the ciphertext to its place, so it cannot be copied into another column.
function additionalData(aad: string | undefined): Buffer {
  return Buffer.from(`${VERSION}\u0000${aad ?? ''}`, 'utf8');
}

/**
 * Encrypt one field value: 'v1.<iv>.<ciphertext+tag>' (base64url), AES-256-GCM with
 * a random 96-bit IV. Random IVs are safe up to about 2^32 encryptions per key.
 */
export function encryptField(key: KeyObject, plaintext: string, aad?: string): string {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(aad));
  const body = Buffer.concat([
    cipher.update(plaintext, 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return `${VERSION}.${iv.toString('base64url')}.${body.toString('base64url')}`;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Decrypt a value made by encryptField; throws FieldDecryptionError if it was altered. */
export function decryptField(key: KeyObject, value: string, aad?: string): string {
  assertKey(key);
  const parts = value.split('.');
  if (parts.length !== 3) throw new FieldDecryptionError('encrypted field is malformed');
  const [version, ivText, bodyText] = parts as [string, string, string];
  if (version !== VERSION) {
    throw new FieldDecryptionError(`encrypted field has unsupported version "${version}"`);
  }
  if (!BASE64URL.test(ivText) || !BASE64URL.test(bodyText)) {
    throw new FieldDecryptionError('encrypted field is malformed');
  }
  const iv = Buffer.from(ivText, 'base64url');
  const body = Buffer.from(bodyText, 'base64url');
  if (iv.length !== IV_BYTES || body.length < TAG_BYTES) {
    throw new FieldDecryptionError('encrypted field is malformed');
  }
  // authTagLength pins the tag to 16 bytes: without it Node accepts a truncated tag,
  // which makes forgery far easier.
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(additionalData(aad));
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  try {
    const plain = Buffer.concat([
      decipher.update(body.subarray(0, body.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return plain.toString('utf8');
  } catch {
    throw new FieldDecryptionError(
      'encrypted field failed authentication: wrong key, wrong associated data, or the value was altered',
    );
  }
}

/**
 * The canonical form hashed by lookupHash: NFKC (full-width digits and letters from a
 * Chinese IME become ASCII), trimmed, upper-case (an ID number's check character is
 * X whether typed x or X). Phone numbers should go through normalisePhone first.
 */
export function normaliseLookupValue(value: string): string {
  return value.normalize('NFKC').trim().toUpperCase();
}

/**
 * HMAC-SHA256 (hex) of the normalised value, for unique indexes and look-ups by phone
 * or ID number without storing plaintext. Keyed, so a leaked table cannot be reversed
 * by hashing every possible ID number (the space is small enough to enumerate).
 */
export function lookupHash(key: KeyObject, value: string): string {
  assertKey(key);
  return createHmac('sha256', key).update(normaliseLookupValue(value), 'utf8').digest('hex');
}

/** SM3 (GB/T 32905-2016) digest in hex, from Node's bundled OpenSSL. */
export function sm3(data: string | Uint8Array): string {
  const hash = createHash('sm3');
  if (typeof data === 'string') hash.update(data, 'utf8');
  else hash.update(data);
  return hash.digest('hex');
}
