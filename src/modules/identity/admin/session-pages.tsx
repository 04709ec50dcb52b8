// Session lists: my own sign-ins, and (for the security administrator) everyone's.
import { Button, Form } from '../../../web/components/form.tsx';
import type { ViewContext } from '../../../web/view.ts';
import type { SessionRow } from '../tables.ts';
import { beijingTime } from './http.ts';
import { AdminLayout, type Me } from './layout.tsx';

export interface SessionItem extends SessionRow {
  /** The owner's name, in the list of all sessions. */
  accountName?: string;
}

function SessionsTable({
  view,
  sessions,
  action,
  currentHash,
}: {
  view: ViewContext;
  sessions: readonly SessionItem[];
  action: string;
  currentHash?: string;
}) {
  const { t } = view;
  const withOwner = sessions.some((s) => s.accountName !== undefined);
  if (sessions.length === 0) return <p>{t('admin.sessions.none')}</p>;
  return (
    <table class="table">
      <thead>
        <tr>
          {withOwner && <th scope="col">{t('admin.sessions.account')}</th>}
          <th scope="col">{t('admin.sessions.created')}</th>
          <th scope="col">{t('admin.sessions.lastSeen')}</th>
          <th scope="col">{t('admin.sessions.ip')}</th>
          <th scope="col">{t('admin.sessions.agent')}</th>
          <th scope="col">{t('admin.sessions.mfa')}</th>
          <th scope="col">{t('admin.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) => (
          <tr key={s.id_hash}>
            {withOwner && <td>{s.accountName}</td>}
            <td>{beijingTime(s.created_at)}</td>
            <td>{beijingTime(s.last_seen_at)}</td>
            <td>{s.ip}</td>
            <td class="small">{s.user_agent || '—'}</td>
            <td>{s.mfa === 1 ? t('admin.yes') : t('admin.no')}</td>
            <td>
              {s.id_hash === currentHash && (
                <p>
                  <strong>{t('admin.sessions.current')}</strong>
                </p>
              )}
              <Form view={view} action={action} label={t('admin.sessions.revoke')}>
                <input type="hidden" name="id" value={s.id_hash} />
                <Button kind="danger">{t('admin.sessions.revoke')}</Button>
              </Form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SessionsPage({
  view,
  me,
  sessions,
  mine,
  currentHash,
  flash,
}: {
  view: ViewContext;
  me: Me;
  sessions: readonly SessionItem[];
  mine: boolean;
  currentHash?: string;
  flash?: Parameters<typeof AdminLayout>[0]['flash'];
}) {
  const { t } = view;
  const title = mine ? t('admin.nav.mySessions') : t('admin.nav.sessions');
  return (
    <AdminLayout view={view} title={title} me={me} flash={flash}>
      <h1>{title}</h1>
      <p class="lead">{mine ? t('admin.sessions.mineLead') : t('admin.sessions.allLead')}</p>
      <SessionsTable
        view={view}
        sessions={sessions}
        action={mine ? '/admin/account/sessions/revoke' : '/admin/sessions/revoke'}
        currentHash={currentHash}
      />
    </AdminLayout>
  );
}
