// The public search page: a GET form (query, site, audience, dates, sort),
// result-type tabs with counts, highlighted results, pagination, and the
// empty, junk-query and no-results states. Highlights are <mark> elements
// around text nodes: every character a document or a visitor supplied is
// escaped by the renderer.
import type { MessageKey } from '../../web/i18n/index.ts';
import { searchMessages } from '../../web/i18n/zh-CN/search.ts';
import type { ViewContext } from '../../web/view.ts';
import { AUDIENCES, AUDIENCES_EN, type Audience } from '../content/taxonomy.ts';
import { lapsedValidity } from '../portal/format.ts';
import type { Structure } from '../portal/structure.ts';
import type { SiteRow } from '../sites/tables.ts';
import type { SearchHit, SearchResult } from './service.ts';
import type { TextPart } from './snippet.ts';

/** The form's values as the visitor sent them (strings, for the inputs). */
export interface SearchForm {
  q: string;
  site: string;
  type: string;
  audience: string;
  since: string;
  until: string;
  sort: string;
  page: number;
}

export interface SearchPageProps {
  view: ViewContext;
  structure: Structure;
  /** The site the search is limited to, when it runs inside one. */
  within?: SiteRow;
  /** Where the form submits: /search or /<site>/search. */
  action: string;
  form: SearchForm;
  result?: SearchResult;
  error?: string;
  hot: string[];
}

export const TAB_TYPES = [
  'policy',
  'interpretation',
  'service',
  'notice',
  'news',
  'topic',
  'letter',
  'disclosure',
];

/** Every document type a provider may index: each has a name in the catalog (search.type.*). */
export const SEARCH_TYPES: ReadonlySet<string> = new Set(
  Object.keys(searchMessages)
    .filter((k) => k.startsWith('search.type.'))
    .map((k) => k.slice('search.type.'.length)),
);

export function typeLabel(t: ViewContext['t'], type: string): string {
  const key = `search.type.${type}` as MessageKey;
  const label = t(key);
  return label === undefined || label === key ? type : label;
}

function Parts({ parts }: { parts: readonly TextPart[] }) {
  return <>{parts.map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : p.text))}</>;
}

/** The query string of a search with some values changed (empty ones left out). */
export function searchHref(action: string, form: SearchForm, change: Partial<SearchForm>): string {
  const next = { ...form, ...change };
  const params = new URLSearchParams();
  for (const k of ['q', 'site', 'type', 'audience', 'since', 'until', 'sort'] as const)
    if (next[k]) params.set(k, next[k]);
  if (next.page > 1) params.set('page', String(next.page));
  return `${action}?${params.toString()}`;
}

function clickHref(key: string, hit: SearchHit, position: number): string {
  const params = new URLSearchParams({ u: hit.url, q: key, p: String(position) });
  return `/search/click?${params.toString()}`;
}

function shanghaiDate(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}

function Filters(props: SearchPageProps) {
  const { view, form, structure, within } = props;
  const { t } = view;
  const sites = structure.sites.filter((s) => s.lang === 'zh-CN');
  return (
    // biome-ignore lint/a11y/useSemanticElements: <search> is not yet in Preact's typings; role=search is its equivalent
    <form
      class="search-form search-page-form"
      action={props.action}
      method="get"
      role="search"
      aria-label={t('search.title')}
      data-site={within?.code}
    >
      <label for="search-q">{t('search.field')}</label>
      <span class="search-row">
        <input
          id="search-q"
          name="q"
          type="search"
          maxLength={100}
          value={form.q}
          autocomplete="off"
        />
        <button type="submit" class="button button-primary">
          {t('search.submit')}
        </button>
      </span>
      <ul
        id="search-suggest"
        class="search-suggest"
        aria-live="polite"
        aria-label={t('search.suggestions')}
      />
      {form.type && <input type="hidden" name="type" value={form.type} />}
      <fieldset class="search-filters">
        <legend>{t('search.filters')}</legend>
        {!within && (
          <span class="search-filter">
            <label for="search-site">{t('search.site')}</label>
            <select id="search-site" name="site">
              <option value="">{t('search.allSites')}</option>
              {sites.map((s) => (
                <option key={s.code} value={s.code} selected={s.code === form.site}>
                  {s.name}
                </option>
              ))}
            </select>
          </span>
        )}
        <span class="search-filter">
          <label for="search-audience">{t('search.audience')}</label>
          <select id="search-audience" name="audience">
            <option value="">{t('search.anyAudience')}</option>
            {Object.entries(AUDIENCES).map(([code, name]) => (
              <option key={code} value={code} selected={code === form.audience}>
                {view.locale === 'en' ? AUDIENCES_EN[code as Audience] : name}
              </option>
            ))}
          </select>
        </span>
        <span class="search-filter">
          <label for="search-from">{t('search.from')}</label>
          <input id="search-from" name="since" type="date" value={form.since} />
        </span>
        <span class="search-filter">
          <label for="search-to">{t('search.to')}</label>
          <input id="search-to" name="until" type="date" value={form.until} />
        </span>
        <span class="search-filter">
          <label for="search-sort">{t('search.sort')}</label>
          <select id="search-sort" name="sort">
            <option value="relevance" selected={form.sort !== 'date'}>
              {t('search.sort.relevance')}
            </option>
            <option value="date" selected={form.sort === 'date'}>
              {t('search.sort.date')}
            </option>
          </select>
        </span>
      </fieldset>
    </form>
  );
}

function Tabs({ view, form, action, result }: SearchPageProps & { result: SearchResult }) {
  const { t } = view;
  const all = Object.values(result.counts).reduce((a, b) => a + b, 0);
  const types = [
    ...TAB_TYPES.filter((ty) => result.counts[ty]),
    ...Object.keys(result.counts)
      .filter((ty) => !TAB_TYPES.includes(ty))
      .sort(),
  ];
  const tab = (type: string, label: string, n: number) => (
    <li key={type || 'all'}>
      <a
        href={searchHref(action, form, { type, page: 1 })}
        aria-current={form.type === type ? 'page' : undefined}
      >
        {label}
        {t('search.count', { n })}
      </a>
    </li>
  );
  return (
    <nav class="search-tabs" aria-label={t('search.tabs')}>
      <ul>
        {tab('', t('search.tab.all'), all)}
        {types.map((ty) => tab(ty, typeLabel(t, ty), result.counts[ty] ?? 0))}
      </ul>
    </nav>
  );
}

function Hit({
  view,
  hit,
  keyText,
  position,
  structure,
}: {
  view: ViewContext;
  hit: SearchHit;
  keyText: string;
  position: number;
  structure: Structure;
}) {
  const { t } = view;
  const site = hit.siteCode ? structure.byCode.get(hit.siteCode) : undefined;
  // A repealed, expired or amended policy says so, as the portal's lists do.
  const lapsed = lapsedValidity(hit.validity);
  return (
    <li class={hit.pinned ? 'search-hit search-pinned' : 'search-hit'}>
      <h3>
        {hit.pinned && <span class="tag">{t('search.pinned')}</span>}
        <a href={clickHref(keyText, hit, position)}>
          <Parts parts={hit.title} />
        </a>
      </h3>
      <p class="search-snippet">
        <Parts parts={hit.snippet} />
      </p>
      <p class="search-meta">
        <span>{typeLabel(t, hit.type)}</span>
        {site && <span>{site.name}</span>}
        {lapsed && <span class="validity">{t(`portal.validity.${lapsed}`)}</span>}
        {hit.docNumber && <span>{t('search.docNumber', { n: hit.docNumber })}</span>}
        <span>{t('search.published', { d: shanghaiDate(hit.publishedAt) })}</span>
      </p>
    </li>
  );
}

function Pager({ view, form, action, result }: SearchPageProps & { result: SearchResult }) {
  const { t } = view;
  if (result.pages <= 1) return null;
  const first = Math.max(1, result.page - 4);
  const last = Math.min(result.pages, first + 8);
  const pages: number[] = [];
  for (let n = first; n <= last; n++) pages.push(n);
  return (
    <nav class="pagination" aria-label={t('search.pagination')}>
      <ul>
        {result.page > 1 && (
          <li>
            <a href={searchHref(action, form, { page: result.page - 1 })} rel="prev">
              {t('search.prev')}
            </a>
          </li>
        )}
        {pages.map((n) => (
          <li key={n}>
            {n === result.page ? (
              <span aria-current="page">{n}</span>
            ) : (
              <a href={searchHref(action, form, { page: n })} aria-label={t('search.pageN', { n })}>
                {n}
              </a>
            )}
          </li>
        ))}
        {result.page < result.pages && (
          <li>
            <a href={searchHref(action, form, { page: result.page + 1 })} rel="next">
              {t('search.next')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

function Hot({ view, hot, action }: { view: ViewContext; hot: string[]; action: string }) {
  if (hot.length === 0) return null;
  return (
    <section class="search-hot" aria-labelledby="search-hot">
      <h2 id="search-hot">{view.t('search.hot')}</h2>
      <ul>
        {hot.map((q) => (
          <li key={q}>
            <a href={`${action}?${new URLSearchParams({ q }).toString()}`}>{q}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function NoResults(props: SearchPageProps & { result: SearchResult }) {
  const { view, form, action } = props;
  const { t } = view;
  // Inside a site its code is in the form, but leaving the site is the link above the form.
  const site = props.within ? '' : form.site;
  const filtered = Boolean(site || form.type || form.audience || form.since || form.until);
  return (
    <div class="search-none">
      <p>{t('search.none', { q: form.q })}</p>
      <p>{t('search.none.tips')}</p>
      {filtered && (
        <p>
          <a
            href={searchHref(
              action,
              { ...form, site: '', type: '', audience: '', since: '', until: '' },
              { page: 1 },
            )}
          >
            {t('search.none.clearFilters')}
          </a>
        </p>
      )}
      <Hot view={view} hot={props.hot} action={action} />
    </div>
  );
}

/** A page number past the last page of results (a stale or edited link). */
export function beyondLastPage(result: SearchResult | undefined): boolean {
  return result?.state === 'ok' && result.pages > 0 && result.page > result.pages;
}

export function SearchResults(props: SearchPageProps) {
  const { view, result, structure } = props;
  const { t } = view;
  if (props.error)
    return (
      <p class="notice notice-error" role="alert">
        {props.error}
      </p>
    );
  if (!result || result.state === 'empty')
    return (
      <>
        <p>{t('search.empty.lead')}</p>
        <Hot view={view} hot={props.hot} action={props.action} />
      </>
    );
  // Words that are all too common to search by (的, the) are not junk: say so.
  if (result.state === 'junk')
    return (
      <p role="status">
        {t(/[\p{L}\p{N}]/u.test(result.key) ? 'search.tooCommon' : 'search.junk')}
      </p>
    );
  const hits = [...result.pinned, ...result.hits];
  return (
    <>
      <Tabs {...props} result={result} />
      <p role="status" class="search-total">
        {t(result.capped ? 'search.totalCapped' : 'search.total', { n: result.total })}
      </p>
      {result.relaxed && <p class="notice">{t('search.relaxed')}</p>}
      {beyondLastPage(result) ? (
        <p role="status">
          {t('search.beyond', { page: String(result.page), pages: String(result.pages) })}{' '}
          <a href={searchHref(props.action, props.form, { page: result.pages })}>
            {t('search.lastPage')}
          </a>
        </p>
      ) : hits.length === 0 ? (
        <NoResults {...props} result={result} />
      ) : (
        <section aria-labelledby="search-results-h">
          <h2 id="search-results-h" class="visually-hidden">
            {t('search.results')}
          </h2>
          <ol class="search-hits" start={(result.page - 1) * 10 + 1}>
            {hits.map((hit, i) => (
              <Hit
                key={`${hit.source}:${hit.sourceId}`}
                view={view}
                hit={hit}
                keyText={result.key}
                position={(result.page - 1) * 10 + i + 1}
                structure={structure}
              />
            ))}
          </ol>
          <Pager {...props} result={result} />
        </section>
      )}
    </>
  );
}

export function SearchBody(props: SearchPageProps) {
  const { view, within, form } = props;
  const { t } = view;
  return (
    <>
      <h1>{form.q ? t('search.resultsTitle', { q: form.q }) : t('search.title')}</h1>
      {within && (
        <p class="page-of">
          {t('search.siteScope', { site: within.name })}
          {/* The search over every site is in Chinese: not offered from the English pages. */}
          {view.locale !== 'en' && (
            <>
              {' '}
              <a href={searchHref('/search', { ...form, site: '' }, { page: 1 })}>
                {t('search.everywhere')}
              </a>
            </>
          )}
        </p>
      )}
      <Filters {...props} />
      <SearchResults {...props} />
    </>
  );
}
