// The demo catalogue and the generated files, without a database.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inflateSync } from 'node:zlib';
import { sanitizeRichText } from '../sanitize.ts';
import { AUDIENCES, LIFE_EVENTS, TOPICS } from '../taxonomy.ts';
import { makeBarChartPng, makePdf } from './attachments.ts';
import { demoCatalogue } from './catalogue.ts';
import { demoPublishedAt } from './seed.ts';

const HAN = /\p{Script=Han}/u;

describe('demo catalogue', () => {
  const items = demoCatalogue();

  it('has at least 300 items with unique titles and per-site slugs', () => {
    assert.ok(items.length >= 300, `${items.length} items`);
    assert.equal(new Set(items.map((i) => i.title)).size, items.length);
    assert.equal(new Set(items.map((i) => `${i.site}/${i.slug}`)).size, items.length);
  });

  it('is dated over 2025–2026, before 2026-11-26', () => {
    for (const i of items) {
      assert.match(i.date, /^202[56]-\d\d-\d\d$/, i.slug);
      assert.ok(demoPublishedAt(i) < '2026-11-26T00:00:00.000Z', `${i.slug} ${i.date}`);
    }
    const years = new Set(items.map((i) => i.date.slice(0, 4)));
    assert.deepEqual([...years].sort(), ['2025', '2026']);
  });

  it('has bodies the sanitiser keeps as written', () => {
    for (const i of items) assert.equal(sanitizeRichText(i.body), i.body, `${i.site}/${i.slug}`);
  });

  it('tags with the taxonomy’s audiences, topics and life events only', () => {
    for (const i of items) {
      for (const a of i.audiences) assert.ok(a in AUDIENCES, `${i.slug}: audience ${a}`);
      for (const t of i.topics) assert.ok(t in TOPICS, `${i.slug}: topic ${t}`);
      for (const e of i.fields?.lifeEvents ?? []) assert.ok(e in LIFE_EVENTS, `${i.slug}: ${e}`);
      assert.ok(i.audiences.length > 0 && i.topics.length > 0, i.slug);
    }
  });

  it('links every interpretation to a policy of its site, published no later', () => {
    const policies = new Map(
      items.filter((i) => i.type === 'policy').map((i) => [`${i.site}/${i.slug}`, i]),
    );
    const interpretations = items.filter((i) => i.type === 'interpretation');
    assert.ok(interpretations.length >= 20);
    for (const i of interpretations) {
      const policy = policies.get(`${i.site}/${i.interprets}`);
      assert.ok(policy, `${i.slug} explains ${i.interprets}`);
      assert.ok(policy.date <= i.date);
    }
  });

  it('gives policies their number, issuer, dates and validity; some are repealed or expired', () => {
    const policies = items.filter((i) => i.type === 'policy' && i.site !== 'invest-en');
    for (const p of policies) {
      assert.match(p.fields?.docNumber ?? '', /^[\u4e00-\u9fa5]+〔202[56]〕\d+号$/, p.slug);
      assert.ok(p.fields?.issuer && p.fields.writtenOn && p.fields.validity, p.slug);
      assert.ok(p.fields.writtenOn! <= p.date, p.slug);
    }
    const repealed = policies.filter((p) => p.fields?.validity === 'repealed');
    assert.ok(repealed.length >= 1 && repealed.every((p) => p.fields?.repealedOn));
    assert.ok(policies.some((p) => p.fields?.validity === 'expired'));
    assert.ok(policies.some((p) => p.body.includes('<table>')));
  });

  it('writes the English investment site in English', () => {
    const en = items.filter((i) => i.site === 'invest-en');
    assert.ok(en.length >= 12);
    for (const i of en) {
      for (const text of [i.title, i.summary ?? '', i.body, JSON.stringify(i.fields ?? {})])
        assert.doesNotMatch(text, HAN, i.slug);
    }
    for (const i of items.filter((x) => x.site !== 'invest-en')) assert.match(i.title, HAN, i.slug);
  });

  it('composes series items that differ from each other', () => {
    const bodies = new Set(items.map((i) => i.body));
    assert.equal(bodies.size, items.length, 'no two bodies are the same');
  });
});

describe('demo attachments', () => {
  it('makes a PDF whose cross-reference table points at its objects', () => {
    const pdf = Buffer.from(
      makePdf('Test (demo)', ['A line of text \\ with a backslash.']),
    ).toString('latin1');
    assert.ok(pdf.startsWith('%PDF-1.4\n') && pdf.endsWith('%%EOF\n'));
    const xref = Number(/startxref\n(\d+)\n/.exec(pdf)![1]);
    assert.equal(pdf.slice(xref, xref + 4), 'xref');
    const offsets = [...pdf.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    assert.equal(offsets.length, 7);
    for (const [i, off] of offsets.entries()) {
      assert.equal(pdf.slice(off, off + `${i + 1} 0 obj`.length), `${i + 1} 0 obj`);
    }
    const length = Number(/\/Length (\d+)/.exec(pdf)![1]);
    const stream = pdf.indexOf('stream\n') + 'stream\n'.length;
    assert.equal(pdf.slice(stream + length, stream + length + 10), '\nendstream');
  });

  it('makes a PNG with valid chunks', () => {
    const png = Buffer.from(makeBarChartPng([1, 3, 2]));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(png.toString('ascii', 12, 16), 'IHDR');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    const idatLength = png.readUInt32BE(33);
    assert.equal(png.toString('ascii', 37, 41), 'IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    assert.equal(raw.length, (width * 3 + 1) * height);
  });
});
