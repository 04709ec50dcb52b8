// Small components the content back-office pages share: their stylesheet and
// the editor script (static files: the CSP allows no inline script or style),
// the item's sub-navigation, status labels, sensitive-term hits with the exact
// span marked, and an item's review history.

import { assetUrl } from '../../../web/assets.ts';
import type { MessageKey } from '../../../web/i18n/index.ts';
import type { ViewContext } from '../../../web/view.ts';
import { beijingTime } from '../../identity/admin/http.ts';
import { LEVEL_NAMES } from '../review.ts';
import type { TermHit } from '../sensitive.ts';
import type {
  ContentItemRow,
  ContentType,
  Publication,
  ReviewAction,
  Workflow,
} from '../tables.ts';

export const TYPE_LABELS: Record<ContentType, MessageKey> = {
  article: 'content.type.article',
  notice: 'content.type.notice',
  policy: 'content.type.policy',
  interpretation: 'content.type.interpretation',
  topic: 'content.type.topic',
  link: 'content.type.link',
  gallery: 'content.type.gallery',
};

export const WORKFLOW_LABELS: Record<Workflow, MessageKey> = {
  draft: 'content.workflow.draft',
  in_review: 'content.workflow.in_review',
  returned: 'content.workflow.returned',
  approved: 'content.workflow.approved',
};

export const PUBLICATION_LABELS: Record<Publication, MessageKey> = {
  unpublished: 'content.publication.unpublished',
  scheduled: 'content.publication.scheduled',
  published: 'content.publication.published',
  withdrawn: 'content.publication.withdrawn',
};

export const ACTION_LABELS: Record<ReviewAction, MessageKey> = {
  submit: 'content.action.submit',
  approve: 'content.action.approve',
  return: 'content.action.return',
  publish: 'content.action.publish',
  unpublish: 'content.action.unpublish',
  restore: 'content.action.restore',
};

/** The content pages' stylesheet, and the editor script where a page has the rich-text field. */
export function ContentAssets({ editor }: { editor?: boolean }) {
  return (
    <>
      <link rel="stylesheet" href={assetUrl('content-admin.css')} />
      {editor && <script type="module" src={assetUrl('editor.js')} />}
    </>
  );
}

export function workflowText(
  view: ViewContext,
  item: Pick<ContentItemRow, 'workflow' | 'review_level'>,
) {
  const base = view.t(WORKFLOW_LABELS[item.workflow]);
  return item.workflow === 'in_review' && item.review_level > 0
    ? `${base}（${LEVEL_NAMES[item.review_level] ?? item.review_level}）`
    : base;
}

export function Status({ view, item }: { view: ViewContext; item: ContentItemRow }) {
  return (
    <p class="status-line">
      <span class={`tag tag-${item.workflow}`}>{workflowText(view, item)}</span>{' '}
      <span class={`tag tag-${item.publication}`}>
        {view.t(PUBLICATION_LABELS[item.publication])}
      </span>
    </p>
  );
}

type Tab = 'edit' | 'review' | 'revisions' | 'preview';

export function ItemTabs({ view, id, current }: { view: ViewContext; id: string; current: Tab }) {
  const tabs: [Tab, string, MessageKey][] = [
    ['edit', `/admin/content/${id}/edit`, 'content.tab.edit'],
    ['review', `/admin/content/${id}`, 'content.tab.review'],
    ['revisions', `/admin/content/${id}/revisions`, 'content.tab.revisions'],
    ['preview', `/admin/content/${id}/preview`, 'content.tab.preview'],
  ];
  return (
    <nav class="item-tabs" aria-label={view.t('content.tab.label')}>
      <ul>
        {tabs.map(([key, href, label]) => (
          <li key={key}>
            <a href={href} aria-current={key === current ? 'page' : undefined}>
              {view.t(label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

const FIELD_LABELS: Record<string, MessageKey> = {
  title: 'content.field.title',
  summary: 'content.field.summary',
  body: 'content.field.body',
};

/** Each hit with the words around it and the term itself marked. */
export function TermHits({ view, hits }: { view: ViewContext; hits: readonly TermHit[] }) {
  const { t } = view;
  const blocking = hits.filter((h) => h.severity === 'block');
  const warnings = hits.filter((h) => h.severity === 'warn');
  const list = (items: readonly TermHit[]) => (
    <ul class="term-hits">
      {items.map((h) => {
        const at = h.context.indexOf(h.term);
        return (
          <li key={`${h.field}-${h.start}-${h.term}`}>
            <span class="term-where">
              {t(FIELD_LABELS[h.field] ?? 'content.field.body')}
              {t('content.terms.position', { start: h.start + 1, end: h.end })}
            </span>
            ：…{at >= 0 ? h.context.slice(0, at) : h.context}
            {at >= 0 && <mark>{h.term}</mark>}
            {at >= 0 ? h.context.slice(at + h.term.length) : ''}…
            {h.suggestion && <> {t('content.terms.suggest', { suggestion: h.suggestion })}</>}
          </li>
        );
      })}
    </ul>
  );
  return (
    <>
      {blocking.length > 0 && (
        <div class="error-summary" role="alert">
          <h2>{t('content.terms.blockingTitle', { n: blocking.length })}</h2>
          <p>{t('content.terms.blockingHint')}</p>
          {list(blocking)}
        </div>
      )}
      {warnings.length > 0 && (
        <section class="banner banner-warn" aria-labelledby="term-warnings">
          <h2 id="term-warnings">{t('content.terms.warnTitle', { n: warnings.length })}</h2>
          {list(warnings)}
        </section>
      )}
    </>
  );
}

export interface HistoryEntry {
  action: ReviewAction;
  level: number;
  revision: number;
  actor: string;
  comment: string | null;
  at: string;
}

export function History({
  view,
  entries,
}: {
  view: ViewContext;
  entries: readonly HistoryEntry[];
}) {
  const { t } = view;
  if (entries.length === 0) return <p>{t('content.history.none')}</p>;
  return (
    <table class="table">
      <caption class="visually-hidden">{t('content.history.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('content.history.time')}</th>
          <th scope="col">{t('content.history.actor')}</th>
          <th scope="col">{t('content.history.action')}</th>
          <th scope="col">{t('content.history.revision')}</th>
          <th scope="col">{t('content.history.comment')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e, i) => (
          <tr key={`${e.at}-${i}`}>
            <td>{beijingTime(e.at)}</td>
            <td>{e.actor}</td>
            <td>
              {e.level > 0 && (e.action === 'approve' || e.action === 'return')
                ? `${LEVEL_NAMES[e.level] ?? e.level}${t(ACTION_LABELS[e.action])}`
                : t(ACTION_LABELS[e.action])}
            </td>
            <td>{e.revision}</td>
            <td>{e.comment ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
