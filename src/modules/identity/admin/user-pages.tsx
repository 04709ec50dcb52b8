// Staff lists (for the system administrator's user management and the
// security administrator's role assignment) and the one-time password page.
import { Button, ErrorSummary, Field, Form, Select } from '../../../web/components/form.tsx';
import type { MessageKey } from '../../../web/i18n/index.ts';
import type { ViewContext } from '../../../web/view.ts';
import type { Grant } from '../permissions.ts';
import type { AccountRow } from '../tables.ts';
import { grantLabel } from './labels.ts';
import { AdminLayout, type Me } from './layout.tsx';

export interface StaffItem {
  account: AccountRow;
  grants: Grant[];
}

export interface UserListProps {
  view: ViewContext;
  me: Me;
  staff: readonly StaffItem[];
  orgNames: ReadonlyMap<string, string>;
  /** 'users': user management with the create form; 'roles': links to role assignment. */
  mode: 'users' | 'roles';
  values?: Partial<Record<string, string>>;
  message?: string;
  errors?: Record<string, string>;
  flash?: MessageKey;
}

export function UserListPage(props: UserListProps) {
  const { view, me, staff, orgNames, mode, values = {}, message, errors = {}, flash } = props;
  const { t } = view;
  const title = mode === 'users' ? t('admin.nav.users') : t('admin.nav.roles');
  const orgOptions = [
    { value: '', label: t('admin.users.noOrg') },
    ...[...orgNames].map(([value, label]) => ({ value, label })),
  ];
  return (
    <AdminLayout view={view} title={title} me={me} flash={flash}>
      <h1>{title}</h1>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t('admin.users.username')}</th>
            <th scope="col">{t('admin.users.displayName')}</th>
            <th scope="col">{t('admin.users.status')}</th>
            <th scope="col">{t('admin.users.totp')}</th>
            <th scope="col">{t('admin.dashboard.roles')}</th>
            <th scope="col">{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {staff.map(({ account: a, grants }) => (
            <tr key={a.id}>
              <td>{a.username}</td>
              <td>{a.display_name}</td>
              <td>{a.status === 'active' ? t('admin.users.active') : t('admin.users.disabled')}</td>
              <td>{a.totp_enabled_at ? t('admin.users.totpOn') : t('admin.users.totpOff')}</td>
              <td>
                {grants.length === 0
                  ? '—'
                  : grants.map((g) => grantLabel(t, g, orgNames)).join('、')}
              </td>
              <td>
                <a href={mode === 'users' ? `/admin/users/${a.id}` : `/admin/users/${a.id}/roles`}>
                  {mode === 'users' ? t('admin.users.view') : t('admin.roles.manage')}
                  <span class="visually-hidden">{a.username}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {mode === 'users' && (
        <>
          <h2 id="new-user">{t('admin.users.new')}</h2>
          {message && (
            <div class="error-summary" role="alert">
              <p>{message}</p>
            </div>
          )}
          <ErrorSummary errors={errors} />
          <Form view={view} action="/admin/users" label={t('admin.users.new')}>
            <Field
              name="username"
              label={t('admin.users.username')}
              hint={t('admin.users.usernameHint')}
              value={values.username}
              error={errors.username}
              required
              maxLength={32}
              autocomplete="off"
            />
            <Field
              name="displayName"
              label={t('admin.users.displayName')}
              value={values.displayName}
              error={errors.displayName}
              required
              maxLength={50}
            />
            <Select
              name="organisationId"
              label={t('admin.users.organisation')}
              options={orgOptions}
              value={values.organisationId}
              error={errors.organisationId}
            />
            <Button>{t('admin.users.create')}</Button>
          </Form>
        </>
      )}
    </AdminLayout>
  );
}

/** The one-time password, shown once after creating an account or resetting its password. */
export function OneTimePasswordPage(props: {
  view: ViewContext;
  me: Me;
  account: AccountRow;
  password: string;
  created: boolean;
}) {
  const { view, me, account, password, created } = props;
  const { t } = view;
  const title = created ? t('admin.users.createdTitle') : t('admin.users.resetTitle');
  return (
    <AdminLayout view={view} title={title} me={me}>
      <h1>{title}</h1>
      <p>{t('admin.users.oneTimeFor', { username: account.username ?? account.display_name })}</p>
      <p class="code-block">{password}</p>
      <div class="notice" role="alert">
        <p>{t('admin.users.oneTimeWarning')}</p>
      </div>
      <p>
        <a href={`/admin/users/${account.id}`}>{t('admin.users.backToUser')}</a>
      </p>
    </AdminLayout>
  );
}
