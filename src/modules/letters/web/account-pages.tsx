// 我的信件: the writer's letters with their 查询码 and status, one letter's
// progress, the reply, and the rating form (with the one re-handling request).
import { Button, ErrorSummary, Form, TextArea } from '../../../web/components/form.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { ViewContext } from '../../../web/view.ts';
import type { MyLetter } from '../mine.ts';
import type { LetterRow } from '../tables.ts';
import { day, minute, statusLabel, Timeline, typeLabel } from './parts.tsx';
import { Paragraphs } from './public-pages.tsx';

export function MyLettersPage({ view, letters }: { view: ViewContext; letters: LetterRow[] }) {
  const { t } = view;
  return (
    <Layout view={view} title={t('letters.mine.title')}>
      <h1>{t('letters.mine.title')}</h1>
      <p>
        <a class="button button-primary" href="/letters/write">
          {t('letters.write')}
        </a>
      </p>
      {letters.length === 0 ? (
        <p>{t('letters.mine.empty')}</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">{t('letters.mine.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('letters.field.subject')}</th>
              <th scope="col">{t('letters.mine.code')}</th>
              <th scope="col">{t('letters.field.type')}</th>
              <th scope="col">{t('letters.mine.status')}</th>
              <th scope="col">{t('letters.received')}</th>
            </tr>
          </thead>
          <tbody>
            {letters.map((l) => (
              <tr key={l.id}>
                <td>
                  <a href={`/account/letters/${l.id}`}>{l.subject}</a>
                </td>
                <td>{l.code}</td>
                <td>{typeLabel(view, l.type)}</td>
                <td>{statusLabel(view, l.status)}</td>
                <td>{day(l.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

function RateForm({
  view,
  mine,
  errors,
}: {
  view: ViewContext;
  mine: MyLetter;
  errors: Record<string, string>;
}) {
  const { t } = view;
  return (
    <Form
      view={view}
      action={`/account/letters/${mine.letter.id}/rate`}
      label={t('letters.mine.rate')}
    >
      <h2>{t('letters.mine.rate')}</h2>
      <ErrorSummary errors={errors} />
      <fieldset class="fieldset" id="f-rating">
        <legend>{t('letters.mine.rating')}</legend>
        {([3, 2, 1] as const).map((n) => (
          <div key={n}>
            <input type="radio" id={`f-rating-${n}`} name="rating" value={String(n)} />{' '}
            <label for={`f-rating-${n}`}>{t(`letters.rating.${n}`)}</label>
          </div>
        ))}
      </fieldset>
      {mine.letter.rehandled === 0 && (
        <div class="field">
          <input type="checkbox" id="f-rehandle" name="rehandle" value="1" />{' '}
          <label for="f-rehandle">{t('letters.mine.rehandle')}</label>
        </div>
      )}
      <TextArea name="comment" label={t('letters.mine.comment')} maxLength={500} rows={3} />
      <Button>{t('letters.mine.rateSubmit')}</Button>
    </Form>
  );
}

export function MyLetterPage({
  view,
  mine,
  flash,
  errors = {},
  tracked = false,
}: {
  view: ViewContext;
  mine: MyLetter;
  flash?: string;
  errors?: Record<string, string>;
  /** Found by 查询码 and phone (no account): shown, not rated. */
  tracked?: boolean;
}) {
  const { t } = view;
  const { letter, reply } = mine;
  return (
    <Layout view={view} title={letter.subject}>
      <p>
        {tracked ? (
          <a href="/letters/">{t('letters.list')}</a>
        ) : (
          <a href="/account/letters">{t('letters.mine.title')}</a>
        )}
      </p>
      {flash && (
        <p class="flash" role="status">
          {flash}
        </p>
      )}
      <h1>{letter.subject}</h1>
      <dl class="details">
        <dt>{t('letters.mine.code')}</dt>
        <dd>
          <strong class="letter-code">{letter.code}</strong>
        </dd>
        <dt>{t('letters.field.type')}</dt>
        <dd>{typeLabel(view, letter.type)}</dd>
        <dt>{t('letters.mine.status')}</dt>
        <dd>{statusLabel(view, letter.status)}</dd>
        <dt>{t('letters.mine.deadline')}</dt>
        <dd>{letter.deadline}</dd>
        {letter.rating !== null && (
          <>
            <dt>{t('letters.mine.rated')}</dt>
            <dd>{t(`letters.rating.${letter.rating as 1 | 2 | 3}`)}</dd>
          </>
        )}
      </dl>
      <h2>{t('letters.question')}</h2>
      <Paragraphs text={letter.body} />
      {letter.status === 'rejected' && (
        <>
          <h2>{t('letters.mine.rejected')}</h2>
          <p>{letter.reject_reason}</p>
        </>
      )}
      {letter.status === 'merged' && <p>{t('letters.mine.mergedInto')}</p>}
      {reply && (
        <section aria-labelledby="my-reply">
          <h2 id="my-reply">{t('letters.reply')}</h2>
          <p class="hint">
            {mine.department} · {minute(reply.sent_at)}
          </p>
          <Paragraphs text={reply.body} />
        </section>
      )}
      {letter.status === 'replied' && !tracked && (
        <RateForm view={view} mine={mine} errors={errors} />
      )}
      {/* The writer sees which departments handle the letter, not the office's internal notes. */}
      <Timeline view={view} events={mine.events} notes={(e) => e.action === 'assign'} />
    </Layout>
  );
}
