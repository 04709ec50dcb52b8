// The one base layout of every server-rendered page. Preact's renderer escapes
// every string by default; raw HTML needs dangerouslySetInnerHTML, which only
// sanitised rich text (and escaped JSON-LD) may use.
//
// Every page is the same bytes for every visitor, so that public pages can be
// cached: nothing here depends on cookies. Elder-friendly mode (适老化) is the
// /mode.css stylesheet, which the server fills with the elder styles only for
// visitors who switched it on (see src/modules/portal/elder.ts); both switch
// links are always in the page, and the stylesheet shows the one that applies.
import type { ComponentChildren } from 'preact';
import { assetUrl } from './assets.ts';
import type { ViewContext } from './view.ts';

export interface LayoutProps {
  view: ViewContext;
  title: string;
  children: ComponentChildren;
  /** The site the page belongs to, for the <title> suffix and the header brand. */
  site?: { name: string; href: string };
  /** Extra <head> elements: canonical link, Open Graph, JSON-LD, a theme stylesheet. */
  head?: ComponentChildren;
  /** Site navigation under the header (channels). */
  nav?: ComponentChildren;
  /** Footer particulars; the default is the platform's one line. */
  footer?: ComponentChildren;
  /** A class on <body>, e.g. the site's theme. */
  bodyClass?: string;
  /** This page's path with its query (for ?page=N); defaults to the path. */
  self?: string;
  /** Where the header's search link goes: the site's own search, else the portal's. */
  searchHref?: string;
  /** The same site in the other language (the investment portal's two editions). */
  otherLanguage?: { href: string; lang: string };
}

export function Layout(props: LayoutProps) {
  const { view, title, children, site } = props;
  const { t } = view;
  const self = props.self ?? view.path;
  // The switch's own page (an error on /elder) returns to the home page, not to itself.
  const back = encodeURIComponent(/^\/elder(?:[/?]|$)/.test(self) ? '/' : self);
  const home = view.locale === 'en' ? '/en/' : '/';
  return (
    <html lang={view.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} - ${site?.name ?? t('site.name')}`}</title>
        <link rel="stylesheet" href={assetUrl('site.css')} />
        <link rel="stylesheet" href="/mode.css" />
        <link rel="stylesheet" href={assetUrl('print.css')} media="print" />
        <link rel="icon" type="image/svg+xml" href={assetUrl('favicon.svg')} />
        {props.head}
      </head>
      <body class={props.bodyClass}>
        <a class="skip" href="#main">
          {t('site.skip')}
        </a>
        <header class="site-header">
          <div class="wrap">
            <a class="brand" href={site?.href ?? home}>
              {site?.name ?? t('site.name')}
            </a>
            {/* Static links, no session lookup: every page stays cacheable. */}
            <nav class="header-links" aria-label={t('portal.tools')}>
              {site && site.href !== '/' && view.locale !== 'en' && (
                <a href="/">{t('portal.gate')}</a>
              )}
              {/* An English page outside a site has no English search to go to. */}
              {(view.locale !== 'en' || props.searchHref) && (
                <a href={props.searchHref ?? '/search'}>{t('portal.search.submit')}</a>
              )}
              <a class="elder-on" href={`/elder?on=1&back=${back}`}>
                {t('portal.elder.on')}
              </a>
              <a class="elder-off" href={`/elder?on=0&back=${back}`}>
                {t('portal.elder.off')}
              </a>
              {props.otherLanguage && (
                <a
                  href={props.otherLanguage.href}
                  hrefLang={props.otherLanguage.lang}
                  lang={props.otherLanguage.lang}
                >
                  {t('site.otherLanguage')}
                </a>
              )}
              {/* The account area speaks Chinese only: English pages do not lead into it. */}
              {view.locale !== 'en' && (
                <>
                  <a href="/account/login">{t('account.nav.login')}</a>
                  <a href="/account">{t('account.nav.account')}</a>
                </>
              )}
            </nav>
          </div>
        </header>
        {props.nav}
        <main id="main" class="wrap" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            {props.footer ?? <p>{t('site.footer')}</p>}
            <p class="footer-links">
              <a href={`/feedback/error?url=${back}`}>{t('portal.findError')}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
