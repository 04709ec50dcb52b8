// Public pages: the progress lookup by 受理编号 and phone tail, and the
// 好差评 statistics with their charts.
import { Button, ErrorSummary, Field, Form } from '../../../web/components/form.tsx';
import type { ViewContext } from '../../../web/view.ts';
import type { StatsRow } from '../stats.ts';
import type { ApplicationEventRow, ApplicationRow } from '../tables.ts';
import { BarChart } from './bar-chart.tsx';
import { History, StatusText } from './case-parts.tsx';
import { type Frame, ServicePage } from './chrome.tsx';

export interface ProgressResult {
  app: ApplicationRow;
  parts: ApplicationRow[];
  events: ApplicationEventRow[];
}

export function ProgressPage(props: {
  view: ViewContext;
  frame: Frame;
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string;
  result?: ProgressResult;
}) {
  const { view, frame, values, errors, result } = props;
  const title = view.t('applications.progress.title');
  return (
    <ServicePage view={view} frame={frame} title={title}>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} />
      {props.message && (
        <p class="notice" role="status">
          {props.message}
        </p>
      )}
      <p>{view.t('applications.progress.lead')}</p>
      <Form view={view} action="/services/progress" label={title}>
        <Field
          name="tracking_no"
          label="受理编号"
          required
          maxLength={40}
          value={values.tracking_no}
          error={errors.tracking_no}
          hint="例如 YM20261201000001"
          autocomplete="off"
        />
        <Field
          name="phone_tail"
          label="手机号码后四位"
          required
          maxLength={4}
          inputmode="numeric"
          value={values.phone_tail}
          error={errors.phone_tail}
          autocomplete="off"
        />
        <Button>查询</Button>
      </Form>
      {result && <ProgressResultView result={result} />}
    </ServicePage>
  );
}

function ProgressResultView({ result }: { result: ProgressResult }) {
  const { app, parts, events } = result;
  const cases = app.kind === 'bundle' ? parts : [app];
  return (
    <section aria-labelledby="progress-result">
      <h2 id="progress-result">
        {app.service_name}（{app.tracking_no}）
      </h2>
      {cases.map((c) => (
        <div key={c.id}>
          {app.kind === 'bundle' && <h3>{c.service_name}</h3>}
          <p>
            当前状态：
            <StatusText status={c.status} />
            {c.due_date && `　承诺办结日期：${c.due_date}`}
          </p>
          <History events={events.filter((e) => e.application_id === c.id)} showActors={false} />
        </div>
      ))}
    </section>
  );
}

const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
const grade = (g: number | null) => (g === null ? '—' : g.toFixed(2));

function StatsTable({
  caption,
  rows,
  names,
  keyHeader,
}: {
  caption: string;
  rows: StatsRow[];
  names: Map<string, string>;
  keyHeader: string;
}) {
  return (
    <table class="table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{keyHeader}</th>
          <th scope="col">收件数</th>
          <th scope="col">办结数</th>
          <th scope="col">按期办结率</th>
          <th scope="col">评价数</th>
          <th scope="col">满意率</th>
          <th scope="col">平均评分（5分制）</th>
          <th scope="col">差评数</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{names.get(r.key) ?? r.key}</th>
            <td>{r.received}</td>
            <td>{r.decided}</td>
            <td>{percent(r.onTimeRate)}</td>
            <td>{r.ratings}</td>
            <td>{percent(r.satisfiedRate)}</td>
            <td>{grade(r.averageGrade)}</td>
            <td>{r.badReviews}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function StatsPage(props: {
  view: ViewContext;
  frame: Frame;
  byOrg: StatsRow[];
  byService: StatsRow[];
  orgNames: Map<string, string>;
  serviceNames: Map<string, string>;
}) {
  const { view, frame, byOrg, byService, orgNames, serviceNames } = props;
  const title = view.t('applications.stats.title');
  const label = (r: StatsRow) => orgNames.get(r.key) ?? r.key;
  return (
    <ServicePage view={view} frame={frame} title={title}>
      <h1>{title}</h1>
      <p>
        按期办结率＝按承诺时限（工作日，补正期间暂停计时）作出决定的办件占已办结办件的比例；满意率＝“基本满意”及以上评价占全部评价的比例。
      </p>
      <h2>各部门</h2>
      <BarChart
        id="chart-ontime"
        title="各部门按期办结率"
        description="条形长度表示各部门按期办结率，数值见下表。"
        bars={byOrg
          .filter((r) => r.onTimeRate !== null)
          .map((r) => ({ label: label(r), value: r.onTimeRate! }))}
      />
      <BarChart
        id="chart-satisfaction"
        title="各部门满意率"
        description="条形长度表示各部门满意率，数值见下表。"
        alt
        bars={byOrg
          .filter((r) => r.satisfiedRate !== null)
          .map((r) => ({ label: label(r), value: r.satisfiedRate! }))}
      />
      <StatsTable caption="各部门办件与评价统计" rows={byOrg} names={orgNames} keyHeader="部门" />
      <h2>各事项</h2>
      <StatsTable
        caption="各事项办件与评价统计"
        rows={byService}
        names={serviceNames}
        keyHeader="事项"
      />
    </ServicePage>
  );
}
