// Personal data at rest: encrypted with a key derived from the deployment
// secret (AES-256-GCM, the column name as associated data so a value cannot
// be moved to another column), plus a keyed hash for lookups and uniqueness.
import { decryptField, deriveKey, encryptField, lookupHash } from '../../platform/crypto.ts';

export interface PiiCodec {
  encrypt(column: string, value: string): string;
  decrypt(column: string, value: string): string;
  hash(value: string): string;
}

const cache = new Map<string, PiiCodec>();

export function piiCodec(secret: string): PiiCodec {
  const cached = cache.get(secret);
  if (cached) return cached;
  const encKey = deriveKey(secret, 'pii-encryption');
  const hashKey = deriveKey(secret, 'pii-lookup');
  const codec: PiiCodec = {
    encrypt: (column, value) => encryptField(encKey, value, column),
    decrypt: (column, value) => decryptField(encKey, value, column),
    hash: (value) => lookupHash(hashKey, value),
  };
  cache.set(secret, codec);
  return codec;
}
