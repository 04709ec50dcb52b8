// Sign-in (two forms: phone + password, phone + SMS code) and password reset.
import { Button, ErrorSummary, Field, Form } from '../../../web/components/form.tsx';
import { Layout } from '../../../web/layout.tsx';
import {
  DefaultSubmit,
  type FormPageProps,
  NewPasswordFields,
  Notice,
  PhoneAndCode,
} from './page-parts.tsx';

export interface LoginPageProps extends FormPageProps {
  /** Where to go after signing in (already checked to be on this site). */
  next?: string;
  /** Shown after a password reset. */
  resetDone?: boolean;
}

function NextField({ next }: { next?: string }) {
  return next ? <input type="hidden" name="next" value={next} /> : null;
}

export function LoginPage({ view, values, errors, notice, next, resetDone }: LoginPageProps) {
  const { t } = view;
  const submit = t('account.login.submit');
  return (
    <Layout view={view} title={t('account.login.title')}>
      <h1>{t('account.login.title')}</h1>
      <p class="lead">{t('account.login.lead')}</p>
      {resetDone && <Notice>{t('account.login.resetDone')}</Notice>}
      <ErrorSummary errors={errors} />
      <div class="login-methods">
        <section aria-labelledby="login-password">
          <h2 id="login-password">{t('account.login.password')}</h2>
          <Form view={view} action="/account/login" label={t('account.login.password')}>
            <input type="hidden" name="method" value="password" />
            <NextField next={next} />
            <Field
              name="phone"
              label={t('account.field.phone')}
              type="tel"
              inputmode="tel"
              autocomplete="username"
              required
              maxLength={20}
              value={values.phone}
              error={errors.phone}
            />
            <Field
              name="password"
              label={t('account.field.password')}
              type="password"
              autocomplete="current-password"
              required
              maxLength={64}
              error={errors.password}
            />
            <Button>{submit}</Button>
          </Form>
          <p>
            <a href="/account/reset">{t('account.login.forgot')}</a>
          </p>
        </section>
        <section aria-labelledby="login-sms">
          <h2 id="login-sms">{t('account.login.sms')}</h2>
          <Notice>{notice}</Notice>
          <Form view={view} action="/account/login" label={t('account.login.sms')}>
            <DefaultSubmit label={submit} />
            <input type="hidden" name="method" value="sms" />
            <NextField next={next} />
            <PhoneAndCode view={view} values={values} errors={errors} prefix="sms_" />
            <Button>{submit}</Button>
          </Form>
        </section>
      </div>
      <ul class="links">
        <li>
          <a href="/account/register">{t('account.login.register')}</a>
        </li>
        <li>
          <a href="/account/register/enterprise">{t('account.login.registerEnterprise')}</a>
        </li>
      </ul>
    </Layout>
  );
}

export function ResetPage({ view, values, errors, notice }: FormPageProps) {
  const { t } = view;
  const submit = t('account.reset.submit');
  return (
    <Layout view={view} title={t('account.reset.title')}>
      <h1>{t('account.reset.title')}</h1>
      <p class="lead">{t('account.reset.lead')}</p>
      <ErrorSummary errors={errors} />
      <Notice>{notice}</Notice>
      <Form view={view} action="/account/reset" label={t('account.reset.title')}>
        <DefaultSubmit label={submit} />
        <PhoneAndCode view={view} values={values} errors={errors} />
        <NewPasswordFields view={view} errors={errors} labels="newPassword" />
        <Button>{submit}</Button>
      </Form>
      <p>
        <a href="/account/login">{t('account.login.title')}</a>
      </p>
    </Layout>
  );
}
