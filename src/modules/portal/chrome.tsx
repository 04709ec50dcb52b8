// What every public page of a site wears around its content: the site's name
// in the header, its channel navigation, its theme colour and the footer
// particulars (an institution's own, else the portal's).
import type { ComponentChildren } from 'preact';
import { type FooterInfo, SiteFooter } from '../../web/components/site-footer.tsx';
import { Layout } from '../../web/layout.tsx';
import type { SiteBrand } from '../../web/pages/error-page.tsx';
import type { ViewContext } from '../../web/view.ts';
import type { SiteRow } from '../sites/tables.ts';
import { portalSite, type Structure } from './structure.ts';

export interface SitePageProps {
  view: ViewContext;
  structure: Structure;
  site: SiteRow;
  title: string;
  /** The channel whose entry in the navigation is marked current. */
  channelId?: string;
  head?: ComponentChildren;
  self: string;
  children: ComponentChildren;
}

const CODE = /^[a-z0-9-]{1,32}$/;

/** A link channel's target: an http(s) URL or a path on this site, nothing else. */
function safeLink(url: string | null): string | undefined {
  if (!url) return undefined;
  return /^https?:\/\/[^\s"<>]+$/i.test(url) || /^\/(?![/\\])/.test(url) ? url : undefined;
}

/**
 * The footer particulars of a site's pages. An institution's are its own; an
 * audience portal shows the portal's, except those it has of its own (the
 * English portal's sponsor and contact line, in English).
 */
function footerInfo(structure: Structure, site: SiteRow): FooterInfo {
  const own = site.kind === 'institution' ? site : (portalSite(structure) ?? site);
  const pick = <K extends keyof SiteRow>(key: K) => site[key] ?? own[key];
  return {
    sponsor: pick('sponsor') ?? own.name,
    contact: pick('contact'),
    siteIdentifier: pick('site_identifier'),
    icpRecord: pick('icp_record'),
    policeRecord: pick('police_record'),
    conacUrl: pick('conac_url'),
  };
}

/**
 * What a site's pages wear of it around their content: its name, its own
 * search, its other-language edition and its footer particulars. Error pages
 * on the site's addresses wear the same (app.siteBrand, routes.ts).
 */
export function siteBrandOf(
  structure: Structure,
  site: SiteRow,
): SiteBrand & { footer: FooterInfo } {
  return {
    name: site.name,
    href: site.path,
    footer: footerInfo(structure, site),
    searchHref: `${site.path}search`,
    otherLanguage: otherEdition(structure, site),
  };
}

export function SitePage(props: SitePageProps) {
  const { view, structure, site } = props;
  const brand = siteBrandOf(structure, site);
  return (
    <Layout
      view={view}
      title={props.title}
      site={brand}
      self={props.self}
      searchHref={brand.searchHref}
      otherLanguage={brand.otherLanguage}
      bodyClass={CODE.test(site.code) ? `theme-${site.code}` : undefined}
      head={
        <>
          <link rel="stylesheet" href={`/themes/${structure.themeHash}.css`} />
          {props.head}
        </>
      }
      nav={<SiteNav {...props} />}
      footer={<SiteFooter view={view} info={brand.footer} />}
    >
      {props.children}
    </Layout>
  );
}

/**
 * The same portal in the other language: a portal or audience portal of the
 * same kind and audience whose language differs (投资 and Invest).
 */
function otherEdition(structure: Structure, site: SiteRow) {
  if (site.kind === 'institution') return undefined;
  const other = structure.sites.find(
    (s) => s.kind === site.kind && s.audience === site.audience && s.lang !== site.lang,
  );
  return other && { href: other.path, lang: other.lang };
}

function SiteNav({ view, structure, site, channelId, self }: SitePageProps) {
  const channels = (structure.channelsOf.get(site.code) ?? []).filter(
    (c) => c.in_nav === 1 && c.parent_id === null,
  );
  // The portal's navigation also leads into the audience portals of its language.
  const portals =
    site.kind === 'portal'
      ? structure.sites.filter((s) => s.kind === 'audience' && s.lang === site.lang)
      : [];
  const current = (href: string, id?: string) =>
    href === self ? 'page' : id !== undefined && id === channelId ? 'true' : undefined;
  return (
    <nav class="site-nav" aria-label={view.t('portal.nav')}>
      <ul class="wrap">
        <li>
          <a href={site.path} aria-current={current(site.path)}>
            {view.t('portal.home')}
          </a>
        </li>
        {channels.map((c) => {
          const href = c.kind === 'link' ? safeLink(c.link_url) : `${site.path}${c.slug}/`;
          if (!href) return null;
          return (
            <li key={c.id}>
              <a href={href} aria-current={current(href, c.id)}>
                {c.name}
              </a>
            </li>
          );
        })}
        {portals.map((s) => (
          <li key={s.code}>
            <a href={s.path}>{s.short_name}</a>
          </li>
        ))}
        {site.kind === 'portal' && site.lang === 'zh-CN' && (
          <>
            <li>
              <a href="/services/" aria-current={current('/services/')}>
                {view.t('portal.services')}
              </a>
            </li>
            <li>
              <a href="/letters/" aria-current={current('/letters/')}>
                {view.t('portal.interaction')}
              </a>
            </li>
          </>
        )}
      </ul>
    </nav>
  );
}
