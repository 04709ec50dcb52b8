// Files the demo seed attaches, generated here byte by byte so that no binary
// sits in the repository: a one-page PDF (plain ASCII text in Helvetica, which
// every PDF reader has) and a PNG bar chart. Both are valid files: the PDF's
// cross-reference offsets are computed, the PNG's chunks carry their CRCs.
import { crc32, deflateSync } from 'node:zlib';

function pdfString(text: string): string {
  // Printable ASCII only; parentheses and backslashes are escaped.
  const ascii = text.replace(/[^\x20-\x7e]/g, '?');
  return `(${ascii.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** A one-page A4 PDF with a title and paragraphs of ASCII text. */
export function makePdf(title: string, paragraphs: readonly string[]): Uint8Array {
  const ops = ['BT', '/F2 16 Tf', '72 770 Td', `${pdfString(title)} Tj`, '/F1 11 Tf', '0 -30 Td'];
  for (const para of paragraphs) {
    for (const line of wrap(para, 88)) ops.push(`${pdfString(line)} Tj`, '0 -15 Td');
    ops.push('0 -9 Td');
  }
  ops.push('ET');
  const content = ops.join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    `<< /Title ${pdfString(title)} /Producer (Yimen demo seed) >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\n`;
  out += `startxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** A PNG bar chart (no text: the alt text and the caption say what it shows). */
export function makeBarChartPng(values: readonly number[], colour = '#b31b1b'): Uint8Array {
  const width = 480;
  const height = 300;
  const pixels = Buffer.alloc(width * height * 3, 255);
  const put = (x: number, y: number, c: readonly number[]) => {
    const i = (y * width + x) * 3;
    pixels[i] = c[0]!;
    pixels[i + 1] = c[1]!;
    pixels[i + 2] = c[2]!;
  };
  const fill = (x0: number, y0: number, x1: number, y1: number, c: readonly number[]) => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) put(x, y, c);
  };
  const left = 40;
  const bottom = height - 30;
  const top = 20;
  for (let g = 0; g <= 4; g++) {
    const y = Math.round(bottom - ((bottom - top) * g) / 4);
    fill(left, y, width - 20, y + 1, [225, 225, 225]);
  }
  fill(left, top, left + 2, bottom, [90, 90, 90]);
  fill(left, bottom, width - 20, bottom + 2, [90, 90, 90]);
  const max = Math.max(...values, 1);
  const slot = (width - 20 - left) / Math.max(values.length, 1);
  const bar = rgb(colour);
  values.forEach((v, i) => {
    const x0 = Math.round(left + i * slot + slot * 0.2);
    const x1 = Math.round(left + (i + 1) * slot - slot * 0.2);
    const y0 = Math.round(bottom - ((bottom - top) * v) / max);
    fill(x0, y0, x1, bottom, bar);
  });
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0; // filter: none
    pixels.copy(raw, y * (width * 3 + 1) + 1, y * width * 3, (y + 1) * width * 3);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
