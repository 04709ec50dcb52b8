// One account: its facts with phone and ID number masked, its roles and the
// actions the viewer may take; and the page that shows personal data in full.
import { Button, Form } from '../../../web/components/form.tsx';
import type { MessageKey } from '../../../web/i18n/index.ts';
import type { ViewContext } from '../../../web/view.ts';
import type { PersonalData } from '../accounts.ts';
import type { Grant } from '../permissions.ts';
import type { AccountRow } from '../tables.ts';
import { beijingTime } from './http.ts';
import { grantLabel } from './labels.ts';
import { AdminLayout, type Me } from './layout.tsx';

export interface UserDetailProps {
  view: ViewContext;
  me: Me;
  account: AccountRow;
  grants: readonly Grant[];
  orgNames: ReadonlyMap<string, string>;
  organisations: readonly string[];
  masked: { phone: string | null; idNumber: string | null };
  isSelf: boolean;
  canPii: boolean;
  flash?: MessageKey;
  message?: string;
}

const KINDS: Record<AccountRow['kind'], MessageKey> = {
  staff: 'admin.users.kind.staff',
  citizen: 'admin.users.kind.citizen',
  enterprise: 'admin.users.kind.enterprise',
};

export function UserDetailPage(props: UserDetailProps) {
  const { view, me, account: a, grants, orgNames, organisations, masked } = props;
  const { t } = view;
  const base = `/admin/users/${a.id}`;
  const facts: [MessageKey, string][] = [
    ['admin.users.username', a.username ?? '—'],
    ['admin.users.displayName', a.display_name],
    ['admin.users.kind', t(KINDS[a.kind])],
    [
      'admin.users.status',
      a.status === 'active' ? t('admin.users.active') : t('admin.users.disabled'),
    ],
    ['admin.users.totp', a.totp_enabled_at ? t('admin.users.totpOn') : t('admin.users.totpOff')],
    ['admin.users.organisation', organisations.join('、') || '—'],
    ['admin.users.phone', masked.phone ?? '—'],
    ['admin.users.idNumber', masked.idNumber ?? '—'],
    ['admin.users.createdAt', beijingTime(a.created_at)],
    ['admin.users.lastLogin', beijingTime(a.last_login_at)],
    ['admin.users.passwordChanged', beijingTime(a.password_changed_at)],
  ];
  return (
    <AdminLayout view={view} title={a.display_name} me={me} flash={props.flash}>
      <p>
        <a href="/admin/users">{t('admin.users.back')}</a>
      </p>
      <h1>{a.display_name}</h1>
      {props.message && (
        <div class="error-summary" role="alert">
          <p>{props.message}</p>
        </div>
      )}
      <dl class="facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{t(label)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        <div>
          <dt>{t('admin.dashboard.roles')}</dt>
          <dd>
            {grants.length === 0
              ? t('admin.dashboard.noRoles')
              : grants.map((g) => grantLabel(t, g, orgNames)).join('、')}
          </dd>
        </div>
      </dl>
      {props.canPii && (masked.phone || masked.idNumber) && (
        <Form view={view} action={`${base}/pii`} label={t('admin.users.revealPii')}>
          <p class="hint">{t('admin.users.revealHint')}</p>
          <Button kind="secondary">{t('admin.users.revealPii')}</Button>
        </Form>
      )}
      <h2>{t('admin.actions')}</h2>
      {props.isSelf ? (
        <p>{t('admin.users.selfHint')}</p>
      ) : (
        <div class="actions">
          <Form
            view={view}
            action={`${base}/${a.status === 'active' ? 'disable' : 'enable'}`}
            label={t('admin.users.status')}
          >
            <Button kind={a.status === 'active' ? 'danger' : 'primary'}>
              {a.status === 'active' ? t('admin.users.disable') : t('admin.users.enable')}
            </Button>
          </Form>
          {a.kind === 'staff' && (
            <Form view={view} action={`${base}/reset-password`} label={t('admin.users.reset')}>
              <Button kind="secondary">{t('admin.users.reset')}</Button>
            </Form>
          )}
        </div>
      )}
    </AdminLayout>
  );
}

export function PersonalDataPage(props: {
  view: ViewContext;
  me: Me;
  account: AccountRow;
  data: PersonalData;
  /** The viewer may return to the account page (system administrators cannot see this page). */
  back: boolean;
}) {
  const { view, me, account, data } = props;
  const { t } = view;
  return (
    <AdminLayout view={view} title={t('admin.users.piiTitle')} me={me}>
      <h1>{t('admin.users.piiTitle')}</h1>
      <div class="notice" role="status">
        <p>{t('admin.users.piiAudited')}</p>
      </div>
      <dl class="facts">
        <div>
          <dt>{t('admin.users.displayName')}</dt>
          <dd>{account.display_name}</dd>
        </div>
        <div>
          <dt>{t('admin.users.phone')}</dt>
          <dd>{data.phone ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('admin.users.idNumber')}</dt>
          <dd>{data.idNumber ?? '—'}</dd>
        </div>
      </dl>
      {props.back && (
        <p>
          <a href={`/admin/users/${account.id}`}>{t('admin.users.backToUser')}</a>
        </p>
      )}
    </AdminLayout>
  );
}
