// Text folding shared by documents and queries, so that what a citizen types
// and what an editor wrote meet in the same form: NFKC (full-width letters,
// digits and brackets become half-width), traditional → simplified Chinese
// (OpenCC, Taiwan and Hong Kong variants), lower-case Latin letters.
import { createRequire } from 'node:module';
import type * as OpenCCModule from 'opencc-js';

type Convert = (text: string) => string;
let converters: { tw: Convert; hk: Convert } | undefined;

/**
 * OpenCC's dictionaries, loaded on first use: they hold about 10 MB, and a
 * node that only serves pages never folds text. Required rather than
 * imported so that the folding stays synchronous.
 */
function toSimplified(): { tw: Convert; hk: Convert } {
  if (converters) return converters;
  const OpenCC = createRequire(import.meta.url)('opencc-js') as typeof OpenCCModule;
  converters = {
    tw: OpenCC.Converter({ from: 'tw', to: 'cn' }),
    hk: OpenCC.Converter({ from: 'hk', to: 'cn' }),
  };
  return converters;
}

let traditional: Uint8Array | undefined;

/**
 * The characters the converters change, flagged in a table over the BMP:
 * most text is already simplified, and looking each character up is far
 * cheaper than converting (a rebuild folds 100 000 documents) or testing a
 * character class of thousands of members.
 */
function traditionalChars(): Uint8Array {
  if (traditional) return traditional;
  const flags = new Uint8Array(0x10000);
  const { tw, hk } = toSimplified();
  for (const [from, to] of [
    [0x3400, 0x9fff],
    [0xf900, 0xfaff],
  ] as const) {
    for (let cp = from; cp <= to; cp++) {
      const ch = String.fromCodePoint(cp);
      if (tw(ch) !== ch || hk(ch) !== ch) flags[cp] = 1;
    }
  }
  traditional = flags;
  return flags;
}

/** A UTF-16 unit of a Han character (BMP, compatibility or, as a surrogate, beyond). */
function isHanUnit(c: number): boolean {
  return (
    (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xd800 && c <= 0xdfff)
  );
}

/**
 * Traditional → simplified, converting only the runs of Han characters that
 * hold a character the converters change. The converters match phrases of
 * Han characters only, so a run converts as it would inside the whole text;
 * converting a whole 3 KB body because it contains 么 or 著 costs more than
 * segmenting it.
 */
function foldTraditional(t: string): string {
  const flags = traditionalChars();
  let out = '';
  let done = 0;
  for (let i = 0; i < t.length; i++) {
    if (flags[t.charCodeAt(i)] !== 1) continue;
    let start = i;
    while (start > done && isHanUnit(t.charCodeAt(start - 1))) start--;
    let end = i + 1;
    while (end < t.length && isHanUnit(t.charCodeAt(end))) end++;
    const { tw, hk } = toSimplified();
    out += t.slice(done, start) + hk(tw(t.slice(start, end)));
    done = end;
    i = end - 1;
  }
  return done === 0 ? t : out + t.slice(done);
}

export function normalizeText(text: string): string {
  return foldTraditional(text.normalize('NFKC')).toLowerCase();
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

/**
 * DOC_NUMBER from the year on. Trying the issuer class at every Han character
 * of a long body costs more than segmenting it, so the tail is found first
 * and the whole pattern only tried on the few characters before each tail.
 */
const DOC_NUMBER_TAIL = /(?:19|20)\d{2}\s*[〕\])】］}>〉》]?\s*年?\s*第?\s*\d{1,5}\s*号/g;
/** Characters before a tail that can hold the issuer, brackets and spaces. */
const ISSUER_REACH = 40;

/** 文号 occurrences in already normalised text. */
export function findDocNumbers(normalized: string): DocNumberMatch[] {
  const found: DocNumberMatch[] = [];
  if (!normalized.includes('号')) return found;
  let end = 0;
  for (const tail of normalized.matchAll(DOC_NUMBER_TAIL)) {
    const tailEnd = (tail.index ?? 0) + tail[0].length;
    const from = Math.max(end, (tail.index ?? 0) - ISSUER_REACH);
    for (const m of normalized.slice(from, tailEnd).matchAll(DOC_NUMBER)) {
      const index = from + (m.index ?? 0);
      found.push({
        issuer: m[1]!,
        year: m[2]!,
        serial: String(Number(m[3]!)),
        index,
        length: m[0].length,
      });
      end = index + m[0].length;
    }
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
