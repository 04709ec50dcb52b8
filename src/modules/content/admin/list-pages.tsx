// My work (GET /admin/content): the items I may edit, filtered and paged; and
// the review queue (GET /admin/content/review): items waiting at a level I may
// approve.
import { Button, Field, Form, Select } from '../../../web/components/form.tsx';
import type { MessageKey } from '../../../web/i18n/index.ts';
import type { ViewContext } from '../../../web/view.ts';
import { beijingTime } from '../../identity/admin/http.ts';
import { AdminLayout, type Me } from '../../identity/admin/layout.tsx';
import type { WorkRow } from '../worklist.ts';
import {
  ContentAssets,
  PUBLICATION_LABELS,
  TYPE_LABELS,
  WORKFLOW_LABELS,
  workflowText,
} from './parts.tsx';
import { PUBLICATIONS, WORKFLOWS } from './schemas.ts';

export interface Names {
  sites: ReadonlyMap<string, string>;
  channels: ReadonlyMap<string, string>;
}

function ContentTabs({
  view,
  current,
  reviewer,
  editor,
}: {
  view: ViewContext;
  current: 'work' | 'review';
  reviewer: boolean;
  editor: boolean;
}) {
  const { t } = view;
  return (
    <nav class="item-tabs" aria-label={t('content.nav.label')}>
      <ul>
        {editor && (
          <li>
            <a href="/admin/content" aria-current={current === 'work' ? 'page' : undefined}>
              {t('content.nav.work')}
            </a>
          </li>
        )}
        {reviewer && (
          <li>
            <a
              href="/admin/content/review"
              aria-current={current === 'review' ? 'page' : undefined}
            >
              {t('content.nav.review')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

function Rows({
  view,
  rows,
  names,
  caption,
}: {
  view: ViewContext;
  rows: readonly WorkRow[];
  names: Names;
  caption: string;
}) {
  const { t } = view;
  return (
    <table class="table">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('content.field.title')}</th>
          <th scope="col">{t('content.list.where')}</th>
          <th scope="col">{t('content.field.type')}</th>
          <th scope="col">{t('content.list.workflow')}</th>
          <th scope="col">{t('content.list.publication')}</th>
          <th scope="col">{t('content.list.updated')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td>
              <a href={`/admin/content/${row.id}`}>{row.title}</a>
            </td>
            <td>
              {names.sites.get(row.site_code) ?? row.site_code} /{' '}
              {names.channels.get(row.channel_id) ?? '—'}
            </td>
            <td>{t(TYPE_LABELS[row.type])}</td>
            <td>{workflowText(view, row)}</td>
            <td>{t(PUBLICATION_LABELS[row.publication])}</td>
            <td>{beijingTime(row.updated_at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface WorkPageProps {
  view: ViewContext;
  me: Me;
  rows: readonly WorkRow[];
  total: number;
  page: number;
  pages: number;
  filter: Record<string, string>;
  siteOptions: readonly { value: string; label: string }[];
  channelOptions: readonly { value: string; label: string }[];
  names: Names;
  reviewer: boolean;
  flash?: MessageKey;
}

export function WorkPage(props: WorkPageProps) {
  const { view, me, rows, total, page, pages, filter, names } = props;
  const { t } = view;
  const link = (p: number) => {
    const q = new URLSearchParams({ ...filter, page: String(p) });
    for (const [k, v] of [...q]) if (!v) q.delete(k);
    return `/admin/content?${q}`;
  };
  const all = { value: '', label: t('content.list.all') };
  return (
    <AdminLayout view={view} title={t('content.nav.work')} me={me} flash={props.flash}>
      <ContentAssets />
      <h1>{t('content.nav.work')}</h1>
      <ContentTabs view={view} current="work" reviewer={props.reviewer} editor />
      <p>
        <a class="button button-primary" href="/admin/content/new">
          {t('content.editor.newTitle')}
        </a>
      </p>
      <Form view={view} action="/admin/content" method="get" label={t('content.list.filter')}>
        <div class="filters">
          <Select
            name="site"
            label={t('content.list.site')}
            value={filter.site}
            options={[all, ...props.siteOptions]}
          />
          <Select
            name="channel"
            label={t('content.list.channel')}
            value={filter.channel}
            options={[all, ...props.channelOptions]}
          />
          <Select
            name="workflow"
            label={t('content.list.workflow')}
            value={filter.workflow}
            options={[all, ...WORKFLOWS.map((w) => ({ value: w, label: t(WORKFLOW_LABELS[w]) }))]}
          />
          <Select
            name="publication"
            label={t('content.list.publication')}
            value={filter.publication}
            options={[
              all,
              ...PUBLICATIONS.map((p) => ({ value: p, label: t(PUBLICATION_LABELS[p]) })),
            ]}
          />
          <Field
            name="q"
            type="search"
            label={t('content.list.search')}
            value={filter.q}
            maxLength={100}
          />
          <Button kind="secondary">{t('content.list.apply')}</Button>
        </div>
      </Form>
      <p role="status">{t('content.list.count', { n: total })}</p>
      {rows.length === 0 ? (
        <p>{t('content.list.empty')}</p>
      ) : (
        <Rows view={view} rows={rows} names={names} caption={t('content.nav.work')} />
      )}
      {pages > 1 && (
        <nav class="pager" aria-label={t('content.list.pages')}>
          {page > 1 && <a href={link(page - 1)}>{t('content.list.prev')}</a>}
          <span>{t('content.list.pageOf', { page, pages })}</span>
          {page < pages && <a href={link(page + 1)}>{t('content.list.next')}</a>}
        </nav>
      )}
    </AdminLayout>
  );
}

export function QueuePage(props: {
  view: ViewContext;
  me: Me;
  rows: readonly WorkRow[];
  names: Names;
  editor: boolean;
  flash?: MessageKey;
}) {
  const { view, me, rows, names } = props;
  const { t } = view;
  return (
    <AdminLayout view={view} title={t('content.nav.review')} me={me} flash={props.flash}>
      <ContentAssets />
      <h1>{t('content.nav.review')}</h1>
      <ContentTabs view={view} current="review" reviewer editor={props.editor} />
      <p>{t('content.queue.hint')}</p>
      {rows.length === 0 ? (
        <p>{t('content.queue.empty')}</p>
      ) : (
        <Rows view={view} rows={rows} names={names} caption={t('content.nav.review')} />
      )}
    </AdminLayout>
  );
}
