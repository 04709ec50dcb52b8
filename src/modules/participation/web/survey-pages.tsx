// Public pages of 在线调查: the list, one survey (its introduction, window
// and, once closed, its results), and the questionnaire for a signed-in
// citizen. Choice questions are fieldsets with a legend; each error sits
// next to its question and in the summary at the top.
import {
  Button,
  describedBy,
  ErrorSummary,
  FieldHelp,
  Form,
} from '../../../web/components/form.tsx';
import type { ViewContext } from '../../../web/view.ts';
import type { Structure } from '../../portal/structure.ts';
import { lastDayOf, type Phase } from '../common.ts';
import { fieldOf, optionsOf, RATING_MAX, TEXT_MAX } from '../survey-form.ts';
import type { SurveyResults } from '../survey-results.ts';
import type { SurveyQuestionRow, SurveyRow } from '../tables.ts';
import { dateOf, Paragraphs, PortalFrame } from './frame.tsx';
import { ResultsView } from './results.tsx';

interface Base {
  view: ViewContext;
  structure: Structure;
}

const windowText = (view: ViewContext, row: SurveyRow) =>
  view.t('participation.surveyWindow', { from: dateOf(row.opens_at), to: lastDayOf(row) });

export function SurveyListPage({
  view,
  structure,
  items,
}: Base & { items: { row: SurveyRow; phase: Phase }[] }) {
  const { t } = view;
  return (
    <PortalFrame
      view={view}
      structure={structure}
      title={t('survey.title')}
      trail={[{ label: t('participation.interaction') }]}
    >
      <p class="lead">{t('survey.lead')}</p>
      {items.length === 0 ? (
        <p>{t('consultation.none')}</p>
      ) : (
        <ul class="item-list">
          {items.map(({ row, phase }) => (
            <li key={row.id}>
              <a class="item-title" href={`/surveys/${row.id}`}>
                {row.title}
              </a>
              <span class="item-meta">{`${windowText(view, row)}　${t(`participation.phase.${phase}`)}`}</span>
            </li>
          ))}
        </ul>
      )}
    </PortalFrame>
  );
}

export function SurveyPage({
  view,
  structure,
  row,
  phase,
  questionCount,
  results,
  thanks,
}: Base & {
  row: SurveyRow;
  phase: Phase;
  questionCount: number;
  results?: SurveyResults;
  thanks?: 'sent' | 'already';
}) {
  const { t } = view;
  return (
    <PortalFrame
      view={view}
      structure={structure}
      title={row.title}
      trail={[{ label: t('survey.title'), href: '/surveys/' }]}
    >
      {thanks && (
        <p class="flash" role="status">
          {t(thanks === 'sent' ? 'survey.thanks' : 'survey.already')}
        </p>
      )}
      <p class="article-meta">
        {`${windowText(view, row)}　${t('survey.questions', { n: questionCount })}　${t(`participation.phase.${phase}`)}`}
      </p>
      <Paragraphs text={row.intro} />
      {phase === 'open' && !thanks && (
        <p>
          <a class="button button-primary" href={`/surveys/${row.id}/respond`}>
            {t('survey.take')}
          </a>
          <span class="hint">　{t('participation.signInToTake')}</span>
        </p>
      )}
      {results ? (
        <ResultsView view={view} results={results} showTexts={false} />
      ) : (
        <p>{t('survey.results.after')}</p>
      )}
    </PortalFrame>
  );
}

type Values = Record<string, string | string[] | undefined>;

function Question({
  view,
  q,
  n,
  values,
  error,
}: {
  view: ViewContext;
  q: SurveyQuestionRow;
  n: number;
  values: Values;
  error?: string;
}) {
  const { t } = view;
  const name = fieldOf(q);
  const id = `f-${name}`;
  const label = `${n}. ${q.prompt}`;
  const required = q.required === 1 ? t('survey.required') : '';
  const value = values[name];
  const chosen = new Set(Array.isArray(value) ? value : value ? [value] : []);
  if (q.kind === 'text') {
    return (
      <div class={error ? 'field field-error' : 'field'}>
        <label for={id}>
          {label}
          {required && <span class="required">{required}</span>}
        </label>
        <FieldHelp id={id} error={error} />
        <textarea
          id={id}
          name={name}
          rows={4}
          maxLength={TEXT_MAX}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(id, undefined, error)}
        >
          {typeof value === 'string' ? value : ''}
        </textarea>
      </div>
    );
  }
  const options =
    q.kind === 'rating'
      ? Array.from({ length: RATING_MAX }, (_, i) => t('participation.score', { n: i + 1 }))
      : optionsOf(q);
  const type = q.kind === 'multiple' ? 'checkbox' : 'radio';
  const hint = q.kind === 'rating' ? t('survey.rating.low') : undefined;
  return (
    <fieldset
      id={id}
      class={error ? 'fieldset field-error' : 'fieldset'}
      aria-describedby={describedBy(id, hint, error)}
      tabIndex={-1}
    >
      <legend>
        {label}
        {required && <span class="required">{required}</span>}
      </legend>
      <FieldHelp id={id} hint={hint} error={error} />
      {options.map((o, i) => {
        const v = q.kind === 'rating' ? String(i + 1) : String(i);
        return (
          <div class="choice" key={v}>
            <input type={type} id={`${id}-${v}`} name={name} value={v} checked={chosen.has(v)} />
            <label for={`${id}-${v}`}>{o}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

export function SurveyFormPage({
  view,
  structure,
  row,
  questions,
  values,
  errors,
}: Base & {
  row: SurveyRow;
  questions: SurveyQuestionRow[];
  values: Values;
  errors?: Record<string, string>;
}) {
  const { t } = view;
  const trail = [
    { label: t('survey.title'), href: '/surveys/' },
    { label: row.title, href: `/surveys/${row.id}` },
  ];
  return (
    <PortalFrame
      view={view}
      structure={structure}
      title={`${t('survey.take')}：${row.title}`}
      trail={trail}
    >
      {errors && <ErrorSummary errors={errors} />}
      <Form view={view} action={`/surveys/${row.id}/respond`} label={row.title}>
        {questions.map((q, i) => (
          <Question
            key={q.id}
            view={view}
            q={q}
            n={i + 1}
            values={values}
            error={errors?.[fieldOf(q)]}
          />
        ))}
        <Button>{t('survey.send')}</Button>
      </Form>
    </PortalFrame>
  );
}
