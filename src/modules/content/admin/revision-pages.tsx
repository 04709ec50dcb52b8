// Revisions: the list (GET /admin/content/:id/revisions) and one revision
// compared with the one before it (GET …/revisions/:number), with a button to
// make it the working copy again. Insertions are <ins>, deletions <del>, each
// also named in words for screen readers; all text is escaped.
import type { MessageKey } from '../../../web/i18n/index.ts';
import type { ViewContext } from '../../../web/view.ts';
import { beijingTime } from '../../identity/admin/http.ts';
import { AdminLayout, type Me } from '../../identity/admin/layout.tsx';
import type { FieldDiff } from '../revision-diff.ts';
import type { ContentItemRow, ContentRevisionRow } from '../tables.ts';
import { ActionButton } from './fields.tsx';
import { ContentAssets, ItemTabs } from './parts.tsx';

const FIELD_LABELS: Record<FieldDiff['field'], MessageKey> = {
  title: 'content.field.title',
  summary: 'content.field.summary',
  body: 'content.field.body',
  fields: 'content.revisions.fields',
  tags: 'content.revisions.tags',
};

interface Common {
  view: ViewContext;
  me: Me;
  item: ContentItemRow;
  title: string;
  canRestore: boolean;
  flash?: MessageKey;
}

function Restore({
  view,
  item,
  number,
}: {
  view: ViewContext;
  item: ContentItemRow;
  number: number;
}) {
  return (
    <ActionButton
      view={view}
      action={`/admin/content/${item.id}/revisions/${number}/restore`}
      label={view.t('content.revisions.restore')}
      detail={view.t('content.revisions.numberN', { n: number })}
    />
  );
}

export function RevisionListPage(
  props: Common & {
    revisions: readonly ContentRevisionRow[];
    authors: ReadonlyMap<string, string>;
  },
) {
  const { view, me, item, title, revisions, authors, canRestore } = props;
  const { t } = view;
  const restorable = canRestore && item.workflow !== 'in_review';
  return (
    <AdminLayout
      view={view}
      title={t('content.revisions.title', { title })}
      me={me}
      flash={props.flash}
    >
      <ContentAssets />
      <h1>{t('content.revisions.title', { title })}</h1>
      <ItemTabs view={view} id={item.id} current="revisions" />
      <table class="table">
        <caption class="visually-hidden">{t('content.tab.revisions')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('content.revisions.number')}</th>
            <th scope="col">{t('content.history.time')}</th>
            <th scope="col">{t('content.revisions.author')}</th>
            <th scope="col">{t('content.field.title')}</th>
            <th scope="col">{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {revisions.map((rev) => (
            <tr key={rev.number}>
              <td>
                {rev.number}
                {rev.number === item.working_revision && ` ${t('content.revisions.working')}`}
                {rev.number === item.live_revision && ` ${t('content.revisions.live')}`}
              </td>
              <td>{beijingTime(rev.created_at)}</td>
              <td>{authors.get(rev.author_id) ?? '—'}</td>
              <td>{rev.title}</td>
              <td class="actions">
                <a href={`/admin/content/${item.id}/revisions/${rev.number}`}>
                  {t('content.revisions.compare')}
                  <span class="visually-hidden">
                    {t('content.revisions.numberN', { n: rev.number })}
                  </span>
                </a>
                {restorable && rev.number !== item.working_revision && (
                  <Restore view={view} item={item} number={rev.number} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminLayout>
  );
}

function Parts({ view, diff }: { view: ViewContext; diff: FieldDiff }) {
  const { t } = view;
  return (
    <div class="diff">
      {diff.parts.map((p, i) =>
        p.added ? (
          <ins key={i}>
            <span class="visually-hidden">{t('content.revisions.inserted')}</span>
            {p.value}
          </ins>
        ) : p.removed ? (
          <del key={i}>
            <span class="visually-hidden">{t('content.revisions.deleted')}</span>
            {p.value}
          </del>
        ) : (
          <span key={i}>{p.value}</span>
        ),
      )}
    </div>
  );
}

export function RevisionDiffPage(
  props: Common & { number: number; author: string; at: string; diffs: readonly FieldDiff[] },
) {
  const { view, me, item, title, number, diffs, canRestore } = props;
  const { t } = view;
  const heading = t('content.revisions.diffTitle', { n: number });
  return (
    <AdminLayout view={view} title={`${heading} - ${title}`} me={me}>
      <ContentAssets />
      <p>
        <a href={`/admin/content/${item.id}/revisions`}>{t('content.revisions.back')}</a>
      </p>
      <h1>{heading}</h1>
      <ItemTabs view={view} id={item.id} current="revisions" />
      <p>
        {t('content.revisions.by', { author: props.author, at: beijingTime(props.at) })}{' '}
        {number > 1
          ? t('content.revisions.against', { n: number - 1 })
          : t('content.revisions.first')}
      </p>
      {canRestore && item.workflow !== 'in_review' && number !== item.working_revision && (
        <p>
          <Restore view={view} item={item} number={number} />
        </p>
      )}
      {diffs.every((d) => !d.changed) && <p>{t('content.revisions.same')}</p>}
      {diffs
        .filter((d) => d.changed || d.field === 'body')
        .map((d) => (
          <section key={d.field} aria-labelledby={`diff-${d.field}`}>
            <h2 id={`diff-${d.field}`}>
              {t(FIELD_LABELS[d.field])}
              {!d.changed && ` ${t('content.revisions.unchanged')}`}
            </h2>
            <Parts view={view} diff={d} />
          </section>
        ))}
    </AdminLayout>
  );
}
