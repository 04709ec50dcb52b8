// The one base layout of every server-rendered page. Preact's renderer escapes
// every string by default; raw HTML needs dangerouslySetInnerHTML, which only
// sanitised rich text may use.
import type { ComponentChildren } from 'preact';
import { assetUrl } from './assets.ts';
import type { ViewContext } from './view.ts';

export interface LayoutProps {
  view: ViewContext;
  title: string;
  children: ComponentChildren;
}

export function Layout({ view, title, children }: LayoutProps) {
  const { t } = view;
  return (
    <html lang={view.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} - ${t('site.name')}`}</title>
        <link rel="stylesheet" href={assetUrl('site.css')} />
        <link rel="icon" type="image/svg+xml" href={assetUrl('favicon.svg')} />
      </head>
      <body>
        <a class="skip" href="#main">
          {t('site.skip')}
        </a>
        <header class="site-header">
          <div class="wrap">
            <a class="brand" href={view.locale === 'en' ? '/en/' : '/'}>
              {t('site.name')}
            </a>
          </div>
        </header>
        <main id="main" class="wrap" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">{t('site.footer')}</div>
        </footer>
      </body>
    </html>
  );
}
