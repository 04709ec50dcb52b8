// Small pieces the account pages share: a status notice, the SMS-code field
// with its "发送验证码" button, the password pair, and the hidden default
// button that makes Enter submit the form rather than send another code.
import type { ComponentChildren } from 'preact';
import { Button, Field } from '../../../web/components/form.tsx';
import type { ViewContext } from '../../../web/view.ts';
import type { Errors, Values } from './forms.ts';

export interface FormPageProps {
  view: ViewContext;
  values: Values;
  errors: Errors;
  /** A status line such as "验证码已发送". */
  notice?: string;
}

export function Notice({ children }: { children?: ComponentChildren }) {
  if (!children) return null;
  return (
    <p class="flash" role="status">
      {children}
    </p>
  );
}

/**
 * Pressing Enter in a form submits it with its first submit button. The
 * "发送验证码" button comes before the main one, so this copy of the main
 * button goes first; it is off screen, out of the tab order and hidden from
 * assistive technology, which reach the visible one.
 */
export function DefaultSubmit({ label }: { label: string }) {
  return (
    <button type="submit" class="default-submit" tabIndex={-1} aria-hidden="true">
      {label}
    </button>
  );
}

/** Phone, the send button, and the code field; `prefix` keeps ids unique when a page has two. */
export function PhoneAndCode({
  view,
  values,
  errors,
  prefix = '',
}: {
  view: ViewContext;
  values: Values;
  errors: Errors;
  prefix?: string;
}) {
  const { t } = view;
  const phone = `${prefix}phone`;
  const code = `${prefix}code`;
  return (
    <>
      <Field
        name={phone}
        label={t('account.field.phone')}
        type="tel"
        inputmode="tel"
        autocomplete="tel-national"
        required
        maxLength={20}
        hint={t('account.field.phone.hint')}
        value={values[phone]}
        error={errors[phone]}
      />
      <div class="field send-code">
        <Button name="action" value="send" kind="secondary">
          {t('account.code.send')}
        </Button>
      </div>
      <Field
        name={code}
        label={t('account.field.code')}
        inputmode="numeric"
        autocomplete="one-time-code"
        required
        maxLength={6}
        hint={t('account.field.code.hint')}
        value={values[code]}
        error={errors[code]}
      />
    </>
  );
}

export function NewPasswordFields({
  view,
  errors,
  labels = 'password',
}: {
  view: ViewContext;
  errors: Errors;
  labels?: 'password' | 'newPassword';
}) {
  const { t } = view;
  return (
    <>
      <Field
        name="password"
        label={t(labels === 'password' ? 'account.field.password' : 'account.field.newPassword')}
        type="password"
        autocomplete="new-password"
        required
        maxLength={64}
        hint={t('account.field.password.hint')}
        error={errors.password}
      />
      <Field
        name="password_confirm"
        label={t(
          labels === 'password'
            ? 'account.field.passwordConfirm'
            : 'account.field.newPasswordConfirm',
        )}
        type="password"
        autocomplete="new-password"
        required
        maxLength={64}
        error={errors.password_confirm}
      />
    </>
  );
}
