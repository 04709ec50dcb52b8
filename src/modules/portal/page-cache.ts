// Rendered public pages kept in memory (ctx.cache), each tagged with exactly
// what it shows so that content/changes.ts itemChanged drops it. A cached page
// is the same bytes for every visitor: no nonce, no CSRF token, no cookie, no
// per-visitor mode (elder mode is a separate stylesheet, see elder.ts). So a
// hit is one Map lookup and a send, and a reverse proxy may cache it too.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/module.ts';
import { STRUCTURE_TAG } from '../sites/sites.ts';

export interface CachedPage {
  body: Buffer;
  type: string;
  /** Strong validator: a hash of the body. */
  etag: string;
  /** When this body was rendered (HTTP date); a change re-renders, so it only moves forward. */
  lastModified: string;
}

export interface Rendered {
  body: string;
  type: string;
  /** Cache tags (tags.* from content/changes.ts); the structure tag is added here. */
  tags: readonly string[];
}

export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

export function toCachedPage(rendered: Rendered, now: Date): CachedPage {
  const body = Buffer.from(rendered.body, 'utf8');
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  return {
    body,
    type: rendered.type,
    etag: `"${hash}"`,
    lastModified: new Date(Math.floor(now.getTime() / 1000) * 1000).toUTCString(),
  };
}

/** Does the client's copy match? If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2). */
export function isFresh(request: FastifyRequest, page: CachedPage): boolean {
  const inm = request.headers['if-none-match'];
  if (typeof inm === 'string' && inm.length > 0) {
    return inm
      .split(',')
      .map((tag) => tag.trim().replace(/^W\//, ''))
      .some((tag) => tag === page.etag || tag === '*');
  }
  const ims = request.headers['if-modified-since'];
  if (typeof ims === 'string') {
    const since = Date.parse(ims);
    return !Number.isNaN(since) && since >= Date.parse(page.lastModified);
  }
  return false;
}

export function sendCachedPage(
  request: FastifyRequest,
  reply: FastifyReply,
  page: CachedPage,
): FastifyReply {
  reply
    .header('cache-control', PUBLIC_CACHE_CONTROL)
    .header('etag', page.etag)
    .header('last-modified', page.lastModified);
  if (isFresh(request, page)) return reply.code(304).send();
  return reply.type(page.type).send(page.body);
}

/** The cached page under `key`, unless YIMEN_PAGE_CACHE is off. */
export function lookup(ctx: AppContext, key: string): CachedPage | undefined {
  return ctx.config.pageCache ? ctx.cache.get<CachedPage>(key) : undefined;
}

/**
 * Turn a rendering into a page and keep it under `key` with its tags (plus
 * the structure tag: every page shows the navigation). `generation` is the
 * cache's generation before the rendering read the database: if anything
 * was invalidated since, the page may already be stale, so it is served but
 * not kept.
 */
export function keep(
  ctx: AppContext,
  key: string,
  rendered: Rendered,
  generation: number,
): CachedPage {
  const page = toCachedPage(rendered, ctx.now());
  if (ctx.config.pageCache && ctx.cache.generation === generation) {
    ctx.cache.set(key, page, [STRUCTURE_TAG, ...rendered.tags]);
  }
  return page;
}
