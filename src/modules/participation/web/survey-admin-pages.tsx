// Back office of 在线调查: the list and a new survey; one survey with its
// questions (added and removed while nobody has answered), publication,
// results with every free-text answer, and the CSV export.
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
import { lastDayOf, type Phase } from '../common.ts';
import { optionsOf } from '../survey-form.ts';
import type { SurveyResults } from '../survey-results.ts';
import { QUESTION_KINDS } from '../surveys.ts';
import type { SurveyQuestionRow, SurveyRow } from '../tables.ts';
import {
  ActionForm,
  Facts,
  publicPageFact,
  RecordListPage,
  type RecordListProps,
  statusFact,
  WindowFields,
} from './admin-parts.tsx';
import { dateOf } from './frame.tsx';
import { ResultsView } from './results.tsx';

type Values = Record<string, string | undefined>;

export function SurveyAdminListPage(props: RecordListProps<SurveyRow>) {
  const { view, values, errors } = props;
  const { t } = view;
  return (
    <RecordListPage
      {...props}
      title="survey.title"
      newTitle="survey.admin.new"
      href="/admin/surveys"
      columns={[
        {
          head: 'participation.col.window',
          cell: (r) => t('participation.range', { from: dateOf(r.opens_at), to: lastDayOf(r) }),
        },
        { head: 'participation.col.status', cell: (r) => t(`consultation.status.${r.status}`) },
      ]}
    >
      <Field
        name="title"
        label={t('participation.col.title')}
        value={values.title}
        error={errors?.title}
        required
        maxLength={200}
      />
      <TextArea
        name="intro"
        label={t('survey.admin.intro')}
        value={values.intro}
        error={errors?.intro}
        maxLength={5000}
      />
      <WindowFields view={view} values={values} errors={errors} />
    </RecordListPage>
  );
}

export interface SurveyAdminProps {
  view: ViewContext;
  me: Me;
  row: SurveyRow;
  phase: Phase;
  questions: SurveyQuestionRow[];
  editable: boolean;
  results: SurveyResults;
  values: Values;
  errors?: Record<string, string>;
  flash?: MessageKey;
}

export function SurveyAdminPage(props: SurveyAdminProps) {
  const { view, me, row, phase, questions, editable, results, flash } = props;
  const { t } = view;
  const base = `/admin/surveys/${row.id}`;
  return (
    <AdminLayout view={view} title={row.title} me={me} flash={flash}>
      <h1>{row.title}</h1>
      <Facts
        items={[
          statusFact(view, row, phase),
          [
            t('participation.col.window'),
            t('participation.range', { from: dateOf(row.opens_at), to: lastDayOf(row) }),
          ],
          publicPageFact(view, `/surveys/${row.id}`),
        ]}
      />
      <div class="actions">
        {row.status === 'draft' && (
          <ActionForm view={view} action={`${base}/publish`} label={t('survey.admin.publish')}>
            {t('survey.admin.publish')}
          </ActionForm>
        )}
        <a class="button button-secondary button-small" href={`${base}/export.csv`}>
          {t('survey.admin.export')}
        </a>
      </div>
      <section aria-labelledby="questions-title">
        <h2 id="questions-title">{t('survey.admin.questions')}</h2>
        {questions.length === 0 ? (
          <p>{t('survey.admin.noQuestions')}</p>
        ) : (
          <ol>
            {questions.map((q) => (
              <li key={q.id}>
                {`${q.prompt}（${QUESTION_KINDS[q.kind]}${q.required ? t('survey.admin.required') : ''}）`}
                {optionsOf(q).length > 0 && `：${optionsOf(q).join(' / ')}`}
                {editable && (
                  <ActionForm
                    view={view}
                    action={`${base}/questions/${q.id}/remove`}
                    label={`${t('survey.admin.remove')}：${q.prompt}`}
                    kind="danger"
                  >
                    {t('survey.admin.remove')}
                  </ActionForm>
                )}
              </li>
            ))}
          </ol>
        )}
        {editable && <QuestionForm {...props} />}
      </section>
      <ResultsView view={view} results={results} showTexts />
    </AdminLayout>
  );
}

function QuestionForm({ view, row, values, errors }: SurveyAdminProps) {
  const { t } = view;
  return (
    <>
      <h3>{t('survey.admin.addQuestion')}</h3>
      {errors && <ErrorSummary errors={errors} />}
      <Form
        view={view}
        action={`/admin/surveys/${row.id}/questions`}
        label={t('survey.admin.addQuestion')}
      >
        <Select
          name="kind"
          label={t('survey.admin.kind')}
          options={Object.entries(QUESTION_KINDS).map(([value, label]) => ({ value, label }))}
          value={values.kind}
          error={errors?.kind}
        />
        <Field
          name="prompt"
          label={t('survey.admin.prompt')}
          value={values.prompt}
          error={errors?.prompt}
          required
          maxLength={500}
        />
        <div class="field">
          <input
            type="checkbox"
            id="f-required"
            name="required"
            value="1"
            checked={values.required === '1'}
          />
          <label for="f-required">{t('survey.admin.requiredQ')}</label>
        </div>
        <TextArea
          name="options"
          label={t('survey.admin.options')}
          hint={t('survey.admin.options.hint')}
          value={values.options}
          error={errors?.options}
          maxLength={4000}
        />
        <Button>{t('survey.admin.addQuestion')}</Button>
      </Form>
    </>
  );
}
