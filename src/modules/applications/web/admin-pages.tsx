// The handling workspace: the department's queue with filters and deadline
// colours, one case with its values, files, history and the moves open to
// the handler, the supervisors' overdue list, and the 差评 follow-ups.
import type { ComponentChildren } from 'preact';
import { assetUrl } from '../../../web/assets.ts';
import { Button, ErrorSummary, Field, Select, TextArea } from '../../../web/components/form.tsx';
import { translator } from '../../../web/i18n/index.ts';
import type { ViewContext } from '../../../web/view.ts';
import { ACCEPT_ATTRIBUTE } from '../../content/uploads.ts';
import { AdminLayout, type Me } from '../../identity/admin/layout.tsx';
import type { Urgency } from '../deadline.ts';
import type { FormDefinition } from '../form-definition.ts';
import { ACTION_LABELS, type Action, STATUS_LABELS } from '../lifecycle.ts';
import type { QueueEntry } from '../queries.ts';
import {
  APPLICATION_STATUSES,
  type ApplicationEventRow,
  type ApplicationFileRow,
  type ApplicationRow,
} from '../tables.ts';
import { FileList, History, StatusText, time, UrgencyBadge } from './case-parts.tsx';

/** The back office speaks Chinese only. */
const tr = translator('zh-CN');

export function Workspace(props: {
  view: ViewContext;
  me: Me;
  title: string;
  flash?: string;
  children: ComponentChildren;
}) {
  return (
    <AdminLayout view={props.view} me={props.me} title={props.title}>
      <link rel="stylesheet" href={assetUrl('applications.css')} />
      {props.flash && (
        <p class="flash" role="status">
          {props.flash}
        </p>
      )}
      {props.children}
    </AdminLayout>
  );
}

/** 张三 → 张*; the applicant's full name is on the case page (an audited read). */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 3))}`;
}

export interface QueueFilters {
  status?: string;
  service?: string;
  overdue?: string;
  q?: string;
}

function QueueTable({
  entries,
  daysLeft,
  caption,
}: {
  entries: QueueEntry[];
  daysLeft: (a: ApplicationRow) => number | undefined;
  caption: string;
}) {
  return (
    <table class="table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{tr('applications.admin.col.trackingNo')}</th>
          <th scope="col">{tr('applications.admin.col.service')}</th>
          <th scope="col">{tr('applications.admin.col.applicant')}</th>
          <th scope="col">{tr('applications.admin.col.status')}</th>
          <th scope="col">{tr('applications.admin.col.submitted')}</th>
          <th scope="col">{tr('applications.admin.col.due')}</th>
          <th scope="col">{tr('applications.admin.col.deadline')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(({ app, urgency }) => {
          const left = daysLeft(app);
          return (
            <tr
              key={app.id}
              class={urgency === 'near' || urgency === 'overdue' ? `row-${urgency}` : undefined}
            >
              <td>
                <a href={`/admin/applications/${app.id}`}>{app.tracking_no}</a>
              </td>
              <td>{app.service_name}</td>
              <td>{maskName(app.applicant_name)}</td>
              <td>
                <StatusText status={app.status} />
              </td>
              <td>{time(app.submitted_at)}</td>
              <td>{app.due_date ?? '—'}</td>
              <td>
                <UrgencyBadge urgency={urgency} />
                {left !== undefined &&
                  (urgency === 'normal' || urgency === 'near') &&
                  tr('applications.admin.daysLeft', { days: left })}
                {left !== undefined &&
                  urgency === 'overdue' &&
                  tr('applications.admin.daysOver', { days: -left })}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function QueuePage(props: {
  view: ViewContext;
  me: Me;
  entries: QueueEntry[];
  filters: QueueFilters;
  services: { code: string; name: string }[];
  daysLeft: (a: ApplicationRow) => number | undefined;
}) {
  const { view, me, entries, filters } = props;
  const title = view.t('applications.queue.title');
  return (
    <Workspace view={view} me={me} title={title}>
      <h1>{title}</h1>
      <p>
        <a href="/admin/applications/followups">{tr('applications.admin.followupsLink')}</a>
      </p>
      <form
        class="form filters"
        action="/admin/applications"
        method="get"
        aria-label={tr('applications.admin.filter.label')}
      >
        <Select
          name="status"
          label={tr('applications.admin.col.status')}
          value={filters.status}
          options={[
            { value: '', label: tr('applications.admin.filter.allStatuses') },
            ...APPLICATION_STATUSES.filter((s) => s !== 'draft').map((s) => ({
              value: s,
              label: STATUS_LABELS[s],
            })),
          ]}
        />
        <Select
          name="service"
          label={tr('applications.admin.col.service')}
          value={filters.service}
          options={[
            { value: '', label: tr('applications.admin.filter.allServices') },
            ...props.services.map((s) => ({ value: s.code, label: `${s.code} ${s.name}` })),
          ]}
        />
        <Field
          name="q"
          label={tr('applications.admin.col.trackingNo')}
          value={filters.q}
          maxLength={40}
        />
        <div class="field">
          <label class="choice" for="f-overdue">
            <input
              id="f-overdue"
              type="checkbox"
              name="overdue"
              value="1"
              checked={filters.overdue === '1'}
            />{' '}
            {tr('applications.admin.filter.overdue')}
          </label>
        </div>
        <div class="field">
          <Button kind="secondary">{tr('applications.admin.filter.submit')}</Button>
        </div>
      </form>
      {entries.length === 0 ? (
        <p>{tr('applications.admin.queue.empty')}</p>
      ) : (
        <QueueTable
          entries={entries}
          daysLeft={props.daysLeft}
          caption={tr('applications.admin.queue.caption', { count: entries.length })}
        />
      )}
    </Workspace>
  );
}

function ActionForm({
  view,
  app,
  action,
  errors,
}: {
  view: ViewContext;
  app: ApplicationRow;
  action: Action;
  errors: Record<string, string>;
}) {
  const label = ACTION_LABELS[action];
  const decision = action === 'approve' || action === 'reject';
  const note = action !== 'accept' && action !== 'close';
  const noteLabel =
    action === 'refuse'
      ? tr('applications.admin.note.refuse')
      : action === 'request_supplement'
        ? tr('applications.admin.note.supplement')
        : tr('applications.admin.note.decision');
  const prefix = `${action}`;
  return (
    <section class="fieldset" aria-labelledby={`act-${prefix}`}>
      <h3 id={`act-${prefix}`}>{label}</h3>
      <form
        class="form"
        action={`/admin/applications/${app.id}/${decision ? 'decide' : 'act'}`}
        method="post"
        enctype={decision ? 'multipart/form-data' : undefined}
        novalidate
      >
        <input type="hidden" name="_csrf" value={view.csrfToken()} />
        <input type="hidden" name="action" value={action} />
        {note && (
          <TextArea
            name={`note_${prefix}`}
            label={noteLabel}
            required
            maxLength={2000}
            error={errors[`note_${prefix}`]}
          />
        )}
        {decision && (
          <div class="field">
            <label for={`f-decision_${prefix}`}>{tr('applications.admin.decisionFile')}</label>
            <input
              id={`f-decision_${prefix}`}
              type="file"
              name="decision"
              accept={ACCEPT_ATTRIBUTE}
            />
          </div>
        )}
        <Button kind={action === 'refuse' || action === 'reject' ? 'danger' : 'primary'}>
          {label}
        </Button>
      </form>
    </section>
  );
}

export function CasePage(props: {
  view: ViewContext;
  me: Me;
  app: ApplicationRow;
  definition: FormDefinition | undefined;
  values: Record<string, string>;
  files: ApplicationFileRow[];
  events: ApplicationEventRow[];
  actions: Action[];
  urgency: Urgency;
  errors: Record<string, string>;
  flash?: string;
}) {
  const { view, me, app, definition, values, errors } = props;
  const title = view.t('applications.case.title', { no: app.tracking_no ?? '' });
  const labelOf = (name: string) => definition?.fields.find((f) => f.name === name)?.label ?? name;
  const optionOf = (name: string, v: string) =>
    definition?.fields.find((f) => f.name === name)?.options?.find((o) => o.value === v)?.label ??
    (v === '1' ? tr('applications.admin.yes') : v);
  return (
    <Workspace view={view} me={me} title={title} flash={props.flash}>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} />
      <dl class="details">
        <dt>{tr('applications.admin.col.service')}</dt>
        <dd>{app.service_name}</dd>
        <dt>{tr('applications.admin.col.applicant')}</dt>
        <dd>{app.applicant_name}</dd>
        <dt>{tr('applications.admin.col.status')}</dt>
        <dd>
          <StatusText status={app.status} />
        </dd>
        <dt>{tr('applications.admin.col.due')}</dt>
        <dd>
          {app.due_date ?? tr('applications.admin.dueLater')}{' '}
          <UrgencyBadge urgency={props.urgency} />
        </dd>
        <dt>{tr('applications.admin.paused')}</dt>
        <dd>{tr('applications.admin.pausedDays', { days: app.paused_days })}</dd>
        {app.note && (
          <>
            <dt>{tr('applications.admin.latestNote')}</dt>
            <dd>{app.note}</dd>
          </>
        )}
      </dl>
      <h2>{tr('applications.admin.values')}</h2>
      <dl class="details">
        {Object.entries(values).map(([k, v]) => (
          <>
            <dt key={`${k}-t`}>{labelOf(k)}</dt>
            <dd key={`${k}-d`}>{optionOf(k, v)}</dd>
          </>
        ))}
      </dl>
      <h2>{tr('applications.admin.files')}</h2>
      <FileList files={props.files} href={(f) => `/admin/applications/${app.id}/files/${f.id}`} />
      <h2>{tr('applications.admin.history')}</h2>
      <History events={props.events} showActors />
      {props.actions.length > 0 && <h2>{tr('applications.admin.actions')}</h2>}
      {props.actions.map((a) => (
        <ActionForm key={a} view={view} app={app} action={a} errors={errors} />
      ))}
      <p>
        <a href="/admin/applications">{tr('applications.admin.back')}</a>
      </p>
    </Workspace>
  );
}

export function OverduePage(props: {
  view: ViewContext;
  me: Me;
  groups: { orgName: string; entries: QueueEntry[] }[];
  daysLeft: (a: ApplicationRow) => number | undefined;
}) {
  const { view, me, groups } = props;
  const title = view.t('applications.overdue.title');
  return (
    <Workspace view={view} me={me} title={title}>
      <h1>{title}</h1>
      <p>{tr('applications.admin.overdue.lead')}</p>
      {groups.length === 0 && <p>{tr('applications.admin.overdue.empty')}</p>}
      {groups.map((g) => (
        <section key={g.orgName} aria-label={g.orgName}>
          <h2>{g.orgName}</h2>
          <QueueTable
            entries={g.entries}
            daysLeft={props.daysLeft}
            caption={tr('applications.admin.overdue.caption', {
              org: g.orgName,
              count: g.entries.filter((e) => e.urgency === 'overdue').length,
            })}
          />
        </section>
      ))}
    </Workspace>
  );
}
