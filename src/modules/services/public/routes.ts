// Public routes of the catalog: /services/ and its facets, each guide at
// /services/<code>, bundles at /services/bundles/<code>, material files, and
// the JSON API. Pages and API answers go through the portal's page cache,
// tagged so that a publication or withdrawal drops them (changes.ts).
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import type { AppContext } from '../../../platform/module.ts';
import { renderDocument, type ViewContext, viewContext } from '../../../web/view.ts';
import { sendStoredFile } from '../../portal/files.ts';
import type { Rendered } from '../../portal/page-cache.ts';
import { pageKey, publicBase, serve } from '../../portal/routes.ts';
import { loadStructure, type Structure } from '../../portal/structure.ts';
import { serviceJson, serviceSummaryJson } from '../api.ts';
import { listPublishedBundles, publishedBundle } from '../bundles.ts';
import { CODE_PATTERN } from '../catalog.ts';
import { serviceTags } from '../changes.ts';
import {
  listPublishedServices,
  PAGE_SIZE,
  publishedCounts,
  publishedService,
  type ServiceFilters,
} from '../queries.ts';
import { SERVICE_TYPES } from '../tables.ts';
import { serviceTagName, type TagKind } from '../taxonomy.ts';
import { byId, organisationNames } from './data.ts';
import { BundlePage, CatalogHome, FACET_PATHS, GuidePage, ServiceListPage } from './pages.tsx';
import { SERVICES_ROOT } from './parts.tsx';

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

// The pages' own parameters are validated; others are ignored, because a
// link shared through WeChat or a newsletter comes back with
// from=timeline, isappinstalled=0 or utm_source=… appended. The JSON API
// keeps refusing unknown parameters: a program should hear of its typo.
const PageQuery = Type.Object(
  { page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) },
  { additionalProperties: true },
);
const SearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: true },
);
const Slug = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 64 }) });
const Code = Type.Object({ code: Type.String({ minLength: 1, maxLength: 32 }) });
const FileParams = Type.Object({
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  name: Type.String({ minLength: 1, maxLength: 600 }),
});
const ApiQuery = Type.Object(
  {
    lifeEvent: Type.Optional(Type.String({ maxLength: 32 })),
    stage: Type.Optional(Type.String({ maxLength: 32 })),
    audience: Type.Optional(Type.String({ maxLength: 32 })),
    theme: Type.Optional(Type.String({ maxLength: 32 })),
    department: Type.Optional(Type.String({ maxLength: 64 })),
    type: Type.Optional(Type.Union(SERVICE_TYPES.map((t) => Type.Literal(t)))),
    depth: Type.Optional(
      Type.Union([Type.Literal('info'), Type.Literal('apply'), Type.Literal('full')]),
    ),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);

interface Page {
  view: ViewContext;
  structure: Structure;
  base: string;
}

async function pageContext(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Page> {
  return {
    view: viewContext(request, reply),
    structure: await loadStructure(ctx),
    base: publicBase(ctx, request),
  };
}

function html(node: Parameters<typeof renderDocument>[0], tags: string[]): Rendered {
  return { body: renderDocument(node), type: HTML, tags };
}

function json(value: unknown, tags: string[]): Rendered {
  return { body: JSON.stringify(value), type: JSON_TYPE, tags };
}

/** A search shows every match on one page. */
const SEARCH_PAGE_SIZE = 500;

const pageSuffix = (page: number) => (page > 1 ? `?page=${page}` : '');

export function registerServicePages(app: FastifyInstance, ctx: AppContext): void {
  const cached = (
    request: FastifyRequest,
    reply: FastifyReply,
    path: string,
    page: number,
    render: (p: Page) => Promise<Rendered | undefined>,
  ) =>
    serve(ctx, request, reply, pageKey(ctx, publicBase(ctx, request), path, page), async () =>
      render(await pageContext(ctx, request, reply)),
    );

  app.get('/services', async (_request, reply) => reply.redirect(SERVICES_ROOT, 301));

  app.get(SERVICES_ROOT, { schema: { querystring: PageQuery } }, (request, reply) =>
    cached(request, reply, SERVICES_ROOT, 1, async (p) => {
      const [counts, orgs, bundles] = await Promise.all([
        publishedCounts(ctx),
        organisationNames(ctx),
        listPublishedBundles(ctx),
      ]);
      return html(h(CatalogHome, { ...p, counts, orgs, bundles }), [serviceTags.catalog]);
    }),
  );

  // A search is answered fresh (not cached: the words are the visitor's).
  app.get(
    `${SERVICES_ROOT}search`,
    { schema: { querystring: SearchQuery } },
    async (request, reply) => {
      const { q = '', page = 1 } = request.query as Static<typeof SearchQuery>;
      const p = await pageContext(ctx, request, reply);
      const [result, orgs] = await Promise.all([
        // One page of results: the catalog is a few hundred guides, and ?page
        // links would have to carry the words.
        listPublishedServices(ctx, { q }, page, SEARCH_PAGE_SIZE),
        organisationNames(ctx),
      ]);
      const title = q.trim()
        ? p.view.t('services.list.search', { q: q.trim().slice(0, 50) })
        : p.view.t('services.list.all');
      const self = `${SERVICES_ROOT}search?q=${encodeURIComponent(q)}${page > 1 ? `&page=${page}` : ''}`;
      const body = renderDocument(
        h(ServiceListPage, { ...p, ...result, title, self, orgs: byId(orgs), query: q }),
      );
      return reply.header('cache-control', 'no-store').type(HTML).send(body);
    },
  );

  const facets: [TagKind | 'department', string][] = [
    ['lifeEvent', 'services.list.lifeEvent'],
    ['stage', 'services.list.stage'],
    ['audience', 'services.list.audience'],
    ['theme', 'services.list.theme'],
    ['department', 'services.list.department'],
  ];
  for (const [kind, titleKey] of facets) {
    const prefix = `${SERVICES_ROOT}${FACET_PATHS[kind]}/`;
    app.get(
      `${prefix}:slug`,
      { schema: { params: Slug, querystring: PageQuery } },
      (request, reply) => {
        const { slug } = request.params as Static<typeof Slug>;
        const page = (request.query as Static<typeof PageQuery>).page ?? 1;
        const path = `${prefix}${encodeURIComponent(slug)}`;
        return cached(request, reply, path, page, async (p) => {
          const orgs = await organisationNames(ctx);
          let filters: ServiceFilters;
          let name: string;
          if (kind === 'department') {
            const org = orgs.find((o) => o.code === slug);
            if (!org) return undefined;
            filters = { orgId: org.id };
            name = org.name;
          } else {
            if (serviceTagName(kind, slug) === slug) return undefined;
            filters = { [kind]: slug };
            name = serviceTagName(kind, slug);
          }
          const result = await listPublishedServices(ctx, filters, page);
          if (page > Math.max(1, result.pages)) return undefined;
          const title = p.view.t(titleKey as 'services.list.theme', { name });
          return html(
            h(ServiceListPage, {
              ...p,
              ...result,
              title,
              self: `${path}${pageSuffix(page)}`,
              orgs: byId(orgs),
            }),
            [serviceTags.catalog],
          );
        });
      },
    );
  }

  app.get(`${SERVICES_ROOT}bundles/:code`, { schema: { params: Code } }, (request, reply) => {
    const { code } = request.params as Static<typeof Code>;
    return cached(
      request,
      reply,
      `${SERVICES_ROOT}bundles/${encodeURIComponent(code)}`,
      1,
      async (p) => {
        const data = await publishedBundle(ctx, code);
        if (!data) return undefined;
        const orgs = byId(await organisationNames(ctx));
        return html(h(BundlePage, { ...p, data, orgs }), [serviceTags.catalog]);
      },
    );
  });

  app.get(`${SERVICES_ROOT}:code`, { schema: { params: Code } }, (request, reply) => {
    const { code } = request.params as Static<typeof Code>;
    if (!CODE_PATTERN.test(code)) return reply.callNotFound();
    return cached(request, reply, `${SERVICES_ROOT}${code}`, 1, async (p) => {
      const guide = await publishedService(ctx, code);
      if (!guide) return undefined;
      const [orgs, bundles] = await Promise.all([organisationNames(ctx), bundlesOf(ctx, guide.id)]);
      const org = orgs.find((o) => o.id === guide.orgId);
      return html(h(GuidePage, { ...p, guide, org, bundles }), [
        serviceTags.catalog,
        serviceTags.service(code),
      ]);
    });
  });

  app.get(
    `${SERVICES_ROOT}files/:sha256/:name`,
    { schema: { params: FileParams } },
    async (request, reply) => {
      const { sha256, name } = request.params as Static<typeof FileParams>;
      const file = await publishedMaterialFile(ctx, sha256, name);
      if (!file) return reply.callNotFound();
      return sendStoredFile(ctx, request, reply, file);
    },
  );

  app.get('/api/v1/services', { schema: { querystring: ApiQuery } }, async (request, reply) => {
    const query = request.query as Static<typeof ApiQuery>;
    const base = publicBase(ctx, request);
    const orgs = await organisationNames(ctx);
    const { department, page = 1, ...rest } = query;
    const org = department ? orgs.find((o) => o.code === department) : undefined;
    const empty = department !== undefined && !org;
    const result = empty
      ? { services: [], total: 0, page, pages: 0 }
      : await listPublishedServices(ctx, { ...rest, ...(org ? { orgId: org.id } : {}) }, page);
    const names = byId(orgs);
    return reply
      .header('cache-control', 'public, max-age=60')
      .type(JSON_TYPE)
      .send({
        total: result.total,
        page,
        pages: result.pages,
        pageSize: PAGE_SIZE,
        items: result.services.map((s) => serviceSummaryJson(s, names.get(s.orgId), base)),
      });
  });

  app.get('/api/v1/services/:code', { schema: { params: Code } }, (request, reply) => {
    const { code } = request.params as Static<typeof Code>;
    if (!CODE_PATTERN.test(code))
      return reply.code(404).send({ error: 'not_found', message: '办事事项不存在或未发布' });
    const base = publicBase(ctx, request);
    return serve(ctx, request, reply, pageKey(ctx, base, `/api/v1/services/${code}`), async () => {
      const guide = await publishedService(ctx, code);
      if (!guide) return undefined;
      const orgs = byId(await organisationNames(ctx));
      return json(serviceJson(guide, orgs.get(guide.orgId), base), [
        serviceTags.catalog,
        serviceTags.service(code),
      ]);
    });
  });
}

async function bundlesOf(ctx: AppContext, serviceId: string) {
  return ctx.db.kysely
    .selectFrom('service_bundle_items')
    .innerJoin('service_bundles', 'service_bundles.id', 'service_bundle_items.bundle_id')
    .selectAll('service_bundles')
    .where('service_bundle_items.service_id', '=', serviceId)
    .where('service_bundles.status', '=', 'published')
    .orderBy('service_bundles.code')
    .execute();
}

/** A sample or blank form some published guide offers, with the name it offers it under. */
async function publishedMaterialFile(ctx: AppContext, sha256: string, name: string) {
  const stored = await ctx.db.kysely
    .selectFrom('stored_file')
    .select(['sha256', 'mime'])
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  if (!stored) return undefined;
  const rows = await ctx.db.kysely
    .selectFrom('service_items')
    .select('materials')
    .where('status', '=', 'published')
    .where('materials', 'like', `%${sha256}%`)
    .execute();
  const offered = rows
    .flatMap(
      (r) =>
        JSON.parse(r.materials) as {
          sample?: { sha256: string; name: string };
          blank?: { sha256: string; name: string };
        }[],
    )
    .flatMap((m) => [m.sample, m.blank])
    .filter((f): f is { sha256: string; name: string } => f?.sha256 === sha256);
  const file = offered.find((f) => f.name === name) ?? offered[0];
  return file ? { sha256, mime: stored.mime, name: file.name } : undefined;
}
