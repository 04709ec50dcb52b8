// Back-office pages for 一件事 bundles: the list of the coordinating
// organisations' bundles and the one form that creates or replaces one.
import {
  Button,
  ErrorSummary,
  Field,
  Form,
  Select,
  TextArea,
} from '../../../web/components/form.tsx';
import type { MessageKey } from '../../../web/i18n/index.ts';
import type { ViewContext } from '../../../web/view.ts';
import { AdminLayout, type Me } from '../../identity/admin/layout.tsx';
import type { ServiceBundleRow } from '../tables.ts';
import { ENTERPRISE_STAGES, SERVICE_LIFE_EVENTS } from '../taxonomy.ts';
import type { OrgOption } from './pages.tsx';

export interface BundleFormValues {
  code: string;
  name: string;
  summary: string;
  lifeEvent: string;
  orgId: string;
  serviceCodes: string;
  publish?: string;
}

export function BundleListPage(props: {
  view: ViewContext;
  me: Me;
  flash?: MessageKey;
  bundles: ServiceBundleRow[];
}) {
  const { view, me, bundles } = props;
  const { t } = view;
  return (
    <AdminLayout view={view} title={t('services.admin.bundles')} me={me} flash={props.flash}>
      <h1>{t('services.admin.bundles')}</h1>
      <p>
        <a class="button button-primary" href="/admin/services/bundles/new">
          {t('services.admin.bundles.new')}
        </a>
      </p>
      {bundles.length === 0 ? (
        <p>{t('services.admin.bundles.empty')}</p>
      ) : (
        <ul>
          {bundles.map((b) => (
            <li key={b.code}>
              <a href={`/admin/services/bundles/${b.code}`}>
                {b.code} {b.name}
              </a>
              （
              {t(
                b.status === 'published'
                  ? 'services.admin.bundles.published'
                  : 'services.admin.bundles.draft',
              )}
              ）
            </li>
          ))}
        </ul>
      )}
    </AdminLayout>
  );
}

export function BundleEditPage(props: {
  view: ViewContext;
  me: Me;
  values: BundleFormValues;
  errors: Record<string, string>;
  message?: string;
  orgs: OrgOption[];
  existing: boolean;
}) {
  const { view, me, values, errors } = props;
  const { t } = view;
  const title = props.existing
    ? t('services.admin.bundles.edit', { name: values.name })
    : t('services.admin.bundles.new');
  const events = [...Object.entries(SERVICE_LIFE_EVENTS), ...Object.entries(ENTERPRISE_STAGES)].map(
    ([value, label]) => ({ value, label }),
  );
  return (
    <AdminLayout view={view} title={title} me={me}>
      <h1>{title}</h1>
      {props.message && (
        <p class="error-message" role="alert">
          {props.message}
        </p>
      )}
      <ErrorSummary errors={errors} />
      <Form view={view} action="/admin/services/bundles" label={title}>
        <Field
          name="code"
          label={t('services.admin.bundles.code')}
          hint={t('services.admin.bundles.codeHint')}
          value={values.code}
          error={errors.code}
          required
          maxLength={32}
        />
        <Field
          name="name"
          label={t('services.admin.bundles.name')}
          value={values.name}
          error={errors.name}
          required
          maxLength={200}
        />
        <TextArea
          name="summary"
          label={t('services.admin.bundles.summary')}
          value={values.summary}
          error={errors.summary}
          rows={2}
        />
        <Select
          name="lifeEvent"
          label={t('services.admin.bundles.lifeEvent')}
          value={values.lifeEvent}
          error={errors.lifeEvent}
          options={events}
        />
        <Select
          name="orgId"
          label={t('services.admin.bundles.org')}
          value={values.orgId}
          error={errors.orgId}
          options={props.orgs.map((o) => ({ value: o.id, label: o.name }))}
        />
        <TextArea
          name="serviceCodes"
          label={t('services.admin.bundles.services')}
          hint={t('services.admin.bundles.servicesHint')}
          value={values.serviceCodes}
          error={errors.serviceCodes}
          rows={5}
          required
        />
        <div class="field">
          <label class="checkbox">
            <input type="checkbox" name="publish" value="1" checked={values.publish === '1'} />{' '}
            {t('services.admin.bundles.publish')}
          </label>
        </div>
        <Button>{t('services.admin.bundles.save')}</Button>
      </Form>
    </AdminLayout>
  );
}
