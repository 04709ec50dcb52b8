// GET /admin/content/:id — the review page: the working revision as the
// reviewers read it, its state and schedule, the actions the signed-in user
// may take (submit, approve or return, withdraw, push, change the address),
// attachments, policy links and the item's history.
import type { ComponentChildren } from 'preact';
import { Button, ErrorSummary, Field, Form, TextArea } from '../../../web/components/form.tsx';
import type { MessageKey } from '../../../web/i18n/index.ts';
import type { ViewContext } from '../../../web/view.ts';
import { beijingTime } from '../../identity/admin/http.ts';
import { AdminLayout, type Me } from '../../identity/admin/layout.tsx';
import { LEVEL_NAMES } from '../review.ts';
import type { ContentItemRow } from '../tables.ts';
import { ActionButton } from './fields.tsx';
import type { ItemView } from './item-data.ts';
import { ContentAssets, History, ItemTabs, Status, TermHits, TYPE_LABELS } from './parts.tsx';

export interface Abilities {
  edit: boolean;
  submit: boolean;
  /** May approve or return at the item's current level. */
  review: boolean;
  publish: boolean;
}

export interface ItemPageProps {
  view: ViewContext;
  me: Me;
  item: ContentItemRow;
  data: ItemView;
  can: Abilities;
  flash?: MessageKey;
  message?: string;
  errors?: Record<string, string>;
}

function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function ItemPage(props: ItemPageProps) {
  const { view, me, item, data, can, errors = {} } = props;
  const { t } = view;
  const base = `/admin/content/${item.id}`;
  const live = item.publication === 'published';
  return (
    <AdminLayout view={view} title={data.rev.title} me={me} flash={props.flash}>
      <ContentAssets />
      <p>
        <a href="/admin/content">{t('content.back')}</a>
      </p>
      <h1>{data.rev.title}</h1>
      <ItemTabs view={view} id={item.id} current="review" />
      <Status view={view} item={item} />
      {props.message && (
        <div class="error-summary" role="alert">
          <p>{props.message}</p>
        </div>
      )}
      <ErrorSummary errors={errors} />
      {(item.workflow === 'draft' || item.workflow === 'returned') && (
        <TermHits view={view} hits={data.hits} />
      )}
      <dl class="facts">
        <Fact label={t('content.list.where')}>{`${data.site.name} / ${data.channel.name}`}</Fact>
        <Fact label={t('content.field.type')}>{t(TYPE_LABELS[item.type])}</Fact>
        <Fact label={t('content.review.address')}>
          {live ? <a href={data.publicUrl}>{data.publicUrl}</a> : <code>{data.publicUrl}</code>}
        </Fact>
        <Fact label={t('content.review.revisions')}>
          {t('content.review.revisionState', {
            working: item.working_revision,
            live: item.live_revision ?? '—',
          })}
        </Fact>
        <Fact label={t('content.schedule.publishAt')}>{beijingTime(item.publish_at)}</Fact>
        <Fact label={t('content.schedule.unpublishAt')}>{beijingTime(item.unpublish_at)}</Fact>
        <Fact label={t('content.review.publishedAt')}>{beijingTime(item.published_at)}</Fact>
        <Fact label={t('content.push.title')}>
          {data.pushed.length === 0
            ? t('content.push.none')
            : data.pushed.map((c) => data.targets.find((s) => s.code === c)?.name ?? c).join('、')}
        </Fact>
        {data.policy && (
          <Fact label={t('content.field.policy')}>
            <a href={`/admin/content/${data.policy.id}`}>{data.policy.title}</a>
          </Fact>
        )}
        {data.interpretations.length > 0 && (
          <Fact label={t('content.review.interpretations')}>
            <ul>
              {data.interpretations.map((i) => (
                <li key={i.id}>
                  <a href={`/admin/content/${i.id}`}>{i.title}</a>
                </li>
              ))}
            </ul>
          </Fact>
        )}
      </dl>
      <section aria-labelledby="actions-title">
        <h2 id="actions-title">{t('content.review.actions')}</h2>
        {can.edit && item.workflow !== 'in_review' && (
          <p>
            <a class="button button-secondary" href={`${base}/edit`}>
              {t('content.tab.edit')}
            </a>
          </p>
        )}
        {can.submit && (item.workflow === 'draft' || item.workflow === 'returned') && (
          <Form view={view} action={`${base}/submit`} label={t('content.submit.title')}>
            <Button>{t('content.submit.button')}</Button>
          </Form>
        )}
        {can.review && item.workflow === 'in_review' && (
          <form
            class="form"
            action={`${base}/approve`}
            method="post"
            aria-label={t('content.review.decide')}
            novalidate
          >
            <input type="hidden" name="_csrf" value={view.csrfToken()} />
            <h3>{t('content.review.decideAt', { level: LEVEL_NAMES[item.review_level] ?? '' })}</h3>
            <TextArea
              wide
              name="comment"
              label={t('content.review.comment')}
              hint={t('content.review.commentHint')}
              error={errors.comment}
              maxLength={2000}
              rows={3}
            />
            <div class="actions">
              <button type="submit" class="button button-primary">
                {t('content.review.approve')}
              </button>
              <button type="submit" class="button button-danger" formaction={`${base}/return`}>
                {t('content.review.return')}
              </button>
            </div>
          </form>
        )}
        {can.publish && (live || item.publication === 'scheduled') && (
          <Form view={view} action={`${base}/unpublish`} label={t('content.unpublish.title')}>
            <h3>{t('content.unpublish.title')}</h3>
            <Field
              name="reason"
              label={t('content.unpublish.reason')}
              error={errors.reason}
              required
              maxLength={500}
            />
            <Button kind="danger">{t('content.unpublish.button')}</Button>
          </Form>
        )}
        {can.publish && item.live_revision !== null && (
          <div>
            <h3>{t('content.push.title')}</h3>
            <p class="hint">{t('content.push.hint')}</p>
            <ul class="push-list">
              {data.targets.map((s) => {
                const pushed = data.pushed.includes(s.code);
                return (
                  <li key={s.code}>
                    {s.name}{' '}
                    <ActionButton
                      view={view}
                      action={`${base}/push`}
                      hidden={{ op: pushed ? 'unpush' : 'push', target: s.code }}
                      label={t(pushed ? 'content.push.undo' : 'content.push.do')}
                      detail={s.name}
                    />
                  </li>
                );
              })}
            </ul>
          </div>
        )}
        {can.edit && (
          <Form view={view} action={`${base}/slug`} label={t('content.slug.title')}>
            <h3>{t('content.slug.title')}</h3>
            <Field
              name="slug"
              label={t('content.field.slug')}
              hint={t('content.slug.hint')}
              value={item.slug}
              error={errors.slug}
              required
              maxLength={63}
            />
            <Button kind="secondary">{t('content.slug.button')}</Button>
          </Form>
        )}
      </section>
      <section aria-labelledby="working-title">
        <h2 id="working-title">{t('content.review.working', { n: item.working_revision })}</h2>
        {data.rev.summary && <p class="lead">{data.rev.summary}</p>}
        {/* Sanitised on the server before storage (items.ts); nothing executable can be here. */}
        <div class="rich-text" dangerouslySetInnerHTML={{ __html: data.rev.body_html }} />
      </section>
      <section aria-labelledby="files-title">
        <h2 id="files-title">{t('content.attachments.title')}</h2>
        {data.attachments.length === 0 ? (
          <p>{t('content.attachments.none')}</p>
        ) : (
          <ul>
            {data.attachments.map((a) => (
              <li key={a.sha256}>
                <a href={`${base}/files/${a.sha256}`}>{a.name}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('content.history.title')}</h2>
        <History view={view} entries={data.history} />
      </section>
    </AdminLayout>
  );
}
