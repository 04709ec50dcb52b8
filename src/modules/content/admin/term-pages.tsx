// The wrong and sensitive expressions dictionary: the terms with their
// severity and suggestion, a form to add (or change) one, a button to remove.
import { Button, ErrorSummary, Field, Form, Select } from '../../../web/components/form.tsx';
import type { MessageKey } from '../../../web/i18n/index.ts';
import type { ViewContext } from '../../../web/view.ts';
import { AdminLayout, type Me } from '../../identity/admin/layout.tsx';
import type { SensitiveTermRow } from '../tables.ts';
import { ActionButton } from './fields.tsx';
import { ContentAssets } from './parts.tsx';

export function TermPage(props: {
  view: ViewContext;
  me: Me;
  terms: readonly SensitiveTermRow[];
  values: Record<string, string>;
  errors?: Record<string, string>;
  flash?: MessageKey;
}) {
  const { view, me, terms, values, errors = {} } = props;
  const { t } = view;
  const sorted = [...terms].sort(
    (a, b) => a.severity.localeCompare(b.severity) || a.term.localeCompare(b.term, 'zh-CN'),
  );
  return (
    <AdminLayout view={view} title={t('content.termsPage.title')} me={me} flash={props.flash}>
      <ContentAssets />
      <h1>{t('content.termsPage.title')}</h1>
      <p>{t('content.termsPage.lead')}</p>
      <h2 id="add-term">{t('content.termsPage.add')}</h2>
      <ErrorSummary errors={errors} />
      <Form view={view} action="/admin/content/terms" label={t('content.termsPage.add')}>
        <Field
          name="term"
          label={t('content.termsPage.term')}
          value={values.term}
          error={errors.term}
          required
          maxLength={100}
        />
        <Select
          name="severity"
          label={t('content.termsPage.severity')}
          value={values.severity ?? 'warn'}
          error={errors.severity}
          options={[
            { value: 'warn', label: t('content.termsPage.warn') },
            { value: 'block', label: t('content.termsPage.block') },
          ]}
        />
        <Field
          name="suggestion"
          label={t('content.termsPage.suggestion')}
          value={values.suggestion}
          error={errors.suggestion}
          maxLength={200}
        />
        <Field
          name="note"
          label={t('content.termsPage.note')}
          value={values.note}
          error={errors.note}
          maxLength={300}
        />
        <Button>{t('content.termsPage.save')}</Button>
      </Form>
      <h2>{t('content.termsPage.list', { n: terms.length })}</h2>
      {sorted.length === 0 ? (
        <p>{t('content.termsPage.empty')}</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">{t('content.termsPage.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('content.termsPage.term')}</th>
              <th scope="col">{t('content.termsPage.severity')}</th>
              <th scope="col">{t('content.termsPage.suggestion')}</th>
              <th scope="col">{t('content.termsPage.note')}</th>
              <th scope="col">{t('admin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((term) => (
              <tr key={term.term}>
                <td>{term.term}</td>
                <td>
                  <span class={`tag tag-${term.severity}`}>
                    {t(
                      term.severity === 'block'
                        ? 'content.termsPage.block'
                        : 'content.termsPage.warn',
                    )}
                  </span>
                </td>
                <td>{term.suggestion ?? '—'}</td>
                <td>{term.note ?? '—'}</td>
                <td>
                  <ActionButton
                    view={view}
                    action="/admin/content/terms/remove"
                    hidden={{ term: term.term }}
                    label={t('content.termsPage.remove')}
                    detail={term.term}
                    kind="danger"
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}
