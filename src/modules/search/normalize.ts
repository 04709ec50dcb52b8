// Text folding shared by documents and queries, so that what a citizen types
// and what an editor wrote meet in the same form: NFKC (full-width letters,
// digits and brackets become half-width), traditional → simplified Chinese
// (OpenCC, Taiwan and Hong Kong variants), lower-case Latin letters.
import * as OpenCC from 'opencc-js';

const twToCn = OpenCC.Converter({ from: 'tw', to: 'cn' });
const hkToCn = OpenCC.Converter({ from: 'hk', to: 'cn' });

let traditional: RegExp | undefined;

/**
 * The characters the converters change, as one character class: most text
 * is already simplified, and testing for these is far cheaper than
 * converting (a rebuild segments 100 000 documents).
 */
function traditionalChars(): RegExp {
  if (traditional) return traditional;
  const chars: string[] = [];
  for (const [from, to] of [
    [0x3400, 0x9fff],
    [0xf900, 0xfaff],
  ] as const) {
    for (let cp = from; cp <= to; cp++) {
      const ch = String.fromCodePoint(cp);
      if (twToCn(ch) !== ch || hkToCn(ch) !== ch) chars.push(ch);
    }
  }
  // All of them are in the BMP: a class without the u flag is the faster test.
  traditional = new RegExp(`[${chars.join('')}]`);
  return traditional;
}

export function normalizeText(text: string): string {
  let t = text.normalize('NFKC');
  if (traditionalChars().test(t)) t = hkToCn(twToCn(t));
  return t.toLowerCase();
}

// 文号 (document numbers) such as 遵府发〔2026〕3号: an issuer abbreviation, a
// year in brackets, a serial and 号. Citizens type them with any brackets, or
// none ("遵府发2026年3号"), so each is also indexed as one canonical token.
const DOC_NUMBER =
  /([\u4e00-\u9fff]{2,12})\s*[〔[(【［{<〈《]?\s*((?:19|20)\d{2})\s*[〕\])】］}>〉》]?\s*年?\s*第?\s*(\d{1,5})\s*号/g;

export interface DocNumberMatch {
  /** The issuer characters right before the year, at most 12. */
  issuer: string;
  year: string;
  serial: string;
  index: number;
  length: number;
}

/** 文号 occurrences in already normalised text. */
export function findDocNumbers(normalized: string): DocNumberMatch[] {
  const found: DocNumberMatch[] = [];
  if (!normalized.includes('号')) return found;
  for (const m of normalized.matchAll(DOC_NUMBER)) {
    found.push({
      issuer: m[1]!,
      year: m[2]!,
      serial: String(Number(m[3]!)),
      index: m.index ?? 0,
      length: m[0].length,
    });
  }
  return found;
}

/** The canonical token of a 文号 whose issuer is written `issuer`. */
export function docNumberToken(issuer: string, year: string, serial: string): string {
  return `${issuer}${year}n${serial}`;
}

/**
 * Tokens a document carries for a 文号 in its text: the issuer is not
 * delimited from the words before it ("根据遵府发〔2026〕3号"), so every
 * issuer suffix of two or more characters gets its token and the query's
 * issuer, as typed, meets one of them.
 */
export function docNumberIndexTokens(m: DocNumberMatch): string[] {
  const tokens: string[] = [];
  for (let k = 2; k <= m.issuer.length; k++)
    tokens.push(docNumberToken(m.issuer.slice(-k), m.year, m.serial));
  return tokens;
}
