// PostgreSQL's tsvector of a document, made from jieba's tokens (PostgreSQL
// has no Chinese parser) in the type's binary wire format, which the server
// takes without parsing text. No database here: the rebuild's worker threads
// make it while they segment, so the writing thread only sends it.
//
// The format (PostgreSQL's tsvectorrecv): a 32-bit count of lexemes, then
// per lexeme its UTF-8 bytes and a NUL, a 16-bit count of positions and the
// positions, each 16 bits: weight in the top two (A = 3 … D = 0) and the
// position below. All big-endian. Positions must rise strictly within a
// lexeme; lexemes that come sorted are not sorted again.

/** tsvector keeps at most 256 positions per lexeme and positions up to 16383. */
const MAX_POSITIONS = 256;
const MAX_POSITION = 16383;
const WEIGHT_A = 3 << 14;
/** Lexemes are numbered in a sort key's low bits (keys stay below 2^53). */
const INDEX_BITS = 2 ** 20;

/** Runs this long are sorted by Array.prototype.sort rather than by insertion. */
const SHORT_RUN = 32;

/** Order a run of `order` (indices into lexemes) by the whole string. */
function sortRun(order: Uint32Array, from: number, to: number, lexemes: readonly string[]) {
  // Mostly a few words that share their first two characters; a list of
  // numbers can make thousands share theirs.
  if (to - from > SHORT_RUN) {
    const run = Array.from(order.subarray(from, to));
    order.set(
      run.sort((x, y) => (lexemes[x]! < lexemes[y]! ? -1 : 1)),
      from,
    );
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const x = order[i]!;
    const s = lexemes[x]!;
    let j = i - 1;
    while (j >= from && lexemes[order[j]!]! > s) {
      order[j + 1] = order[j]!;
      j--;
    }
    order[j + 1] = x;
  }
}

/**
 * The order of `lexemes` as PostgreSQL sorts them (by code unit, a prefix
 * first), as indices. Sorting the strings themselves took longer than
 * segmenting the text: each is keyed by its first two code units and its
 * number, the keys are sorted as numbers, and only lexemes sharing their
 * first two units are compared as strings. (Beyond the BMP, UTF-16 order
 * differs from PostgreSQL's; the server then sorts those itself.)
 */
export function lexemeOrder(lexemes: readonly string[]): Uint32Array {
  const n = lexemes.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = lexemes[i]!;
    // A missing second unit counts as 0, before every real one: the prefix first.
    const head = t.charCodeAt(0) * 65536 + (t.length > 1 ? t.charCodeAt(1) : 0);
    keys[i] = head * INDEX_BITS + i;
  }
  keys.sort();
  const order = new Uint32Array(n);
  let runHead = -1;
  let runStart = 0;
  for (let j = 0; j < n; j++) {
    const head = Math.floor(keys[j]! / INDEX_BITS);
    order[j] = keys[j]! - head * INDEX_BITS;
    if (head === runHead) continue;
    if (j - runStart > 1) sortRun(order, runStart, j, lexemes);
    runHead = head;
    runStart = j;
  }
  if (n - runStart > 1) sortRun(order, runStart, n, lexemes);
  return order;
}

/**
 * Write `t` as UTF-8 at `off`; returns the new offset. By hand for the BMP:
 * a Buffer.write call per lexeme cost 16 µs of the 98 a vector took.
 */
function writeUtf8(out: Buffer, off: number, t: string): number {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x80) out[off++] = c;
    else if (c < 0x800) {
      out[off++] = 0xc0 | (c >> 6);
      out[off++] = 0x80 | (c & 63);
    } else if (c < 0xd800 || c > 0xdfff) {
      out[off++] = 0xe0 | (c >> 12);
      out[off++] = 0x80 | ((c >> 6) & 63);
      out[off++] = 0x80 | (c & 63);
    } else {
      off += out.write(t.slice(i, i + 2), off);
      i++;
    }
  }
  return off;
}

/**
 * The binary tsvector of a document: title tokens numbered first and
 * weighted A, body tokens after them with weight D. Positions past 16383
 * all count as 16383, once per lexeme.
 */
export function tsvectorBinary(
  titleTokens: readonly string[],
  bodyTokens: readonly string[],
): Uint8Array {
  const index = new Map<string, number>();
  const lexemes: string[] = [];
  const counts: number[] = [];
  const last: number[] = [];
  const total = titleTokens.length + bodyTokens.length;
  // Each kept position in token order: its lexeme and its 16-bit entry.
  const lexemeOf = new Int32Array(total);
  const entries = new Uint16Array(total);
  let kept = 0;
  let at = 0;
  let bytes = 4;
  const add = (tokens: readonly string[], weight: number) => {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      // No token is empty; one that were would not be a lexeme.
      if (t === '') continue;
      if (at < MAX_POSITION) at++;
      let k = index.get(t);
      if (k === undefined) {
        k = lexemes.length;
        index.set(t, k);
        lexemes.push(t);
        counts.push(0);
        last.push(0);
        bytes += 3 * t.length + 3;
      } else if (counts[k]! >= MAX_POSITIONS || last[k] === at) continue;
      counts[k]! += 1;
      last[k] = at;
      lexemeOf[kept] = k;
      entries[kept++] = weight | at;
    }
  };
  add(titleTokens, WEIGHT_A);
  add(bodyTokens, 0);
  // Each lexeme's positions together, still rising.
  const start = new Int32Array(lexemes.length + 1);
  for (let k = 0; k < lexemes.length; k++) start[k + 1] = start[k]! + counts[k]!;
  const next = start.slice(0, lexemes.length);
  const grouped = new Uint16Array(kept);
  for (let j = 0; j < kept; j++) grouped[next[lexemeOf[j]!]!++] = entries[j]!;
  const out = Buffer.allocUnsafe(bytes + 2 * kept);
  out.writeUInt32BE(lexemes.length, 0);
  let off = 4;
  for (const k of lexemeOrder(lexemes)) {
    off = writeUtf8(out, off, lexemes[k]!);
    out[off++] = 0;
    out[off++] = counts[k]! >> 8;
    out[off++] = counts[k]! & 0xff;
    for (let j = start[k]!; j < start[k + 1]!; j++) {
      out[off++] = grouped[j]! >> 8;
      out[off++] = grouped[j]! & 0xff;
    }
  }
  return out.subarray(0, off);
}
