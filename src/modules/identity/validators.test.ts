import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  creditCodeCheckChar,
  creditCodeError,
  idNumberCheckChar,
  idNumberError,
  isValidCreditCode,
  isValidIdNumber,
  isValidMobile,
  maskIdNumber,
  maskPhone,
  mobileError,
  normalisePhone,
} from './validators.ts';

// Independent check-character computations, written differently from the module's
// table-driven ones: the ID weights are 2^(17-i) mod 11, and the check value is
// (12 - sum mod 11) mod 11 with 10 written X; the credit-code weights are 3^i mod 31.
function idCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const value = (12 - (sum % 11)) % 11;
  return value === 10 ? 'X' : String(value);
}

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function creditCheck(first17: string): string {
  let sum = 0;
  let weight = 1;
  for (const ch of first17) {
    sum += CHARSET.indexOf(ch) * weight;
    weight = (weight * 3) % 31;
  }
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

const withIdCheck = (first17: string) => first17 + idCheck(first17);
const withCreditCheck = (first17: string) => first17 + creditCheck(first17);
const NOW = new Date('2026-11-15T04:00:00Z');

// A number with this area code and birth date whose check character is X.
function idEndingInX(prefix14: string): string {
  for (let seq = 0; seq < 1000; seq++) {
    const id = withIdCheck(prefix14 + String(seq).padStart(3, '0'));
    if (id.endsWith('X')) return id;
  }
  throw new Error('no X found');
}

describe('居民身份证号', () => {
  const valid = [
    withIdCheck('52030219900101123'),
    withIdCheck('11010520000229001'), // a leap day
    withIdCheck('44030519000101002'), // the earliest accepted year
    withIdCheck('81000020261115003'), // born today (China time), area 8x
    idEndingInX('52030219851231'),
  ];

  it('accepts synthetic numbers with an independently computed check character', () => {
    for (const id of valid) {
      assert.equal(idNumberCheckChar(id.slice(0, 17)), id[17], id);
      assert.equal(idNumberError(id, NOW), null, id);
      assert.ok(isValidIdNumber(id, NOW), id);
    }
  });

  it('agrees with the worked example printed in GB 11643-1999', () => {
    assert.equal(idNumberCheckChar('11010519491231002'), 'X');
    assert.ok(isValidIdNumber('11010519491231002X', NOW));
  });

  it('accepts a lower-case x, full-width digits and surrounding spaces', () => {
    const x = idEndingInX('52030219851231');
    assert.ok(isValidIdNumber(x.toLowerCase(), NOW));
    assert.ok(isValidIdNumber(` ${x}\n`, NOW));
    const fullWidth = [...valid[0]!].map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0));
    assert.ok(isValidIdNumber(fullWidth.join(''), NOW));
  });

  it('refuses a wrong check character', () => {
    const id = valid[0]!;
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    assert.match(idNumberError(wrong, NOW)!, /校验码不正确/);
  });

  const badDates: [string, string][] = [
    ['30 February', '19900230'],
    ['29 February in 1900 (not a leap year)', '19000229'],
    ['month 13', '19901301'],
    ['day 00', '19900100'],
    ['a year before 1900', '18991231'],
    ['tomorrow in China', '20261116'],
    ['next year', '20270101'],
  ];
  for (const [what, date] of badDates) {
    it(`refuses a birth date of ${what}`, () => {
      const id = withIdCheck(`520302${date}123`);
      assert.match(idNumberError(id, NOW)!, /出生日期无效/);
      assert.equal(isValidIdNumber(id, NOW), false);
    });
  }

  it('judges "the future" by the date in China, not UTC', () => {
    // 17:00 UTC on 1 January is already 2 January in Beijing.
    const id = withIdCheck('52030220260102123');
    assert.ok(isValidIdNumber(id, new Date('2026-01-01T17:00:00Z')));
    assert.equal(isValidIdNumber(id, new Date('2026-01-01T15:00:00Z')), false);
  });

  const badFormats: [string, string][] = [
    ['17 digits', valid[0]!.slice(0, 17)],
    ['19 digits', `${valid[0]!}1`],
    ['the old 15-digit form', '520302900101123'],
    ['a letter inside', `52030A${valid[0]!.slice(6)}`],
    ['X not at the end', `${valid[0]!.slice(0, 16)}X${valid[0]!.slice(17)}`],
    ['an empty string', ''],
  ];
  for (const [what, id] of badFormats) {
    it(`refuses ${what} as a format error`, () => {
      assert.match(idNumberError(id, NOW)!, /格式不正确/);
    });
  }

  it('refuses area codes starting with 0 or 9', () => {
    assert.match(idNumberError(withIdCheck('02030219900101123'), NOW)!, /地区码/);
    assert.match(idNumberError(withIdCheck('92030219900101123'), NOW)!, /地区码/);
  });

  it('masks all but the area code and the last four characters', () => {
    assert.equal(maskIdNumber('520302199001011234'), '520302********1234');
    assert.equal(maskIdNumber('52030219900101123x'), '520302********123X');
    assert.equal(maskIdNumber('12345'), '*****');
  });
});

describe('统一社会信用代码', () => {
  const valid = [
    withCreditCheck('91520300MA6DQ7XX3'), // an enterprise, 市场监管
    withCreditCheck('11100000000013127'), // a central organ, 机构编制
    withCreditCheck('12520300429000123'), // a public institution
    withCreditCheck('52520302MJY123456'), // a social organisation, 民政
    withCreditCheck('Y1110000MA0000001'), // 其他
  ];

  it('accepts synthetic codes with an independently computed check character', () => {
    for (const code of valid) {
      assert.equal(creditCodeCheckChar(code.slice(0, 17)), code[17], code);
      assert.equal(creditCodeError(code), null, code);
      assert.ok(isValidCreditCode(code), code);
    }
  });

  it('agrees with the worked example printed in GB 32100-2015', () => {
    assert.equal(creditCodeCheckChar('91350100M000100Y4'), '3');
    assert.ok(isValidCreditCode('91350100M000100Y43'));
  });

  it('accepts lower case and surrounding spaces', () => {
    assert.ok(isValidCreditCode(` ${valid[0]!.toLowerCase()} `));
  });

  it('refuses a wrong check character', () => {
    for (const code of valid) {
      const right = code[17]!;
      const wrong = CHARSET[(CHARSET.indexOf(right) + 1) % 31]!;
      assert.match(creditCodeError(code.slice(0, 17) + wrong)!, /校验码不正确/, code);
    }
  });

  it('refuses the letters I, O, Z, S and V anywhere', () => {
    for (const letter of 'IOZSV') {
      const code = `91520300MA6DQ7${letter}X3`;
      // Even with a "check character" computed as if the letter were allowed.
      assert.match(creditCodeError(`${code}0`)!, /不使用字母I、O、Z、S、V/, letter);
      assert.equal(isValidCreditCode(`${code}0`), false);
    }
  });

  it('refuses a wrong length, punctuation, or an unknown authority or type', () => {
    assert.match(creditCodeError(valid[0]!.slice(0, 17))!, /应为18位/);
    assert.match(creditCodeError(`${valid[0]!}1`)!, /应为18位/);
    assert.match(creditCodeError('91520300-MA6DQ7XX3')!, /应为18位/);
    assert.match(creditCodeError(withCreditCheck('01520300MA6DQ7XX3'))!, /登记管理部门码/);
    assert.match(creditCodeError(withCreditCheck('90520300MA6DQ7XX3'))!, /机构类别码/);
    assert.match(creditCodeError(withCreditCheck('9152A300MA6DQ7XX3'))!, /行政区划码/);
  });
});

describe('mobile numbers', () => {
  it('accepts mainland numbers with common decorations, which normalisePhone strips', () => {
    const cases: [string, string][] = [
      ['13812345678', '13812345678'],
      ['19912345678', '19912345678'],
      ['+86 138 1234 5678', '13812345678'],
      ['+86-138-1234-5678', '13812345678'],
      ['86 13812345678', '13812345678'],
      ['8613812345678', '13812345678'],
      ['008613812345678', '13812345678'],
      ['138-1234-5678', '13812345678'],
      ['１３８１２３４５６７８', '13812345678'],
    ];
    for (const [input, normalised] of cases) {
      assert.equal(normalisePhone(input), normalised, input);
      assert.ok(isValidMobile(input), input);
    }
  });

  it('refuses numbers that are not mainland mobiles', () => {
    for (const input of [
      '12812345678', // second digit 2
      '1381234567', // 10 digits
      '138123456789', // 12 digits
      '+85291234567', // Hong Kong
      '010-12345678', // a landline
      '1381234567a',
      '+87 13812345678',
      '',
    ]) {
      assert.equal(isValidMobile(input), false, input);
      assert.match(mobileError(input)!, /手机号码格式不正确/);
    }
    assert.equal(mobileError('13812345678'), null);
  });

  it('masks the middle four digits', () => {
    assert.equal(maskPhone('13812345678'), '138****5678');
    assert.equal(maskPhone('+86 138 1234 5678'), '138****5678');
    assert.equal(maskPhone('12345'), '*****');
  });
});
