// schema.org structured data as <script type="application/ld+json">. It is
// data, never executed, so it needs no CSP nonce (and carries none: cached
// pages must be the same bytes for everyone). The JSON is escaped so that no
// text in it can end the element or be read as markup: <, > and & become
// \u003c, \u003e and \u0026, and U+2028/U+2029 are escaped too.
const UNSAFE = /[<>&\u2028\u2029]/g;
const ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** JSON safe to place inside an HTML <script> element. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE, (c) => ESCAPES[c]!);
}

export function JsonLd({ data }: { data: Record<string, unknown> }) {
  return (
    <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptSafeJson(data) }} />
  );
}
