// 我的账号 (profile, sessions) and the change-password form.

import { formatShanghai } from '../../../platform/clock.ts';
import { truncate } from '../../../platform/text.ts';
import { Button, ErrorSummary, Field, Form } from '../../../web/components/form.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { ViewContext } from '../../../web/view.ts';
import type { SessionRow } from '../tables.ts';
import { type FormPageProps, NewPasswordFields, Notice } from './page-parts.tsx';

/** '2026-11-26T02:05:09.000Z' → '2026-11-26 10:05' (Asia/Shanghai: UTC+8, no daylight saving). */
export function shanghaiTime(iso: string): string {
  return formatShanghai(iso, 'minute');
}

/** A User-Agent cut to what fits in the table; the full one is in the cell's title. */
export const shortAgent = (userAgent: string) => truncate(userAgent.trim(), 60) || '—';

export interface AccountSummary {
  kind: 'citizen' | 'enterprise' | 'staff';
  displayName: string;
  phone: string | null;
  realName: string | null;
  idNumber: string | null;
  creditCode: string | null;
  legalRepresentative: string | null;
}

export interface AccountHomeProps {
  view: ViewContext;
  /** Masked personal data only. */
  account: AccountSummary;
  sessions: SessionRow[];
  currentSession: string;
  flash?: string;
}

function Row({ label, value, notSet }: { label: string; value: string | null; notSet: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value || notSet}</dd>
    </>
  );
}

function Profile({ view, account }: { view: ViewContext; account: AccountSummary }) {
  const { t } = view;
  const notSet = t('account.home.notSet');
  return (
    <dl class="details">
      <Row label={t('account.home.displayName')} value={account.displayName} notSet={notSet} />
      <Row label={t('account.home.kind')} value={t(`account.kind.${account.kind}`)} notSet="" />
      <Row label={t('account.home.phone')} value={account.phone} notSet={notSet} />
      {account.kind === 'enterprise' ? (
        <>
          <Row label={t('account.field.creditCode')} value={account.creditCode} notSet={notSet} />
          <Row
            label={t('account.field.legalRep')}
            value={account.legalRepresentative}
            notSet={notSet}
          />
          <Row label={t('account.home.contact')} value={account.realName} notSet={notSet} />
        </>
      ) : (
        <>
          <Row label={t('account.home.realName')} value={account.realName} notSet={notSet} />
          <Row label={t('account.home.idNumber')} value={account.idNumber} notSet={notSet} />
        </>
      )}
    </dl>
  );
}

function Sessions({ view, sessions, currentSession }: Omit<AccountHomeProps, 'account'>) {
  const { t } = view;
  return (
    <table class="table">
      <caption class="hint">{t('account.sessions.lead')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('account.sessions.created')}</th>
          <th scope="col">{t('account.sessions.lastSeen')}</th>
          <th scope="col">{t('account.sessions.ip')}</th>
          <th scope="col">{t('account.sessions.agent')}</th>
          <th scope="col">{t('account.sessions.action')}</th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) => (
          <tr key={s.id_hash}>
            <td>{shanghaiTime(s.created_at)}</td>
            <td>{shanghaiTime(s.last_seen_at)}</td>
            <td>{s.ip}</td>
            <td title={s.user_agent}>{shortAgent(s.user_agent)}</td>
            <td>
              {s.id_hash === currentSession ? (
                <strong class="current-session">{t('account.sessions.current')}</strong>
              ) : (
                <Form
                  view={view}
                  action="/account/sessions/revoke"
                  label={t('account.sessions.revokeLabel', { time: shanghaiTime(s.created_at) })}
                >
                  <input type="hidden" name="session" value={s.id_hash} />
                  <Button kind="danger">{t('account.sessions.revoke')}</Button>
                </Form>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AccountHomePage({
  view,
  account,
  sessions,
  currentSession,
  flash,
}: AccountHomeProps) {
  const { t } = view;
  const others = sessions.some((s) => s.id_hash !== currentSession);
  return (
    <Layout view={view} title={t('account.home.title')}>
      <h1>{t('account.home.title')}</h1>
      <Notice>{flash}</Notice>
      <h2>{t('account.home.profile')}</h2>
      <Profile view={view} account={account} />
      <p>
        <a href="/account/password">{t('account.home.changePassword')}</a>
      </p>
      <h2>{t('account.sessions.title')}</h2>
      <Sessions view={view} sessions={sessions} currentSession={currentSession} />
      {others && (
        <Form
          view={view}
          action="/account/sessions/revoke-others"
          label={t('account.sessions.revokeOthers')}
        >
          <Button kind="secondary">{t('account.sessions.revokeOthers')}</Button>
        </Form>
      )}
      <Form view={view} action="/account/logout" label={t('account.home.logout')}>
        <Button kind="secondary">{t('account.home.logout')}</Button>
      </Form>
    </Layout>
  );
}

export function PasswordPage({ view, errors }: Omit<FormPageProps, 'values' | 'notice'>) {
  const { t } = view;
  return (
    <Layout view={view} title={t('account.password.title')}>
      <h1>{t('account.password.title')}</h1>
      <p class="lead">{t('account.password.lead')}</p>
      <ErrorSummary errors={errors} />
      <Form view={view} action="/account/password" label={t('account.password.title')}>
        <Field
          name="current_password"
          label={t('account.field.currentPassword')}
          type="password"
          autocomplete="current-password"
          required
          maxLength={64}
          error={errors.current_password}
        />
        <NewPasswordFields view={view} errors={errors} labels="newPassword" />
        <Button>{t('account.password.submit')}</Button>
      </Form>
      <p>
        <a href="/account">{t('account.back')}</a>
      </p>
    </Layout>
  );
}
