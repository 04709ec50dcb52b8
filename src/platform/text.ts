// Text helpers shared by every module that accepts or shows text.

// C0/C1 control characters other than tab, newline and carriage return, plus
// bidirectional overrides that can disguise file names and links.
// Kept as a string: the linter forbids control characters in regex literals.
const UNSAFE_PATTERN =
  '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069]';
const UNSAFE_CHARS = new RegExp(UNSAFE_PATTERN, 'g');

/** Normalise text a person typed: Unicode NFC, no control or bidi-override characters, trimmed. */
export function cleanText(input: string): string {
  return input.normalize('NFC').replace(UNSAFE_CHARS, '').trim();
}

/** Single-line variant for names and titles: all whitespace runs become one space. */
export function cleanLine(input: string): string {
  return cleanText(input).replace(/\s+/g, ' ');
}

/** Cut to at most `max` characters (code points, so no half surrogate pair) with an ellipsis. */
export function truncate(input: string, max: number): string {
  const chars = [...input];
  return chars.length <= max ? input : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe inside HTML element content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}
