// Operations pages for the system administrator: the development message
// sink and the job queue's dead letters.

import type { JobStatus } from '../../../platform/jobs/queue.ts';
import type { JobRow } from '../../../platform/jobs/tables.ts';
import { Button, Form } from '../../../web/components/form.tsx';
import type { MessageKey } from '../../../web/i18n/index.ts';
import type { ViewContext } from '../../../web/view.ts';
import { beijingTime } from './http.ts';
import { AdminLayout, type Me } from './layout.tsx';

export interface OutboxItem {
  id: string;
  channel: string;
  to: string;
  body: string;
  status: string;
  createdAt: string;
}

const OUTBOX_STATUS: Record<string, MessageKey> = {
  pending: 'admin.outbox.pending',
  held: 'admin.outbox.held',
  sent: 'admin.outbox.sent',
  failed: 'admin.outbox.failed',
  cancelled: 'admin.outbox.cancelled',
};

export function OutboxPage(props: { view: ViewContext; me: Me; messages: readonly OutboxItem[] }) {
  const { view, me, messages } = props;
  const { t } = view;
  return (
    <AdminLayout view={view} title={t('admin.nav.outbox')} me={me}>
      <h1>{t('admin.nav.outbox')}</h1>
      <p class="banner banner-warn" role="note">
        <strong>{t('admin.outbox.devSink')}</strong>
      </p>
      {messages.length === 0 ? (
        <p>{t('admin.outbox.none')}</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('admin.outbox.time')}</th>
              <th scope="col">{t('admin.outbox.channel')}</th>
              <th scope="col">{t('admin.outbox.to')}</th>
              <th scope="col">{t('admin.outbox.body')}</th>
              <th scope="col">{t('admin.outbox.status')}</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id}>
                <td>{beijingTime(m.createdAt)}</td>
                <td>{m.channel === 'sms' ? t('admin.outbox.sms') : t('admin.outbox.email')}</td>
                <td>{m.to}</td>
                <td>{m.body}</td>
                <td>{OUTBOX_STATUS[m.status] ? t(OUTBOX_STATUS[m.status]!) : m.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}

export function JobsPage(props: {
  view: ViewContext;
  me: Me;
  counts: Record<JobStatus, number>;
  labels: Record<JobStatus, MessageKey>;
  dead: readonly JobRow[];
  flash?: MessageKey;
}) {
  const { view, me, counts, labels, dead, flash } = props;
  const { t } = view;
  return (
    <AdminLayout view={view} title={t('admin.nav.jobs')} me={me} flash={flash}>
      <h1>{t('admin.nav.jobs')}</h1>
      <dl class="facts">
        {(Object.keys(labels) as JobStatus[]).map((s) => (
          <div key={s}>
            <dt>{t(labels[s])}</dt>
            <dd>{counts[s]}</dd>
          </div>
        ))}
      </dl>
      <h2>{t('admin.jobs.deadTitle')}</h2>
      {dead.length === 0 ? (
        <p>{t('admin.jobs.noDead')}</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('admin.jobs.name')}</th>
              <th scope="col">{t('admin.jobs.attempts')}</th>
              <th scope="col">{t('admin.jobs.lastError')}</th>
              <th scope="col">{t('admin.jobs.finished')}</th>
              <th scope="col">{t('admin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {dead.map((j) => (
              <tr key={j.id}>
                <td>
                  <code>{j.name}</code>
                </td>
                <td>
                  {j.attempts}/{j.max_attempts}
                </td>
                <td class="small">{j.last_error ?? '—'}</td>
                <td>{beijingTime(j.finished_at ?? j.updated_at)}</td>
                <td>
                  <Form
                    view={view}
                    action={`/admin/jobs/${j.id}/retry`}
                    label={t('admin.jobs.retry')}
                  >
                    <Button kind="secondary">{t('admin.jobs.retry')}</Button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}
