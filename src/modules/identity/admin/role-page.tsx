// Role assignment for one staff member (security administrator): current
// grants with a revoke button each, a grant form, and lifting sign-in locks.
import { Button, ErrorSummary, Form, Select } from '../../../web/components/form.tsx';
import type { MessageKey } from '../../../web/i18n/index.ts';
import type { ViewContext } from '../../../web/view.ts';
import { type Grant, ROLE_NAMES, ROLES } from '../permissions.ts';
import type { AccountRow } from '../tables.ts';
import { grantLabel, siteOptions } from './labels.ts';
import { AdminLayout, type Me } from './layout.tsx';

export interface RolePageProps {
  view: ViewContext;
  me: Me;
  account: AccountRow;
  grants: readonly Grant[];
  orgNames: ReadonlyMap<string, string>;
  canUnlock: boolean;
  values?: Partial<Record<string, string>>;
  message?: string;
  errors?: Record<string, string>;
  flash?: MessageKey;
}

export function RolePage(props: RolePageProps) {
  const { view, me, account: a, grants, orgNames, values = {}, errors = {} } = props;
  const { t } = view;
  const action = `/admin/users/${a.id}/roles`;
  const title = t('admin.roles.title', { name: a.display_name });
  return (
    <AdminLayout view={view} title={title} me={me} flash={props.flash}>
      <p>
        <a href="/admin/roles">{t('admin.roles.back')}</a>
      </p>
      <h1>{title}</h1>
      <p>
        {t('admin.users.username')}：{a.username}　{t('admin.users.status')}：
        {a.status === 'active' ? t('admin.users.active') : t('admin.users.disabled')}
      </p>
      {props.message && (
        <div class="error-summary" role="alert">
          <p>{props.message}</p>
        </div>
      )}
      <ErrorSummary errors={errors} />
      <h2>{t('admin.roles.current')}</h2>
      {grants.length === 0 ? (
        <p>{t('admin.dashboard.noRoles')}</p>
      ) : (
        <ul class="grant-list">
          {grants.map((g) => (
            <li key={`${g.role}|${g.scope}`}>
              <span>{grantLabel(t, g, orgNames)}</span>
              <Form view={view} action={action} label={t('admin.roles.revoke')}>
                <input type="hidden" name="op" value="revoke" />
                <input type="hidden" name="role" value={g.role} />
                <input type="hidden" name="scope" value={g.scope} />
                <Button kind="danger">{t('admin.roles.revoke')}</Button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('admin.roles.grant')}</h2>
      <p class="hint">{t('admin.roles.scopeHint')}</p>
      <Form view={view} action={action} label={t('admin.roles.grant')}>
        <input type="hidden" name="op" value="grant" />
        <Select
          name="role"
          label={t('admin.roles.role')}
          options={ROLES.map((r) => ({ value: r, label: ROLE_NAMES[r] }))}
          value={values.role}
          error={errors.role}
        />
        <Select
          name="site"
          label={t('admin.roles.site')}
          options={[{ value: '', label: t('admin.roles.none') }, ...siteOptions(t)]}
          value={values.site}
          error={errors.site}
        />
        <Select
          name="org"
          label={t('admin.roles.org')}
          options={[
            { value: '', label: t('admin.roles.none') },
            ...[...orgNames].map(([value, label]) => ({ value, label })),
          ]}
          value={values.org}
          error={errors.org}
        />
        <Select
          name="level"
          label={t('admin.roles.level')}
          options={[
            { value: '', label: t('admin.roles.none') },
            { value: '1', label: t('admin.roles.level1') },
            { value: '2', label: t('admin.roles.level2') },
            { value: '3', label: t('admin.roles.level3') },
          ]}
          value={values.level}
          error={errors.level}
        />
        <Button>{t('admin.roles.grant')}</Button>
      </Form>
      {props.canUnlock && (
        <>
          <h2>{t('admin.roles.unlockTitle')}</h2>
          <Form view={view} action={`/admin/users/${a.id}/unlock`} label={t('admin.roles.unlock')}>
            <p class="hint">{t('admin.roles.unlockHint')}</p>
            <Button kind="secondary">{t('admin.roles.unlock')}</Button>
          </Form>
        </>
      )}
    </AdminLayout>
  );
}
