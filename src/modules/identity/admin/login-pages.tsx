// Sign-in pages: username and password, then the second factor.
import { Button, ErrorSummary, Field, Form } from '../../../web/components/form.tsx';
import type { ViewContext } from '../../../web/view.ts';
import { withNext } from './http.ts';
import { AdminLayout } from './layout.tsx';

export interface LoginPageProps {
  view: ViewContext;
  next?: string;
  username?: string;
  /** A problem with the whole attempt (wrong credentials, too many attempts). */
  message?: string;
  errors?: Record<string, string>;
}

export function LoginPage({ view, next, username, message, errors = {} }: LoginPageProps) {
  const { t } = view;
  return (
    <AdminLayout view={view} title={t('admin.login.title')}>
      <h1>{t('admin.login.title')}</h1>
      {message && (
        <div class="error-summary" role="alert">
          <p>{message}</p>
        </div>
      )}
      <ErrorSummary errors={errors} />
      <Form view={view} action={withNext('/admin/login', next)} label={t('admin.login.title')}>
        <Field
          name="username"
          label={t('admin.login.username')}
          value={username}
          error={errors.username}
          required
          autocomplete="username"
          maxLength={64}
        />
        <Field
          name="password"
          label={t('admin.login.password')}
          type="password"
          error={errors.password}
          required
          autocomplete="current-password"
          maxLength={256}
        />
        <Button>{t('admin.login.submit')}</Button>
      </Form>
      <p class="hint">{t('admin.login.help')}</p>
    </AdminLayout>
  );
}

export interface TotpPageProps {
  view: ViewContext;
  next?: string;
  message?: string;
  errors?: Record<string, string>;
}

export function TotpPage({ view, next, message, errors = {} }: TotpPageProps) {
  const { t } = view;
  return (
    <AdminLayout view={view} title={t('admin.totp.title')} pending>
      <h1>{t('admin.totp.title')}</h1>
      {message && (
        <div class="error-summary" role="alert">
          <p>{message}</p>
        </div>
      )}
      <ErrorSummary errors={errors} />
      <Form view={view} action={withNext('/admin/login/totp', next)} label={t('admin.totp.title')}>
        <Field
          name="code"
          label={t('admin.totp.code')}
          hint={t('admin.totp.hint')}
          error={errors.code}
          required
          autocomplete="one-time-code"
          maxLength={64}
        />
        <Button>{t('admin.totp.submit')}</Button>
      </Form>
    </AdminLayout>
  );
}
