// Back office of 我为政府网站找错: the queue of reports for the sites one
// manages (open ones first, with their deadline and an overdue mark), and
// one report with the form that records what was done and answers.
import { Button, ErrorSummary, Form, Select, TextArea } from '../../../web/components/form.tsx';
import type { ViewContext } from '../../../web/view.ts';
import { AdminLayout, type Me } from '../../identity/admin/layout.tsx';
import { ERROR_KINDS, type ErrorKind, REPORT_STATUS_LABELS } from '../feedback.ts';
import type { FeedbackReportRow } from '../tables.ts';
import { Facts } from './admin-parts.tsx';
import { dateOf, Paragraphs } from './frame.tsx';

const kindLabel = (k: string) => ERROR_KINDS[k as ErrorKind] ?? k;

export function FeedbackListPage({
  view,
  me,
  reports,
  today,
}: {
  view: ViewContext;
  me: Me;
  reports: FeedbackReportRow[];
  today: string;
}) {
  const { t } = view;
  return (
    <AdminLayout view={view} title={t('feedback.admin.title')} me={me}>
      <h1>{t('feedback.admin.title')}</h1>
      {reports.length === 0 ? (
        <p>{t('feedback.admin.empty')}</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('feedback.lookup.code')}</th>
              <th scope="col">{t('feedback.field.page')}</th>
              <th scope="col">{t('feedback.field.kind')}</th>
              <th scope="col">{t('feedback.field.submitted')}</th>
              <th scope="col">{t('feedback.field.due')}</th>
              <th scope="col">{t('feedback.field.status')}</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((r) => (
              <tr key={r.id}>
                <td>
                  <a href={`/admin/feedback/${r.id}`}>{r.code}</a>
                </td>
                <td>{r.page_url}</td>
                <td>{kindLabel(r.kind)}</td>
                <td>{dateOf(r.created_at)}</td>
                <td>
                  {r.due_on}
                  {r.status === 'open' && r.due_on < today && (
                    <strong class="overdue">（{t('feedback.admin.overdue')}）</strong>
                  )}
                </td>
                <td>{REPORT_STATUS_LABELS[r.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}

export function FeedbackDetailPage({
  view,
  me,
  report,
  values,
  errors,
  flash,
}: {
  view: ViewContext;
  me: Me;
  report: FeedbackReportRow;
  values: Record<string, string | undefined>;
  errors?: Record<string, string>;
  flash?: boolean;
}) {
  const { t } = view;
  const title = `${t('feedback.admin.title')}：${report.code}`;
  return (
    <AdminLayout
      view={view}
      title={title}
      me={me}
      flash={flash ? 'feedback.admin.done' : undefined}
    >
      <h1>{title}</h1>
      <Facts
        items={[
          [t('feedback.field.page'), <a href={report.page_url}>{report.page_url}</a>],
          [t('feedback.field.kind'), kindLabel(report.kind)],
          [t('feedback.field.submitted'), dateOf(report.created_at)],
          [t('feedback.field.due'), report.due_on],
          [t('feedback.field.status'), REPORT_STATUS_LABELS[report.status]],
          [t('feedback.admin.contact'), report.contact_masked ?? '—'],
        ]}
      />
      <h2>{t('feedback.description')}</h2>
      <Paragraphs text={report.description} />
      {report.status === 'open' ? (
        <>
          {errors && <ErrorSummary errors={errors} />}
          <Form
            view={view}
            action={`/admin/feedback/${report.id}`}
            label={t('feedback.admin.resolve')}
          >
            <Select
              name="outcome"
              label={t('feedback.admin.outcome')}
              options={[
                { value: 'fixed', label: REPORT_STATUS_LABELS.fixed },
                { value: 'rejected', label: REPORT_STATUS_LABELS.rejected },
              ]}
              value={values.outcome}
              error={errors?.outcome}
            />
            <TextArea
              name="answer"
              label={t('feedback.admin.answer')}
              hint={t('feedback.admin.answer.hint')}
              value={values.answer}
              error={errors?.answer}
              maxLength={1000}
              required
            />
            <Button>{t('feedback.admin.resolve')}</Button>
          </Form>
        </>
      ) : (
        <>
          <h2>{t('feedback.field.answer')}</h2>
          <Paragraphs text={report.answer ?? ''} />
        </>
      )}
    </AdminLayout>
  );
}
