// Site homes: the portal (一门), an audience portal, an institution's site.
import type { ComponentChildren } from 'preact';
import { JsonLd } from '../../web/components/json-ld.tsx';
import { SearchForm } from '../../web/components/search-form.tsx';
import type { MessageKey } from '../../web/i18n/index.ts';
import type { ViewContext } from '../../web/view.ts';
import type { SiteRow } from '../sites/tables.ts';
import { SitePage } from './chrome.tsx';
import type { HomeData, Section } from './home-data.ts';
import { ItemList } from './item-list.tsx';
import type { Structure } from './structure.ts';

/** The one-line description of an audience portal, if the catalog has one. */
function hintFor(view: ViewContext, code: string): string {
  return (view.t(`portal.entrance.${code}` as MessageKey) as string | undefined) ?? '';
}

export interface HomeProps {
  view: ViewContext;
  structure: Structure;
  site: SiteRow;
  data: HomeData;
  /** Absolute origin for structured data and Open Graph. */
  base: string;
}

function HomeHead({ view, site, base }: HomeProps) {
  const url = `${base}${site.path}`;
  const org = {
    '@context': 'https://schema.org',
    '@type': 'GovernmentOrganization',
    name: site.name,
    url,
    ...(site.kind === 'portal'
      ? {
          potentialAction: {
            '@type': 'SearchAction',
            target: `${base}/search?q={search_term_string}`,
            'query-input': 'required name=search_term_string',
          },
        }
      : {}),
  };
  return (
    <>
      <link rel="canonical" href={url} />
      <meta property="og:type" content="website" />
      <meta property="og:title" content={site.name} />
      <meta property="og:url" content={url} />
      <meta property="og:site_name" content={site.name} />
      <meta property="og:locale" content={view.locale === 'en' ? 'en_US' : 'zh_CN'} />
      <JsonLd data={org} />
    </>
  );
}

function HomeFrame(props: HomeProps & { children: ComponentChildren }) {
  const { view, structure, site } = props;
  return (
    <SitePage
      view={view}
      structure={structure}
      site={site}
      title={view.t('portal.home')}
      self={site.path}
      head={<HomeHead {...props} />}
    >
      {props.children}
    </SitePage>
  );
}

function SectionBlock({
  view,
  structure,
  site,
  section,
  id,
}: Omit<HomeProps, 'data' | 'base'> & { section: Section; id: string }) {
  const more = section.channel && `${site.path}${section.channel.slug}/`;
  return (
    <section class="section" aria-labelledby={id}>
      <h2 id={id}>{section.title}</h2>
      <ItemList view={view} structure={structure} siteCode={site.code} items={section.items} />
      {more && section.items.length > 0 && (
        <p class="more">
          <a href={more}>{view.t('portal.moreOf', { name: section.title })}</a>
        </p>
      )}
    </section>
  );
}

function Sections(props: HomeProps) {
  return (
    <div class="sections">
      {props.data.sections.map((section, i) => (
        <SectionBlock
          key={section.channel?.id ?? section.title}
          {...props}
          section={section}
          id={`s${i}`}
        />
      ))}
    </div>
  );
}

const SERVICE_LINKS = [
  ['/services/', 'portal.go.guides'],
  ['/services/progress', 'portal.go.progress'],
  ['/services/stats', 'portal.go.serviceStats'],
] as const;
const INTERACTION_LINKS = [
  ['/letters/write', 'portal.go.writeLetter'],
  ['/letters/', 'portal.go.letters'],
  ['/consultations/', 'portal.go.consultations'],
  ['/surveys/', 'portal.go.surveys'],
] as const;

/** The gate's two task entrances: doing business with the city, and talking to it. */
function DoAndAsk({ view }: { view: ViewContext }) {
  const { t } = view;
  const block = (
    id: string,
    title: string,
    links: typeof SERVICE_LINKS | typeof INTERACTION_LINKS,
  ) => (
    <section class="section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ul class="quick-links">
        {links.map(([href, key]) => (
          <li key={href}>
            <a href={href}>{t(key)}</a>
          </li>
        ))}
      </ul>
    </section>
  );
  return (
    <>
      {block('do-services', t('portal.services'), SERVICE_LINKS)}
      {block('do-interaction', t('portal.interaction'), INTERACTION_LINKS)}
    </>
  );
}

export function PortalHome(props: HomeProps) {
  const { view, structure, site } = props;
  const { t } = view;
  const audiences = structure.sites.filter((s) => s.kind === 'audience');
  const institutions = structure.sites.filter((s) => s.kind === 'institution');
  return (
    <HomeFrame {...props}>
      <div class="hero">
        <h1>{site.name}</h1>
        <SearchForm view={view} />
      </div>
      <section class="section" aria-labelledby="entrances">
        <h2 id="entrances">{t('portal.entrances')}</h2>
        <ul class="entrances">
          {audiences.map((s) => (
            <li key={s.code} class={`theme-${s.code}`}>
              <a href={s.path} lang={s.lang === site.lang ? undefined : s.lang}>
                <span class="entrance-name">{s.name}</span>
                <span class="entrance-hint">{hintFor(view, s.code)}</span>
              </a>
            </li>
          ))}
        </ul>
      </section>
      <Sections {...props} />
      {site.lang === 'zh-CN' && <DoAndAsk view={view} />}
      <section class="section" aria-labelledby="institutions">
        <h2 id="institutions">{t('portal.institutions')}</h2>
        <ul class="quick-links">
          {institutions.map((s) => (
            <li key={s.code}>
              <a href={s.path}>{s.name}</a>
            </li>
          ))}
        </ul>
      </section>
    </HomeFrame>
  );
}

export function AudienceHome(props: HomeProps) {
  const { view, structure, site, data } = props;
  const { t } = view;
  const hint = hintFor(view, site.code);
  return (
    <HomeFrame {...props}>
      <h1>{site.name}</h1>
      {hint && <p class="lead">{hint}</p>}
      {data.featured.length > 0 && (
        <section class="section" aria-labelledby="featured">
          <h2 id="featured">{t('portal.featured')}</h2>
          <ItemList view={view} structure={structure} siteCode={site.code} items={data.featured} />
        </section>
      )}
      <section class="section" aria-labelledby="latest">
        <h2 id="latest">{t('portal.latest')}</h2>
        <ItemList view={view} structure={structure} siteCode={site.code} items={data.latest} />
      </section>
      <Sections {...props} />
    </HomeFrame>
  );
}

export function InstitutionHome(props: HomeProps) {
  return (
    <HomeFrame {...props}>
      <h1>{props.site.name}</h1>
      <Sections {...props} />
    </HomeFrame>
  );
}
