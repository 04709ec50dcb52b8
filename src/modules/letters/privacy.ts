// Personal data removed from text shown in public (the letter page, the list,
// the search index): ID-card numbers, mobile and landline phone numbers,
// e-mail addresses, bank-card numbers, the writer's own names wherever they
// appear, and a name introduced as 我叫…/本人…/姓名：…. A masked value keeps
// no digits of the original beyond what a reader needs to see it was there.

const ID_CARD =
  /(?<![0-9A-Za-z])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
const ID_CARD_15 = /(?<!\d)[1-9]\d{14}(?!\d)/g;
const MOBILE = /(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}(?!\d)/g;
const LANDLINE = /(?<!\d)0\d{2,3}[-\s]?\d{7,8}(?!\d)/g;
const BANK_CARD = /(?<!\d)\d{16,19}(?!\d)/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// A name after a self-introduction: two to four Han characters.
const INTRODUCED =
  /(我叫|我是|本人|姓名[:：]?|联系人[:：]?|署名[:：]?)\s*([\u4e00-\u9fa5]{1}[\u4e00-\u9fa5·]{1,3})/g;

// A salutation at the start of a reply or a sentence: 张三您好, 李女士, 王先生.
const SALUTATION = /(^|[\n。！？：:，,\s])([\u4e00-\u9fa5]{1,3})(您好|你好|先生|女士|同志)/g;

export const MASK = '＊＊';

/** Names the writer gave for themselves (我叫…, 本人…), to be masked wherever they recur. */
export function introducedNames(text: string): string[] {
  return [...text.matchAll(INTRODUCED)].map((m) => m[2]!).filter((n) => n.length >= 2);
}

/** Text with every recognisable piece of personal data replaced. */
export function removePersonalData(text: string, knownNames: readonly string[] = []): string {
  let out = text
    .replace(ID_CARD, '[身份证号已隐去]')
    .replace(EMAIL, '[邮箱已隐去]')
    .replace(BANK_CARD, '[卡号已隐去]')
    .replace(ID_CARD_15, '[证件号已隐去]')
    .replace(MOBILE, '[电话已隐去]')
    .replace(LANDLINE, '[电话已隐去]')
    .replace(INTRODUCED, (_m, lead: string) => `${lead}${MASK}`)
    .replace(
      SALUTATION,
      (_m, before: string, _name: string, greeting: string) => `${before}${MASK}${greeting}`,
    );
  const names = [
    ...new Set(
      [...knownNames, ...introducedNames(text)].map((n) => n.trim()).filter((n) => n.length >= 2),
    ),
  ];
  // Longest first, so 张三丰 is masked whole before 张三 could match part of it.
  for (const name of names.sort((a, b) => b.length - a.length)) out = out.split(name).join(MASK);
  return out;
}
