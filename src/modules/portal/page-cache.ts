// Rendered public pages kept in memory (ctx.cache), each tagged with exactly
// what it shows so that content/changes.ts itemChanged drops it. A cached page
// is the same bytes for every visitor: no nonce, no CSRF token, no cookie, no
// per-visitor mode (elder mode is a separate stylesheet, see elder.ts). So a
// hit is one Map lookup and a send, and a reverse proxy may cache it too.
// Most hits never reach Fastify: routes.ts registers the cache as a fast
// lane (platform/http/fast-lane.ts) that the HTTP server asks first.
import { hash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { representationFor } from '../../platform/http/compression.ts';
import { isFresh, type Prebuilt, PUBLIC_CACHE_CONTROL } from '../../platform/http/fast-lane.ts';
import type { AppContext } from '../../platform/module.ts';
import { STRUCTURE_TAG } from '../sites/sites.ts';

/**
 * A kept page. The etag is a hash of the body; lastModified is when it was
 * rendered (a change re-renders, so it only moves forward).
 */
export interface CachedPage extends Prebuilt {
  /** The route pattern that rendered it: its requests are counted under it. */
  route: string;
}

export interface Rendered {
  body: string;
  type: string;
  /** Cache tags (tags.* from content/changes.ts); the structure tag is added here. */
  tags: readonly string[];
}

export function toCachedPage(rendered: Rendered, now: Date, route: string): CachedPage {
  const body = Buffer.from(rendered.body, 'utf8');
  const digest = hash('sha256', body, 'base64url').slice(0, 27);
  return {
    body,
    type: rendered.type,
    etag: `"${digest}"`,
    lastModified: new Date(Math.floor(now.getTime() / 1000) * 1000).toUTCString(),
    cacheControl: PUBLIC_CACHE_CONTROL,
    route,
  };
}

export function sendCachedPage(
  request: FastifyRequest,
  reply: FastifyReply,
  page: CachedPage,
): FastifyReply {
  const sent = representationFor(request.headers, page, page.type);
  reply
    .header('cache-control', page.cacheControl)
    .header('vary', 'accept-encoding')
    .header('etag', sent.etag)
    .header('last-modified', page.lastModified);
  if (isFresh(request.headers, page, sent.etag)) return reply.code(304).send();
  if (sent.encoding) reply.header('content-encoding', sent.encoding);
  return reply.type(page.type).send(sent.body);
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
  request: FastifyRequest,
  key: string,
  rendered: Rendered,
  generation: number,
): CachedPage {
  const page = toCachedPage(rendered, ctx.now(), request.routeOptions.url ?? '/*');
  if (ctx.config.pageCache && ctx.cache.generation === generation) {
    ctx.cache.set(key, page, [STRUCTURE_TAG, ...rendered.tags]);
  }
  return page;
}
