// Pieces of the participation back-office pages: the site choice, facts
// lists and the one-button forms (reusing notify's ActionForm).
import type { ComponentChildren } from 'preact';
import { Select } from '../../../web/components/form.tsx';
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
