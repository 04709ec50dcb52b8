// Pieces of the participation back-office pages: the site choice, facts
// lists and the one-button forms (reusing notify's ActionForm).
import type { ComponentChildren } from 'preact';
import { Field, Select } from '../../../web/components/form.tsx';
import type { ViewContext } from '../../../web/view.ts';
import type { SiteRow } from '../../sites/tables.ts';

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
