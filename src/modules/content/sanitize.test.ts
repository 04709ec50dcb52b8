// The sanitiser against a published XSS corpus and random input: nothing
// executable survives (no script, no event handler, no script-capable URL, no
// style), and the formatting editors use does.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { htmlToText, sanitizeRichText } from './sanitize.ts';
import { XSS_CORPUS } from './xss-corpus.ts';

const ALLOWED_TAGS = new Set([
  'h2',
  'h3',
  'h4',
  'p',
  'br',
  'hr',
  'blockquote',
  'pre',
  'code',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'sub',
  'sup',
  'mark',
  'small',
  'abbr',
  'a',
  'img',
  'figure',
  'figcaption',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
]);
// What a browser reads as a scheme (WHATWG URL): a letter, then letters,
// digits, '+', '-' or '.', then ':'. Anything else is a relative URL.
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);
// Built from a string: the linter forbids control characters in regex literals.
const IGNORED_PATTERN = '[\\u0000-\\u0020]';
const IGNORED_IN_URLS = new RegExp(IGNORED_PATTERN, 'g');

/** Parse the output as a browser would and check every element and attribute. */
function assertInert(html: string, from: string) {
  const where = `payload ${JSON.stringify(from)} gave ${JSON.stringify(html)}`;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        assert.ok(ALLOWED_TAGS.has(name), `element <${name}> survived: ${where}`);
        for (const [attr, value] of Object.entries(attribs)) {
          assert.ok(!/^on/i.test(attr), `event handler ${attr}: ${where}`);
          assert.ok(
            !['style', 'class', 'id', 'srcdoc', 'formaction', 'background'].includes(attr),
            `attribute ${attr}: ${where}`,
          );
          if (attr === 'href' || attr === 'src') {
            // Browsers drop tabs, newlines and leading control characters and spaces when reading a scheme.
            const url = value.replace(IGNORED_IN_URLS, '');
            const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
            assert.ok(
              scheme === undefined || SAFE_SCHEMES.has(scheme),
              `${attr}=${value}: ${where}`,
            );
            assert.ok(!url.startsWith('//'), `protocol-relative ${attr}: ${where}`);
          }
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
}

describe('rich-text sanitiser', () => {
  it(`neutralises every payload of the XSS corpus (${XSS_CORPUS.length} payloads)`, () => {
    for (const payload of XSS_CORPUS) {
      const clean = sanitizeRichText(payload);
      assertInert(clean, payload);
      assert.equal(sanitizeRichText(clean), clean, 'sanitising is idempotent');
    }
  });

  it('keeps the formatting editors use', () => {
    const html =
      '<h2>一、总体要求</h2><h3>（一）目标</h3><p>到<strong>2027年</strong>，<em>全市</em>新增就业<u>4万人</u>。</p>' +
      '<ul><li>甲</li><li>乙</li></ul><ol start="3"><li>丙</li></ol>' +
      '<table><caption>补贴标准</caption><thead><tr><th scope="col">类别</th><th scope="col">金额</th></tr></thead>' +
      '<tbody><tr><td>一次性补贴</td><td colspan="1">3000元</td></tr></tbody></table>' +
      '<p><a href="https://www.gov.cn/zhengce/">中国政府网</a> <a href="/sites/government/policies/">政策文件</a> <a href="mailto:ban@example.gov.cn">来信</a></p>' +
      '<figure><img src="/files/ab/cd/abcdef.png" alt="示意图" width="600" height="400" /><figcaption>图1</figcaption></figure>' +
      '<blockquote><p>引文</p></blockquote><p>H<sub>2</sub>O，10<sup>3</sup></p>';
    const clean = sanitizeRichText(html);
    for (const kept of [
      '<h2>一、总体要求</h2>',
      '<strong>2027年</strong>',
      '<em>全市</em>',
      '<ol start="3">',
      '<th scope="col">类别</th>',
      '<caption>补贴标准</caption>',
      'href="/sites/government/policies/"',
      'href="mailto:ban@example.gov.cn"',
      'alt="示意图"',
      '<figcaption>图1</figcaption>',
      '<sub>2</sub>',
      '<blockquote>',
    ]) {
      assert.ok(clean.includes(kept), `kept ${kept}: ${clean}`);
    }
    assert.match(clean, /<a href="https:\/\/www\.gov\.cn\/zhengce\/" rel="noopener noreferrer">/);
  });

  it('demotes h1 to h2 and drops images without alt text', () => {
    assert.equal(sanitizeRichText('<h1>标题</h1>'), '<h2>标题</h2>');
    assert.equal(sanitizeRichText('<p><img src="/files/a.png"></p>'), '<p></p>');
    assert.equal(sanitizeRichText('<img src="http://insecure.example/a.png" alt="a">'), '');
  });

  it('leaves nothing executable for arbitrary input (property)', () => {
    const fragments = fc.constantFrom(
      '<',
      '>',
      '"',
      "'",
      '=',
      '/',
      ' ',
      'script',
      'img',
      'a',
      'href',
      'src',
      'onerror',
      'onclick',
      'style',
      'javascript:',
      'JaVaScRiPt:',
      'data:',
      '&#106;',
      '&#x09;',
      '\t',
      '\n',
      'alert(1)',
      '<!--',
      '-->',
      'svg',
      'iframe',
      '中文',
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fragments, fc.string({ maxLength: 4 })), { maxLength: 40 }),
        (parts) => {
          assertInert(sanitizeRichText(parts.join('')), parts.join(''));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('turns HTML into plain text for summaries and checks', () => {
    assert.equal(
      htmlToText('<p>一&amp;二</p><script>alert(1)</script><p>三&nbsp;四</p>'),
      '一&二三 四',
    );
  });
});
