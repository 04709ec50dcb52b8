// The tsvector literal the PostgreSQL backend writes: positions and weights
// as ts_rank reads them, and lexemes in PostgreSQL's own order, so that its
// parser does not sort them again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { PG_URL } from '../../../test/helpers/databases.ts';
import { Analyzer } from './analyzer.ts';
import { lexemeOrder, tsvectorLiteral } from './tsvector.ts';

const sample = {
  title: '关于2026年城乡居民基本医疗保险参保缴费工作的通知',
  body:
    '城乡居民基本医疗保险（医保）参保缴费工作现已开始。参保人员可通过社会保险网上服务平台、' +
    '“贵人服务”应用或社区服务中心缴费。Residents may pay online; policy No. 3 applies. ' +
    '遵府发〔2026〕3号同时废止。医疗保险待遇自次年1月1日起享受。',
};

describe('tsvector literal', () => {
  it('numbers title then body tokens, weights the title A and gathers repeated tokens', () => {
    assert.equal(
      tsvectorLiteral(['医保', '通知'], ['医保', '缴费', '医保']),
      "'医保':1A,3,5 '缴费':4 '通知':2A",
    );
  });

  it('keeps at most 256 positions of a lexeme, still counting the positions after it', () => {
    const literal = tsvectorLiteral([], [...Array.from({ length: 300 }, () => '会'), '议']);
    const [many, last] = literal.split(' ');
    assert.equal(many!.split(',').length, 256);
    assert.equal(last, "'议':301");
  });

  it('orders lexemes by code unit with a prefix first, as a plain string sort does', () => {
    const lexemes = [
      '社会保险',
      '社会',
      '保险',
      'a1',
      'policy',
      '2026',
      '社',
      '社会保障',
      'p',
      '医',
    ];
    const sorted = [...lexemes].sort();
    assert.deepEqual(
      lexemeOrder(lexemes).map((i) => lexemes[i]),
      sorted,
    );
    const analyzer = new Analyzer();
    const tokens = [...new Set(analyzer.indexTokens(`${sample.title} ${sample.body}`))];
    assert.deepEqual(
      lexemeOrder(tokens).map((i) => tokens[i]),
      [...tokens].sort(),
    );
  });

  it('is what PostgreSQL itself prints for the vector, lexeme for lexeme and in order', {
    skip: PG_URL ? false : 'YIMEN_TEST_PG not set',
  }, async () => {
    const analyzer = new Analyzer();
    const literal = tsvectorLiteral(
      analyzer.indexTokens(sample.title),
      analyzer.indexTokens(sample.body),
    );
    const client = new pg.Client(PG_URL);
    await client.connect();
    try {
      const { rows } = await client.query<{ text: string }>('SELECT $1::tsvector::text AS text', [
        literal,
      ]);
      assert.equal(rows[0]!.text, literal);
    } finally {
      await client.end();
    }
  });
});
