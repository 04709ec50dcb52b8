// Highlighted snippets without HTML: a snippet is a list of parts, each
// plain text and marked or not. Pages render the parts as text nodes (and
// <mark> elements), so the escaping is the template's; the JSON API sends
// the same parts, and an escaped HTML form for clients that want one.
import { escapeHtml } from '../../platform/text.ts';

export interface TextPart {
  text: string;
  mark: boolean;
}

const SNIPPET_LENGTH = 120;
const LEAD = 30;

/** Mark every occurrence of the words (longest first) in `text`, case-insensitively. */
export function highlight(text: string, words: readonly string[]): TextPart[] {
  const lower = text.toLowerCase();
  const usable = words.filter((w) => w.length > 0);
  const parts: TextPart[] = [];
  let plain = '';
  for (let i = 0; i < text.length; ) {
    const w = usable.find((word) => lower.startsWith(word, i));
    if (w) {
      if (plain) parts.push({ text: plain, mark: false });
      plain = '';
      parts.push({ text: text.slice(i, i + w.length), mark: true });
      i += w.length;
    } else {
      plain += text[i];
      i += 1;
    }
  }
  if (plain) parts.push({ text: plain, mark: false });
  return parts;
}

/** About SNIPPET_LENGTH characters of the body around the first match, highlighted. */
export function snippet(body: string, words: readonly string[]): TextPart[] {
  const lower = body.toLowerCase();
  let first = -1;
  for (const w of words) {
    const at = w ? lower.indexOf(w) : -1;
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
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
