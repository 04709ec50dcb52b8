// Password policy and storage (ASVS 6.2.1/6.2.4/6.2.9, 6.5.x; 等保 L3-CES1-01).
// Policy: 8–64 characters, never truncated, not the account name, not on a list of
// common passwords; no composition rules (ASVS 6.2.5 forbids them). Storage:
// argon2id at or above OWASP's minimum (19 MiB, 2 passes, 1 lane).
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { type Algorithm, hash, parseOptions, verify } from '@node-rs/argon2';
import { COMMON_PASSWORDS_ZH } from './common-passwords-zh.ts';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 64;

// @node-rs/argon2 declares Algorithm and Version as `const enum`s, which isolatedModules
// cannot read, and its runtime export of them is an empty object; hence the numbers.
const ARGON2ID = 2 as Algorithm;
const VERSION_0X13 = 1;

export const ARGON2_PARAMS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456, // KiB
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const;

/**
 * The form that is checked and hashed: NFKC, so a password typed with a Chinese IME in
 * full-width mode (ａｂｃ１２３) matches the same password typed in half-width mode, and
 * composed and decomposed accents agree (NIST SP 800-63B 5.1.1.2).
 */
export function normalisePassword(password: string): string {
  return password.normalize('NFKC');
}

const codePoints = (s: string) => [...s].length;

let commonPasswords: Set<string> | undefined;

/**
 * The common-password list, loaded on first use: zxcvbn-ts's `passwords-common` (about
 * 49 000 leaked passwords, lower case, shipped in the npm package, no network) plus
 * COMMON_PASSWORDS_ZH. Loaded lazily because decompressing it takes ~20 ms and a few
 * MB, which processes that never check a password (job workers, CLI) need not pay.
 */
export function commonPasswordList(): ReadonlySet<string> {
  if (!commonPasswords) {
    const require = createRequire(import.meta.url);
    const { dictionary } = require('@zxcvbn-ts/language-common') as {
      dictionary: { 'passwords-common': string[] };
    };
    commonPasswords = new Set([...dictionary['passwords-common'], ...COMMON_PASSWORDS_ZH]);
  }
  return commonPasswords;
}

export function isCommonPassword(password: string): boolean {
  return commonPasswordList().has(normalisePassword(password).toLowerCase());
}

export interface PasswordPolicyContext {
  /** The login name (or phone, e-mail) the password belongs to. */
  accountName?: string;
}

/** Every problem with a proposed password, in Chinese; an empty list means it is acceptable. */
export function checkPasswordPolicy(
  password: string,
  context: PasswordPolicyContext = {},
): string[] {
  const pw = normalisePassword(password);
  const length = codePoints(pw);
  const problems: string[] = [];
  if (length < PASSWORD_MIN_LENGTH) {
    problems.push(`密码至少需要${PASSWORD_MIN_LENGTH}个字符`);
  }
  if (length > PASSWORD_MAX_LENGTH) {
    // Refused rather than cut: silently truncating would accept a different password.
    problems.push(`密码最多${PASSWORD_MAX_LENGTH}个字符，当前为${length}个`);
  }
  const account = normalisePassword(context.accountName ?? '')
    .trim()
    .toLowerCase();
  if (account && pw.toLowerCase().includes(account)) {
    problems.push('密码不能与账号名相同或包含账号名');
  }
  if (isCommonPassword(pw)) {
    problems.push('该密码过于常见，容易被猜中，请换一个');
  }
  return problems;
}

/** Hash a password that passed checkPasswordPolicy. Never truncates. */
export async function hashPassword(password: string): Promise<string> {
  const pw = normalisePassword(password);
  const length = codePoints(pw);
  if (length === 0 || length > PASSWORD_MAX_LENGTH) {
    // A caller bug: the policy must have been checked first.
    throw new RangeError(`password must be 1 to ${PASSWORD_MAX_LENGTH} characters`);
  }
  return hash(pw, ARGON2_PARAMS);
}

/**
 * True if the password matches the stored hash (argument order as in @node-rs/argon2's
 * verify). Throws if the stored hash is corrupt, so that shows up as an error, not as
 * a wrong password.
 */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  return verify(storedHash, normalisePassword(password));
}

let dummyHash: Promise<string> | undefined;

/**
 * Spend the same time as verifyPassword and return false: for sign-ins to an unknown
 * account or one without a password, so response time does not reveal which accounts
 * exist. The hash is made once, with the current parameters.
 */
export async function dummyVerify(password: string): Promise<false> {
  dummyHash ??= hash(randomBytes(16).toString('base64url'), ARGON2_PARAMS);
  await verify(await dummyHash, normalisePassword(password));
  return false;
}

/**
 * True when a stored hash was made with other parameters than ARGON2_PARAMS (or is not
 * an argon2 hash at all): after a successful login, hash the password again and store it.
 */
export function needsRehash(storedHash: string): boolean {
  try {
    const p = parseOptions(storedHash);
    return (
      p.algorithm !== ARGON2_PARAMS.algorithm ||
      p.version !== VERSION_0X13 ||
      p.memoryCost !== ARGON2_PARAMS.memoryCost ||
      p.timeCost !== ARGON2_PARAMS.timeCost ||
      p.parallelism !== ARGON2_PARAMS.parallelism ||
      p.outputLen !== ARGON2_PARAMS.outputLen ||
      p.saltLen < 16
    );
  } catch {
    return true;
  }
}
