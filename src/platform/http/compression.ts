// gzip for the responses sent as the same bytes to everyone: prebuilt public
// pages (the page cache, fast-lane.ts) and the static stylesheets and
// scripts. A 5.6 KB item page travels as 2.1 KB, which is what a phone on
// a weak rural network notices. Each body is compressed once, on
// the first request that accepts gzip, and the result kept with it; pages
// rendered for one request only (the page cache off) are compressed per
// request. Everything else Fastify sends stays as it is: a reverse proxy in
// front may compress it (docs/OPERATIONS.md).

import type { IncomingHttpHeaders } from 'node:http';
import { gzipSync } from 'node:zlib';
import Negotiator from 'negotiator';

/** Below this a gzip header and dictionary save too little to be worth the CPU. */
const MIN_BYTES = 1024;
const ENCODINGS = ['gzip', 'identity'];
/** Media types worth compressing; images, fonts and PDFs are compressed already. */
const COMPRESSIBLE =
  /^(?:text\/|image\/svg\+xml|application\/(?:json|javascript|xml|rss\+xml|atom\+xml))/;

export interface Compressible {
  body: Buffer;
  /** Strong validator (quoted) of the uncompressed body. */
  etag: string;
}

/** One representation of a body: what goes on the wire, and its validator. */
export interface Representation {
  body: Buffer;
  etag: string;
  /** 'gzip', or undefined for the body as it is. */
  encoding?: 'gzip';
}

/** The gzip representation of each response, or null when gzip does not make it smaller. */
const gzipped = new WeakMap<Compressible, Representation | null>();

function gzipOf(item: Compressible, type: string): Representation | null {
  let zipped = gzipped.get(item);
  if (zipped === undefined) {
    zipped = null;
    if (item.body.length >= MIN_BYTES && COMPRESSIBLE.test(type)) {
      const out = gzipSync(item.body, { level: 6 });
      if (out.length < item.body.length) {
        // gzipSync's result is a view into a 16 KiB chunk; kept as it is, every
        // cached page would hold the whole chunk. Keep an exact copy.
        const body = Buffer.allocUnsafeSlow(out.length);
        out.copy(body);
        zipped = { body, etag: `${item.etag.slice(0, -1)}-gz"`, encoding: 'gzip' };
      }
    }
    gzipped.set(item, zipped);
  }
  return zipped;
}

/** Answers by Accept-Encoding value: browsers send only a few distinct ones. */
const takesGzip = new Map<string, boolean>();
const KEPT_ANSWERS = 200;

/**
 * Does the client take gzip (Accept-Encoding, RFC 9110 §12.5.3)? Names are
 * case-insensitive, and a coding named with q=0 is refused even when `*`
 * allows everything else.
 */
export function acceptsGzip(headers: IncomingHttpHeaders): boolean {
  const header = headers['accept-encoding'];
  if (typeof header !== 'string') return false;
  let answer = takesGzip.get(header);
  if (answer === undefined) {
    answer = new Negotiator({ headers }).encoding(ENCODINGS) === 'gzip';
    if (takesGzip.size >= KEPT_ANSWERS) takesGzip.clear();
    takesGzip.set(header, answer);
  }
  return answer;
}

/**
 * The representation to send of a body of media type `type`. A gzip body is a
 * different representation, so it has its own strong ETag (the identity one
 * with -gz): a client or proxy holding one never revalidates it against the
 * other. Both are built once per body; nothing is allocated per request.
 */
export function representationFor(
  headers: IncomingHttpHeaders,
  item: Compressible,
  type: string,
): Representation {
  return (acceptsGzip(headers) && gzipOf(item, type)) || item;
}
