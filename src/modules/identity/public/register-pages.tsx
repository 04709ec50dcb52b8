// Registration forms: a citizen (个人) account and an enterprise (法人) account.
import { Button, ErrorSummary, Field, Form } from '../../../web/components/form.tsx';
import { Layout } from '../../../web/layout.tsx';
import {
  DefaultSubmit,
  type FormPageProps,
  NewPasswordFields,
  Notice,
  PhoneAndCode,
} from './page-parts.tsx';

export function CitizenRegisterPage({ view, values, errors, notice }: FormPageProps) {
  const { t } = view;
  const submit = t('account.register.submit');
  return (
    <Layout view={view} title={t('account.register.title')}>
      <h1>{t('account.register.title')}</h1>
      <p class="lead">{t('account.register.lead')}</p>
      <ErrorSummary errors={errors} />
      <Notice>{notice}</Notice>
      <Form view={view} action="/account/register" label={t('account.register.title')}>
        <DefaultSubmit label={submit} />
        <PhoneAndCode view={view} values={values} errors={errors} />
        <Field
          name="display_name"
          label={t('account.field.displayName')}
          autocomplete="nickname"
          required
          maxLength={50}
          hint={t('account.field.displayName.hint')}
          value={values.display_name}
          error={errors.display_name}
        />
        <NewPasswordFields view={view} errors={errors} />
        <fieldset class="fieldset">
          <legend>{t('account.realName.legend')}</legend>
          <p class="hint">{t('account.realName.help')}</p>
          <Field
            name="real_name"
            label={t('account.field.realName')}
            autocomplete="name"
            maxLength={50}
            hint={t('account.field.realName.hint')}
            value={values.real_name}
            error={errors.real_name}
          />
          <Field
            name="id_number"
            label={t('account.field.idNumber')}
            autocomplete="off"
            maxLength={18}
            hint={t('account.field.idNumber.hint')}
            value={values.id_number}
            error={errors.id_number}
          />
        </fieldset>
        <Button>{submit}</Button>
      </Form>
      <ul class="links">
        <li>
          <a href="/account/login">{t('account.register.haveAccount')}</a>
        </li>
        <li>
          <a href="/account/register/enterprise">{t('account.register.enterpriseLink')}</a>
        </li>
      </ul>
    </Layout>
  );
}

export function EnterpriseRegisterPage({ view, values, errors, notice }: FormPageProps) {
  const { t } = view;
  const submit = t('account.register.submit');
  return (
    <Layout view={view} title={t('account.enterprise.title')}>
      <h1>{t('account.enterprise.title')}</h1>
      <p class="lead">{t('account.enterprise.lead')}</p>
      <ErrorSummary errors={errors} />
      <Notice>{notice}</Notice>
      <Form view={view} action="/account/register/enterprise" label={t('account.enterprise.title')}>
        <DefaultSubmit label={submit} />
        <Field
          name="org_name"
          label={t('account.field.orgName')}
          autocomplete="organization"
          required
          maxLength={100}
          hint={t('account.field.orgName.hint')}
          value={values.org_name}
          error={errors.org_name}
        />
        <Field
          name="credit_code"
          label={t('account.field.creditCode')}
          autocomplete="off"
          required
          maxLength={18}
          hint={t('account.field.creditCode.hint')}
          value={values.credit_code}
          error={errors.credit_code}
        />
        <Field
          name="legal_representative"
          label={t('account.field.legalRep')}
          required
          maxLength={50}
          value={values.legal_representative}
          error={errors.legal_representative}
        />
        <Field
          name="contact_name"
          label={t('account.field.contact')}
          autocomplete="name"
          required
          maxLength={50}
          hint={t('account.field.contact.hint')}
          value={values.contact_name}
          error={errors.contact_name}
        />
        <PhoneAndCode view={view} values={values} errors={errors} />
        <NewPasswordFields view={view} errors={errors} />
        <Button>{submit}</Button>
      </Form>
      <ul class="links">
        <li>
          <a href="/account/login">{t('account.register.haveAccount')}</a>
        </li>
        <li>
          <a href="/account/register">{t('account.enterprise.citizenLink')}</a>
        </li>
      </ul>
    </Layout>
  );
}
