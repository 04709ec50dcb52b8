// Attachments through the real multipart route: types are decided by the
// bytes (a real PDF, PNG and DOCX pass; HTML or an EXE named .pdf, and a
// DOCX-shaped zip bomb, are refused with 415 before anything is extracted),
// oversize uploads end in 413, hostile names stay names, and every stored
// file lands content-addressed under the data directory.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { deflateSync } from 'node:zlib';
import yazl from 'yazl';
import { listAttachments } from '../../src/modules/content/attachments.ts';
import { getItem, getRevision } from '../../src/modules/content/items.ts';
import {
  itemIdFrom,
  type Newsroom,
  openNewsroom,
  postForm,
  postMultipart,
} from '../helpers/content.ts';
import { dialects } from '../helpers/databases.ts';

/** A minimal valid one-page PDF, cross-reference offsets computed. */
function pdf(text = 'Hello'): Buffer {
  const content = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A 2×2 RGB PNG. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function zip(entries: [string, string][], extraEntries = 0): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const [name, text] of entries) z.addBuffer(Buffer.from(text), name);
  for (let i = 0; i < extraEntries; i++)
    z.addBuffer(Buffer.from('x'), `word/media/f${i}.bin`, { compress: false });
  z.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    z.outputStream.on('data', (c: Buffer) => chunks.push(c));
    z.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    z.outputStream.on('error', reject);
  });
}

const DOCX_ENTRIES: [string, string][] = [
  [
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  ],
  [
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  ],
  [
    'word/document.xml',
    '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>附件</w:t></w:r></w:p></w:body></w:document>',
  ],
];

for (const dialect of dialects) {
  describe(`content attachments, checked by content [${dialect}]`, () => {
    let n: Newsroom;
    let id = '';
    const dataDir = () => n.aa.ctx.config.dataDir;
    const upload = (name: string, content: Buffer, who = 'editor') =>
      postMultipart(n.agents[who]!, `/admin/content/${id}/attachments`, [
        { name: 'files', filename: name, content, type: 'application/pdf' },
      ]);
    const names = async () => (await listAttachments(n.aa.ctx, id)).map((a) => a.name).sort();

    before(async () => {
      n = await openNewsroom(dialect, ['editor', 'govEditor', 'r1']);
      await n.agents.editor!.get('/admin/content/new?channel=party-news');
      const res = await postForm(n.agents.editor!, '/admin/content/new', {
        channel: 'party-news',
        type: 'notice',
        title: '关于报送材料的通知',
        body: '<p>见附件。</p>',
      });
      id = itemIdFrom(res);
      await n.agents.editor!.get(`/admin/content/${id}/edit`);
    });
    after(() => n.aa.close());

    it('stores a real PDF, PNG and DOCX content-addressed under the data directory', async () => {
      const files = [
        { name: 'files', filename: '申报表.pdf', content: pdf() },
        { name: 'files', filename: '图表.png', content: png(), type: 'image/png' },
        { name: 'files', filename: '说明.docx', content: await zip(DOCX_ENTRIES) },
      ];
      const res = await postMultipart(n.agents.editor!, `/admin/content/${id}/attachments`, files);
      assert.equal(res.statusCode, 303, res.body.slice(0, 600));
      const stored = await listAttachments(n.aa.ctx, id);
      assert.deepEqual(
        stored.map((a) => a.name),
        ['申报表.pdf', '图表.png', '说明.docx'],
      );
      assert.deepEqual(
        stored.map((a) => a.mime),
        [
          'application/pdf',
          'image/png',
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        ],
      );
      for (const a of stored) {
        const path = join(dataDir(), 'files', a.sha256.slice(0, 2), a.sha256.slice(2, 4), a.sha256);
        assert.ok(statSync(path).isFile(), `${a.name} at ${path}`);
        assert.equal(statSync(path).size, a.size);
      }
      assert.deepEqual(
        readdirSync(join(dataDir(), 'files', '.incoming')),
        [],
        'no temporary file left',
      );
      // The same bytes again: one stored file, one attachment.
      await postMultipart(n.agents.editor!, `/admin/content/${id}/attachments`, [files[0]!]);
      assert.equal((await listAttachments(n.aa.ctx, id)).length, 3);
      const download = await n.agents.editor!.get(
        `/admin/content/${id}/files/${stored[0]!.sha256}`,
      );
      assert.equal(download.statusCode, 200);
      assert.equal(download.headers['content-type'], 'application/pdf');
      assert.equal(download.headers['x-content-type-options'], 'nosniff');
      assert.match(
        String(download.headers['content-disposition']),
        /^attachment; filename="___.pdf"; filename\*=UTF-8''%E7%94%B3/,
      );
      assert.ok(download.rawPayload.equals(pdf()));
    });

    it('refuses HTML and an EXE named .pdf with a clear Chinese 415', async () => {
      const html = await upload(
        'report.pdf',
        Buffer.from('<html><body><script>alert(1)</script></body></html>'),
      );
      assert.equal(html.statusCode, 415);
      assert.match(html.body, /扩展名是 \.pdf，但内容是网页（HTML）/);
      const exe = Buffer.concat([
        Buffer.from('MZ'),
        Buffer.alloc(58),
        Buffer.from([0x80, 0, 0, 0]),
        Buffer.alloc(64),
        Buffer.from('PE\0\0'),
        Buffer.alloc(300),
      ]);
      const res = await upload('report.pdf', exe);
      assert.equal(res.statusCode, 415);
      assert.match(res.body, /扩展名是 \.pdf，但内容是可执行程序（EXE）/);
      const png2pdf = await upload('report.pdf', png());
      assert.equal(png2pdf.statusCode, 415, 'a PNG is not a .pdf either');
      assert.match(png2pdf.body, /与文件内容（PNG）不符/);
      assert.equal((await names()).length, 3, 'nothing attached');
      assert.deepEqual(readdirSync(join(dataDir(), 'files', '.incoming')), []);
    });

    it('refuses a DOCX-shaped archive of 5000 entries before extracting anything', async () => {
      const bomb = await zip(DOCX_ENTRIES, 5000);
      const res = await upload('bomb.docx', bomb);
      assert.equal(res.statusCode, 415);
      assert.match(res.body, /包含 5003 个条目，超过上限 1000/);
      assert.equal((await names()).length, 3);
    });

    it('answers 413 to a 21 MB upload and keeps nothing of it', async () => {
      const big = Buffer.concat([pdf(), Buffer.alloc(21 * 1024 * 1024)]);
      const res = await upload('big.pdf', big);
      assert.equal(res.statusCode, 413);
      assert.match(res.body, /20 MB/);
      assert.equal((await names()).length, 3);
      assert.deepEqual(readdirSync(join(dataDir(), 'files', '.incoming')), []);
    });

    it('keeps only the last part of a hostile file name, without control or bidi characters', async () => {
      const res = await upload('../../etc/passwd', pdf('passwd'));
      assert.equal(res.statusCode, 303, res.body.slice(0, 400));
      const bidi = await upload('a\u202Egnp.pdf', pdf('bidi'));
      assert.equal(bidi.statusCode, 303);
      const crlf = await upload('x\r\nSet-Cookie: a=b.pdf', pdf('crlf'));
      assert.equal(crlf.statusCode, 303);
      const all = await names();
      assert.ok(all.includes('passwd.pdf'), all.join(','));
      assert.ok(all.includes('agnp.pdf'), all.join(','));
      for (const name of all) {
        assert.doesNotMatch(name, /[/\\\r\n\u202E]|\.\./);
      }
      assert.equal(existsSync(join(dataDir(), 'etc', 'passwd')), false);
      assert.equal(existsSync('/etc/passwd.pdf'), false);
      const files = readdirSync(join(dataDir(), 'files'), { recursive: true }) as string[];
      assert.ok(
        files.every((f) => /^(\.incoming|[0-9a-f]{2}(\/[0-9a-f]{2}(\/[0-9a-f]{64})?)?)$/.test(f)),
        files.join(' '),
      );
    });

    it('checks the CSRF token before any file and refuses other sites’ editors', async () => {
      const before = await names();
      const noToken = await postMultipart(
        n.agents.editor!,
        `/admin/content/${id}/attachments`,
        [{ name: 'files', filename: 'x.pdf', content: pdf('no token') }],
        { csrf: false },
      );
      assert.equal(noToken.statusCode, 403);
      const wrong = await n.aa.app.inject({
        method: 'POST',
        url: `/admin/content/${id}/attachments`,
        headers: {
          cookie: n.agents.editor!.cookie,
          'content-type': 'multipart/form-data; boundary=b',
        },
        payload:
          '--b\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\nforged\r\n' +
          '--b\r\nContent-Disposition: form-data; name="files"; filename="x.pdf"\r\n\r\n%PDF-1.4\r\n--b--\r\n',
      });
      assert.equal(wrong.statusCode, 403);
      await n.agents.govEditor!.get('/admin/content');
      const other = await upload('x.pdf', pdf('other site'), 'govEditor');
      assert.equal(other.statusCode, 403);
      assert.deepEqual(await names(), before);
    });

    it('sets a cover image only with alt text, and only an image', async () => {
      const editor = n.agents.editor!;
      const noAlt = await postMultipart(editor, `/admin/content/${id}/cover`, [
        { name: 'alt', value: ' ' },
        { name: 'cover', filename: 'cover.png', content: png() },
      ]);
      assert.equal(noAlt.statusCode, 400);
      assert.match(noAlt.body, /封面图片必须填写替代文字/);
      const notImage = await postMultipart(editor, `/admin/content/${id}/cover`, [
        { name: 'alt', value: '封面' },
        { name: 'cover', filename: 'cover.pdf', content: pdf() },
      ]);
      assert.equal(notImage.statusCode, 415);
      const ok = await postMultipart(editor, `/admin/content/${id}/cover`, [
        { name: 'alt', value: '遵义会议会址外景' },
        { name: 'cover', filename: 'cover.png', content: png() },
      ]);
      assert.equal(ok.statusCode, 303, ok.body.slice(0, 400));
      const item = await getItem(n.aa.ctx, id);
      const fields = JSON.parse((await getRevision(n.aa.ctx, id, item.working_revision)).fields);
      assert.equal(fields.coverAlt, '遵义会议会址外景');
      assert.match(fields.coverSha256, /^[0-9a-f]{64}$/);
      const page = await editor.get(`/admin/content/${id}/edit`);
      assert.match(
        page.body,
        new RegExp(
          `<img class="cover-preview" src="/admin/content/${id}/files/${fields.coverSha256}" alt="遵义会议会址外景"/>`,
        ),
      );
      const image = await editor.get(`/admin/content/${id}/files/${fields.coverSha256}`);
      assert.equal(image.statusCode, 200);
      assert.equal(image.headers['content-type'], 'image/png');
      // Saving the form without alt text for the kept cover is refused.
      const cleared = await postForm(editor, `/admin/content/${id}/edit`, {
        title: '关于报送材料的通知',
        coverAlt: '',
      });
      assert.equal(cleared.statusCode, 400);
      assert.match(cleared.body, /请为封面图片填写替代文字/);
    });

    it('removes an attachment', async () => {
      const [first] = await listAttachments(n.aa.ctx, id);
      const res = await postForm(
        n.agents.editor!,
        `/admin/content/${id}/attachments/${first!.sha256}/remove`,
        {},
      );
      assert.equal(res.statusCode, 303);
      assert.ok(!(await listAttachments(n.aa.ctx, id)).some((a) => a.sha256 === first!.sha256));
    });
  });
}
