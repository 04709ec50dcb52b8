// Chinese text over SMPP: UCS-2 (data_coding 8, UTF-16 big-endian) fits 70
// characters in one SMS. Longer text goes as concatenated parts of at most 67
// characters, each prefixed with a 6-byte user data header (IEI 0x00: 8-bit
// reference, total parts, part number) and sent with esm_class UDHI (0x40), so
// the phone joins them into one message. A surrogate pair (a character
// outside the BMP, like some emoji or rare 汉字) is never split between parts.

export const DATA_CODING_UCS2 = 0x08;
export const ESM_CLASS_UDHI = 0x40;
const SINGLE_UNITS = 70;
const PART_UNITS = 67;

export interface SmsPart {
  /** 1-based part number. */
  part: number;
  shortMessage: Buffer;
  esmClass: number;
}

function ucs2(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  return le.swap16();
}

/** Split into code-unit chunks without cutting a surrogate pair. */
function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(i + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    out.push(text.slice(i, end));
    i = end;
  }
  return out;
}

/**
 * The submit_sm payloads for `text`. `reference` (0–255) must be the same on
 * every retry of a message, so parts sent on different attempts still join.
 */
export function encodeSms(text: string, reference: number): SmsPart[] {
  if (text.length <= SINGLE_UNITS) {
    return [{ part: 1, shortMessage: ucs2(text), esmClass: 0 }];
  }
  const pieces = chunks(text, PART_UNITS);
  if (pieces.length > 255) throw new RangeError('SMS text too long for 255 parts');
  return pieces.map((piece, i) => ({
    part: i + 1,
    shortMessage: Buffer.concat([
      Buffer.from([0x05, 0x00, 0x03, reference & 0xff, pieces.length, i + 1]),
      ucs2(piece),
    ]),
    esmClass: ESM_CLASS_UDHI,
  }));
}

/** A stable 8-bit concatenation reference for a message id. */
export function referenceFor(messageId: string): number {
  let h = 0;
  for (let i = 0; i < messageId.length; i++) h = (h * 31 + messageId.charCodeAt(i)) >>> 0;
  return h & 0xff;
}

export interface ConcatInfo {
  reference: number;
  total: number;
  part: number;
}

/** Read a concatenation header (8- or 16-bit reference) from a UDH-prefixed payload. */
export function readConcat(payload: Buffer): { info: ConcatInfo | undefined; body: Buffer } {
  const udhLength = payload[0]!;
  const udh = payload.subarray(1, 1 + udhLength);
  let info: ConcatInfo | undefined;
  for (let i = 0; i + 1 < udh.length; ) {
    const iei = udh[i]!;
    const len = udh[i + 1]!;
    const data = udh.subarray(i + 2, i + 2 + len);
    if (iei === 0x00 && len === 3) info = { reference: data[0]!, total: data[1]!, part: data[2]! };
    if (iei === 0x08 && len === 4) {
      info = { reference: data.readUInt16BE(0), total: data[2]!, part: data[3]! };
    }
    i += 2 + len;
  }
  return { info, body: payload.subarray(1 + udhLength) };
}

export function decodeUcs2(bytes: Buffer): string {
  return Buffer.from(bytes).swap16().toString('utf16le');
}
