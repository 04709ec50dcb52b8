// The one search box (一门: one search over every site). A GET form: no CSRF
// token, nothing per visitor, so pages that carry it stay cacheable.
import type { ViewContext } from '../view.ts';

export function SearchForm({ view }: { view: ViewContext }) {
  const { t } = view;
  return (
    // biome-ignore lint/a11y/useSemanticElements: <search> is not yet in Preact's typings; role=search is its equivalent
    <form
      class="search-form"
      action="/search"
      method="get"
      role="search"
      aria-label={t('portal.search.label')}
    >
      <label for="q">{t('portal.search.field')}</label>
      <span class="search-row">
        <input id="q" name="q" type="search" maxLength={100} />
        <button type="submit" class="button button-primary">
          {t('portal.search.submit')}
        </button>
      </span>
    </form>
  );
}
