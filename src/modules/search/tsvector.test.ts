// The tsvector the PostgreSQL backend writes, in the type's binary format:
// positions and weights as ts_rank reads them, lexemes in PostgreSQL's own
// order (so the server does not sort them again), and what the server makes
// of it, lexeme for lexeme.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { PG_URL } from '../../../test/helpers/databases.ts';
import { Analyzer } from './analyzer.ts';
import { lexemeOrder, tsvectorBinary } from './tsvector.ts';

const sample = {
  title: '关于2026年城乡居民基本医疗保险参保缴费工作的通知',
  body:
    '城乡居民基本医疗保险（医保）参保缴费工作现已开始。参保人员可通过社会保险网上服务平台、' +
    '“贵人服务”应用或社区服务中心缴费。Residents may pay online; policy No. 3 applies. ' +
    '遵府发〔2026〕3号同时废止。医疗保险待遇自次年1月1日起享受。𠀀字也可检索。',
};

/** Decode the binary format back into PostgreSQL's text form, to read what was written. */
function asText(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  let off = 4;
  for (let n = buf.readUInt32BE(0); n > 0; n--) {
    const end = buf.indexOf(0, off);
    const lexeme = buf.toString('utf8', off, end);
    const count = buf.readUInt16BE(end + 1);
    off = end + 3;
    const positions: string[] = [];
    for (let j = 0; j < count; j++, off += 2) {
      const entry = buf.readUInt16BE(off);
      positions.push(`${entry & 0x3fff}${['', 'C', 'B', 'A'][entry >> 14]}`);
    }
    parts.push(`'${lexeme}':${positions.join(',')}`);
  }
  assert.equal(off, buf.length, 'nothing after the last lexeme');
  return parts.join(' ');
}

describe('tsvector in binary format', () => {
  it('numbers title then body tokens, weights the title A and gathers repeated tokens', () => {
    assert.equal(
      asText(tsvectorBinary(['医保', '通知'], ['医保', '缴费', '医保'])),
      "'医保':1A,3,5 '缴费':4 '通知':2A",
    );
  });

  it('keeps at most 256 positions of a lexeme, and each position past 16383 once', () => {
    const many = asText(tsvectorBinary([], [...Array.from({ length: 300 }, () => '会'), '议']));
    assert.equal(many.split(' ')[0]!.split(',').length, 256);
    assert.equal(many.split(' ')[1], "'议':301");
    const long = asText(
      tsvectorBinary(
        [],
        Array.from({ length: 20_000 }, (_, i) => `词${i % 3}`),
      ),
    );
    for (const lexeme of long.split(' ')) {
      const positions = lexeme.split(':')[1]!.split(',').map(Number);
      assert.ok(positions.every((p, i) => i === 0 || p > positions[i - 1]!));
    }
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
    assert.deepEqual(
      Array.from(lexemeOrder(lexemes), (i) => lexemes[i]),
      [...lexemes].sort(),
    );
    const tokens = [...new Set(new Analyzer().indexTokens(`${sample.title} ${sample.body}`))];
    assert.deepEqual(
      Array.from(lexemeOrder(tokens), (i) => tokens[i]),
      [...tokens].sort(),
    );
  });

  it('orders long runs of lexemes that share their first characters, such as lists of numbers', () => {
    const numbers = Array.from({ length: 500 }, (_, i) => `52${(i * 7919) % 100_000}`);
    assert.deepEqual(
      Array.from(lexemeOrder(numbers), (i) => numbers[i]),
      [...numbers].sort(),
    );
  });

  it('leaves out an empty token rather than writing a lexeme of nothing', () => {
    assert.equal(asText(tsvectorBinary(['b', ''], ['a'])), "'a':2 'b':1A");
  });

  it('is taken by PostgreSQL as written, lexeme for lexeme and in order', {
    skip: PG_URL ? false : 'YIMEN_TEST_PG not set',
  }, async () => {
    const analyzer = new Analyzer();
    const vector = tsvectorBinary(
      analyzer.indexTokens(sample.title),
      analyzer.indexTokens(sample.body),
    );
    const client = new pg.Client(PG_URL);
    await client.connect();
    try {
      const { rows } = await client.query<{ text: string }>('SELECT $1::tsvector::text AS text', [
        vector,
      ]);
      assert.equal(rows[0]!.text, asText(vector));
      assert.match(rows[0]!.text, /'医疗保险':\d+A/);
    } finally {
      await client.end();
    }
  });
});
