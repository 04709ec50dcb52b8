import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Algorithm, hash } from '@node-rs/argon2';
import { COMMON_PASSWORDS_ZH } from './common-passwords-zh.ts';
import {
  checkPasswordPolicy,
  commonPasswordList,
  dummyVerify,
  hashPassword,
  isCommonPassword,
  needsRehash,
  verifyPassword,
} from './passwords.ts';

const TOO_SHORT = /至少需要8个字符/;
const TOO_LONG = /最多64个字符/;
const ACCOUNT = /账号名/;
const COMMON = /过于常见/;

describe('password policy', () => {
  it('accepts long, uncommon passwords, including Chinese passphrases', () => {
    for (const pw of [
      'Tq9#mLx2',
      'correct horse battery staple',
      '贵州山水甲天下二〇二六',
      'x'.repeat(64),
    ]) {
      assert.deepEqual(checkPasswordPolicy(pw, { accountName: 'zhangsan' }), [], pw);
    }
  });

  it('counts characters as code points, not UTF-16 units', () => {
    assert.match(checkPasswordPolicy('🏔'.repeat(7)).join(), TOO_SHORT); // 14 UTF-16 units
    assert.deepEqual(checkPasswordPolicy('🏔'.repeat(8)), []);
    assert.deepEqual(checkPasswordPolicy('🏔'.repeat(64)), []); // 128 UTF-16 units
    assert.match(checkPasswordPolicy('🏔'.repeat(65)).join(), TOO_LONG);
  });

  it('refuses fewer than 8 characters', () => {
    assert.match(checkPasswordPolicy('').join(), TOO_SHORT);
    assert.match(checkPasswordPolicy('Tq9#mLx').join(), TOO_SHORT);
  });

  it('refuses 65 characters with a message instead of truncating', () => {
    const problems = checkPasswordPolicy(`${'Tq9#mLx2'.repeat(8)}z`);
    assert.deepEqual(problems, ['密码最多64个字符，当前为65个']);
  });

  it('refuses the account name, inside the password too, ignoring case', () => {
    assert.match(checkPasswordPolicy('zhangsan', { accountName: 'zhangsan' }).join(), ACCOUNT);
    assert.match(checkPasswordPolicy('ZhangSan#2026', { accountName: 'zhangsan' }).join(), ACCOUNT);
    assert.match(
      checkPasswordPolicy('my-zhangsan-pw', { accountName: ' ZHANGSAN ' }).join(),
      ACCOUNT,
    );
    assert.match(
      checkPasswordPolicy('张三的密码很长很长', { accountName: '张三' }).join(),
      ACCOUNT,
    );
    assert.deepEqual(checkPasswordPolicy('Tq9#mLx2', { accountName: '' }), []);
  });

  it('refuses common passwords, ignoring case and full-width input', () => {
    for (const pw of [
      'password',
      'Password1',
      'qwerty123',
      'iloveyou',
      '1qaz2wsx',
      'woaini1314',
      '88888888',
      '147258369',
      'ｐａｓｓｗｏｒｄ１',
    ]) {
      assert.match(checkPasswordPolicy(pw).join(), COMMON, pw);
      assert.ok(isCommonPassword(pw), pw);
    }
    // A short common one gets both messages, so the person knows why.
    assert.deepEqual(checkPasswordPolicy('123456').length, 2);
  });

  it('has a list of at least 3000 common passwords including the Chinese additions', () => {
    const list = commonPasswordList();
    assert.ok(list.size >= 3000, `only ${list.size} entries`);
    assert.equal(commonPasswordList(), list, 'loaded once');
    for (const pw of COMMON_PASSWORDS_ZH) {
      assert.equal(pw, pw.normalize('NFKC').toLowerCase(), 'stored in the compared form');
      assert.ok(list.has(pw), pw);
    }
    for (const pw of ['123456', 'a123456', '5201314', 'qq123456', '123qwe', 'zxcvbnm', '666666']) {
      assert.ok(list.has(pw), pw);
    }
  });
});

describe('password hashing', () => {
  it('round-trips with argon2id at the configured cost and a fresh salt each time', async () => {
    const stored = await hashPassword('Tq9#mLx2-贵州');
    assert.match(stored, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.ok(await verifyPassword(stored, 'Tq9#mLx2-贵州'));
    assert.equal(await verifyPassword(stored, 'Tq9#mLx2-贵'), false);
    assert.equal(await verifyPassword(stored, 'tq9#mLx2-贵州'), false);
    assert.equal(await verifyPassword(stored, ''), false);
    assert.notEqual(await hashPassword('Tq9#mLx2-贵州'), stored);
  });

  it('treats full-width and half-width input as the same password', async () => {
    const stored = await hashPassword('abc12345XYZ');
    assert.ok(await verifyPassword(stored, 'ａｂｃ１２３４５ＸＹＺ'));
  });

  it('hashes all 64 characters: changing only the 64th fails verification', async () => {
    const pw = `${'Tq9#mLx2'.repeat(7)}abcdefg`;
    assert.equal([...pw].length, 63);
    const full = `${pw}h`;
    const stored = await hashPassword(full);
    assert.ok(await verifyPassword(stored, full));
    assert.equal(await verifyPassword(stored, `${pw}i`), false);
    assert.equal(await verifyPassword(stored, pw), false);
    // Multi-byte characters too: 64 emoji are 256 UTF-8 bytes.
    const emoji = '🏔'.repeat(63);
    const storedEmoji = await hashPassword(`${emoji}🌊`);
    assert.ok(await verifyPassword(storedEmoji, `${emoji}🌊`));
    assert.equal(await verifyPassword(storedEmoji, `${emoji}🌲`), false);
  });

  it('spends a real verification on unknown accounts and always answers false', async () => {
    const stored = await hashPassword('Tq9#mLx2');
    const start = performance.now();
    await verifyPassword(stored, 'Tq9#mLx2');
    const real = performance.now() - start;
    await dummyVerify('warm-up'); // the first call also makes the dummy hash
    const dummyStart = performance.now();
    assert.equal(await dummyVerify('Tq9#mLx2'), false);
    const dummy = performance.now() - dummyStart;
    assert.ok(dummy > real / 4, `dummy ${dummy.toFixed(1)} ms vs real ${real.toFixed(1)} ms`);
  });

  it('refuses to hash a password the policy would refuse for length', async () => {
    await assert.rejects(hashPassword('x'.repeat(65)), RangeError);
    await assert.rejects(hashPassword(''), RangeError);
  });

  it('throws on a corrupt stored hash rather than reporting a wrong password', async () => {
    await assert.rejects(verifyPassword('not-a-hash', 'whatever'));
  });

  it('asks for a rehash when the parameters or algorithm differ', async () => {
    assert.equal(needsRehash(await hashPassword('Tq9#mLx2')), false);
    const argon2id = 2 as Algorithm;
    const weaker = await hash('Tq9#mLx2', { algorithm: argon2id, memoryCost: 8192, timeCost: 2 });
    assert.ok(needsRehash(weaker));
    const fewerPasses = await hash('Tq9#mLx2', { algorithm: argon2id, timeCost: 1 });
    assert.ok(needsRehash(fewerPasses));
    const argon2i = await hash('Tq9#mLx2', { algorithm: 1 as Algorithm });
    assert.ok(needsRehash(argon2i));
    assert.ok(needsRehash('$2b$12$abcdefghijklmnopqrstuuZjM7Y5h8m1V3f6Q1r6mYw1o3Wl0bF4a'));
    assert.ok(needsRehash(''));
  });
});
