// Highlighted snippets without HTML: a snippet is a list of parts, each
// plain text and marked or not. Pages render the parts as text nodes (and
// <mark> elements), so the escaping is the template's; the JSON API sends
// the same parts, and an escaped HTML form for clients that want one.
import { escapeHtml } from '../../platform/text.ts';
import { LATIN_WORD, stemWord } from './analyzer.ts';

export interface TextPart {
  text: string;
  mark: boolean;
}

const SNIPPET_LENGTH = 120;
const LEAD = 30;

const LETTERS = /[a-z]+/y;
const isLetter = (c: string | undefined) => c !== undefined && c >= 'a' && c <= 'z';

/** The English word starting at `i` of lowercased `text`, if one starts there. */
function latinWordAt(lower: string, i: number): string | undefined {
  if (!isLetter(lower[i]) || isLetter(lower[i - 1])) return undefined;
  LETTERS.lastIndex = i;
  return LETTERS.exec(lower)?.[0];
}

/**
 * Query words are tokens as the analyzer made them: an English word is its
 * stem (polici), matched against whole words of the text by their stems;
 * anything else (Han, digits) is matched where it occurs.
 */
function splitWords(words: readonly string[]) {
  const stems = new Set<string>();
  const others: string[] = [];
  for (const w of words) {
    if (!w) continue;
    if (LATIN_WORD.test(w)) stems.add(w);
    else others.push(w);
  }
  return { stems, others };
}

/** Mark every occurrence of the words (longest first) in `text`, case-insensitively. */
export function highlight(text: string, words: readonly string[]): TextPart[] {
  const lower = text.toLowerCase();
  const { stems, others } = splitWords(words);
  const parts: TextPart[] = [];
  let plain = '';
  const mark = (length: number, at: number) => {
    if (plain) parts.push({ text: plain, mark: false });
    plain = '';
    parts.push({ text: text.slice(at, at + length), mark: true });
  };
  for (let i = 0; i < text.length; ) {
    const latin = stems.size > 0 ? latinWordAt(lower, i) : undefined;
    if (latin && stems.has(stemWord(latin))) {
      mark(latin.length, i);
      i += latin.length;
      continue;
    }
    const w = others.find((word) => lower.startsWith(word, i));
    if (w) {
      mark(w.length, i);
      i += w.length;
    } else {
      plain += text[i];
      i += 1;
    }
  }
  if (plain) parts.push({ text: plain, mark: false });
  return parts;
}

/** Where the first English word with this stem starts in lowercased `text`, or -1. */
function firstWithStem(lower: string, stem: string): number {
  // A Porter stem is the word's beginning but for its last letter (policy → polici).
  const probe = stem.slice(0, Math.max(2, stem.length - 1));
  for (let at = lower.indexOf(probe); at >= 0; at = lower.indexOf(probe, at + 1)) {
    const word = latinWordAt(lower, at);
    if (word && stemWord(word) === stem) return at;
  }
  return -1;
}

/** About SNIPPET_LENGTH characters of the body around the first match, highlighted. */
export function snippet(body: string, words: readonly string[]): TextPart[] {
  const lower = body.toLowerCase();
  const { stems, others } = splitWords(words);
  let first = -1;
  const found = (at: number) => {
    if (at >= 0 && (first < 0 || at < first)) first = at;
  };
  for (const w of others) found(lower.indexOf(w));
  for (const stem of stems) found(firstWithStem(lower, stem));
  const start = first <= LEAD ? 0 : first - LEAD;
  let piece = body.slice(start, start + SNIPPET_LENGTH);
  if (start > 0) piece = `…${piece}`;
  if (start + SNIPPET_LENGTH < body.length) piece = `${piece}…`;
  return highlight(piece, words);
}

/** The parts as HTML: every text escaped, marks wrapped around escaped text. */
export function partsToHtml(parts: readonly TextPart[]): string {
  return parts
    .map((p) => (p.mark ? `<mark>${escapeHtml(p.text)}</mark>` : escapeHtml(p.text)))
    .join('');
}
