// Hot read queries of public pages, built and compiled by Kysely once per
// database instead of on every call. Building and compiling a query (an
// immutable operation tree, then a visitor to SQL) and the driver's
// connection hand-off cost more than SQLite takes to run a small query.
// Here the query is compiled once with marker values in the parameters'
// places; a call puts its values there and runs the SQL:
//   SQLite — on the read-only connection (db.reader), synchronously: it sees
//     committed data only, like a separate pooled connection on PostgreSQL,
//     and does not queue behind a writer's transaction on the main one;
//   PostgreSQL — through Kysely's executeQuery with the compiled text.
// Only for reads whose shape does not change with the values (no IN list of
// varying length, no optional clauses).
import type BetterSqlite3 from 'better-sqlite3';
import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { Database, Db } from './index.ts';

const MARK = '\u0000yimen-prepared-param-';

interface Compiled {
  query: CompiledQuery;
  /** For each SQL parameter: the index of the call's value, or -1 for a constant. */
  slots: number[];
}

export type PreparedRead<P extends unknown[], R> = (db: Db, ...params: P) => Promise<R[]>;

/**
 * A read whose SQL is compiled once per database. `build` must use each of
 * its parameters only as a value (where, limit…), never to choose the shape.
 */
export function preparedRead<P extends unknown[], R>(
  build: (kysely: Kysely<Database>, ...params: P) => Compilable<R>,
): PreparedRead<P, R> {
  const arity = build.length - 1;
  const compiled = new WeakMap<Db, Compiled>();
  const compile = (db: Db): Compiled => {
    const markers = Array.from({ length: arity }, (_, i) => `${MARK}${i}`) as P;
    const query = build(db.kysely, ...markers).compile();
    const slots = query.parameters.map((v) =>
      typeof v === 'string' && v.startsWith(MARK) ? Number(v.slice(MARK.length)) : -1,
    );
    for (let i = 0; i < arity; i++) {
      if (!slots.includes(i))
        throw new Error(`preparedRead: parameter ${i} is not used as a value`);
    }
    return { query, slots };
  };
  return async (db, ...params) => {
    let c = compiled.get(db);
    if (!c) {
      c = compile(db);
      compiled.set(db, c);
    }
    const values = c.slots.map((slot, i) => (slot === -1 ? c.query.parameters[i] : params[slot]));
    return runRead<R>(db, c.query, values);
  };
}

/** Run a compiled read with these values: on SQLite's read-only connection, else through Kysely. */
async function runRead<R>(
  db: Db,
  query: CompiledQuery,
  parameters: readonly unknown[] = query.parameters,
): Promise<R[]> {
  if (db.reader) {
    const [sqlText, values] = literalLimit(query.sql, parameters);
    return namedRows<R>(db.reader.prepare(sqlText), values);
  }
  return (await db.kysely.executeQuery<R>({ ...query, parameters })).rows as R[];
}

/** Where a SQL text's `limit ?` placeholders are, and its texts with them written in. */
interface LimitPlaceholders {
  /** Parameter indexes of the `limit ?` placeholders, in order. */
  indexes: number[];
  /** The same indexes, for leaving their values out. */
  written: Set<number>;
  /** The text cut at those placeholders: one part more than indexes. */
  parts: string[];
  /** Texts with the limits written in, by their values (a few at most). */
  texts: Map<string, string>;
}

const limitPlaceholders = new Map<string, LimitPlaceholders | null>();
const KEPT_PLACEHOLDERS = 500;
/** Distinct LIMIT values written into one text; beyond them the LIMIT stays bound. */
const KEPT_VARIANTS = 16;

/**
 * The SQL with its LIMITs written as literals, and the values without them.
 * SQLite (3.47 on) reads the value bound to `LIMIT ?` when it plans the
 * statement, so binding it again, even to the same number, makes the next
 * run plan the statement anew: 10 µs of the 31 a related-items read took.
 * A LIMIT is a constant of the code, so few texts result; a LIMIT other
 * than a non-negative integer, or a text with more than a few distinct
 * LIMITs, stays bound.
 */
export function literalLimit(
  sqlText: string,
  values: readonly unknown[],
): [string, readonly unknown[]] {
  let at = limitPlaceholders.get(sqlText);
  if (at === undefined) {
    at = findLimitPlaceholders(sqlText);
    if (limitPlaceholders.size >= KEPT_PLACEHOLDERS) limitPlaceholders.clear();
    limitPlaceholders.set(sqlText, at);
  }
  if (!at) return [sqlText, values];
  const limits = at.indexes.map((i) => values[i]);
  if (!limits.every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) {
    return [sqlText, values];
  }
  const key = limits.join(',');
  let text = at.texts.get(key);
  if (text === undefined) {
    if (at.texts.size >= KEPT_VARIANTS) return [sqlText, values];
    const parts = at.parts;
    text = parts.slice(1).reduce((sofar, part, i) => `${sofar}${limits[i]}${part}`, parts[0]!);
    at.texts.set(key, text);
  }
  const written = at.written;
  return [text, values.filter((_, i) => !written.has(i))];
}

/**
 * The `limit ?` placeholders of a SQL text as Kysely writes it, counting
 * '?' outside quotes and comments; null when it has none, or numbered
 * placeholders (?1), which this count does not follow.
 */
function findLimitPlaceholders(sqlText: string): LimitPlaceholders | null {
  const indexes: number[] = [];
  const cuts: number[] = [];
  let index = 0;
  for (let i = 0; i < sqlText.length; i++) {
    const ch = sqlText[i]!;
    if (ch === "'" || ch === '"' || ch === '`') {
      const close = sqlText.indexOf(ch, i + 1);
      i = close === -1 ? sqlText.length : close;
    } else if (ch === '-' && sqlText[i + 1] === '-') {
      const close = sqlText.indexOf('\n', i);
      i = close === -1 ? sqlText.length : close;
    } else if (ch === '/' && sqlText[i + 1] === '*') {
      const close = sqlText.indexOf('*/', i + 2);
      i = close === -1 ? sqlText.length : close + 1;
    } else if (ch === '?') {
      if (/[0-9]/.test(sqlText[i + 1] ?? '')) return null;
      if (/\blimit\s+$/i.test(sqlText.slice(Math.max(0, i - 8), i))) {
        indexes.push(index);
        cuts.push(i);
      }
      index++;
    }
  }
  if (indexes.length === 0) return null;
  const parts = cuts.map((cut, k) => sqlText.slice(k === 0 ? 0 : cuts[k - 1]! + 1, cut));
  parts.push(sqlText.slice(cuts[cuts.length - 1]! + 1));
  return { indexes, written: new Set(indexes), parts, texts: new Map() };
}

const columnNames = new WeakMap<BetterSqlite3.Statement, string[]>();

/**
 * The rows of a read-only statement as objects. better-sqlite3 builds each
 * row object property by property from C++; taking the rows as arrays and
 * naming the columns here gives objects of one shape, some 15–25 % faster
 * for the dozen rows of a list (a channel's newest items: 47–61 against
 * 55–86 µs, docs/PERFORMANCE.md). A name that occurs twice keeps its last
 * value, as better-sqlite3 does. The reader's statements are used only here,
 * so they stay in raw mode.
 */
function namedRows<R>(statement: BetterSqlite3.Statement, parameters: readonly unknown[]): R[] {
  let names = columnNames.get(statement);
  if (!names) {
    names = statement.columns().map((c) => c.name);
    statement.raw(true);
    columnNames.set(statement, names);
  }
  const rows = statement.all(...parameters) as unknown[][];
  const out = new Array<R>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const named: Record<string, unknown> = {};
    for (let c = 0; c < names.length; c++) named[names[c]!] = row[c];
    out[r] = named as R;
  }
  return out;
}

/**
 * A read of a public page whose SQL changes with its values (an IN list, a
 * union per site), compiled per call but run where a prepared read runs: on
 * SQLite on the read-only connection, so that it does not wait behind a
 * writer's transaction on the main one (a rebuild, a publish).
 */
export function publicRead<R>(db: Db, query: Compilable<R>): Promise<R[]> {
  return runRead<R>(db, query.compile());
}
