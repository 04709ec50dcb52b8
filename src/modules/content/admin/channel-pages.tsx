// Channels in the back office: a site's channel tree with a form for a new
// channel, and one channel's form.
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
import type { ChannelRow, SiteRow } from '../../sites/tables.ts';
import { ContentAssets } from './parts.tsx';

export function channelTree(channels: readonly ChannelRow[]) {
  const out: { channel: ChannelRow; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const c of channels.filter((x) => x.parent_id === parent)) {
      out.push({ channel: c, depth });
      if (depth < 8) walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

const CHANNEL_KINDS = ['list', 'topic', 'link'] as const;

function ChannelFields(props: {
  view: ViewContext;
  values: Record<string, string>;
  errors: Record<string, string>;
  parents?: readonly { value: string; label: string }[];
}) {
  const { view, values, errors } = props;
  const { t } = view;
  return (
    <>
      <Field
        name="name"
        label={t('content.channels.name')}
        value={values.name}
        error={errors.name}
        required
        maxLength={100}
      />
      <Field
        name="slug"
        label={t('content.field.slug')}
        hint={t('content.channels.slugHint')}
        value={values.slug}
        error={errors.slug}
        required
        maxLength={63}
      />
      {props.parents && (
        <Select
          name="parent"
          label={t('content.channels.parent')}
          value={values.parent}
          error={errors.parent}
          options={props.parents}
        />
      )}
      <Select
        name="kind"
        label={t('content.channels.kind')}
        value={values.kind}
        error={errors.kind}
        options={CHANNEL_KINDS.map((k) => ({ value: k, label: t(`content.channels.kind.${k}`) }))}
      />
      <TextArea
        wide
        name="description"
        label={t('content.channels.description')}
        value={values.description}
        error={errors.description}
        maxLength={500}
        rows={2}
      />
      <Field
        name="linkUrl"
        label={t('content.channels.linkUrl')}
        hint={t('content.channels.linkUrlHint')}
        value={values.linkUrl}
        error={errors.linkUrl}
        maxLength={500}
      />
      <label class="checkbox">
        <input type="checkbox" name="inNav" value="1" checked={values.inNav === '1'} />{' '}
        {t('content.channels.inNav')}
      </label>
      <Field
        name="sortOrder"
        type="number"
        label={t('content.channels.sortOrder')}
        value={values.sortOrder}
        error={errors.sortOrder}
        inputmode="numeric"
      />
    </>
  );
}

export function ChannelListPage(props: {
  view: ViewContext;
  me: Me;
  site: SiteRow;
  channels: readonly ChannelRow[];
  values: Record<string, string>;
  errors?: Record<string, string>;
  message?: string;
  flash?: MessageKey;
  manageSites: boolean;
}) {
  const { view, me, site, channels, values, errors = {} } = props;
  const { t } = view;
  const title = t('content.channels.siteTitle', { name: site.name });
  const rows = channelTree(channels);
  const parents = [
    { value: '', label: t('content.channels.noParent') },
    ...rows.map(({ channel, depth }) => ({
      value: channel.slug,
      label: `${'— '.repeat(depth)}${channel.name}`,
    })),
  ];
  return (
    <AdminLayout view={view} title={title} me={me} flash={props.flash}>
      <ContentAssets />
      {props.manageSites && (
        <p>
          <a href="/admin/sites">{t('content.sites.back')}</a>
        </p>
      )}
      <h1>{title}</h1>
      <table class="table">
        <caption class="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('content.channels.name')}</th>
            <th scope="col">{t('content.field.slug')}</th>
            <th scope="col">{t('content.channels.kind')}</th>
            <th scope="col">{t('content.channels.inNav')}</th>
            <th scope="col">{t('content.channels.sortOrder')}</th>
            <th scope="col">{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ channel: c, depth }) => (
            <tr key={c.id}>
              <td class={`depth-${Math.min(depth, 5)}`}>{c.name}</td>
              <td>
                <code>{c.slug}</code>
              </td>
              <td>{t(`content.channels.kind.${c.kind}`)}</td>
              <td>{t(c.in_nav ? 'admin.yes' : 'admin.no')}</td>
              <td>{c.sort_order}</td>
              <td>
                <a href={`/admin/sites/${site.code}/channels/${c.id}`}>
                  {t('admin.edit')}
                  <span class="visually-hidden">{c.name}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="new-channel">{t('content.channels.new')}</h2>
      {props.message && (
        <div class="error-summary" role="alert">
          <p>{props.message}</p>
        </div>
      )}
      <ErrorSummary errors={errors} />
      <Form
        view={view}
        action={`/admin/sites/${site.code}/channels`}
        label={t('content.channels.new')}
      >
        <ChannelFields view={view} values={values} errors={errors} parents={parents} />
        <Button>{t('content.channels.create')}</Button>
      </Form>
    </AdminLayout>
  );
}

export function ChannelFormPage(props: {
  view: ViewContext;
  me: Me;
  site: SiteRow;
  channel: ChannelRow;
  values: Record<string, string>;
  errors?: Record<string, string>;
  message?: string;
}) {
  const { view, me, site, channel, values, errors = {} } = props;
  const { t } = view;
  const title = t('content.channels.editTitle', { name: channel.name });
  return (
    <AdminLayout view={view} title={title} me={me}>
      <ContentAssets />
      <p>
        <a href={`/admin/sites/${site.code}/channels`}>{t('content.channels.back')}</a>
      </p>
      <h1>{title}</h1>
      {props.message && (
        <div class="error-summary" role="alert">
          <p>{props.message}</p>
        </div>
      )}
      <ErrorSummary errors={errors} />
      <Form view={view} action={`/admin/sites/${site.code}/channels/${channel.id}`}>
        <ChannelFields view={view} values={values} errors={errors} />
        <Button>{t('admin.save')}</Button>
      </Form>
    </AdminLayout>
  );
}
