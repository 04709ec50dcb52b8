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
  /** The site the failed address belongs to, named in the header, with its footer particulars. */
  site?: { name: string; href: string; footer?: FooterInfo };
}

export function ErrorPage({ view, title, message, fields, showRequestId, site }: ErrorPageProps) {
  const { t } = view;
  return (
    <Layout
      view={view}
      title={title}
      site={site}
      footer={site?.footer && <SiteFooter view={view} info={site.footer} />}
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
