// The audit log viewer: chain status, filters, one page of entries, paging
// and the CSV export link (for whoever may export).

import { Button, Field, Select } from '../../../web/components/form.tsx';
import type { MessageKey } from '../../../web/i18n/index.ts';
import type { ViewContext } from '../../../web/view.ts';
import type { AuditLogRow, AuditVerification } from '../../audit/index.ts';
import { beijingTime } from './http.ts';
import { AdminLayout, type Me } from './layout.tsx';

export const OUTCOMES: Record<string, MessageKey> = {
  success: 'admin.audit.success',
  failure: 'admin.audit.failure',
  denied: 'admin.audit.denied',
};

export interface AuditPageProps {
  view: ViewContext;
  me: Me;
  filters: Record<string, string>;
  entries: readonly AuditLogRow[];
  total: number;
  page: number;
  pageSize: number;
  verification: AuditVerification;
  canExport: boolean;
  errors?: Record<string, string>;
}

const query = (filters: Record<string, string>, extra: Record<string, string> = {}) =>
  new URLSearchParams(
    Object.entries({ ...filters, ...extra }).filter(([, v]) => v !== ''),
  ).toString();

function ChainBanner({ view, v }: { view: ViewContext; v: AuditVerification }) {
  const { t } = view;
  if (v.ok)
    return (
      <p class="banner banner-ok" role="status">
        {t('admin.audit.chainOk', { n: v.count })}
      </p>
    );
  return (
    <div class="banner banner-bad" role="alert">
      <p>
        <strong>{t('admin.audit.chainBad', { seq: v.firstBrokenSeq })}</strong>
      </p>
      <p class="small">{v.reason}</p>
    </div>
  );
}

export function AuditPage(props: AuditPageProps) {
  const { view, me, filters, entries, total, page, pageSize, errors = {} } = props;
  const { t } = view;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const field = (name: string, label: MessageKey, type: 'text' | 'date' = 'text') => (
    <Field
      name={name}
      label={t(label)}
      type={type}
      value={filters[name]}
      error={errors[name]}
      maxLength={64}
    />
  );
  return (
    <AdminLayout view={view} title={t('admin.nav.audit')} me={me}>
      <h1>{t('admin.nav.audit')}</h1>
      <ChainBanner view={view} v={props.verification} />
      <form
        class="form filters"
        method="get"
        action="/admin/audit"
        aria-label={t('admin.audit.filter')}
      >
        {field('from', 'admin.audit.from', 'date')}
        {field('to', 'admin.audit.to', 'date')}
        {field('actor', 'admin.audit.actor')}
        {field('action', 'admin.audit.action')}
        <Select
          name="outcome"
          label={t('admin.audit.outcome')}
          value={filters.outcome}
          options={[
            { value: '', label: t('admin.audit.all') },
            ...Object.entries(OUTCOMES).map(([value, key]) => ({ value, label: t(key) })),
          ]}
        />
        <Button>{t('admin.audit.filter')}</Button>
      </form>
      <p>
        {t('admin.audit.total', { n: total })}
        {props.canExport && (
          <>
            {'　'}
            <a href={`/admin/audit/export.csv?${query(filters)}`}>{t('admin.audit.export')}</a>
          </>
        )}
      </p>
      <table class="table audit-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.audit.seq')}</th>
            <th scope="col">{t('admin.audit.time')}</th>
            <th scope="col">{t('admin.audit.actor')}</th>
            <th scope="col">IP</th>
            <th scope="col">{t('admin.audit.action')}</th>
            <th scope="col">{t('admin.audit.target')}</th>
            <th scope="col">{t('admin.audit.outcome')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq}>
              <td>{e.seq}</td>
              <td>{beijingTime(e.at)}</td>
              <td>{e.actor_name}</td>
              <td>{e.actor_ip ?? '—'}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td class="small">{e.target_type ? `${e.target_type}:${e.target_id ?? ''}` : '—'}</td>
              <td>{OUTCOMES[e.outcome] ? t(OUTCOMES[e.outcome]!) : e.outcome}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav class="pager" aria-label={t('admin.audit.pages')}>
        {page > 1 && (
          <a href={`/admin/audit?${query(filters, { page: String(page - 1) })}`}>
            {t('admin.audit.prev')}
          </a>
        )}
        <span>{t('admin.audit.pageOf', { page, pages })}</span>
        {page < pages && (
          <a href={`/admin/audit?${query(filters, { page: String(page + 1) })}`}>
            {t('admin.audit.next')}
          </a>
        )}
      </nav>
    </AdminLayout>
  );
}
