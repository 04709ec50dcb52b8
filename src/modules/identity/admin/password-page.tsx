// Changing one's own password (also the forced change after a one-time password).
import { Button, ErrorSummary, Field, Form } from '../../../web/components/form.tsx';
import type { ViewContext } from '../../../web/view.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../passwords.ts';
import { AdminLayout, type Me } from './layout.tsx';

export interface PasswordPageProps {
  view: ViewContext;
  me: Me;
  mustChange: boolean;
  message?: string;
  errors?: Record<string, string>;
}

export function PasswordPage({ view, me, mustChange, message, errors = {} }: PasswordPageProps) {
  const { t } = view;
  return (
    <AdminLayout view={view} title={t('admin.password.title')} me={me}>
      <h1>{t('admin.password.title')}</h1>
      {mustChange && (
        <div class="notice" role="status">
          <p>{t('admin.password.mustChange')}</p>
        </div>
      )}
      {message && (
        <div class="error-summary" role="alert">
          <p>{message}</p>
        </div>
      )}
      <ErrorSummary errors={errors} />
      <Form view={view} action="/admin/password" label={t('admin.password.title')}>
        <Field
          name="current"
          type="password"
          label={t('admin.password.current')}
          error={errors.current}
          required
          autocomplete="current-password"
          maxLength={256}
        />
        <Field
          name="password"
          type="password"
          label={t('admin.password.new')}
          hint={t('admin.password.rules', {
            min: PASSWORD_MIN_LENGTH,
            max: PASSWORD_MAX_LENGTH,
          })}
          error={errors.password}
          required
          autocomplete="new-password"
          maxLength={256}
        />
        <Field
          name="confirm"
          type="password"
          label={t('admin.password.confirm')}
          error={errors.confirm}
          required
          autocomplete="new-password"
          maxLength={256}
        />
        <Button>{t('admin.password.submit')}</Button>
      </Form>
    </AdminLayout>
  );
}
