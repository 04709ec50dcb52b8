// Back office of 意见征集: the list and a new solicitation; one solicitation
// with its editing form, publication, comment moderation and the feedback
// summary (accepted only after the window).
import { Button, ErrorSummary, Field, Form, TextArea } from '../../../web/components/form.tsx';
import type { MessageKey } from '../../../web/i18n/index.ts';
import type { ViewContext } from '../../../web/view.ts';
import { AdminLayout, type Me } from '../../identity/admin/layout.tsx';
import type { Phase } from '../common.ts';
import type { ConsultationCommentRow, ConsultationRow } from '../tables.ts';
import {
  ActionForm,
  Facts,
  publicPageFact,
  RecordListPage,
  type RecordListProps,
  statusFact,
  WindowFields,
} from './admin-parts.tsx';
import { dateOf, Paragraphs } from './frame.tsx';

type Values = Record<string, string | undefined>;

export function ConsultationAdminListPage(props: RecordListProps<ConsultationRow>) {
  const { view, values, errors } = props;
  return (
    <RecordListPage
      {...props}
      title="consultation.title"
      newTitle="consultation.admin.new"
      href="/admin/consultations"
      columns={[
        { head: 'consultation.department', cell: (r) => r.department },
        { head: 'participation.col.opens', cell: (r) => dateOf(r.opens_at) },
        {
          head: 'participation.col.status',
          cell: (r) => view.t(`consultation.status.${r.status}`),
        },
      ]}
    >
      <ConsultationFields view={view} values={values} errors={errors} />
    </RecordListPage>
  );
}

function ConsultationFields({
  view,
  values,
  errors,
}: {
  view: ViewContext;
  values: Values;
  errors?: Record<string, string>;
}) {
  const { t } = view;
  return (
    <>
      <Field
        name="title"
        label={t('participation.col.title')}
        value={values.title}
        error={errors?.title}
        required
        maxLength={200}
      />
      <Field
        name="department"
        label={t('consultation.department')}
        value={values.department}
        error={errors?.department}
        required
        maxLength={100}
      />
      <TextArea
        name="body"
        label={t('consultation.admin.body')}
        hint={t('consultation.admin.body.hint')}
        value={values.body}
        error={errors?.body}
        rows={10}
        maxLength={50000}
        required
        wide
      />
      <WindowFields view={view} values={values} errors={errors} />
    </>
  );
}

export interface ConsultationAdminProps {
  view: ViewContext;
  me: Me;
  row: ConsultationRow;
  phase: Phase;
  comments: ConsultationCommentRow[];
  values: Values;
  errors?: Record<string, string>;
  flash?: MessageKey;
}

export function ConsultationAdminPage(props: ConsultationAdminProps) {
  const { view, me, row, phase, values, errors, flash } = props;
  const { t } = view;
  const base = `/admin/consultations/${row.id}`;
  return (
    <AdminLayout view={view} title={row.title} me={me} flash={flash}>
      <h1>{row.title}</h1>
      <Facts
        items={[statusFact(view, row, phase), publicPageFact(view, `/consultations/${row.id}`)]}
      />
      <div class="actions">
        {row.status === 'draft' ? (
          <ActionForm
            view={view}
            action={`${base}/publish`}
            label={t('consultation.admin.publish')}
          >
            {t('consultation.admin.publish')}
          </ActionForm>
        ) : (
          <ActionForm
            view={view}
            action={`${base}/withdraw`}
            label={t('consultation.admin.withdraw')}
          >
            {t('consultation.admin.withdraw')}
          </ActionForm>
        )}
      </div>
      <Moderation {...props} />
      <section aria-labelledby="summary-title">
        <h2 id="summary-title">{t('consultation.admin.summary')}</h2>
        {row.summary && <Paragraphs text={row.summary} />}
        {phase === 'closed' ? (
          <Form view={view} action={`${base}/summary`} label={t('consultation.admin.summary')}>
            <TextArea
              name="summary"
              label={t('consultation.summary')}
              value={values.summary ?? row.summary ?? ''}
              error={errors?.summary}
              rows={6}
              maxLength={20000}
              required
              wide
            />
            <Button>{t('consultation.admin.summary')}</Button>
          </Form>
        ) : (
          <p class="hint">{t('consultation.admin.summary.hint')}</p>
        )}
      </section>
      <section aria-labelledby="edit-title">
        <h2 id="edit-title">{t('participation.edit')}</h2>
        {errors && !errors.summary && <ErrorSummary errors={errors} />}
        <Form view={view} action={base} label={t('participation.edit')}>
          <ConsultationFields view={view} values={values} errors={errors} />
          <Button>{t('consultation.admin.save')}</Button>
        </Form>
      </section>
    </AdminLayout>
  );
}

function Moderation({ view, row, comments }: ConsultationAdminProps) {
  const { t } = view;
  const base = `/admin/consultations/${row.id}/comments`;
  return (
    <section aria-labelledby="moderation-title">
      <h2 id="moderation-title">{t('consultation.admin.moderation')}</h2>
      {comments.length === 0 ? (
        <p>{t('consultation.comments.none')}</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('participation.col.time')}</th>
              <th scope="col">{t('participation.col.author')}</th>
              <th scope="col">{t('participation.col.comment')}</th>
              <th scope="col">{t('participation.col.status')}</th>
              <th scope="col">{t('participation.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {comments.map((c) => {
              const flagged = JSON.parse(c.flagged) as string[];
              return (
                <tr key={c.id}>
                  <td>{dateOf(c.created_at)}</td>
                  <td>{c.author_name}</td>
                  <td>
                    {c.body}
                    {flagged.length > 0 && (
                      <p class="error-text">
                        {t('consultation.admin.flagged', { terms: flagged.join('、') })}
                      </p>
                    )}
                  </td>
                  <td>{t(`comment.status.${c.status}`)}</td>
                  <td>
                    {c.status !== 'shown' && (
                      <ActionForm
                        view={view}
                        action={`${base}/${c.id}/show`}
                        label={`${t('consultation.admin.show')}：${c.author_name}`}
                      >
                        {t('consultation.admin.show')}
                      </ActionForm>
                    )}
                    {c.status !== 'hidden' && (
                      <ActionForm
                        view={view}
                        action={`${base}/${c.id}/hide`}
                        label={`${t('consultation.admin.hide')}：${c.author_name}`}
                      >
                        {t('consultation.admin.hide')}
                      </ActionForm>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
