// The applicant's pages: 我的办件 (every application with its status) and one
// application with its history, decision, 补正 form and 好差评 form.
import { Button, ErrorSummary, TextArea } from '../../../web/components/form.tsx';
import { translator } from '../../../web/i18n/index.ts';
import type { ViewContext } from '../../../web/view.ts';
import { ACCEPT_ATTRIBUTE } from '../../content/uploads.ts';
import { GRADES, gradeLabel, REASONS } from '../evaluation.ts';
import type {
  ApplicationEvaluationRow,
  ApplicationEventRow,
  ApplicationFileRow,
  ApplicationRow,
} from '../tables.ts';
import { FileList, History, StatusText, time } from './case-parts.tsx';
import { type Frame, ServicePage } from './chrome.tsx';

/** These pages are Chinese only (no English route). */
const tr = translator('zh-CN');

export function MyApplicationsPage(props: {
  view: ViewContext;
  frame: Frame;
  entries: { app: ApplicationRow; parts: ApplicationRow[] }[];
}) {
  const { view, frame, entries } = props;
  const title = view.t('applications.mine.title');
  return (
    <ServicePage view={view} frame={frame} title={title}>
      <h1>{title}</h1>
      {entries.length === 0 ? (
        <p>{view.t('applications.mine.empty')}</p>
      ) : (
        <table class="table">
          <caption>{tr('applications.mine.count', { count: entries.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{tr('applications.col.trackingNo')}</th>
              <th scope="col">{tr('applications.col.service')}</th>
              <th scope="col">{tr('applications.col.status')}</th>
              <th scope="col">{tr('applications.col.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map(({ app, parts }) => (
              <tr key={app.id}>
                <td>
                  <a href={`/account/applications/${app.id}`}>
                    {app.tracking_no ?? tr('applications.draft')}
                  </a>
                </td>
                <td>{app.service_name}</td>
                <td>
                  {app.kind === 'bundle' ? (
                    <ul>
                      {parts.map((p) => (
                        <li key={p.id}>
                          {p.service_name}：<StatusText status={p.status} />
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <StatusText status={app.status} />
                  )}
                </td>
                <td>{time(app.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ServicePage>
  );
}

export interface CaseView {
  app: ApplicationRow;
  events: ApplicationEventRow[];
  files: ApplicationFileRow[];
  evaluation?: ApplicationEvaluationRow;
  canSupply: boolean;
  canRate: boolean;
}

function SupplyForm({
  view,
  app,
  errors,
}: {
  view: ViewContext;
  app: ApplicationRow;
  errors: Record<string, string>;
}) {
  const id = 'f-files';
  return (
    <section aria-labelledby={`supply-${app.id}`}>
      <h3 id={`supply-${app.id}`}>{view.t('applications.supply.title')}</h3>
      <p class="notice">{tr('applications.supply.request', { note: app.note ?? '' })}</p>
      <form
        class="form"
        action={`/account/applications/${app.id}/supply`}
        method="post"
        enctype="multipart/form-data"
        novalidate
      >
        <input type="hidden" name="_csrf" value={view.csrfToken()} />
        <div class={errors.files ? 'field field-error' : 'field'}>
          <label for={id}>{tr('applications.supply.files')}</label>
          {errors.files && (
            <p class="error-text" id={`${id}-error`}>
              {errors.files}
            </p>
          )}
          <input
            id={id}
            type="file"
            name="files"
            multiple
            accept={ACCEPT_ATTRIBUTE}
            aria-describedby={errors.files ? `${id}-error` : undefined}
          />
        </div>
        <Button>{view.t('applications.supply.submit')}</Button>
      </form>
    </section>
  );
}

function RateForm({
  view,
  app,
  errors,
}: {
  view: ViewContext;
  app: ApplicationRow;
  errors: Record<string, string>;
}) {
  return (
    <section aria-labelledby={`rate-${app.id}`}>
      <h3 id={`rate-${app.id}`}>{view.t('applications.rate.title')}</h3>
      <form class="form" action={`/account/applications/${app.id}/rate`} method="post" novalidate>
        <input type="hidden" name="_csrf" value={view.csrfToken()} />
        <fieldset class={errors.grade ? 'fieldset field-error' : 'fieldset'} id="f-grade">
          <legend>{tr('applications.rate.grade')}</legend>
          {errors.grade && <p class="error-text">{errors.grade}</p>}
          {GRADES.map((g) => (
            <label key={g.value} class="choice">
              <input type="radio" name="grade" value={String(g.value)} /> {g.label}
            </label>
          ))}
        </fieldset>
        <fieldset class="fieldset" id="f-reasons">
          <legend>{tr('applications.rate.reasons')}</legend>
          {Object.entries(REASONS).map(([key, label]) => (
            <label key={key} class="choice">
              <input type="checkbox" name="reasons" value={key} /> {label}
            </label>
          ))}
        </fieldset>
        <TextArea
          name="comment"
          label={tr('applications.rate.comment')}
          maxLength={500}
          error={errors.comment}
          hint={tr('applications.rate.commentHint')}
        />
        <Button>{view.t('applications.rate.submit')}</Button>
      </form>
    </section>
  );
}

function CaseSection({
  view,
  c,
  errors,
  heading,
}: {
  view: ViewContext;
  c: CaseView;
  errors: Record<string, string>;
  heading: boolean;
}) {
  const { app } = c;
  return (
    <section aria-labelledby={`case-${app.id}`}>
      {heading ? (
        <h2 id={`case-${app.id}`}>
          {app.service_name}（{app.tracking_no}）
        </h2>
      ) : (
        <h2 id={`case-${app.id}`}>{tr('applications.case.heading')}</h2>
      )}
      <dl class="details">
        <dt>{tr('applications.case.status')}</dt>
        <dd>
          <StatusText status={app.status} />
        </dd>
        <dt>{tr('applications.case.due')}</dt>
        <dd>{app.due_date ?? tr('applications.case.dueLater')}</dd>
        {app.decision_text && (
          <>
            <dt>{tr('applications.case.result')}</dt>
            <dd>{app.decision_text}</dd>
          </>
        )}
        {app.decision_file && (
          <>
            <dt>{tr('applications.case.decisionFile')}</dt>
            <dd>
              <a href={`/account/applications/${app.id}/decision`}>
                {app.decision_file_name ?? tr('applications.case.decisionDownload')}
              </a>
            </dd>
          </>
        )}
        {c.evaluation && (
          <>
            <dt>{tr('applications.case.myRating')}</dt>
            <dd>{gradeLabel(c.evaluation.grade)}</dd>
          </>
        )}
      </dl>
      <h3>{view.t('applications.detail.history')}</h3>
      <History events={c.events} showActors={false} />
      <h3>{tr('applications.case.files')}</h3>
      <FileList files={c.files} href={(f) => `/account/applications/${app.id}/files/${f.id}`} />
      {heading && (c.canSupply || c.canRate) && (
        <p>
          <a href={`/account/applications/${app.id}`}>
            {c.canSupply ? tr('applications.case.toSupply') : tr('applications.case.toRate')}：
            {app.service_name}
          </a>
        </p>
      )}
      {!heading && c.canSupply && <SupplyForm view={view} app={app} errors={errors} />}
      {!heading && c.canRate && <RateForm view={view} app={app} errors={errors} />}
    </section>
  );
}

export function MyApplicationPage(props: {
  view: ViewContext;
  frame: Frame;
  root: ApplicationRow;
  cases: CaseView[];
  errors: Record<string, string>;
  flash?: string;
}) {
  const { view, frame, root, cases, errors } = props;
  const title = view.t('applications.detail.title', {
    no: root.tracking_no ?? tr('applications.draft'),
  });
  return (
    <ServicePage view={view} frame={frame} title={title}>
      <h1>{title}</h1>
      {props.flash && (
        <p class="flash" role="status">
          {props.flash}
        </p>
      )}
      <ErrorSummary errors={errors} />
      <p>
        {tr('applications.detail.meta', {
          service: root.service_name,
          time: time(root.submitted_at),
        })}
      </p>
      {root.tracking_no && (
        <p>
          {tr('applications.detail.trackingNo')}
          <span class="tracking-no">{root.tracking_no}</span>
        </p>
      )}
      {cases.map((c) => (
        <CaseSection
          key={c.app.id}
          view={view}
          c={c}
          errors={errors}
          heading={root.kind === 'bundle'}
        />
      ))}
      <p>
        <a href="/account/applications">{tr('applications.mine.back')}</a>
      </p>
    </ServicePage>
  );
}
