// The public site's routes. One wildcard route serves every site's home,
// channel lists, feeds and items (sites live at URL prefixes held in the
// database: '/', '/citizens/', '/en/invest/', '/sites/party/'…); Fastify still
// prefers every more specific route of other modules. Every page kept in the
// page cache (these and other modules' public pages) is answered by the HTTP
// server's fast lane when its URL names it plainly: no framework, cookie,
// validation or session work for the visit most requests are.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { indexDirectory } from '../../platform/http/directory-index.ts';
import { type LaneRequest, PUBLIC_CACHE_CONTROL } from '../../platform/http/fast-lane.ts';
import type { AppContext } from '../../platform/module.ts';
import { SingleFlight } from '../../platform/single-flight.ts';
import { viewContext } from '../../web/view.ts';
import { siteBrandOf } from './chrome.tsx';
import { robots, sitemap } from './feeds.ts';
import { type CachedPage, keep, lookup, type Rendered, sendCachedPage } from './page-cache.ts';
import { renderRoute } from './render.ts';
import { keptSiteAt, loadStructure, resolvePath } from './structure.ts';

const PageQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});

const SitemapParams = Type.Object({ n: Type.Integer({ minimum: 1, maximum: 10_000 }) });

const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The absolute origin of public URLs: YIMEN_PUBLIC_URL when set, else the
 * request's own (Host, and X-Forwarded-* behind a trusted proxy), when it is
 * a well-formed host name.
 */
export function publicBase(ctx: AppContext, request: { host: string; protocol: string }): string {
  if (ctx.config.publicUrlConfigured) return ctx.config.publicUrl;
  const { host, protocol } = request;
  // Nearly every request names the same host: the last well-formed one is remembered.
  if (host === lastGood.host && protocol === lastGood.protocol) return lastGood.base;
  if (!HOST.test(host)) return ctx.config.publicUrl;
  lastGood = { host, protocol, base: `${protocol}://${host}` };
  return lastGood.base;
}

let lastGood = { host: '', protocol: '', base: '' };

/** Cache key of a public page: the path, ?page when > 1, and the origin when it comes from Host. */
export function pageKey(ctx: AppContext, base: string, path: string, page = 1): string {
  const origin = ctx.config.publicUrlConfigured ? '' : base;
  return `page:${origin}${path}${page > 1 ? `?page=${page}` : ''}`;
}

/** A response that sets a cookie is never public. */
function noSharedCookies(
  _request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (err: null, payload: unknown) => void,
) {
  if (reply.getHeader('set-cookie')) reply.header('cache-control', 'private, no-store');
  done(null, payload);
}

export async function serve(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  key: string,
  render: () => Promise<Rendered | undefined>,
) {
  const hit = lookup(ctx, key);
  if (hit) return sendCachedPage(request, reply, hit);
  const generation = ctx.cache.generation;
  const rendered = await render();
  if (!rendered) return reply.callNotFound();
  return sendCachedPage(request, reply, keep(ctx, request, key, rendered, generation));
}

/**
 * Longest path segment a public page can have (as Fastify's maxParamLength):
 * channel and item slugs are at most 63 characters. A longer one is answered
 * 414, as a parametric route of any other module would answer it.
 */
const MAX_SEGMENT = 100;

/** A segment's length in bytes: %E6%94%BF is one byte, not three characters (政 is 3, not 9). */
const segmentBytes = (segment: string) => segment.replace(/%[0-9A-Fa-f]{2}/g, '%').length;

/** The query strings a cached page can be found under without validation: none, or ?page=N. */
const SIMPLE_QUERY = /^(?:\?page=([1-9][0-9]{0,5}))?$/;

/** The cached page for this request, when the URL is plain enough to name one without validation. */
function cachedHit(ctx: AppContext, request: LaneRequest) {
  const m = SIMPLE_QUERY.exec(request.query);
  if (!m) return undefined;
  const page = m[1] ? Number(m[1]) : 1;
  const hit = lookup(ctx, pageKey(ctx, publicBase(ctx, request), request.path, page));
  return hit && { response: hit, route: hit.route };
}

/** What rendering a public path came to, shared by the requests that waited for it. */
type PageOutcome = CachedPage | { redirect: string; keepQuery: boolean } | undefined;

export function registerPublicRoutes(app: FastifyInstance, ctx: AppContext): void {
  // With the page cache on, a page missing from it is rendered once however
  // many visitors ask for it meanwhile (a publish drops the home page while
  // it is busiest). Without the cache every request renders, as an operator
  // who turned it off expects.
  const renders = new SingleFlight<PageOutcome>();

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    path: string,
    page: number,
    base: string,
    key: string,
  ): Promise<PageOutcome> {
    const generation = ctx.cache.generation;
    const structure = await loadStructure(ctx);
    const route = resolvePath(structure, path);
    const view = viewContext(request, reply);
    const outcome = await renderRoute({ ctx, structure, route, page, base, view });
    if (!outcome) return undefined;
    if ('redirect' in outcome)
      return { redirect: outcome.redirect, keepQuery: route.kind === 'slash' };
    return keep(ctx, request, key, outcome, generation);
  }

  async function publicPage(request: FastifyRequest, reply: FastifyReply) {
    const path = request.url.split('?', 1)[0]!;
    const page = (request.query as { page?: number }).page ?? 1;
    const base = publicBase(ctx, request);
    const key = pageKey(ctx, base, path, page);
    const hit = lookup(ctx, key);
    if (hit) return sendCachedPage(request, reply, hit);
    if (path.split('/').some((segment) => segmentBytes(segment) > MAX_SEGMENT)) {
      throw Object.assign(new Error('path segment too long'), { statusCode: 414 });
    }
    const work = () => render(request, reply, path, page, base, key);
    // A request made after an invalidation must not get a rendering begun
    // before it: the cache generation is part of what is shared.
    const outcome = await (ctx.config.pageCache
      ? renders.run(`${ctx.cache.generation}\u0000${key}`, work)
      : work());
    if (!outcome) return reply.callNotFound();
    if ('redirect' in outcome) {
      const query = outcome.keepQuery ? request.url.slice(path.length) : '';
      return reply
        .header('cache-control', PUBLIC_CACHE_CONTROL)
        .redirect(`${outcome.redirect}${query}`, 301);
    }
    return sendCachedPage(request, reply, outcome);
  }
  if (ctx.config.pageCache) app.addFastLane((request) => cachedHit(ctx, request));
  app.setSiteBrand((path) => {
    const kept = keptSiteAt(ctx, path);
    return kept && siteBrandOf(kept.structure, kept.site);
  });
  // An old index page address leads to its directory before ?page is
  // validated: /index.html?page=abc is still a link to the home page.
  // A callback hook, so that the other paths do not each pay for a promise.
  function indexPageRedirect(
    request: FastifyRequest,
    reply: FastifyReply,
    done: (err?: Error) => void,
  ) {
    const path = request.url.split('?', 1)[0]!;
    if (!indexDirectory(path)) return done();
    loadStructure(ctx).then((structure) => {
      const route = resolvePath(structure, path);
      if (route.kind !== 'slash') return done();
      reply
        .header('cache-control', PUBLIC_CACHE_CONTROL)
        .redirect(`${route.location}${request.url.slice(path.length)}`, 301);
    }, done);
  }
  const options = {
    schema: { querystring: PageQuery },
    preValidation: indexPageRedirect,
    onSend: noSharedCookies,
  };
  // The portal home on its own route, so that metrics name it; everything else under /*.
  app.get('/', options, publicPage);
  app.get('/*', options, publicPage);

  // The English pages live under /en/invest/; /en/ is where English links to "home" go.
  for (const path of ['/en', '/en/']) {
    app.get(path, async (_request, reply) => reply.redirect('/en/invest/', 302));
  }

  app.get('/robots.txt', async (request, reply) => {
    const base = publicBase(ctx, request);
    return serve(ctx, request, reply, pageKey(ctx, base, '/robots.txt'), async () => robots(base));
  });

  app.get('/sitemap.xml', async (request, reply) => {
    const base = publicBase(ctx, request);
    return serve(ctx, request, reply, pageKey(ctx, base, '/sitemap.xml'), async () =>
      sitemap(ctx, await loadStructure(ctx), base, undefined),
    );
  });

  app.get<{ Params: { n: number } }>(
    '/sitemap-:n.xml',
    { schema: { params: SitemapParams } },
    async (request, reply) => {
      const base = publicBase(ctx, request);
      const { n } = request.params;
      return serve(ctx, request, reply, pageKey(ctx, base, `/sitemap-${n}.xml`), async () =>
        sitemap(ctx, await loadStructure(ctx), base, n),
      );
    },
  );
}
