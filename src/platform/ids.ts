// Identifiers. UUIDv7 for every row that may cross nodes: unique without
// coordination and roughly time-ordered, which keeps B-tree inserts local.
import { randomBytes } from 'node:crypto';
import { v7 } from 'uuid';

export function newId(): string {
  return v7();
}

/** An opaque, URL-safe random token (session ids, CSRF secrets, one-time links). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
