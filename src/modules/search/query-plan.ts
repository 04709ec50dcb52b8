// What a query means to the index: groups of alternatives. Every group must
// match (or, when nothing matches them all, as many as possible); a group
// matches when one of its alternatives does, and an alternative is a few
// tokens that must all be present. Synonyms become alternatives of one group;
// a 文号 becomes one canonical token. Tokens hold only letters and digits, so
// nothing a visitor types reaches FTS5 or tsquery syntax.
import { cleanLine } from '../../platform/text.ts';
import { type Analyzer, STOPWORDS } from './analyzer.ts';
import { docNumberToken, findDocNumbers, normalizeText } from './normalize.ts';

export interface QueryGroup {
  /** Alternatives; each is a list of tokens that must all match. */
  alts: string[][];
}

export interface QueryPlan {
  /** The query as typed, folded and with whitespace collapsed: the key of logs and best bets. */
  key: string;
  groups: QueryGroup[];
  /** Match the only token as a prefix (a one-character query such as 税). */
  prefix: boolean;
}

/** Longest query accepted, in characters. */
export const MAX_QUERY = 100;
const MAX_GROUPS = 12;

/** The normalised form of a query: the key under which it is logged and pinned. */
export function queryKey(raw: string): string {
  // Control and bidi-override characters go first: PostgreSQL text cannot
  // hold NUL, and nobody means them.
  return normalizeText(cleanLine([...raw].slice(0, MAX_QUERY).join('')))
    .replace(/\s+/g, ' ')
    .trim();
}

/** A synonym set as token sequences, one per member. */
export type SynonymSet = string[][];

/** Turn each synonym set's members into token sequences with the same analyzer. */
export function compileSynonyms(analyzer: Analyzer, sets: readonly string[][]): SynonymSet[] {
  return sets
    .map((members) =>
      members
        .map((m) => analyzer.queryWords(normalizeText(m), true))
        .filter((words) => words.length > 0),
    )
    .filter((set) => set.length > 1);
}

function startsWith(words: readonly string[], at: number, seq: readonly string[]): boolean {
  if (at + seq.length > words.length) return false;
  return seq.every((w, i) => words[at + i] === w);
}

/** The longest synonym member that starts at `at`, with its set. */
function synonymAt(words: readonly string[], at: number, synonyms: readonly SynonymSet[]) {
  let best: { set: SynonymSet; length: number } | undefined;
  for (const set of synonyms) {
    for (const member of set) {
      if ((best?.length ?? 0) < member.length && startsWith(words, at, member))
        best = { set, length: member.length };
    }
  }
  return best;
}

export function parseQuery(
  raw: string,
  analyzer: Analyzer,
  synonyms: readonly SynonymSet[] = [],
): QueryPlan {
  const key = queryKey(raw);
  const groups: QueryGroup[] = [];
  let rest = key;
  for (const m of findDocNumbers(key).reverse()) {
    groups.unshift({ alts: [[docNumberToken(m.issuer, m.year, m.serial)]] });
    rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m.length)}`;
  }
  // Stopwords stay in while synonyms are matched ("怎么办" may be part of none,
  // but a member may contain one), then leave.
  const words = analyzer.queryWords(rest, true);
  for (let at = 0; at < words.length; ) {
    const syn = synonymAt(words, at, synonyms);
    if (syn) {
      groups.push({ alts: syn.set.map((m) => m.filter((w) => !STOPWORDS.has(w))) });
      at += syn.length;
      continue;
    }
    const word = words[at]!;
    if (!STOPWORDS.has(word)) groups.push({ alts: [[word]] });
    at += 1;
  }
  const unique = dedupe(groups.map(tidy).filter((g) => g.alts.length > 0)).slice(0, MAX_GROUPS);
  const only = unique.length === 1 && unique[0]!.alts.length === 1 ? unique[0]!.alts[0]! : [];
  const prefix =
    only.length === 1 && [...only[0]!].length === 1 && /\p{Script=Han}/u.test(only[0]!);
  return { key, groups: unique, prefix };
}

/**
 * The plan with each compound word also matched by its parts (红色旅游: 红色
 * and 旅游 anywhere in the document), or undefined when no word splits. A
 * document says 红色文化和旅游 where a citizen types 红色旅游; the plan is only
 * tried when the words as typed found nothing, so exact matches are never
 * diluted.
 */
export function splitCompounds(plan: QueryPlan, analyzer: Analyzer): QueryPlan | undefined {
  let split = false;
  const groups = plan.groups.map((g) => {
    const alts = [...g.alts];
    for (const alt of g.alts) {
      if (alt.length !== 1) continue;
      const parts = analyzer.compoundParts(alt[0]!);
      const kept = parts?.filter((w) => !STOPWORDS.has(w));
      if (kept && kept.length > 0) {
        alts.push(kept);
        split = true;
      }
    }
    return tidy({ alts });
  });
  return split ? { ...plan, groups, prefix: false } : undefined;
}

function tidy(group: QueryGroup): QueryGroup {
  const seen = new Set<string>();
  const alts: string[][] = [];
  for (const alt of group.alts) {
    const k = alt.join(' ');
    if (alt.length === 0 || seen.has(k)) continue;
    seen.add(k);
    alts.push(alt);
  }
  return { alts };
}

function dedupe(groups: QueryGroup[]): QueryGroup[] {
  const seen = new Set<string>();
  return groups.filter((g) => {
    const k = g.alts.map((a) => a.join(' ')).join('|');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Every token of the plan, for highlighting (longest first). */
export function planWords(plan: QueryPlan): string[] {
  const all = new Set(plan.groups.flatMap((g) => g.alts.flat()));
  return [...all].sort((a, b) => b.length - a.length);
}

/** How one query language writes a token and joins terms. */
export interface QuerySyntax {
  token: (t: string, prefix: boolean) => string;
  and: string;
  or: string;
}

/**
 * The plan as query text: groups joined by AND (mode all) or OR (mode any),
 * alternatives by OR, an alternative's tokens by AND. Safe because tokens
 * hold only letters and digits.
 */
export function renderPlan(plan: QueryPlan, mode: 'all' | 'any', syntax: QuerySyntax): string {
  const alt = (tokens: string[]) =>
    `(${tokens.map((t) => syntax.token(t, plan.prefix)).join(syntax.and)})`;
  const groups = plan.groups.map((g) => `(${g.alts.map(alt).join(syntax.or)})`);
  return groups.join(mode === 'all' ? syntax.and : syntax.or);
}
