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

/** The compressed body of each response, or null when gzip does not make it smaller. */
const gzipped = new WeakMap<Compressible, Buffer | null>();

function gzipOf(item: Compressible): Buffer | null {
  let zipped = gzipped.get(item);
  if (zipped === undefined) {
    const out = item.body.length >= MIN_BYTES ? gzipSync(item.body, { level: 6 }) : null;
    zipped = out && out.length < item.body.length ? out : null;
    gzipped.set(item, zipped);
  }
  return zipped;
}

/**
 * Does the client take gzip (Accept-Encoding, RFC 9110 §12.5.3)? Names are
 * case-insensitive, and a coding named with q=0 is refused even when `*`
 * allows everything else.
 */
export function acceptsGzip(headers: IncomingHttpHeaders): boolean {
  if (typeof headers['accept-encoding'] !== 'string') return false;
  return new Negotiator({ headers }).encoding(ENCODINGS) === 'gzip';
}

/**
 * The representation to send. A gzip body is a different representation, so
 * it has its own strong ETag (the identity one with -gz): a client or proxy
 * holding one never revalidates it against the other.
 */
export function representationFor(
  headers: IncomingHttpHeaders,
  item: Compressible,
): Representation {
  const zipped = acceptsGzip(headers) ? gzipOf(item) : null;
  if (!zipped) return { body: item.body, etag: item.etag };
  return { body: zipped, etag: `${item.etag.slice(0, -1)}-gz"`, encoding: 'gzip' };
}
