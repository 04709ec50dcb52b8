// What leaves the server in places where escaping is easy to get wrong:
// JSON-LD inside <script>, XML feeds, Content-Disposition file names, the
// elder-mode return path.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scriptSafeJson } from '../../web/components/json-ld.tsx';
import { isSameSitePath } from './elder.ts';
import { contentDisposition, safeFileName } from './files.ts';
import { xml } from './format.ts';

describe('JSON-LD in a <script> element', () => {
  it('cannot close the element or open markup, and still parses to the same value', () => {
    const value = {
      headline: '</script><script>alert(1)</script>',
      other: '<!-- & \u2028\u2029 -->',
    };
    const json = scriptSafeJson(value);
    assert.doesNotMatch(json, /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(json), value);
  });
});

describe('XML text', () => {
  it('escapes markup characters and drops characters XML cannot hold', () => {
    assert.equal(xml(`a<b>&"'\u0001c`), 'a&lt;b&gt;&amp;&quot;&apos;c');
  });
});

describe('download file names (RFC 6266)', () => {
  it('removes path separators, CR/LF and leading dots', () => {
    const name = safeFileName('../../etc/passwd\r\nX: y');
    assert.doesNotMatch(name, /[/\\\r\n]/);
    assert.ok(!name.startsWith('.'));
    assert.match(name, /passwd/);
  });

  it('removes bidirectional overrides that disguise an extension', () => {
    assert.equal(safeFileName('a\u202Egnp.exe'), 'a_gnp.exe');
    assert.equal(safeFileName('\u2066x\u2069.pdf'), 'x_.pdf');
  });

  it('never returns an empty name', () => {
    assert.equal(safeFileName('../'), 'download');
    assert.equal(safeFileName(''), 'download');
  });

  it('offers an ASCII fallback and the exact UTF-8 name', () => {
    assert.equal(
      contentDisposition('提案 (2026)\'s "表".pdf'),
      `attachment; filename="__ (2026)'s ___.pdf"; filename*=UTF-8''%E6%8F%90%E6%A1%88%20%282026%29%27s%20%22%E8%A1%A8%22.pdf`,
    );
    const header = contentDisposition('../../etc/passwd\r\nX: y');
    assert.doesNotMatch(header, /[\r\n]/);
  });
});

describe('elder-mode return path', () => {
  it('accepts paths on this site', () => {
    for (const ok of ['/', '/citizens/', '/sites/party/news/?page=2', '/a//b']) {
      assert.ok(isSameSitePath(ok), ok);
    }
  });

  it('refuses anything a browser could take to another site', () => {
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      'evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '',
    ]) {
      assert.ok(!isSameSitePath(bad), JSON.stringify(bad));
    }
  });
});
