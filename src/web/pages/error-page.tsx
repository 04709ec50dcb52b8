import { type FooterInfo, SiteFooter } from '../components/site-footer.tsx';
import { Layout } from '../layout.tsx';
import type { ViewContext } from '../view.ts';

export interface ErrorPageProps {
  view: ViewContext;
  title: string;
  message: string;
  /** Field-level problems from validation, shown as a list. */
  fields?: Record<string, string>;
  showRequestId?: boolean;
  /** The site the failed address belongs to: its page wears that site's header and footer. */
  site?: SiteBrand;
}

/** What an error page shows of the site its address is on (set by the portal, app.siteBrand). */
export interface SiteBrand {
  name: string;
  href: string;
  /** The site's footer particulars (主办单位, 网站标识码 …). */
  footer?: FooterInfo;
  /** The site's own search page. */
  searchHref?: string;
  /** The same site in the other language. */
  otherLanguage?: { href: string; lang: string };
}

export function ErrorPage({ view, title, message, fields, showRequestId, site }: ErrorPageProps) {
  const { t } = view;
  return (
    <Layout
      view={view}
      title={title}
      site={site}
      footer={site?.footer && <SiteFooter view={view} info={site.footer} />}
      searchHref={site?.searchHref}
      otherLanguage={site?.otherLanguage}
    >
      <h1>{title}</h1>
      <div class="notice" role="alert">
        <p>{message}</p>
        {fields && Object.keys(fields).length > 0 && (
          <ul>
            {Object.entries(fields).map(([name, problem]) => (
              <li key={name}>
                {name}
                {t('site.colon')}
                {problem}
              </li>
            ))}
          </ul>
        )}
        {showRequestId && (
          <p>
            {t('error.requestId')}
            {t('site.colon')}
            <span class="request-id">{view.requestId}</span>
          </p>
        )}
      </div>
      <p>
        <a href={view.locale === 'en' ? '/en/' : '/'}>{t('error.back')}</a>
      </p>
    </Layout>
  );
}
