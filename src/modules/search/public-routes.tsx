// Public search: /search (the portal's), /<site>/search (limited to one
// site; ?site= does the same on /search), the click-through redirect, and
// the JSON API with its suggestions endpoint. Invalid parameters get the
// page (or JSON) with a clear message and status 400; nothing typed here
// can reach SQL, FTS5 or tsquery syntax (see query-plan.ts).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../../platform/errors.ts';
import { validationFields } from '../../platform/http/error-handler.ts';
import type { AppContext } from '../../platform/module.ts';
import { assetUrl } from '../../web/assets.ts';
import {
  localeForPath,
  type MessageKey,
  type Translate,
  translator,
} from '../../web/i18n/index.ts';
import { sendPage } from '../../web/view.ts';
import { AUDIENCES } from '../content/taxonomy.ts';
import { SitePage } from '../portal/chrome.tsx';
import { loadStructure, portalSite, type Structure } from '../portal/structure.ts';
import type { SiteRow } from '../sites/tables.ts';
import { logClick, logQuery, publicPopular, searcherOf } from './query-log.ts';
import { queryKey } from './query-plan.ts';
import {
  ClickQuery,
  SearchQuery,
  type SearchQueryT,
  SearchResponse,
  SuggestQuery,
  SuggestResponse,
} from './schemas.ts';
import { beyondLastPage, SEARCH_TYPES, SearchBody, type SearchForm } from './search-page.tsx';
import { type SearchResult, search } from './service.ts';
import { partsToHtml } from './snippet.ts';
import { suggest } from './suggest.ts';

const plain = (parts: { text: string }[]) => parts.map((p) => p.text).join('');

function realDate(value: string): boolean {
  const t = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === value;
}

/**
 * Problems the schema cannot express, as the field messages of a 400: a site,
 * type or audience that does not exist (a mistyped or outdated link would
 * otherwise find nothing without saying why), an impossible date, a range
 * that ends before it starts. `site` is checked unless the page is a site's own.
 */
function checkQuery(
  q: SearchQueryT,
  t: Translate,
  structure: Structure,
  checkSite = true,
): Record<string, string> | undefined {
  const fields: Record<string, string> = {};
  if (checkSite && q.site && !structure.byCode.has(q.site)) fields.site = t('validation.enum');
  if (q.type && !SEARCH_TYPES.has(q.type)) fields.type = t('validation.enum');
  if (q.audience && !Object.hasOwn(AUDIENCES, q.audience)) fields.audience = t('validation.enum');
  for (const k of ['since', 'until'] as const) {
    const v = q[k];
    if (v && !realDate(v)) fields[k] = t('search.invalidDate');
  }
  if (!fields.since && !fields.until && q.since && q.until && q.since > q.until)
    fields.until = t('search.dateOrder');
  return Object.keys(fields).length > 0 ? fields : undefined;
}

/** A date the schema refused (since=yesterday) gets the message that shows the format. */
function datesExplained(fields: Record<string, string>, t: Translate): Record<string, string> {
  for (const k of ['since', 'until']) if (fields[k]) fields[k] = t('search.invalidDate');
  return fields;
}

function formOf(q: Partial<SearchQueryT>, within?: SiteRow): SearchForm {
  return {
    q: typeof q.q === 'string' ? q.q : '',
    site: within?.code ?? (typeof q.site === 'string' ? q.site : ''),
    type: typeof q.type === 'string' ? q.type : '',
    audience: typeof q.audience === 'string' ? q.audience : '',
    since: typeof q.since === 'string' ? q.since : '',
    until: typeof q.until === 'string' ? q.until : '',
    sort: q.sort === 'date' ? 'date' : '',
    page: typeof q.page === 'number' ? q.page : 1,
  };
}

async function runLogged(
  ctx: AppContext,
  form: SearchForm,
  searcher: string,
): Promise<SearchResult> {
  const result = await search(ctx, {
    q: form.q,
    site: form.site,
    type: form.type,
    audience: form.audience,
    from: form.since,
    to: form.until,
    sort: form.sort === 'date' ? 'date' : 'relevance',
    page: form.page,
  });
  // One log line per search, not per page turned or tab opened.
  if (result.state === 'ok' && form.page === 1 && !form.type)
    await logQuery(ctx, result.key, result.total, form.site || null, searcher);
  return result;
}

async function hotQueries(ctx: AppContext): Promise<string[]> {
  return (await publicPopular(ctx)).slice(0, 8);
}

/** A search parameter as the form names it, for error messages ("页码取值无效", not "page 取值无效"). */
const PARAM_LABELS: Record<string, MessageKey> = {
  q: 'search.field',
  site: 'search.site',
  type: 'search.param.type',
  audience: 'search.audience',
  since: 'search.param.since',
  until: 'search.param.until',
  sort: 'search.sort',
  page: 'search.param.page',
};

function paramLabel(t: Translate, name: string): string {
  const key = PARAM_LABELS[name];
  return key ? t(key) : name;
}

/** The site at this path: an institution's, an audience portal, or the English investment portal. */
function siteAt(structure: Structure, path: string): SiteRow | undefined {
  return structure.sites.find((s) => s.path === path);
}

export function registerPublicSearch(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  async function page(request: FastifyRequest, reply: FastifyReply, within: SiteRow | undefined) {
    const structure = await loadStructure(ctx);
    const site = within ?? portalSite(structure) ?? structure.sites[0]!;
    const action = within ? `${within.path}search` : '/search';
    const query = (request.query ?? {}) as SearchQueryT;
    const locale = localeForPath(request.url);
    const t = translator(locale);
    const invalid = request.validationError
      ? datesExplained(validationFields(request.validationError.validation as never, request), t)
      : checkQuery(query, t, structure, !within);
    const form = formOf(invalid ? {} : query, within);
    if (invalid) form.q = typeof query.q === 'string' ? query.q.slice(0, 100) : '';
    const error = invalid
      ? t('search.invalid', {
          detail: Object.entries(invalid)
            .map(([k, v]) => t('search.problem', { field: paramLabel(t, k), problem: v }))
            .join(t('search.problemSeparator')),
        })
      : undefined;
    const result = error ? undefined : await runLogged(ctx, form, searcherOf(ctx, request.ip));
    // What the city searches for is in Chinese: not offered on the English pages.
    const needsHot = locale === 'zh-CN' && (result?.state !== 'ok' || result.total === 0);
    const hot = needsHot ? await hotQueries(ctx) : [];
    reply.header('cache-control', 'no-store');
    return sendPage(
      request,
      reply,
      (view) => (
        <SitePage
          view={view}
          structure={structure}
          site={site}
          title={form.q ? `${form.q} - ${view.t('search.title')}` : view.t('search.title')}
          self={request.url}
          head={
            <>
              <meta name="robots" content="noindex" />
              <link rel="stylesheet" href={assetUrl('search.css')} />
              <script type="module" src={assetUrl('search.js')} />
            </>
          }
        >
          <SearchBody
            view={view}
            structure={structure}
            within={within}
            action={action}
            form={form}
            result={result}
            error={error}
            hot={hot}
          />
        </SitePage>
      ),
      error ? 400 : beyondLastPage(result) ? 404 : 200,
    );
  }

  const pageOptions = { schema: { querystring: SearchQuery }, attachValidation: true };
  r.get('/search', pageOptions, async (request, reply) => {
    const structure = await loadStructure(ctx);
    const site = request.query.site ? structure.byCode.get(request.query.site) : undefined;
    return page(request, reply, site && site.kind !== 'portal' ? site : undefined);
  });
  r.get<{ Params: { a: string } }>('/:a/search', pageOptions, async (request, reply) => {
    const site = siteAt(await loadStructure(ctx), `/${request.params.a}/`);
    return site ? page(request, reply, site) : reply.callNotFound();
  });
  r.get<{ Params: { a: string; b: string } }>(
    '/:a/:b/search',
    pageOptions,
    async (request, reply) => {
      const site = siteAt(await loadStructure(ctx), `/${request.params.a}/${request.params.b}/`);
      return site ? page(request, reply, site) : reply.callNotFound();
    },
  );

  // The result links: count the click, then go to the document. Only the
  // address of an indexed document is followed, so this is no open redirect.
  r.get('/search/click', { schema: { querystring: ClickQuery } }, async (request, reply) => {
    const { u, q, p } = request.query;
    const doc = await ctx.db.kysely
      .selectFrom('search_document')
      .select('url')
      .where('url', '=', u)
      .executeTakeFirst();
    if (!doc?.url.startsWith('/') || doc.url.startsWith('//'))
      throw badRequest('该链接无效或已失效');
    await logClick(ctx, queryKey(q), doc.url, p);
    return reply.header('cache-control', 'no-store').redirect(doc.url, 303);
  });

  r.get(
    '/api/v1/search',
    { schema: { querystring: SearchQuery, response: { 200: SearchResponse } } },
    async (request, reply) => {
      const invalid = checkQuery(request.query, translator('zh-CN'), await loadStructure(ctx));
      if (invalid) throw badRequest('搜索条件有误', invalid);
      const result = await runLogged(ctx, formOf(request.query), searcherOf(ctx, request.ip));
      reply.header('cache-control', 'no-store');
      return {
        query: result.key,
        state: result.state,
        relaxed: result.relaxed,
        capped: result.capped,
        total: result.total,
        counts: result.counts,
        page: result.page,
        pages: result.pages,
        results: [...result.pinned, ...result.hits].map((hit) => ({
          title: plain(hit.title),
          titleParts: hit.title,
          snippet: plain(hit.snippet),
          snippetParts: hit.snippet,
          snippetHtml: partsToHtml(hit.snippet),
          url: hit.url,
          type: hit.type,
          site: hit.siteCode,
          publishedAt: hit.publishedAt,
          docNumber: hit.docNumber,
          validity: hit.validity,
          pinned: hit.pinned,
        })),
      };
    },
  );

  r.get(
    '/api/v1/search/suggest',
    { schema: { querystring: SuggestQuery, response: { 200: SuggestResponse } } },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return suggest(ctx, request.query.q, request.query.site || undefined);
    },
  );
}
