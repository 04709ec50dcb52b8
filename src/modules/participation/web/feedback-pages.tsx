// Public pages of 我为政府网站找错: the report form (the page address comes
// prefilled from the link in every page's footer), the confirmation with
// the lookup code, and the result looked up by that code.
import {
  Button,
  ErrorSummary,
  Field,
  Form,
  Select,
  TextArea,
} from '../../../web/components/form.tsx';
import type { ViewContext } from '../../../web/view.ts';
import type { Structure } from '../../portal/structure.ts';
import {
  ERROR_KINDS,
  REPORT_DEADLINE_DAYS,
  REPORT_STATUS_LABELS,
  type ReportStatusView,
} from '../feedback.ts';
import { dateOf, Paragraphs, PortalFrame } from './frame.tsx';

interface Base {
  view: ViewContext;
  structure: Structure;
}

export function ReportFormPage({
  view,
  structure,
  values,
  errors,
}: Base & { values: Record<string, string | undefined>; errors?: Record<string, string> }) {
  const { t } = view;
  const kinds = [
    { value: '', label: t('participation.choose') },
    ...Object.entries(ERROR_KINDS).map(([value, label]) => ({ value, label })),
  ];
  return (
    <PortalFrame view={view} structure={structure} title={t('feedback.title')}>
      <p class="lead">{t('feedback.lead', { days: REPORT_DEADLINE_DAYS })}</p>
      {errors && <ErrorSummary errors={errors} />}
      <Form view={view} action="/feedback/error" label={t('feedback.title')}>
        <Field
          name="page_url"
          label={t('feedback.pageUrl')}
          hint={t('feedback.pageUrl.hint')}
          value={values.page_url}
          error={errors?.page_url}
          required
          maxLength={1000}
        />
        <Select
          name="kind"
          label={t('feedback.kind')}
          options={kinds}
          value={values.kind}
          error={errors?.kind}
        />
        <TextArea
          name="description"
          label={t('feedback.description')}
          hint={t('feedback.description.hint')}
          value={values.description}
          error={errors?.description}
          maxLength={1000}
          required
          rows={5}
        />
        <Field
          name="contact"
          label={`${t('feedback.contact')}${t('participation.optional')}`}
          hint={t('feedback.contact.hint')}
          value={values.contact}
          error={errors?.contact}
          maxLength={254}
        />
        <Button>{t('feedback.send')}</Button>
      </Form>
      <LookupForm view={view} />
    </PortalFrame>
  );
}

function LookupForm({ view, code }: { view: ViewContext; code?: string }) {
  const { t } = view;
  return (
    <section class="section" aria-labelledby="lookup-title">
      <h2 id="lookup-title">{t('feedback.lookup.title')}</h2>
      <Form view={view} action="/feedback/status" method="get" label={t('feedback.lookup.title')}>
        <Field
          name="code"
          label={t('feedback.lookup.code')}
          hint={t('feedback.lookup.code.hint')}
          value={code}
          maxLength={20}
          autocomplete="off"
        />
        <Button kind="secondary">{t('feedback.lookup.send')}</Button>
      </Form>
    </section>
  );
}

export function ReportStatusPage({
  view,
  structure,
  report,
  code,
  fresh,
}: Base & { report?: ReportStatusView; code: string; fresh: boolean }) {
  const { t } = view;
  const title = fresh ? t('feedback.received.title') : t('feedback.status.title');
  const trail = [{ label: t('feedback.title'), href: '/feedback/error' }];
  return (
    <PortalFrame view={view} structure={structure} title={title} trail={trail}>
      {!report ? (
        <p role="alert">{t('feedback.lookup.none')}</p>
      ) : (
        <>
          {fresh && (
            <p class="notice" role="status">
              {t('feedback.received.lead')}
              <strong class="lookup-code">{report.code}</strong>
            </p>
          )}
          <table class="meta-table">
            <tbody>
              <Row label={t('feedback.lookup.code')} value={report.code} />
              <Row label={t('feedback.field.page')} value={report.pageUrl} />
              <Row label={t('feedback.field.kind')} value={report.kind} />
              <Row label={t('feedback.field.submitted')} value={dateOf(report.createdAt)} />
              <Row label={t('feedback.field.due')} value={report.dueOn} />
              <Row label={t('feedback.field.status')} value={REPORT_STATUS_LABELS[report.status]} />
              {report.handledAt && (
                <Row label={t('feedback.field.handled')} value={dateOf(report.handledAt)} />
              )}
            </tbody>
          </table>
          {report.answer && (
            <section class="section" aria-labelledby="answer-title">
              <h2 id="answer-title">{t('feedback.field.answer')}</h2>
              <Paragraphs text={report.answer} />
            </section>
          )}
        </>
      )}
      <LookupForm view={view} code={report ? undefined : code} />
    </PortalFrame>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{value}</td>
    </tr>
  );
}
