import assert from 'node:assert/strict';
import { createSecretKey } from 'node:crypto';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import {
  decryptField,
  deriveKey,
  encryptField,
  FieldDecryptionError,
  lookupHash,
  normaliseLookupValue,
  sm3,
} from './crypto.ts';

const SECRET = 'test-secret-test-secret-test-secret-0123';
const key = deriveKey(SECRET, 'pii-encryption');
const otherKey = deriveKey('another-secret-another-secret-another-0123', 'pii-encryption');
const lookupKey = deriveKey(SECRET, 'pii-lookup');

const isDecryptionError = (err: unknown) => err instanceof FieldDecryptionError;

// Flip one bit of the decoded body (or IV) and re-encode, so the value stays well-formed.
function tamper(value: string, part: 1 | 2, index: number): string {
  const parts = value.split('.');
  const bytes = Buffer.from(parts[part]!, 'base64url');
  bytes[index] = bytes[index]! ^ 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('key derivation', () => {
  it('derives stable 32-byte keys that differ per purpose and per secret', () => {
    const again = deriveKey(SECRET, 'pii-encryption');
    assert.equal(key.symmetricKeySize, 32);
    assert.ok(key.export().equals(again.export()));
    assert.ok(!key.export().equals(lookupKey.export()));
    assert.ok(!key.export().equals(otherKey.export()));
  });

  it('refuses a short secret or an empty purpose', () => {
    assert.throws(() => deriveKey('short', 'pii-encryption'), /at least 32 characters/);
    assert.throws(() => deriveKey(SECRET, ''), /purpose is required/);
  });

  it('does not show key bytes when a key is logged', () => {
    const hex = key.export().toString('hex');
    assert.ok(!inspect(key).includes(hex));
    assert.ok(!JSON.stringify({ key }).includes(hex));
  });
});

describe('field encryption', () => {
  const samples = ['13812345678', '张三 贵州省六盘水市钟山区 🏔', '', 'x'.repeat(10_000)];
  for (const plain of samples) {
    it(`round-trips ${JSON.stringify(plain.slice(0, 20))} (${plain.length} chars)`, () => {
      const value = encryptField(key, plain, 'person.phone');
      assert.match(value, /^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
      assert.equal(decryptField(key, value, 'person.phone'), plain);
    });
  }

  it('round-trips without associated data', () => {
    assert.equal(decryptField(key, encryptField(key, '520302')), '520302');
  });

  it('uses a different IV, and so a different ciphertext, every time', () => {
    const values = new Set(Array.from({ length: 50 }, () => encryptField(key, 'same text')));
    assert.equal(values.size, 50);
    const ivs = new Set([...values].map((v) => v.split('.')[1]));
    assert.equal(ivs.size, 50);
  });

  it('never contains the plaintext, in any encoding', () => {
    const plain = '520302199001011234';
    const value = encryptField(key, plain, 'person.id_number');
    const decoded = Buffer.from(value.split('.')[2]!, 'base64url');
    assert.ok(!value.includes(plain));
    assert.ok(!decoded.includes(Buffer.from(plain)));
    assert.ok(!value.includes(Buffer.from(plain).toString('base64url').slice(0, 12)));
  });

  it('detects a change to any byte of the ciphertext, tag or IV', () => {
    const value = encryptField(key, '贵州省六盘水市', 'person.address');
    const bodyLength = Buffer.from(value.split('.')[2]!, 'base64url').length;
    for (let i = 0; i < bodyLength; i++) {
      assert.throws(
        () => decryptField(key, tamper(value, 2, i), 'person.address'),
        isDecryptionError,
      );
    }
    for (let i = 0; i < 12; i++) {
      assert.throws(
        () => decryptField(key, tamper(value, 1, i), 'person.address'),
        isDecryptionError,
      );
    }
  });

  it('refuses the wrong key with a clear error', () => {
    const value = encryptField(key, '13812345678', 'person.phone');
    assert.throws(
      () => decryptField(otherKey, value, 'person.phone'),
      (err: Error) => isDecryptionError(err) && /failed authentication/.test(err.message),
    );
    assert.throws(() => decryptField(lookupKey, value, 'person.phone'), isDecryptionError);
  });

  it('refuses a value moved to another column (wrong associated data)', () => {
    const value = encryptField(key, '13812345678', 'person.phone');
    assert.throws(() => decryptField(key, value, 'person.id_number'), isDecryptionError);
    assert.throws(() => decryptField(key, value), isDecryptionError);
  });

  it('refuses malformed values, unknown versions and truncated tags', () => {
    const value = encryptField(key, 'hello', 'a');
    const [, iv, body] = value.split('.') as [string, string, string];
    const shortBody = Buffer.from(body, 'base64url').subarray(0, 10).toString('base64url');
    const bad: [string, RegExp][] = [
      ['', /malformed/],
      ['v1.abc', /malformed/],
      [`v2.${iv}.${body}`, /unsupported version "v2"/],
      [`v1.${iv}.${body}.x`, /malformed/],
      [`v1.${iv}.${body}==`, /malformed/],
      [`v1.${iv.slice(2)}.${body}`, /malformed/],
      [`v1.${iv}.${shortBody}`, /malformed/],
    ];
    for (const [input, message] of bad) {
      assert.throws(
        () => decryptField(key, input, 'a'),
        (err: Error) => isDecryptionError(err) && message.test(err.message),
        input,
      );
    }
    // Dropping the last 4 tag bytes must not be accepted as a 12-byte tag.
    const bytes = Buffer.from(body, 'base64url');
    const truncated = `v1.${iv}.${bytes.subarray(0, bytes.length - 4).toString('base64url')}`;
    assert.throws(() => decryptField(key, truncated, 'a'), isDecryptionError);
  });

  it('refuses a key of the wrong size', () => {
    const small = createSecretKey(Buffer.alloc(16, 1));
    assert.throws(() => encryptField(small, 'x'), /32-byte secret key/);
  });
});

describe('lookup hash', () => {
  it('is stable, hex, and normalises spacing, case of X and full-width digits', () => {
    const h = lookupHash(lookupKey, '52030219900101123X');
    assert.match(h, /^[0-9a-f]{64}$/);
    assert.equal(lookupHash(lookupKey, '52030219900101123X'), h);
    assert.equal(lookupHash(lookupKey, ' 52030219900101123x\n'), h);
    assert.equal(lookupHash(lookupKey, '５２０３０２１９９００１０１１２３Ｘ'), h);
    assert.equal(normaliseLookupValue(' ａb１ '), 'AB1');
  });

  it('depends on the key and on the value', () => {
    const h = lookupHash(lookupKey, '13812345678');
    assert.notEqual(lookupHash(deriveKey(SECRET, 'other-lookup'), '13812345678'), h);
    assert.notEqual(lookupHash(lookupKey, '13812345679'), h);
  });
});

describe('SM3', () => {
  it('matches the GB/T 32905 known answers', () => {
    assert.equal(sm3('abc'), '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    // Example 2 of the standard: "abcd" repeated 16 times (512 bits).
    assert.equal(
      sm3('abcd'.repeat(16)),
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
    assert.equal(sm3(new TextEncoder().encode('abc')), sm3('abc'));
  });
});
