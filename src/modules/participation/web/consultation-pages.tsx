// Public pages of 意见征集: the list (open, then closed ones with or without
// their feedback summary), one solicitation with its draft, the comments a
// moderator has shown and the summary, and the comment form (signed in).
import { Button, ErrorSummary, Form, TextArea } from '../../../web/components/form.tsx';
import type { ViewContext } from '../../../web/view.ts';
import type { Structure } from '../../portal/structure.ts';
import { lastDayOf, type Phase } from '../common.ts';
import type { ConsultationCommentRow, ConsultationRow } from '../tables.ts';
import { dateOf, Paragraphs, PortalFrame } from './frame.tsx';

interface Base {
  view: ViewContext;
  structure: Structure;
}

export interface Listed {
  row: ConsultationRow;
  phase: Phase;
}

const windowText = (view: ViewContext, row: ConsultationRow) =>
  view.t('participation.window', { from: dateOf(row.opens_at), to: lastDayOf(row) });

function ConsultationList({
  view,
  items,
  id,
  title,
}: {
  view: ViewContext;
  items: Listed[];
  id: string;
  title: string;
}) {
  const { t } = view;
  return (
    <section class="section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {items.length === 0 ? (
        <p>{t('consultation.none')}</p>
      ) : (
        <ul class="item-list">
          {items.map(({ row, phase }) => (
            <li key={row.id}>
              <a class="item-title" href={`/consultations/${row.id}`}>
                {row.title}
              </a>
              <span class="item-meta">
                {`${row.department}　${windowText(view, row)}　${t(`participation.phase.${phase}`)}`}
                {phase === 'closed' && row.summary && `　${t('consultation.summary.published')}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ConsultationListPage({ view, structure, items }: Base & { items: Listed[] }) {
  const { t } = view;
  return (
    <PortalFrame
      view={view}
      structure={structure}
      title={t('consultation.title')}
      trail={[{ label: t('participation.interaction') }]}
    >
      <p class="lead">{t('consultation.lead')}</p>
      <ConsultationList
        view={view}
        id="open-title"
        title={t('consultation.open')}
        items={items.filter((i) => i.phase === 'open')}
      />
      <ConsultationList
        view={view}
        id="closed-title"
        title={t('consultation.closed')}
        items={items.filter((i) => i.phase === 'closed')}
      />
    </PortalFrame>
  );
}

type ShownComment = Pick<ConsultationCommentRow, 'id' | 'author_name' | 'body' | 'created_at'>;

export function ConsultationPage({
  view,
  structure,
  row,
  phase,
  comments,
  thanks,
}: Base & { row: ConsultationRow; phase: Phase; comments: ShownComment[]; thanks: boolean }) {
  const { t } = view;
  const trail = [{ label: t('consultation.title'), href: '/consultations/' }];
  return (
    <PortalFrame view={view} structure={structure} title={row.title} trail={trail}>
      {thanks && (
        <p class="flash" role="status">
          {t('consultation.comment.thanks')}
        </p>
      )}
      <p class="article-meta">
        {`${t('consultation.department')}：${row.department}　${windowText(view, row)}　${t(`participation.phase.${phase}`)}`}
      </p>
      <div class="article-body">
        <Paragraphs text={row.body} />
      </div>
      {phase === 'open' && (
        <p>
          <a class="button button-primary" href={`/consultations/${row.id}/comment`}>
            {t('consultation.comment')}
          </a>
          <span class="hint">　{t('participation.signInToTake')}</span>
        </p>
      )}
      {phase === 'closed' && (
        <section class="section" aria-labelledby="summary-title">
          <h2 id="summary-title">{t('consultation.summary')}</h2>
          {row.summary ? (
            <Paragraphs text={row.summary} />
          ) : (
            <p>{t('consultation.summary.pending')}</p>
          )}
        </section>
      )}
      <section class="section" aria-labelledby="comments-title">
        <h2 id="comments-title">{t('consultation.comments')}</h2>
        <p class="hint">{t('consultation.comments.note')}</p>
        {comments.length === 0 ? (
          <p>{t('consultation.comments.none')}</p>
        ) : (
          <ul class="comments">
            {comments.map((c) => (
              <li key={c.id}>
                <p class="item-meta">{`${c.author_name}　${dateOf(c.created_at)}`}</p>
                <Paragraphs text={c.body} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </PortalFrame>
  );
}

export function CommentFormPage({
  view,
  structure,
  row,
  body,
  errors,
}: Base & { row: ConsultationRow; body?: string; errors?: Record<string, string> }) {
  const { t } = view;
  const trail = [
    { label: t('consultation.title'), href: '/consultations/' },
    { label: row.title, href: `/consultations/${row.id}` },
  ];
  return (
    <PortalFrame
      view={view}
      structure={structure}
      title={t('consultation.comment.title', { title: row.title })}
      trail={trail}
    >
      {errors && <ErrorSummary errors={errors} />}
      <Form
        view={view}
        action={`/consultations/${row.id}/comment`}
        label={t('consultation.comment')}
      >
        <TextArea
          name="body"
          label={t('consultation.comment.body')}
          hint={t('consultation.comment.body.hint')}
          value={body}
          error={errors?.body}
          maxLength={3000}
          rows={8}
          required
        />
        <Button>{t('participation.submit')}</Button>
      </Form>
    </PortalFrame>
  );
}
