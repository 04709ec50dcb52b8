// Back-office pages of the catalog: the department's guides with their
// completeness, the review queue, and the guide editor with its review actions.

import { formatShanghai } from '../../../platform/clock.ts';
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
import { Checkboxes } from '../../content/admin/fields.tsx';
import { LEVEL_NAMES } from '../../content/review.ts';
import { AdminLayout, type Me } from '../../identity/admin/layout.tsx';
import { workingGuide } from '../catalog.ts';
import { missingElements, missingNames } from '../completeness.ts';
import type { ReviewEntry } from '../review.ts';
import { SERVICE_REVIEW_LEVELS } from '../review.ts';
import { SERVICE_TYPES, type ServiceItemRow } from '../tables.ts';
import {
  ENTERPRISE_STAGES,
  ONLINE_DEPTH_NAMES,
  SERVICE_AUDIENCES,
  SERVICE_LIFE_EVENTS,
  SERVICE_THEMES,
} from '../taxonomy.ts';
import { MaterialFiles } from './files.tsx';
import type { GuideForm } from './form-values.ts';

export interface OrgOption {
  id: string;
  name: string;
}

function statusText(view: ViewContext, row: ServiceItemRow): string {
  const { t } = view;
  let text = t(`services.admin.status.${row.status}`);
  if (row.review_level > 0)
    text += t('services.admin.status.level', { level: LEVEL_NAMES[row.review_level] ?? '' });
  else if (row.pending) text += t('services.admin.status.pending');
  return text;
}

function Completeness({ view, row }: { view: ViewContext; row: ServiceItemRow }) {
  const missing = missingElements(workingGuide(row));
  return missing.length === 0 ? (
    <span>{view.t('services.admin.complete')}</span>
  ) : (
    <strong class="incomplete">
      {view.t('services.admin.missing', { names: missingNames(missing) })}
    </strong>
  );
}

function GuideRows({
  view,
  rows,
  orgs,
  caption,
}: {
  view: ViewContext;
  rows: ServiceItemRow[];
  orgs: Map<string, string>;
  caption: string;
}) {
  const { t } = view;
  return (
    <div class="table-scroll">
      <table class="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('services.admin.col.code')}</th>
            <th scope="col">{t('services.admin.col.name')}</th>
            <th scope="col">{t('services.admin.col.org')}</th>
            <th scope="col">{t('services.admin.col.status')}</th>
            <th scope="col">{t('services.admin.col.complete')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{r.code}</td>
              <th scope="row">
                <a href={`/admin/services/${r.id}`}>{workingGuide(r).name}</a>
              </th>
              <td>{orgs.get(r.org_id) ?? ''}</td>
              <td>{statusText(view, r)}</td>
              <td>
                <Completeness view={view} row={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface ListPageProps {
  view: ViewContext;
  me: Me;
  flash?: MessageKey;
  rows: ServiceItemRow[];
  queue: ServiceItemRow[];
  orgs: Map<string, string>;
  canCreate: boolean;
}

export function ServiceListAdmin(props: ListPageProps) {
  const { view, me, rows, queue, orgs } = props;
  const { t } = view;
  return (
    <AdminLayout view={view} title={t('services.admin.title')} me={me} flash={props.flash}>
      <h1>{t('services.admin.title')}</h1>
      {props.canCreate && (
        <p>
          <a class="button button-primary" href="/admin/services/new">
            {t('services.admin.new')}
          </a>
        </p>
      )}
      <section aria-labelledby="queue">
        <h2 id="queue">{t('services.admin.queue')}</h2>
        {queue.length === 0 ? (
          <p>{t('services.admin.queueEmpty')}</p>
        ) : (
          <GuideRows view={view} rows={queue} orgs={orgs} caption={t('services.admin.queue')} />
        )}
      </section>
      <section aria-labelledby="mine">
        <h2 id="mine">{t('services.admin.mine')}</h2>
        {rows.length === 0 ? (
          <p>{t('services.admin.empty')}</p>
        ) : (
          <GuideRows view={view} rows={rows} orgs={orgs} caption={t('services.admin.mine')} />
        )}
      </section>
    </AdminLayout>
  );
}

const options = (table: Record<string, string>) =>
  Object.entries(table).map(([value, label]) => ({ value, label }));

function GuideFields({
  view,
  values,
  errors,
  orgs,
}: {
  view: ViewContext;
  values: GuideForm;
  errors: Record<string, string>;
  orgs: OrgOption[];
}) {
  const { t } = view;
  return (
    <>
      <fieldset class="form-section">
        <legend>{t('services.admin.section.basic')}</legend>
        <Field
          name="code"
          label={t('services.admin.field.code')}
          value={values.code}
          error={errors.code}
          hint={t('services.admin.field.codeHint')}
          required
          maxLength={32}
        />
        <Field
          name="name"
          label={t('services.admin.field.name')}
          value={values.name}
          error={errors.name}
          required
          maxLength={200}
        />
        <TextArea
          name="summary"
          label={t('services.admin.field.summary')}
          value={values.summary}
          error={errors.summary}
          rows={2}
        />
        <Select
          name="type"
          label={t('services.admin.field.type')}
          value={values.type}
          error={errors.type}
          options={SERVICE_TYPES.map((v) => ({ value: v, label: v }))}
        />
        <Select
          name="orgId"
          label={t('services.admin.field.org')}
          value={values.orgId}
          error={errors.orgId}
          options={orgs.map((o) => ({ value: o.id, label: o.name }))}
        />
        <Select
          name="onlineDepth"
          label={t('services.admin.field.depth')}
          value={values.onlineDepth}
          error={errors.onlineDepth}
          options={options(ONLINE_DEPTH_NAMES)}
        />
      </fieldset>
      <fieldset class="form-section">
        <legend>{t('services.admin.section.guide')}</legend>
        <TextArea
          name="legalBasis"
          label={t('services.admin.field.basis')}
          value={values.legalBasis}
          error={errors.legalBasis}
          rows={3}
        />
        <TextArea
          name="conditions"
          label={t('services.admin.field.conditions')}
          value={values.conditions}
          error={errors.conditions}
          rows={3}
        />
        <TextArea
          name="materials"
          label={t('services.admin.field.materials')}
          value={values.materials}
          error={errors.materials}
          hint={t('services.admin.field.materialsHint')}
          rows={8}
          wide
        />
        <TextArea
          name="processSteps"
          label={t('services.admin.field.steps')}
          value={values.processSteps}
          error={errors.processSteps}
          hint={t('services.admin.field.stepsHint')}
          rows={5}
          wide
        />
        <TextArea
          name="faq"
          label={t('services.admin.field.faq')}
          value={values.faq}
          error={errors.faq}
          hint={t('services.admin.field.faqHint')}
          rows={4}
          wide
        />
      </fieldset>
      <fieldset class="form-section">
        <legend>{t('services.admin.section.time')}</legend>
        <Field
          name="statutoryDays"
          label={t('services.admin.field.statutory')}
          value={values.statutoryDays}
          error={errors.statutoryDays}
          inputmode="numeric"
          maxLength={4}
        />
        <Field
          name="promisedDays"
          label={t('services.admin.field.promised')}
          value={values.promisedDays}
          error={errors.promisedDays}
          inputmode="numeric"
          maxLength={4}
        />
        <Field
          name="feeStandard"
          label={t('services.admin.field.fee')}
          value={values.feeStandard}
          error={errors.feeStandard}
          hint={t('services.admin.field.feeHint')}
          maxLength={1000}
        />
        <Field
          name="feeBasis"
          label={t('services.admin.field.feeBasis')}
          value={values.feeBasis}
          error={errors.feeBasis}
          maxLength={1000}
        />
        <Field
          name="place"
          label={t('services.admin.field.place')}
          value={values.place}
          error={errors.place}
          maxLength={500}
        />
        <Field
          name="hours"
          label={t('services.admin.field.hours')}
          value={values.hours}
          error={errors.hours}
          maxLength={300}
        />
        <Field
          name="consultPhone"
          label={t('services.admin.field.consult')}
          type="tel"
          value={values.consultPhone}
          error={errors.consultPhone}
          maxLength={60}
        />
        <Field
          name="complaintPhone"
          label={t('services.admin.field.complaint')}
          type="tel"
          value={values.complaintPhone}
          error={errors.complaintPhone}
          maxLength={60}
        />
      </fieldset>
      <fieldset class="form-section">
        <legend>{t('services.admin.section.tags')}</legend>
        <Checkboxes
          name="audiences"
          legend={t('services.admin.field.audiences')}
          options={options(SERVICE_AUDIENCES)}
          checked={values.audiences ?? []}
          error={errors.audiences}
        />
        <Checkboxes
          name="lifeEvents"
          legend={t('services.admin.field.lifeEvents')}
          options={options(SERVICE_LIFE_EVENTS)}
          checked={values.lifeEvents ?? []}
          error={errors.lifeEvents}
        />
        <Checkboxes
          name="enterpriseStages"
          legend={t('services.admin.field.stages')}
          options={options(ENTERPRISE_STAGES)}
          checked={values.enterpriseStages ?? []}
          error={errors.enterpriseStages}
        />
        <Checkboxes
          name="themes"
          legend={t('services.admin.field.themes')}
          options={options(SERVICE_THEMES)}
          checked={values.themes ?? []}
          error={errors.themes}
        />
      </fieldset>
    </>
  );
}

export interface EditPageProps {
  view: ViewContext;
  me: Me;
  flash?: MessageKey;
  /** Absent for a new guide. */
  row?: ServiceItemRow;
  values: GuideForm;
  errors: Record<string, string>;
  message?: string;
  orgs: OrgOption[];
  history: ReviewEntry[];
  can: { manage: boolean; review: boolean; withdraw: boolean };
}

function ReviewActions({
  view,
  row,
  can,
}: Pick<EditPageProps, 'view' | 'can'> & { row: ServiceItemRow }) {
  const { t } = view;
  const base = `/admin/services/${row.id}`;
  const last = row.review_level >= SERVICE_REVIEW_LEVELS;
  const submittable =
    row.review_level === 0 && (row.status !== 'published' || row.pending !== null);
  return (
    <div class="actions">
      {can.manage && submittable && (
        <Form view={view} action={`${base}/submit`} label={t('services.admin.submit')}>
          <Button>{t('services.admin.submit')}</Button>
        </Form>
      )}
      {can.review && (
        <>
          <Form view={view} action={`${base}/approve`} label={t('services.admin.approve')}>
            <TextArea name="approveComment" label={t('services.admin.comment')} rows={2} />
            <Button>{last ? t('services.admin.approveLast') : t('services.admin.approve')}</Button>
          </Form>
          <Form view={view} action={`${base}/return`} label={t('services.admin.return')}>
            <TextArea name="returnComment" label={t('services.admin.comment')} rows={2} required />
            <Button kind="secondary">{t('services.admin.return')}</Button>
          </Form>
        </>
      )}
      {can.withdraw && row.status === 'published' && (
        <Form view={view} action={`${base}/withdraw`} label={t('services.admin.withdraw')}>
          <Field
            name="withdrawReason"
            label={t('services.admin.reason')}
            required
            maxLength={500}
          />
          <Button kind="danger">{t('services.admin.withdraw')}</Button>
        </Form>
      )}
    </div>
  );
}

function History({ view, history }: { view: ViewContext; history: ReviewEntry[] }) {
  const { t } = view;
  if (history.length === 0) return null;
  return (
    <section aria-labelledby="history">
      <h2 id="history">{t('services.admin.history')}</h2>
      <ol class="history">
        {history.map((h) => (
          <li key={`${h.createdAt}-${h.action}-${h.level}`}>
            {formatShanghai(h.createdAt)} {h.actorName} {t(`services.admin.action.${h.action}`)}
            {h.level > 0 ? `（${LEVEL_NAMES[h.level]}）` : ''}
            {h.comment ? `：${h.comment}` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function ServiceEditPage(props: EditPageProps) {
  const { view, me, row, values, errors } = props;
  const { t } = view;
  const title = row
    ? t('services.admin.editTitle', { name: values.name })
    : t('services.admin.newTitle');
  const missing = row ? missingElements(workingGuide(row)) : [];
  return (
    <AdminLayout view={view} title={title} me={me} flash={props.flash}>
      <h1>{title}</h1>
      {row && (
        <p>
          {t('services.admin.col.status')}：{statusText(view, row)}
          {row.status === 'published' && (
            <>
              {' '}
              <a href={`/services/${row.code}`}>{t('services.admin.view')}</a>
            </>
          )}
        </p>
      )}
      {row && missing.length > 0 && (
        <p class="notice incomplete" role="status">
          {t('services.admin.incomplete', { names: missingNames(missing) })}
        </p>
      )}
      {row?.status === 'published' && props.can.manage && (
        <p class="notice">{t('services.admin.pendingNotice')}</p>
      )}
      {props.message && (
        <p class="error-message" role="alert">
          {props.message}
        </p>
      )}
      <ErrorSummary errors={errors} />
      {row && <ReviewActions view={view} row={row} can={props.can} />}
      {(props.can.manage || !row) && (
        <Form
          view={view}
          action={row ? `/admin/services/${row.id}` : '/admin/services'}
          label={title}
        >
          <GuideFields view={view} values={values} errors={errors} orgs={props.orgs} />
          <Button>{row ? t('services.admin.save') : t('services.admin.create')}</Button>
        </Form>
      )}
      {row && (
        <MaterialFiles
          view={view}
          id={row.id}
          materials={workingGuide(row).materials}
          canEdit={props.can.manage && row.review_level === 0}
        />
      )}
      <History view={view} history={props.history} />
    </AdminLayout>
  );
}
