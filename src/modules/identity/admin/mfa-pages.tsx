// Binding an authenticator app: the secret to type in (or the otpauth URI to
// paste), a first code to confirm, then the recovery codes, shown once.
import { Button, ErrorSummary, Field, Form } from '../../../web/components/form.tsx';
import type { ViewContext } from '../../../web/view.ts';
import { withNext } from './http.ts';
import { AdminLayout } from './layout.tsx';

export interface MfaPageProps {
  view: ViewContext;
  next?: string;
  secret: string;
  uri: string;
  /** The otpauth URI as a QR code image (a data: URI). */
  qr: string;
  message?: string;
  errors?: Record<string, string>;
}

/** 'JBSW Y3DP EHPK 3PXP': easier to read out and type than 32 letters in a row. */
export const groupSecret = (secret: string) => (secret.match(/.{1,4}/g) ?? []).join(' ');

export function MfaPage({ view, next, secret, uri, qr, message, errors = {} }: MfaPageProps) {
  const { t } = view;
  const action = withNext('/admin/mfa', next);
  return (
    <AdminLayout view={view} title={t('admin.mfa.title')} pending>
      <h1>{t('admin.mfa.title')}</h1>
      <p class="lead">{t('admin.mfa.lead')}</p>
      {message && (
        <div class="error-summary" role="alert">
          <p>{message}</p>
        </div>
      )}
      <ErrorSummary errors={errors} />
      <ol class="steps">
        <li>{t('admin.mfa.step1')}</li>
        <li>
          <p>{t('admin.mfa.scan')}</p>
          <img class="qr" src={qr} alt={t('admin.mfa.qrAlt')} width={200} height={200} />
          <p>{t('admin.mfa.step2')}</p>
          <p class="code-block">
            <span class="visually-hidden">{t('admin.mfa.secret')}：</span>
            {groupSecret(secret)}
          </p>
          <details>
            <summary>{t('admin.mfa.uri')}</summary>
            <p class="code-block">{uri}</p>
          </details>
        </li>
        <li>{t('admin.mfa.step3')}</li>
      </ol>
      <Form view={view} action={action} label={t('admin.mfa.confirm')}>
        <Field
          name="code"
          label={t('admin.mfa.code')}
          error={errors.code}
          required
          inputmode="numeric"
          autocomplete="one-time-code"
          maxLength={64}
        />
        <Button>{t('admin.mfa.confirm')}</Button>
      </Form>
      <Form view={view} action={action} label={t('admin.mfa.restart')}>
        <p class="hint">{t('admin.mfa.restartHint')}</p>
        <Button name="restart" value="1" kind="secondary">
          {t('admin.mfa.restart')}
        </Button>
      </Form>
    </AdminLayout>
  );
}

export function RecoveryCodesPage({
  view,
  codes,
  next,
}: {
  view: ViewContext;
  codes: readonly string[];
  next: string;
}) {
  const { t } = view;
  return (
    <AdminLayout view={view} title={t('admin.mfa.doneTitle')} pending>
      <h1>{t('admin.mfa.doneTitle')}</h1>
      <div class="notice" role="alert">
        <p>
          <strong>{t('admin.mfa.codesWarning')}</strong>
        </p>
      </div>
      <ol class="recovery-codes code-block">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ol>
      <p>
        <a class="button button-primary" href={next}>
          {t('admin.mfa.continue')}
        </a>
      </p>
    </AdminLayout>
  );
}
