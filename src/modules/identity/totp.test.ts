import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  generateRecoveryCodes,
  generateTotpSecret,
  hashRecoveryCode,
  normaliseRecoveryCode,
  RECOVERY_CODE_BITS,
  totpCode,
  totpStep,
  totpUri,
  verifyTotp,
} from './totp.ts';

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];
const at = (seconds: number) => new Date(seconds * 1000);

describe('TOTP', () => {
  it('reproduces the RFC 6238 Appendix B SHA-1 vectors (8 digits)', () => {
    assert.equal(
      Buffer.from('12345678901234567890').toString('hex'),
      '3132333435363738393031323334353637383930',
    );
    for (const [seconds, code] of RFC_VECTORS) {
      assert.equal(totpCode(RFC_SECRET, at(seconds), 8), code, `T=${seconds}`);
    }
  });

  it('accepts the 6-digit form of each RFC vector (its last six digits)', () => {
    for (const [seconds, code] of RFC_VECTORS) {
      const result = verifyTotp(RFC_SECRET, code.slice(2), at(seconds));
      assert.deepEqual(result, { ok: true, step: Math.floor(seconds / 30) }, `T=${seconds}`);
    }
  });

  it('accepts the codes one step either side of now, not two', () => {
    const secret = generateTotpSecret();
    const now = new Date('2026-11-15T04:00:10Z');
    const step = totpStep(now);
    for (const offset of [-1, 0, 1]) {
      const code = totpCode(secret, at((step + offset) * 30));
      const result = verifyTotp(secret, code, now);
      assert.deepEqual(result, { ok: true, step: step + offset }, `offset ${offset}`);
    }
    for (const offset of [-2, 2]) {
      const code = totpCode(secret, at((step + offset) * 30));
      const near = [-1, 0, 1].map((o) => totpCode(secret, at((step + o) * 30)));
      if (near.includes(code)) continue; // a 1-in-a-million collision, not a failure
      assert.deepEqual(verifyTotp(secret, code, now), { ok: false }, `offset ${offset}`);
    }
  });

  it('refuses the same code twice, and any older code after a newer one', () => {
    const secret = generateTotpSecret();
    const now = new Date('2026-11-15T04:00:10Z');
    const code = totpCode(secret, now);
    const first = verifyTotp(secret, code, now);
    assert.ok(first.ok);
    assert.deepEqual(verifyTotp(secret, code, now, first.step), { ok: false });
    // Still refused 20 s later, while the code is inside the window.
    assert.deepEqual(verifyTotp(secret, code, new Date(now.getTime() + 20_000), first.step), {
      ok: false,
    });
    const previous = totpCode(secret, new Date(now.getTime() - 30_000));
    if (previous !== code) {
      assert.deepEqual(verifyTotp(secret, previous, now, first.step), { ok: false });
    }
    const next = totpCode(secret, new Date(now.getTime() + 30_000));
    assert.deepEqual(verifyTotp(secret, next, now, first.step), { ok: true, step: first.step + 1 });
  });

  it('refuses wrong codes and malformed input, and tolerates spaces and full-width digits', () => {
    const now = at(59);
    assert.deepEqual(verifyTotp(RFC_SECRET, '287083', now), { ok: false });
    for (const bad of ['', '28708', '2870822', '28708a', '94287082', '-287082', '287 08']) {
      assert.deepEqual(verifyTotp(RFC_SECRET, bad, now), { ok: false }, bad);
    }
    assert.ok(verifyTotp(RFC_SECRET, ' 287 082 ', now).ok);
    assert.ok(verifyTotp(RFC_SECRET, '２８７０８２', now).ok);
  });

  it('generates distinct 160-bit base32 secrets', () => {
    const secrets = new Set(Array.from({ length: 20 }, generateTotpSecret));
    assert.equal(secrets.size, 20);
    for (const s of secrets) assert.match(s, /^[A-Z2-7]{32}$/); // 32 × 5 bits = 160
  });

  it('builds an otpauth URI with the issuer in label and parameters', () => {
    const secret = generateTotpSecret();
    const uri = new URL(totpUri(secret, 'zhangsan@example.cn'));
    assert.equal(uri.protocol, 'otpauth:');
    assert.equal(uri.host, 'totp');
    assert.equal(decodeURIComponent(uri.pathname), '/一门 Yimen:zhangsan@example.cn');
    assert.equal(uri.searchParams.get('issuer'), '一门 Yimen');
    assert.equal(uri.searchParams.get('secret'), secret);
    assert.equal(uri.searchParams.get('algorithm'), 'SHA1');
    assert.equal(uri.searchParams.get('digits'), '6');
    assert.equal(uri.searchParams.get('period'), '30');
    assert.match(totpUri(secret, 'li', '测试'), /issuer=%E6%B5%8B%E8%AF%95/);
  });
});

describe('recovery codes', () => {
  it('makes ten distinct, readable codes of at least 50 bits', () => {
    const codes = generateRecoveryCodes();
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    for (const c of codes)
      assert.match(c, /^[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}$/);
    assert.ok(RECOVERY_CODE_BITS >= 50, String(RECOVERY_CODE_BITS));
    assert.equal(generateRecoveryCodes(3).length, 3);
  });

  it('never uses look-alike characters and uses the whole alphabet', () => {
    const seen = new Set(generateRecoveryCodes(500).join('').replaceAll('-', ''));
    for (const c of '01ilo') assert.ok(!seen.has(c), c);
    assert.equal(seen.size, 31);
  });

  it('hashes the normalised code, so case, spaces and dashes do not matter', () => {
    const code = 'k7mq-xa3p-9dre';
    const h = hashRecoveryCode(code);
    assert.match(h, /^[0-9a-f]{64}$/);
    assert.equal(normaliseRecoveryCode(' K7MQ XA3P－9DRE '), 'k7mqxa3p9dre');
    for (const typed of [
      'K7MQ-XA3P-9DRE',
      'k7mqxa3p9dre',
      ' k7mq xa3p 9dre ',
      'ｋ７ｍｑ－ｘａ３ｐ－９ｄｒｅ',
    ]) {
      assert.equal(hashRecoveryCode(typed), h, typed);
    }
    assert.notEqual(hashRecoveryCode('k7mq-xa3p-9drf'), h);
  });
});
