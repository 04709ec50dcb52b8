// Public pages: the progress lookup by 受理编号 and phone tail, and the
// 好差评 statistics with their charts.
import { Button, ErrorSummary, Field, Form } from '../../../web/components/form.tsx';
import { translator } from '../../../web/i18n/index.ts';
import type { ViewContext } from '../../../web/view.ts';
import type { StatsRow } from '../stats.ts';
import type { ApplicationEventRow, ApplicationRow } from '../tables.ts';
import { BarChart } from './bar-chart.tsx';
import { History, StatusText } from './case-parts.tsx';
import { type Frame, ServicePage } from './chrome.tsx';

/** These pages are Chinese only (no English route). */
const tr = translator('zh-CN');

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
          label={tr('applications.col.trackingNo')}
          required
          maxLength={40}
          value={values.tracking_no}
          error={errors.tracking_no}
          hint={tr('applications.progress.trackingHint')}
          autocomplete="off"
        />
        <Field
          name="phone_tail"
          label={tr('applications.progress.tail')}
          required
          maxLength={4}
          inputmode="numeric"
          value={values.phone_tail}
          error={errors.phone_tail}
          autocomplete="off"
        />
        <Button>{tr('applications.progress.submit')}</Button>
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
            {tr('applications.progress.status')}
            <StatusText status={c.status} />
            {c.due_date && tr('applications.progress.due', { date: c.due_date })}
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
          <th scope="col">{tr('applications.stats.received')}</th>
          <th scope="col">{tr('applications.stats.decided')}</th>
          <th scope="col">{tr('applications.stats.onTimeRate')}</th>
          <th scope="col">{tr('applications.stats.ratings')}</th>
          <th scope="col">{tr('applications.stats.satisfiedRate')}</th>
          <th scope="col">{tr('applications.stats.average')}</th>
          <th scope="col">{tr('applications.stats.bad')}</th>
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
      <p>{tr('applications.stats.explain')}</p>
      <h2>{tr('applications.stats.byOrg')}</h2>
      <BarChart
        id="chart-ontime"
        title={tr('applications.stats.chartOnTime')}
        description={tr('applications.stats.chartOnTimeDesc')}
        bars={byOrg
          .filter((r) => r.onTimeRate !== null)
          .map((r) => ({ label: label(r), value: r.onTimeRate! }))}
      />
      <BarChart
        id="chart-satisfaction"
        title={tr('applications.stats.chartSatisfaction')}
        description={tr('applications.stats.chartSatisfactionDesc')}
        alt
        bars={byOrg
          .filter((r) => r.satisfiedRate !== null)
          .map((r) => ({ label: label(r), value: r.satisfiedRate! }))}
      />
      <StatsTable
        caption={tr('applications.stats.tableOrg')}
        rows={byOrg}
        names={orgNames}
        keyHeader={tr('applications.stats.org')}
      />
      <h2>{tr('applications.stats.byService')}</h2>
      <StatsTable
        caption={tr('applications.stats.tableService')}
        rows={byService}
        names={serviceNames}
        keyHeader={tr('applications.col.service')}
      />
    </ServicePage>
  );
}
