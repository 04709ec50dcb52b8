// The query parser and the text folding, as properties: whatever a visitor
// types, the plan holds only letter-and-digit tokens, and the FTS5 and
// tsquery texts built from it are accepted by SQLite and PostgreSQL; the
// highlighter never lets markup through.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import pg from 'pg';
import { PG_URL } from '../../../test/helpers/databases.ts';
import { Analyzer } from './analyzer.ts';
import { findDocNumbers, normalizeText } from './normalize.ts';
import { tsqueryLiteral } from './pg-backend.ts';
import { compileSynonyms, parseQuery, splitCompounds } from './query-plan.ts';
import { highlight, partsToHtml, snippet } from './snippet.ts';
import { fts5Query } from './sqlite-backend.ts';

const analyzer = new Analyzer(['娄山关']);
const synonyms = compileSynonyms(analyzer, [
  ['社保', '社会保险'],
  ['公积金', '住房公积金'],
]);
const TOKEN = /^[\p{L}\p{N}]+$/u;

/** Strings rich in what query languages treat as syntax, mixed with Chinese and anything else. */
const hostile = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc
    .array(
      fc.constantFrom(
        '"',
        '*',
        'NEAR(',
        ')',
        ' OR ',
        ' AND ',
        ' NOT ',
        '-',
        '^',
        ':',
        "'",
        '&',
        '|',
        '!',
        '<->',
        ':*',
        '\\',
        '%',
        '公积金',
        '社保',
        '遵府发〔2026〕3号',
        '醫療',
        'ＡＢＣ',
        ' ',
        '\u0000',
        'title:',
        '{',
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join('')),
);

describe('query parsing', () => {
  let db: BetterSqlite3.Database;
  let client: pg.Client | undefined;
  before(async () => {
    db = new BetterSqlite3(':memory:');
    db.exec(
      `CREATE VIRTUAL TABLE f USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0')`,
    );
    db.prepare('INSERT INTO f (title, body) VALUES (?, ?)').run('公积金 提取', '社会保险');
    if (PG_URL) {
      client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
    }
  });
  after(async () => {
    db.close();
    await client?.end();
  });

  it('yields only letter-and-digit tokens that SQLite FTS5 and PostgreSQL tsquery accept', async () => {
    const match = db.prepare('SELECT count(*) AS n FROM f WHERE f MATCH ?');
    await fc.assert(
      fc.asyncProperty(hostile, async (raw) => {
        const plan = parseQuery(raw, analyzer, synonyms);
        for (const g of plan.groups) {
          assert.ok(g.alts.length > 0);
          for (const alt of g.alts) for (const token of alt) assert.match(token, TOKEN);
        }
        if (plan.groups.length === 0) return;
        for (const mode of ['all', 'any'] as const) {
          match.get(fts5Query(plan, mode));
          if (client) await client.query('SELECT $1::tsquery', [tsqueryLiteral(plan, mode)]);
        }
      }),
      { numRuns: client ? 300 : 1000 },
    );
  });

  it('folds full-width Latin letters and digits to lower-case half-width', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ABCxyz0189') }), (s) => {
        const wide = [...s].map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0)).join('');
        assert.equal(normalizeText(wide), s.toLowerCase());
      }),
    );
  });

  it('folds traditional to simplified characters', () => {
    assert.equal(normalizeText('醫療保險 辦理身份證 住房公積金'), '医疗保险 办理身份证 住房公积金');
  });

  it('keeps 文号 findable whatever the brackets, and a synonym expands to its set', () => {
    const one = parseQuery('遵府发〔2026〕3号', analyzer).groups;
    for (const typed of [
      '遵府发[2026]3号',
      '遵府发（2026）3号',
      '遵府发2026年3号',
      '遵府发〔2026〕第3号',
    ])
      assert.deepEqual(parseQuery(typed, analyzer).groups, one, typed);
    assert.equal(findDocNumbers(normalizeText('根据遵府办发〔2025〕17号文件')).length, 1);
    const social = parseQuery('社保缴费', analyzer, synonyms).groups;
    assert.deepEqual(social[0]!.alts, [['社保'], ['社会保险']]);
    const colloquial = parseQuery('怎么办理身份证', analyzer).groups.map((g) =>
      g.alts[0]!.join(' '),
    );
    assert.deepEqual(colloquial, ['身份证'], 'question words and 办理 are not required');
  });

  it('custom dictionary words stay whole', () => {
    assert.deepEqual(
      parseQuery('娄山关', analyzer).groups.map((g) => g.alts),
      [[['娄山关']]],
    );
  });

  it('splits a compound into the words it is made of, when asked, never into single characters', () => {
    const plan = parseQuery('红色旅游', analyzer);
    assert.deepEqual(
      plan.groups.map((g) => g.alts),
      [[['红色旅游']]],
    );
    assert.deepEqual(
      splitCompounds(plan, analyzer)?.groups.map((g) => g.alts),
      [[['红色旅游'], ['红色', '旅游']]],
    );
    for (const whole of ['身份证', '老旧小区', '医保'])
      assert.equal(splitCompounds(parseQuery(whole, analyzer), analyzer), undefined, whole);
  });
});

describe('highlighting', () => {
  it('marks matches and escapes everything, so the HTML form holds no markup but <mark>', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80 }),
        fc.array(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 3 }),
        (text, words) => {
          const parts = highlight(text, words);
          assert.equal(parts.map((p) => p.text).join(''), text);
          const html = partsToHtml(parts);
          assert.doesNotMatch(html.replace(/<\/?mark>/g, ''), /[<>"']/);
        },
      ),
    );
  });

  it('marks whole English words by their stem, and Chinese words where they occur', () => {
    const words = parseQuery('investment policy 园区', analyzer).groups.map((g) => g.alts[0]![0]!);
    assert.deepEqual(words, ['invest', 'polici', '园区']);
    const marked = (text: string) =>
      highlight(text, words)
        .filter((p) => p.mark)
        .map((p) => p.text);
    assert.deepEqual(marked('Investing in the park: new Policies for 园区 investors'), [
      'Investing',
      'Policies',
      '园区',
    ]);
    // A word that only begins like a query word is not its match.
    assert.deepEqual(marked('political investigations'), []);
  });

  it('centres the snippet on the first word with the stem', () => {
    const filler = 'Background. '.repeat(20);
    const parts = snippet(`${filler}The city policies on land.`, ['polici']);
    assert.equal(parts.find((p) => p.mark)?.text, 'policies');
    assert.ok(parts[0]!.text.startsWith('…'), 'the snippet starts near the match');
  });
});
