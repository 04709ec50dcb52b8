// The handling workspace: the department's queue with filters and deadline
// colours, one case with its values, files, history and the moves open to
// the handler, the supervisors' overdue list, and the 差评 follow-ups.
import type { ComponentChildren } from 'preact';
import { assetUrl } from '../../../web/assets.ts';
import { Button, ErrorSummary, Field, Select, TextArea } from '../../../web/components/form.tsx';
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
          <th scope="col">受理编号</th>
          <th scope="col">事项</th>
          <th scope="col">申请人</th>
          <th scope="col">状态</th>
          <th scope="col">提交时间</th>
          <th scope="col">承诺办结日期</th>
          <th scope="col">期限</th>
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
                  `（剩${left}个工作日）`}
                {left !== undefined && urgency === 'overdue' && `（超${-left}个工作日）`}
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
        <a href="/admin/applications/followups">差评整改任务</a>
      </p>
      <form class="form filters" action="/admin/applications" method="get" aria-label="筛选办件">
        <Select
          name="status"
          label="状态"
          value={filters.status}
          options={[
            { value: '', label: '全部（草稿除外）' },
            ...APPLICATION_STATUSES.filter((s) => s !== 'draft').map((s) => ({
              value: s,
              label: STATUS_LABELS[s],
            })),
          ]}
        />
        <Select
          name="service"
          label="事项"
          value={filters.service}
          options={[
            { value: '', label: '全部事项' },
            ...props.services.map((s) => ({ value: s.code, label: `${s.code} ${s.name}` })),
          ]}
        />
        <Field name="q" label="受理编号" value={filters.q} maxLength={40} />
        <div class="field">
          <label class="choice" for="f-overdue">
            <input
              id="f-overdue"
              type="checkbox"
              name="overdue"
              value="1"
              checked={filters.overdue === '1'}
            />{' '}
            只看已超期
          </label>
        </div>
        <div class="field">
          <Button kind="secondary">筛选</Button>
        </div>
      </form>
      {entries.length === 0 ? (
        <p>没有符合条件的办件。</p>
      ) : (
        <QueueTable
          entries={entries}
          daysLeft={props.daysLeft}
          caption={`共 ${entries.length} 件，按承诺办结日期排序`}
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
      ? '不予受理理由'
      : action === 'request_supplement'
        ? '需要补正的内容（一次性告知）'
        : '决定内容';
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
            <label for={`f-decision_${prefix}`}>决定文书（可选）</label>
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
    (v === '1' ? '是' : v);
  return (
    <Workspace view={view} me={me} title={title} flash={props.flash}>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} />
      <dl class="details">
        <dt>事项</dt>
        <dd>{app.service_name}</dd>
        <dt>申请人</dt>
        <dd>{app.applicant_name}</dd>
        <dt>状态</dt>
        <dd>
          <StatusText status={app.status} />
        </dd>
        <dt>承诺办结日期</dt>
        <dd>
          {app.due_date ?? '受理后计算'} <UrgencyBadge urgency={props.urgency} />
        </dd>
        <dt>补正暂停</dt>
        <dd>{app.paused_days} 个工作日</dd>
        {app.note && (
          <>
            <dt>最新意见</dt>
            <dd>{app.note}</dd>
          </>
        )}
      </dl>
      <h2>申请表内容</h2>
      <dl class="details">
        {Object.entries(values).map(([k, v]) => (
          <>
            <dt key={`${k}-t`}>{labelOf(k)}</dt>
            <dd key={`${k}-d`}>{optionOf(k, v)}</dd>
          </>
        ))}
      </dl>
      <h2>申请材料</h2>
      <FileList files={props.files} href={(f) => `/admin/applications/${app.id}/files/${f.id}`} />
      <h2>办理过程</h2>
      <History events={props.events} showActors />
      {props.actions.length > 0 && <h2>办理操作</h2>}
      {props.actions.map((a) => (
        <ActionForm key={a} view={view} app={app} action={a} errors={errors} />
      ))}
      <p>
        <a href="/admin/applications">返回办件列表</a>
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
      <p>列出已超期和临近期限（2个工作日内到期）的办件，按部门分组。</p>
      {groups.length === 0 && <p>您督办的部门没有超期或临近期限的办件。</p>}
      {groups.map((g) => (
        <section key={g.orgName} aria-label={g.orgName}>
          <h2>{g.orgName}</h2>
          <QueueTable
            entries={g.entries}
            daysLeft={props.daysLeft}
            caption={`${g.orgName}：${g.entries.filter((e) => e.urgency === 'overdue').length} 件已超期`}
          />
        </section>
      ))}
    </Workspace>
  );
}
