// Chinese segmentation for the index and for queries: @node-rs/jieba, the
// same dictionary (jieba's own plus the editable local words) on both sides.
// Documents are cut in search mode (a long word also yields its dictionary
// sub-words), queries in precise mode (each word must then be found as one
// of the document's tokens). HMM guessing of unknown words is off: it may
// guess differently in a document and in a query; local names that should
// stay whole belong in the custom dictionary. Latin words are English (the
// investment portal's pages) and are matched by their Porter stem, so that
// policy finds policies and invest finds investment.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { stemmer } from 'stemmer';
import { docNumberIndexTokens, findDocNumbers, normalizeText } from './normalize.ts';

/**
 * Words that carry no meaning for matching (colloquial question words,
 * particles, and 办理/办: a citizen asks how to 办理 a 身份证, the guide is
 * called 居民身份证首次申领). isTaskLike still sees them in the query.
 */
export const STOPWORDS = new Set(
  (
    '的 了 和 与 及 或 在 是 我 你 您 他 她 它 们 我们 你们 怎么 怎么办 怎样 怎么样 如何 什么 哪里 哪儿 哪些 办理 办 ' +
    '哪个 吗 呢 吧 啊 呀 要 想 能 能否 可以 需要 去 有 没有 一下 请问 这个 那个 这 那 就 都 也 还 把 被 给 ' +
    '对 从 到 为 以 之 其 该 等 个 里 上 下 中 a an the of to and or in on for is are'
  ).split(' '),
);

/**
 * jieba's own dictionary, read when an analyzer is built rather than through
 * '@node-rs/jieba/dict': that module keeps it and the unused IDF table
 * (11 MB) in memory from startup for good, though jieba copies what it needs.
 */
const DICT_FILE = createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt');

/** Longest token kept; PostgreSQL refuses lexemes over 2 KB and nobody searches for a longer word. */
const MAX_TOKEN = 60;
const NOT_WORD = /[^\p{L}\p{N}]+/u;
const WORD = /^[\p{L}\p{N}]+$/u;

/** The common case, Han characters, a–z and digits, tested without Unicode property lookups. */
function isPlainWord(r: string): boolean {
  for (let i = 0; i < r.length; i++) {
    const c = r.charCodeAt(i);
    if (!((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)))
      return false;
  }
  return r.length > 0;
}

/** A token of a–z letters only: an English word, indexed and searched by its stem. */
export const LATIN_WORD = /^[a-z]+$/;
/** An English possessive (Zunyi's, People’s): jieba would make its s a word of its own. */
const POSSESSIVE = /(?<=[a-z0-9])['’]s\b/g;
const withoutPossessives = (text: string) =>
  text.includes("'s") || text.includes('’s') ? text.replace(POSSESSIVE, '') : text;

/**
 * The form a word is indexed and searched under: an English word of three
 * letters or more by its Porter stem (policies, policy → polici); anything
 * else (Han, digits, letters mixed with digits) as it is.
 */
export function stemWord(word: string): string {
  const c = word.charCodeAt(0);
  return c >= 0x61 && c <= 0x7a && word.length > 2 && LATIN_WORD.test(word) ? stemmer(word) : word;
}

/** Letters and digits only: what is left is safe inside any FTS5 or tsquery literal. */
export function cleanTokens(raw: readonly string[], keepStopwords = false): string[] {
  const out: string[] = [];
  const keep = (word: string) => {
    if (keepStopwords || !STOPWORDS.has(word))
      out.push(stemWord(word.length > MAX_TOKEN ? [...word].slice(0, MAX_TOKEN).join('') : word));
  };
  for (const r of raw) {
    // Most of jieba's tokens are one clean word; only the rest need splitting.
    if (isPlainWord(r) || WORD.test(r)) {
      keep(r);
      continue;
    }
    // Punctuation and spaces come one to a token.
    if (r.length === 1) continue;
    for (const piece of r.split(NOT_WORD)) if (piece) keep(piece);
  }
  return out;
}

export class Analyzer {
  private readonly jieba: Jieba;

  constructor(customWords: readonly string[] = []) {
    this.jieba = Jieba.withDict(readFileSync(DICT_FILE));
    const words = customWords.map((w) => normalizeText(w).trim()).filter((w) => w.length > 0);
    // A high frequency makes jieba prefer the local word over its pieces.
    if (words.length > 0)
      this.jieba.loadDict(Buffer.from(words.map((w) => `${w} 200000 n`).join('\n')));
  }

  /** Tokens of a document's text (title or body), each once per occurrence. */
  indexTokens(text: string): string[] {
    const normalized = normalizeText(text);
    const tokens = cleanTokens(this.jieba.cutForSearch(withoutPossessives(normalized), false));
    for (const m of findDocNumbers(normalized)) tokens.push(...docNumberIndexTokens(m));
    return tokens;
  }

  /**
   * The dictionary words a query word is made of, in order and covering it
   * whole (红色旅游 → 红色 旅游), or undefined when it is not such a compound:
   * 身份证 has 身份 in it, but 证 is no word of its own. Parts of one character
   * are not counted as words here: they would match almost anything.
   */
  compoundParts(word: string): string[] | undefined {
    const pieces = new Set(
      cleanTokens(this.jieba.cutForSearch(word, false), true).filter((p) => p.length > 1),
    );
    pieces.delete(word);
    const parts: string[] = [];
    for (let at = 0; at < word.length; ) {
      let best = '';
      for (const p of pieces) if (p.length > best.length && word.startsWith(p, at)) best = p;
      if (!best) return undefined;
      parts.push(best);
      at += best.length;
    }
    return parts.length > 1 ? parts : undefined;
  }

  /** Words of normalised query text, in order, stopwords left out. */
  queryWords(normalized: string, keepStopwords = false): string[] {
    return cleanTokens(this.jieba.cut(withoutPossessives(normalized), false), keepStopwords);
  }
}
