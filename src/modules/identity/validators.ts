// Chinese identifiers: 居民身份证号 (GB 11643-1999), 统一社会信用代码 (GB 32100-2015) and
// mainland mobile numbers. Each check has a boolean form and a form that returns the
// Chinese message a person sees next to the field (null when the value is fine).

/** NFKC turns full-width digits and letters typed with a Chinese IME into ASCII. */
function normaliseCode(input: string): string {
  return input.normalize('NFKC').trim().toUpperCase();
}

// ---------------------------------------------------------------- 居民身份证号

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** The canonical stored form of an ID number: trimmed, ASCII, check character upper-case X. */
export function normaliseIdNumber(input: string): string {
  return normaliseCode(input);
}

/** ISO 7064 MOD 11-2 check character for the first 17 digits of an ID number. */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARS[sum % 11]!;
}

// Today's date in China (UTC+8, no daylight saving) as YYYYMMDD, so a baby born today
// in Beijing is not "in the future" because the server clock is in UTC.
function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
}

function isRealDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** What is wrong with an 18-digit ID number, in Chinese, or null if it is valid. */
export function idNumberError(input: string, now: Date = new Date()): string | null {
  const id = normaliseIdNumber(input);
  if (!/^\d{17}[\dX]$/.test(id)) {
    return '身份证号码格式不正确：应为18位，前17位为数字，最后一位为数字或X';
  }
  // Area codes of mainland regions start with 1–8 (GB/T 2260).
  if (!/^[1-8]/.test(id)) return '身份证号码格式不正确：前6位地区码无效';
  const birth = id.slice(6, 14);
  if (Number(birth.slice(0, 4)) < 1900 || !isRealDate(birth) || birth > chinaToday(now)) {
    return '身份证号码中的出生日期无效，请核对第7至14位';
  }
  if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) {
    return '身份证号码校验码不正确，请核对后重新输入';
  }
  return null;
}

export function isValidIdNumber(input: string, now: Date = new Date()): boolean {
  return idNumberError(input, now) === null;
}

/** '520302199001011234' → '520302********1234': area code and last four stay visible. */
export function maskIdNumber(input: string): string {
  const chars = [...normaliseIdNumber(input)];
  if (chars.length < 11) return '*'.repeat(chars.length);
  return `${chars.slice(0, 6).join('')}${'*'.repeat(chars.length - 10)}${chars.slice(-4).join('')}`;
}

// ---------------------------------------------------------------- 统一社会信用代码

// 31 characters; I, O, Z, S and V are left out because they look like 1, 0, 2, 5 and U.
const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
// 登记管理部门码: 1 机构编制, 2 外交, 3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会,
// 9 市场监管(工商), A 中央军委改革和编制办公室, N 农业农村, Y 其他. Later additions by
// 国家标准委 use the same scheme; the 机构类别码 that follows is a digit 1–9 in each.
const AUTHORITIES = '123456789ANY';

export function normaliseCreditCode(input: string): string {
  return normaliseCode(input);
}

/** GB 32100-2015 check character for the first 17 characters of a credit code. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('expected 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CHARS.indexOf(first17[i]!);
    if (value < 0) throw new RangeError(`"${first17[i]}" is not a credit-code character`);
    sum += value * CREDIT_WEIGHTS[i]!;
  }
  return CREDIT_CHARS[(31 - (sum % 31)) % 31]!;
}

/** What is wrong with a 统一社会信用代码, in Chinese, or null if it is valid. */
export function creditCodeError(input: string): string | null {
  const code = normaliseCreditCode(input);
  if (!/^[0-9A-Z]{18}$/.test(code)) {
    return '统一社会信用代码格式不正确：应为18位数字或大写字母';
  }
  if (/[IOZSV]/.test(code)) {
    return '统一社会信用代码格式不正确：不使用字母I、O、Z、S、V，请核对是否误输入';
  }
  if (!AUTHORITIES.includes(code[0]!) || !/^[1-9]$/.test(code[1]!)) {
    return '统一社会信用代码格式不正确：第1位登记管理部门码或第2位机构类别码无效';
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) {
    return '统一社会信用代码格式不正确：第3至8位应为行政区划码';
  }
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) {
    return '统一社会信用代码校验码不正确，请核对后重新输入';
  }
  return null;
}

export function isValidCreditCode(input: string): boolean {
  return creditCodeError(input) === null;
}

// ---------------------------------------------------------------- mobile numbers

/**
 * Strip what people type around a mainland mobile number: spaces, dashes, dots,
 * brackets, and a +86 / 0086 / 86 country prefix. Anything else is left for
 * isValidMobile to refuse.
 */
export function normalisePhone(input: string): string {
  const compact = input.normalize('NFKC').replace(/[\s\-.()]/g, '');
  const prefixed = /^(?:\+86|0086|86)(1\d{10})$/.exec(compact);
  return prefixed ? prefixed[1]! : compact;
}

export function isValidMobile(input: string): boolean {
  return /^1[3-9]\d{9}$/.test(normalisePhone(input));
}

export function mobileError(input: string): string | null {
  return isValidMobile(input) ? null : '手机号码格式不正确：应为11位中国大陆手机号码';
}

/** '13812345678' → '138****5678'. */
export function maskPhone(input: string): string {
  const phone = normalisePhone(input);
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}
