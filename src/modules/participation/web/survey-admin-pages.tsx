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
import type { SiteRow } from '../../sites/tables.ts';
import { lastDayOf, type Phase } from '../common.ts';
import { optionsOf } from '../survey-form.ts';
import type { SurveyResults } from '../survey-results.ts';
import { QUESTION_KINDS } from '../surveys.ts';
import type { SurveyQuestionRow, SurveyRow } from '../tables.ts';
import { ActionForm, Facts, SiteSelect, WindowFields } from './admin-parts.tsx';
import { dateOf } from './frame.tsx';
import { ResultsView } from './results.tsx';

type Values = Record<string, string | undefined>;

export function SurveyAdminListPage({
  view,
  me,
  rows,
  sites,
  values,
  errors,
}: {
  view: ViewContext;
  me: Me;
  rows: SurveyRow[];
  sites: SiteRow[];
  values: Values;
  errors?: Record<string, string>;
}) {
  const { t } = view;
  return (
    <AdminLayout view={view} title={t('survey.title')} me={me}>
      <h1>{t('survey.title')}</h1>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t('participation.col.title')}</th>
            <th scope="col">{t('participation.col.window')}</th>
            <th scope="col">{t('participation.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <a href={`/admin/surveys/${r.id}`}>{r.title}</a>
              </td>
              <td>{t('participation.range', { from: dateOf(r.opens_at), to: lastDayOf(r) })}</td>
              <td>{t(`consultation.status.${r.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('survey.admin.new')}</h2>
      {errors && <ErrorSummary errors={errors} />}
      <Form view={view} action="/admin/surveys" label={t('survey.admin.new')}>
        <SiteSelect
          label={t('consultation.admin.site')}
          sites={sites}
          value={values.site}
          error={errors?.site}
        />
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
        <Button>{t('consultation.admin.save')}</Button>
      </Form>
    </AdminLayout>
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
          [
            t('participation.col.status'),
            `${t(`consultation.status.${row.status}`)}（${t(`participation.phase.${phase}`)}）`,
          ],
          [
            t('participation.col.window'),
            t('participation.range', { from: dateOf(row.opens_at), to: lastDayOf(row) }),
          ],
          [
            t('participation.col.publicPage'),
            <a href={`/surveys/${row.id}`}>{`/surveys/${row.id}`}</a>,
          ],
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
