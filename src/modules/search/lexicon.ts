// The editable vocabulary of the index: local words for the segmenter and
// synonym sets for queries, read from the database and kept in memory for a
// few seconds (every node rereads them, so an edit on one node reaches the
// others within LEXICON_TTL_MS; the node that made the edit drops its copy
// at once).
import { keptRead } from '../../platform/kept-read.ts';
import type { AppContext } from '../../platform/module.ts';
import { Analyzer } from './analyzer.ts';
import { compileSynonyms, type SynonymSet } from './query-plan.ts';

export const LEXICON_TTL_MS = 10_000;

export interface Lexicon {
  analyzer: Analyzer;
  synonyms: SynonymSet[];
  /** The custom words, so callers can tell whether documents need re-segmenting. */
  words: string[];
}

/**
 * Jieba with a given word list is built once per process (building costs
 * ~100 ms). Each instance holds its own copy of the dictionary (about 54 MB
 * of native memory), so only the last two word lists are kept: after an
 * edit of the vocabulary the old one goes.
 */
const analyzers = new Map<string, Analyzer>();
const KEPT_ANALYZERS = 2;

function analyzerFor(words: string[]): Analyzer {
  const key = words.join('\n');
  let a = analyzers.get(key);
  if (!a) {
    a = new Analyzer(words);
    if (analyzers.size >= KEPT_ANALYZERS) analyzers.delete(analyzers.keys().next().value!);
    analyzers.set(key, a);
  }
  return a;
}

async function load(ctx: AppContext): Promise<Lexicon> {
  const words = (
    await ctx.db.kysely.selectFrom('search_word').select('word').orderBy('word').execute()
  ).map((r) => r.word);
  const sets = (
    await ctx.db.kysely.selectFrom('search_synonym').select('terms').orderBy('id').execute()
  ).map((r) => r.terms.split(' '));
  // Synonym members are words too: segmenting them whole lets a query match them.
  const all = [...new Set([...words, ...sets.flat()])].sort();
  const analyzer = analyzerFor(all);
  return { analyzer, synonyms: compileSynonyms(analyzer, sets), words: all };
}

const lexicons = keptRead(LEXICON_TTL_MS, load);

export function lexicon(ctx: AppContext): Promise<Lexicon> {
  return lexicons.get(ctx);
}

/** After an edit: this node rebuilds its vocabulary on the next use. */
export function lexiconChanged(ctx: AppContext): void {
  lexicons.forget(ctx);
}
