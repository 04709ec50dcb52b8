// Sites in the back office: the list of sites (names, colour, review
// levels), a site's form, and the list of sites whose channels I manage.
import { Button, ErrorSummary, Field, Form, Select } from '../../../web/components/form.tsx';
import type { MessageKey } from '../../../web/i18n/index.ts';
import type { ViewContext } from '../../../web/view.ts';
import { AdminLayout, type Me } from '../../identity/admin/layout.tsx';
import type { SiteRow } from '../../sites/tables.ts';
import { ContentAssets } from './parts.tsx';

const KIND_LABELS: Record<SiteRow['kind'], MessageKey> = {
  portal: 'content.sites.kind.portal',
  audience: 'content.sites.kind.audience',
  institution: 'content.sites.kind.institution',
};

export function SiteListPage(props: {
  view: ViewContext;
  me: Me;
  sites: readonly SiteRow[];
  flash?: MessageKey;
}) {
  const { view, me, sites } = props;
  const { t } = view;
  return (
    <AdminLayout view={view} title={t('content.sites.title')} me={me} flash={props.flash}>
      <ContentAssets />
      <h1>{t('content.sites.title')}</h1>
      <table class="table">
        <caption class="visually-hidden">{t('content.sites.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('content.sites.name')}</th>
            <th scope="col">{t('content.sites.kind')}</th>
            <th scope="col">{t('content.sites.path')}</th>
            <th scope="col">{t('content.sites.colour')}</th>
            <th scope="col">{t('content.sites.reviewLevels')}</th>
            <th scope="col">{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {sites.map((s) => (
            <tr key={s.code}>
              <td>
                {s.name}（{s.short_name}）
              </td>
              <td>{t(KIND_LABELS[s.kind])}</td>
              <td>
                <code>{s.path}</code>
              </td>
              <td>
                <code>{s.colour}</code>
              </td>
              <td>{s.review_levels}</td>
              <td class="actions">
                <a href={`/admin/sites/${s.code}`}>
                  {t('admin.edit')}
                  <span class="visually-hidden">{s.name}</span>
                </a>
                <a href={`/admin/sites/${s.code}/channels`}>
                  {t('content.channels.title')}
                  <span class="visually-hidden">{s.name}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminLayout>
  );
}

export function SiteFormPage(props: {
  view: ViewContext;
  me: Me;
  site: SiteRow;
  values: Record<string, string>;
  errors?: Record<string, string>;
  message?: string;
}) {
  const { view, me, site, values, errors = {} } = props;
  const { t } = view;
  const title = t('content.sites.editTitle', { name: site.name });
  return (
    <AdminLayout view={view} title={title} me={me}>
      <ContentAssets />
      <p>
        <a href="/admin/sites">{t('content.sites.back')}</a>
      </p>
      <h1>{title}</h1>
      {props.message && (
        <div class="error-summary" role="alert">
          <p>{props.message}</p>
        </div>
      )}
      <ErrorSummary errors={errors} />
      <Form view={view} action={`/admin/sites/${site.code}`}>
        <Field
          name="name"
          label={t('content.sites.name')}
          value={values.name}
          error={errors.name}
          required
          maxLength={100}
        />
        <Field
          name="shortName"
          label={t('content.sites.shortName')}
          value={values.shortName}
          error={errors.shortName}
          required
          maxLength={50}
        />
        <Field
          name="colour"
          label={t('content.sites.colour')}
          hint={t('content.sites.colourHint')}
          value={values.colour}
          error={errors.colour}
          required
          maxLength={7}
        />
        <Select
          name="reviewLevels"
          label={t('content.sites.reviewLevels')}
          value={values.reviewLevels}
          error={errors.reviewLevels}
          options={[
            { value: '1', label: t('content.sites.levels1') },
            { value: '2', label: t('content.sites.levels2') },
            { value: '3', label: t('content.sites.levels3') },
          ]}
        />
        <Button>{t('admin.save')}</Button>
      </Form>
    </AdminLayout>
  );
}

/** GET /admin/channels: the sites whose channels I manage, and the dictionary when it is mine. */
export function MyChannelsPage(props: {
  view: ViewContext;
  me: Me;
  sites: readonly SiteRow[];
  terms: boolean;
}) {
  const { view, me, sites } = props;
  const { t } = view;
  return (
    <AdminLayout view={view} title={t('content.channels.title')} me={me}>
      <ContentAssets />
      <h1>{t('content.channels.title')}</h1>
      <ul class="channel-choices">
        {sites.map((s) => (
          <li key={s.code}>
            <a href={`/admin/sites/${s.code}/channels`}>
              {t('content.channels.siteTitle', { name: s.name })}
            </a>
          </li>
        ))}
      </ul>
      {props.terms && (
        <p>
          <a href="/admin/content/terms">{t('content.termsPage.title')}</a>
        </p>
      )}
    </AdminLayout>
  );
}
