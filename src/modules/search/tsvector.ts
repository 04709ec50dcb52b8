// PostgreSQL's tsvector literal of a document, written from jieba's tokens
// (PostgreSQL has no Chinese parser). No database here: the rebuild's worker
// threads make it while they segment, so the writing thread only sends it.

/** tsvector keeps at most 256 positions per lexeme and positions up to 16383. */
const MAX_POSITIONS = 256;
const MAX_POSITION = 16383;
/** Lexemes are numbered in a sort key's low bits (keys stay below 2^53). */
const INDEX_BITS = 2 ** 20;

/**
 * The order of `lexemes` as PostgreSQL sorts them (by code unit, a prefix
 * first), as indices. Sorting the strings themselves took longer than
 * segmenting the text: here each is keyed by its first two code units and
 * its number, the keys are sorted as numbers, and only lexemes sharing their
 * first two units are compared as strings. (Beyond the BMP, UTF-16 order
 * differs from PostgreSQL's; its parser then sorts those itself.)
 */
export function lexemeOrder(lexemes: readonly string[]): number[] {
  const keys = new Float64Array(lexemes.length);
  for (let i = 0; i < lexemes.length; i++) {
    const t = lexemes[i]!;
    // A missing second unit counts as 0, before every real one: the prefix first.
    const head = t.charCodeAt(0) * 65536 + (t.length > 1 ? t.charCodeAt(1) : 0);
    keys[i] = head * INDEX_BITS + i;
  }
  keys.sort();
  const order = Array.from(keys, (k) => k % INDEX_BITS);
  // Runs of equal heads: order them by the whole string.
  for (let start = 0; start < order.length; ) {
    const head = Math.floor(keys[start]! / INDEX_BITS);
    let end = start + 1;
    while (end < order.length && Math.floor(keys[end]! / INDEX_BITS) === head) end++;
    if (end - start > 1) {
      const run = order.slice(start, end).sort((x, y) => (lexemes[x]! < lexemes[y]! ? -1 : 1));
      for (let j = 0; j < run.length; j++) order[start + j] = run[j]!;
    }
    start = end;
  }
  return order;
}

/**
 * 'token':1A,5A 'other':7 … — title tokens carry weight A, body tokens D (no
 * mark). Tokens hold only letters and digits, so quoting them is all the
 * escaping needed. The lexemes come sorted as PostgreSQL sorts them, so that
 * its parser finds them in order: sorting them was a tenth of the server's
 * time in a rebuild.
 */
export function tsvectorLiteral(titleTokens: readonly string[], bodyTokens: readonly string[]) {
  const index = new Map<string, number>();
  const lexemes: string[] = [];
  const positions: string[] = [];
  const counts: number[] = [];
  let at = 0;
  const add = (tokens: readonly string[], weight: string) => {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      at = at < MAX_POSITION ? at + 1 : MAX_POSITION;
      const k = index.get(t);
      if (k === undefined) {
        index.set(t, lexemes.length);
        lexemes.push(t);
        positions.push(`${at}${weight}`);
        counts.push(1);
      } else if (counts[k]! < MAX_POSITIONS) {
        counts[k]! += 1;
        positions[k] += `,${at}${weight}`;
      }
    }
  };
  add(titleTokens, 'A');
  add(bodyTokens, '');
  const order = lexemeOrder(lexemes);
  const parts = new Array<string>(order.length);
  for (let j = 0; j < order.length; j++)
    parts[j] = `'${lexemes[order[j]!]}':${positions[order[j]!]}`;
  return parts.join(' ');
}
