// The 差评 follow-up pages: the department's list of tasks and one task with
// the applicant's rating, the 整改反馈 form and then the 回访 form.
import { Button, ErrorSummary, TextArea } from '../../../web/components/form.tsx';
import type { ViewContext } from '../../../web/view.ts';
import type { Me } from '../../identity/admin/layout.tsx';
import { gradeLabel } from '../evaluation.ts';
import type { ApplicationFollowupRow, ApplicationRow } from '../tables.ts';
import { Workspace } from './admin-pages.tsx';
import { time } from './case-parts.tsx';

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
  const statusText = { open: '待整改反馈', answered: '待回访', closed: '已完成' } as const;
  return (
    <Workspace view={view} me={me} title={title} flash={props.flash}>
      <h1>{title}</h1>
      <p>“不满意”“非常不满意”评价须在15个工作日内提交整改反馈，并回访申请人。</p>
      {rows.length === 0 ? (
        <p>没有整改任务。</p>
      ) : (
        <table class="table">
          <caption>共 {rows.length} 项</caption>
          <thead>
            <tr>
              <th scope="col">受理编号</th>
              <th scope="col">事项</th>
              <th scope="col">评价</th>
              <th scope="col">整改期限</th>
              <th scope="col">状态</th>
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
  const title = `差评整改：${app.tracking_no}`;
  return (
    <Workspace view={view} me={me} title={title}>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} />
      <dl class="details">
        <dt>事项</dt>
        <dd>{app.service_name}</dd>
        <dt>评价</dt>
        <dd>{gradeLabel(followup.grade)}</dd>
        <dt>原因</dt>
        <dd>{props.reasons.join('、') || '—'}</dd>
        <dt>申请人意见</dt>
        <dd>{props.comment ?? '—'}</dd>
        <dt>整改期限</dt>
        <dd>{followup.due_date}</dd>
        {followup.response && (
          <>
            <dt>整改反馈</dt>
            <dd>
              {followup.response}（{time(followup.responded_at)}）
            </dd>
          </>
        )}
        {followup.callback_note && (
          <>
            <dt>回访记录</dt>
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
            label="整改反馈"
            required
            maxLength={2000}
            error={errors.response}
            hint="写明问题原因、已采取的整改措施和结果。"
          />
          <Button>提交整改反馈</Button>
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
            label="回访记录"
            required
            maxLength={2000}
            error={errors.callback_note}
            hint="记录回访时间、方式和申请人的意见。"
          />
          <Button>记录回访</Button>
        </form>
      )}
      <p>
        <a href="/admin/applications/followups">返回整改任务</a>
      </p>
    </Workspace>
  );
}
