// The 差评 follow-up pages: the department's list of tasks and one task with
// the applicant's rating, the 整改反馈 form and then the 回访 form.
import { Button, ErrorSummary, TextArea } from '../../../web/components/form.tsx';
import { translator } from '../../../web/i18n/index.ts';
import type { ViewContext } from '../../../web/view.ts';
import type { Me } from '../../identity/admin/layout.tsx';
import { gradeLabel } from '../evaluation.ts';
import type { ApplicationFollowupRow, ApplicationRow } from '../tables.ts';
import { Workspace } from './admin-pages.tsx';
import { time } from './case-parts.tsx';

/** The back office speaks Chinese only. */
const tr = translator('zh-CN');

export function FollowupsPage(props: {
  view: ViewContext;
  me: Me;
  rows: (Pick<ApplicationFollowupRow, 'id' | 'status' | 'due_date' | 'grade'> & {
    tracking_no: string | null;
    service_name: string;
    application_id: string;
  })[];
  flash?: string;
}) {
  const { view, me, rows } = props;
  const title = view.t('applications.followups.title');
  const statusText = {
    open: tr('applications.followup.status.open'),
    answered: tr('applications.followup.status.answered'),
    closed: tr('applications.followup.status.closed'),
  } as const;
  return (
    <Workspace view={view} me={me} title={title} flash={props.flash}>
      <h1>{title}</h1>
      <p>{tr('applications.followup.lead')}</p>
      {rows.length === 0 ? (
        <p>{tr('applications.followup.empty')}</p>
      ) : (
        <table class="table">
          <caption>{tr('applications.followup.count', { count: rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{tr('applications.admin.col.trackingNo')}</th>
              <th scope="col">{tr('applications.admin.col.service')}</th>
              <th scope="col">{tr('applications.followup.col.grade')}</th>
              <th scope="col">{tr('applications.followup.col.due')}</th>
              <th scope="col">{tr('applications.admin.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <a href={`/admin/applications/followups/${r.id}`}>{r.tracking_no}</a>
                </td>
                <td>{r.service_name}</td>
                <td>{gradeLabel(r.grade)}</td>
                <td>{r.due_date}</td>
                <td>{statusText[r.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Workspace>
  );
}

export function FollowupPage(props: {
  view: ViewContext;
  me: Me;
  followup: ApplicationFollowupRow;
  app: ApplicationRow;
  comment: string | null;
  reasons: string[];
  errors: Record<string, string>;
}) {
  const { view, me, followup, app, errors } = props;
  const title = tr('applications.followup.title', { no: app.tracking_no ?? '' });
  return (
    <Workspace view={view} me={me} title={title}>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} />
      <dl class="details">
        <dt>{tr('applications.admin.col.service')}</dt>
        <dd>{app.service_name}</dd>
        <dt>{tr('applications.followup.col.grade')}</dt>
        <dd>{gradeLabel(followup.grade)}</dd>
        <dt>{tr('applications.followup.reasons')}</dt>
        <dd>{props.reasons.join('、') || '—'}</dd>
        <dt>{tr('applications.followup.comment')}</dt>
        <dd>{props.comment ?? '—'}</dd>
        <dt>{tr('applications.followup.col.due')}</dt>
        <dd>{followup.due_date}</dd>
        {followup.response && (
          <>
            <dt>{tr('applications.followup.response')}</dt>
            <dd>
              {followup.response}（{time(followup.responded_at)}）
            </dd>
          </>
        )}
        {followup.callback_note && (
          <>
            <dt>{tr('applications.followup.callback')}</dt>
            <dd>
              {followup.callback_note}（{time(followup.callback_at)}）
            </dd>
          </>
        )}
      </dl>
      {followup.status === 'open' && (
        <form
          class="form"
          action={`/admin/applications/followups/${followup.id}/respond`}
          method="post"
          novalidate
        >
          <input type="hidden" name="_csrf" value={view.csrfToken()} />
          <TextArea
            name="response"
            label={tr('applications.followup.response')}
            required
            maxLength={2000}
            error={errors.response}
            hint={tr('applications.followup.responseHint')}
          />
          <Button>{tr('applications.followup.submitResponse')}</Button>
        </form>
      )}
      {followup.status === 'answered' && (
        <form
          class="form"
          action={`/admin/applications/followups/${followup.id}/callback`}
          method="post"
          novalidate
        >
          <input type="hidden" name="_csrf" value={view.csrfToken()} />
          <TextArea
            name="callback_note"
            label={tr('applications.followup.callback')}
            required
            maxLength={2000}
            error={errors.callback_note}
            hint={tr('applications.followup.callbackHint')}
          />
          <Button>{tr('applications.followup.submitCallback')}</Button>
        </form>
      )}
      <p>
        <a href="/admin/applications/followups">{tr('applications.followup.back')}</a>
      </p>
    </Workspace>
  );
}
