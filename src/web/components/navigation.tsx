// Navigation building blocks of public pages: breadcrumbs and pagination.
// Plain links, so they work without JavaScript; the current entry carries
// aria-current.
import type { ViewContext } from '../view.ts';

export interface Crumb {
  label: string;
  /** Absent for the current page. */
  href?: string;
}

export function Breadcrumbs({ view, trail }: { view: ViewContext; trail: Crumb[] }) {
  return (
    <nav class="breadcrumbs" aria-label={view.t('portal.breadcrumbs')}>
      <ol>
        {trail.map((c) => (
          <li key={c.label}>
            {c.href ? <a href={c.href}>{c.label}</a> : <span aria-current="page">{c.label}</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export interface PaginationProps {
  view: ViewContext;
  page: number;
  pages: number;
  /** The list's URL without ?page (page 1 lives there). */
  base: string;
}

export const pageHref = (base: string, page: number) => (page <= 1 ? base : `${base}?page=${page}`);

/** "2" on screen, "第 2 页" to a screen reader. */
function PageNumber({ view, n }: { view: ViewContext; n: number }) {
  return (
    <>
      <span class="visually-hidden">{view.t('portal.pageN', { n })}</span>
      <span aria-hidden="true">{n}</span>
    </>
  );
}

/** Previous, a window of page numbers with the first and last, next. */
export function Pagination({ view, page, pages, base }: PaginationProps) {
  if (pages <= 1) return null;
  const { t } = view;
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  return (
    <nav class="pagination" aria-label={t('portal.pagination')}>
      <ul>
        {page > 1 && (
          <li>
            <a href={pageHref(base, page - 1)} rel="prev">
              {t('portal.prev')}
            </a>
          </li>
        )}
        {shown.map((n, i) => (
          <li key={n}>
            {i > 0 && n - shown[i - 1]! > 1 && <span class="gap">…</span>}
            {n === page ? (
              <span aria-current="page">
                <PageNumber view={view} n={n} />
              </span>
            ) : (
              <a href={pageHref(base, n)}>
                <PageNumber view={view} n={n} />
              </a>
            )}
          </li>
        ))}
        {page < pages && (
          <li>
            <a href={pageHref(base, page + 1)} rel="next">
              {t('portal.next')}
            </a>
          </li>
        )}
      </ul>
      <p class="page-of">{t('portal.pageOf', { page, pages })}</p>
    </nav>
  );
}
