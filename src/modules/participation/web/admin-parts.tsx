// Pieces of the participation back-office pages: the list of solicitations
// or surveys with the form for a new one, the site choice, facts lists and
// the one-button forms (reusing notify's ActionForm).
import type { ComponentChildren } from 'preact';
import { Button, ErrorSummary, Field, Form, Select } from '../../../web/components/form.tsx';
import type { MessageKey } from '../../../web/i18n/index.ts';
import type { ViewContext } from '../../../web/view.ts';
import { AdminLayout, type Me } from '../../identity/admin/layout.tsx';
import type { SiteRow } from '../../sites/tables.ts';
import type { Phase } from '../common.ts';
import type { PublishStatus } from '../tables.ts';

export { ActionForm } from '../../notify/web/parts.tsx';

export function SiteSelect({
  label,
  sites,
  value,
  error,
}: {
  label: string;
  sites: SiteRow[];
  value?: string;
  error?: string;
}) {
  return (
    <Select
      name="site"
      label={label}
      options={sites.map((s) => ({ value: s.code, label: s.name }))}
      value={value}
      error={error}
    />
  );
}

export function Facts({ items }: { items: [string, ComponentChildren][] }) {
  return (
    <dl class="facts">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The first and last day of a comment or answer window (Beijing dates). */
export function WindowFields({
  view,
  values,
  errors,
}: {
  view: ViewContext;
  values: Record<string, string | undefined>;
  errors?: Record<string, string>;
}) {
  const { t } = view;
  return (
    <>
      <Field
        name="opens_on"
        type="date"
        label={t('consultation.admin.opensOn')}
        value={values.opens_on}
        error={errors?.opens_on}
        required
      />
      <Field
        name="closes_on"
        type="date"
        label={t('consultation.admin.closesOn')}
        value={values.closes_on}
        error={errors?.closes_on}
        required
      />
    </>
  );
}

export interface RecordListProps<R> {
  view: ViewContext;
  me: Me;
  rows: R[];
  sites: SiteRow[];
  values: Record<string, string | undefined>;
  errors?: Record<string, string>;
}

/**
 * The back-office list of solicitations or surveys, each linked to its page
 * under `href`, with the form for a new one (posted to `href`) below.
 */
export function RecordListPage<R extends { id: string; title: string }>({
  view,
  me,
  rows,
  sites,
  values,
  errors,
  title,
  newTitle,
  href,
  columns,
  children,
}: RecordListProps<R> & {
  title: MessageKey;
  newTitle: MessageKey;
  href: string;
  /** Columns after the linked title. */
  columns: { head: MessageKey; cell: (row: R) => ComponentChildren }[];
  /** The new record's fields after the site. */
  children: ComponentChildren;
}) {
  const { t } = view;
  return (
    <AdminLayout view={view} title={t(title)} me={me}>
      <h1>{t(title)}</h1>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t('participation.col.title')}</th>
            {columns.map((c) => (
              <th scope="col" key={c.head}>
                {t(c.head)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <a href={`${href}/${r.id}`}>{r.title}</a>
              </td>
              {columns.map((c) => (
                <td key={c.head}>{c.cell(r)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t(newTitle)}</h2>
      {errors && <ErrorSummary errors={errors} />}
      <Form view={view} action={href} label={t(newTitle)}>
        <SiteSelect
          label={t('consultation.admin.site')}
          sites={sites}
          value={values.site}
          error={errors?.site}
        />
        {children}
        <Button>{t('consultation.admin.save')}</Button>
      </Form>
    </AdminLayout>
  );
}

/** The status fact (published or draft, and where the window stands) of a record's page. */
export function statusFact(
  view: ViewContext,
  row: { status: PublishStatus },
  phase: Phase,
): [string, ComponentChildren] {
  const { t } = view;
  return [
    t('participation.col.status'),
    `${t(`consultation.status.${row.status}`)}（${t(`participation.phase.${phase}`)}）`,
  ];
}

/** The public page fact of a record's page. */
export function publicPageFact(view: ViewContext, path: string): [string, ComponentChildren] {
  return [view.t('participation.col.publicPage'), <a href={path}>{path}</a>];
}
