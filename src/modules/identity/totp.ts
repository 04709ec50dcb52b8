// Second factor: TOTP (RFC 6238; SHA-1, 6 digits, 30 s, which every authenticator app
// supports) and one-time recovery codes. ASVS 6.5.1: each code is accepted once, so the
// caller stores the step returned by verifyTotp and passes it back as lastUsedStep.
import { createHash, randomInt } from 'node:crypto';
import { HOTP, Secret, TOTP } from 'otpauth';

const PERIOD_SECONDS = 30;
const DIGITS = 6;
const WINDOW = 1; // one step either side: tolerates ±30 s of clock drift on the phone

/** A fresh shared secret in base32: 160 bits, the HMAC-SHA-1 block RFC 4226 recommends. */
export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app reads from a QR code. */
export function totpUri(secret: string, accountName: string, issuer = '一门 Yimen'): string {
  return new TOTP({
    issuer,
    label: accountName,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD_SECONDS,
  }).toString();
}

/** The RFC 6238 time step ("T") that contains `now`. */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / PERIOD_SECONDS);
}

/** The code for `now`; `digits` exists for the RFC 6238 test vectors, which use 8. */
export function totpCode(secret: string, now: Date, digits = DIGITS): string {
  return HOTP.generate({ secret: Secret.fromBase32(secret), counter: totpStep(now), digits });
}

export type TotpResult = { ok: true; step: number } | { ok: false; step?: undefined };

/**
 * Check a code typed at `now` against the steps now-1, now and now+1, skipping any
 * step ≤ lastUsedStep so that a code (or an older one) cannot be replayed. On success
 * the caller must store `step` as the account's new lastUsedStep, in the same
 * transaction that accepts the login, or two concurrent requests could both pass.
 */
export function verifyTotp(
  secret: string,
  code: string,
  now: Date,
  lastUsedStep?: number,
): TotpResult {
  // Apps show "123 456"; people paste with spaces; an IME may give full-width digits.
  const token = code.normalize('NFKC').replace(/\s/g, '');
  if (!/^\d+$/.test(token) || token.length !== DIGITS) return { ok: false };
  const key = Secret.fromBase32(secret);
  const current = totpStep(now);
  for (let step = current - WINDOW; step <= current + WINDOW; step++) {
    if (lastUsedStep !== undefined && step <= lastUsedStep) continue;
    // HOTP.validate compares in constant time; window 0 checks exactly this step.
    if (HOTP.validate({ token, secret: key, counter: step, digits: DIGITS, window: 0 }) === 0) {
      return { ok: true, step };
    }
  }
  return { ok: false };
}

// ------------------------------------------------------------------ recovery codes

// 31 characters with no look-alikes: no 0/o, 1/l/i; lower case reads and types easily.
const RECOVERY_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
const RECOVERY_GROUPS = 3;
const RECOVERY_GROUP_LENGTH = 4;

/** Bits of entropy in one recovery code: 12 × log2(31) ≈ 59.4. */
export const RECOVERY_CODE_BITS =
  RECOVERY_GROUPS * RECOVERY_GROUP_LENGTH * Math.log2(RECOVERY_ALPHABET.length);

/** `n` one-time codes such as 'k7mq-xa3p-9dre', each drawn uniformly (randomInt rejects bias). */
export function generateRecoveryCodes(n = 10): string[] {
  const codes = new Set<string>();
  while (codes.size < n) {
    const groups: string[] = [];
    for (let g = 0; g < RECOVERY_GROUPS; g++) {
      let group = '';
      for (let i = 0; i < RECOVERY_GROUP_LENGTH; i++) {
        group += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
      }
      groups.push(group);
    }
    codes.add(groups.join('-'));
  }
  return [...codes];
}

/** The compared form of a typed recovery code: ASCII lower case, without spaces or dashes. */
export function normaliseRecoveryCode(code: string): string {
  return code
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-－—_]/g, '');
}

/**
 * SHA-256 (hex) of the normalised code, to store instead of the code. A fast unsalted
 * hash is enough here, unlike for passwords: each code carries ~59 random bits, so
 * even a stolen table cannot be reversed by guessing, and an unsalted hash lets the
 * login look the code up by an index instead of trying every stored hash.
 */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normaliseRecoveryCode(code), 'utf8').digest('hex');
}
