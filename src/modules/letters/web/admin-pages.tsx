// Back-office pages of the letters: the worklist (triage, extensions, my
// department's letters, replies to review, every open letter with its age),
// supervision, deadline settings, and one letter with the actions the
// signed-in person may take on it.
import type { ComponentChildren } from 'preact';
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
import { AdminLayout, type Me } from '../../identity/admin/layout.tsx';
import type { LetterSettings } from '../settings.ts';
import {
  LETTER_TYPES,
  type LetterEventRow,
  type LetterReplyRow,
  type LetterRow,
} from '../tables.ts';
import { ageInDays, type WorkRow } from '../worklist.ts';
import { day, minute, statusLabel, Timeline, typeLabel } from './parts.tsx';
import { type Org, Paragraphs } from './public-pages.tsx';

interface Frame {
  view: ViewContext;
  me: Me;
  flash?: MessageKey;
}

export function WorkTable({
  view,
  rows,
  now,
  caption,
}: {
  view: ViewContext;
  rows: WorkRow[];
  now: Date;
  caption: string;
}) {
  const { t } = view;
  if (rows.length === 0)
    return (
      <>
        <h2>{caption}</h2>
        <p>{t('letters.admin.none')}</p>
      </>
    );
  return (
    <table class="table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('letters.field.subject')}</th>
          <th scope="col">{t('letters.mine.code')}</th>
          <th scope="col">{t('letters.field.type')}</th>
          <th scope="col">{t('letters.mine.status')}</th>
          <th scope="col">{t('letters.admin.lead')}</th>
          <th scope="col">{t('letters.admin.age')}</th>
          <th scope="col">{t('letters.mine.deadline')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td>
              <a href={`/admin/letters/${r.id}`}>{r.subject}</a>
              {r.supervision_reason && (
                <strong class="tag">
                  {t(`letters.admin.reason.${r.supervision_reason}` as MessageKey)}
                </strong>
              )}
            </td>
            <td>{r.code}</td>
            <td>{typeLabel(view, r.type as LetterRow['type'])}</td>
            <td>{statusLabel(view, r.status)}</td>
            <td>{r.lead_name ?? '—'}</td>
            <td>{t('letters.admin.ageDays', { n: ageInDays(r.created_at, now) })}</td>
            <td>{r.deadline}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function WorklistPage(
  props: Frame & { now: Date; sections: { caption: string; rows: WorkRow[] }[]; triage: boolean },
) {
  const { view } = props;
  const { t } = view;
  return (
    <AdminLayout view={view} title={t('letters.admin.title')} me={props.me} flash={props.flash}>
      <h1>{t('letters.admin.title')}</h1>
      <ul class="quick-links">
        <li>
          <a href="/admin/letters/supervision">{t('letters.admin.supervision')}</a>
        </li>
        {props.triage && (
          <li>
            <a href="/admin/letters/settings">{t('letters.admin.settings')}</a>
          </li>
        )}
      </ul>
      {props.sections.map((s) => (
        <WorkTable key={s.caption} view={view} rows={s.rows} now={props.now} caption={s.caption} />
      ))}
    </AdminLayout>
  );
}

export function SupervisionPage(props: Frame & { now: Date; rows: WorkRow[] }) {
  const { view } = props;
  const { t } = view;
  return (
    <AdminLayout view={view} title={t('letters.admin.supervisionTitle')} me={props.me}>
      <h1>{t('letters.admin.supervisionTitle')}</h1>
      <p>{t('letters.admin.supervisionLead')}</p>
      <p>
        <a href="/admin/letters">{t('letters.admin.title')}</a>
      </p>
      <WorkTable
        view={view}
        rows={props.rows}
        now={props.now}
        caption={t('letters.admin.supervisionTitle')}
      />
    </AdminLayout>
  );
}

export function SettingsPage(
  props: Frame & { settings: LetterSettings; errors: Record<string, string> },
) {
  const { view, settings, errors } = props;
  const { t } = view;
  return (
    <AdminLayout view={view} title={t('letters.admin.settings')} me={props.me} flash={props.flash}>
      <h1>{t('letters.admin.settings')}</h1>
      <p>{t('letters.admin.settingsLead')}</p>
      <ErrorSummary errors={errors} />
      <Form view={view} action="/admin/letters/settings">
        {LETTER_TYPES.map((type) => (
          <Field
            key={type}
            name={`deadline.${type}`}
            type="number"
            inputmode="numeric"
            label={typeLabel(view, type)}
            value={String(settings.deadlineDays[type])}
            error={errors[`deadline.${type}`]}
          />
        ))}
        <Field
          name="stale_days"
          type="number"
          inputmode="numeric"
          label={t('letters.admin.staleDays')}
          value={String(settings.staleDays)}
          error={errors.stale_days}
        />
        <Button>{t('letters.admin.save')}</Button>
      </Form>
    </AdminLayout>
  );
}

export interface LetterDetail {
  letter: LetterRow;
  writer: string;
  mailbox: string;
  assignments: { org_id: string; name: string; lead: number }[];
  events: LetterEventRow[];
  draft: LetterReplyRow | undefined;
  sent: LetterReplyRow | undefined;
  attachments: { sha256: string; name: string }[];
}

export interface LetterRights {
  triage: boolean;
  handle: boolean;
  review: boolean;
}

function Section({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section class="panel">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function TriageForms({
  view,
  detail,
  orgs,
}: {
  view: ViewContext;
  detail: LetterDetail;
  orgs: Org[];
}) {
  const { t } = view;
  const id = detail.letter.id;
  const options = orgs.map((o) => ({ value: o.id, label: o.name }));
  return (
    <>
      <Section title={t('letters.admin.assign')}>
        <Form view={view} action={`/admin/letters/${id}/assign`} label={t('letters.admin.assign')}>
          {/* A letter to a department's mailbox goes to that department unless the office decides otherwise. */}
          <Select
            name="lead"
            label={t('letters.admin.primaryOrg')}
            options={options}
            value={detail.letter.mailbox_org_id ?? undefined}
          />
          <div class="field">
            <label for="f-assist">{t('letters.admin.assistOrgs')}</label>
            <select id="f-assist" name="assist" multiple size={6}>
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <Button>{t('letters.admin.assign')}</Button>
        </Form>
      </Section>
      <Section title={t('letters.admin.merge')}>
        <Form view={view} action={`/admin/letters/${id}/merge`} label={t('letters.admin.merge')}>
          <Field
            name="into"
            label={t('letters.admin.mergeInto')}
            inputmode="numeric"
            maxLength={10}
          />
          <Button kind="secondary">{t('letters.admin.merge')}</Button>
        </Form>
      </Section>
      <Section title={t('letters.admin.reject')}>
        <Form view={view} action={`/admin/letters/${id}/reject`} label={t('letters.admin.reject')}>
          <TextArea
            name="reason"
            label={t('letters.admin.rejectReason')}
            rows={3}
            maxLength={500}
          />
          <Button kind="danger">{t('letters.admin.reject')}</Button>
        </Form>
      </Section>
    </>
  );
}

function HandleForms({ view, detail }: { view: ViewContext; detail: LetterDetail }) {
  const { t } = view;
  const { letter, draft } = detail;
  return (
    <>
      <Section title={t('letters.admin.draft')}>
        {draft?.review_comment && draft.status === 'returned' && (
          <p class="notice">
            {t('letters.admin.reviewComment')}：{draft.review_comment}
          </p>
        )}
        <Form
          view={view}
          action={`/admin/letters/${letter.id}/reply`}
          label={t('letters.admin.draft')}
        >
          <TextArea
            name="reply"
            label={t('letters.reply')}
            value={draft?.body}
            rows={10}
            maxLength={5000}
            wide
          />
          <Button name="step" value="save" kind="secondary">
            {t('letters.admin.saveDraft')}
          </Button>{' '}
          <Button name="step" value="submit">
            {t('letters.admin.submitReply')}
          </Button>
        </Form>
      </Section>
      {letter.extension_status === 'none' && (
        <Section title={t('letters.admin.extension')}>
          <Form
            view={view}
            action={`/admin/letters/${letter.id}/extension`}
            label={t('letters.admin.extension')}
          >
            <Field
              name="days"
              type="number"
              inputmode="numeric"
              label={t('letters.admin.extensionDays')}
            />
            <TextArea
              name="extension_reason"
              label={t('letters.admin.extensionReason')}
              rows={3}
              maxLength={500}
            />
            <Button kind="secondary">{t('letters.admin.extension')}</Button>
          </Form>
        </Section>
      )}
    </>
  );
}

function ReviewForm({ view, detail }: { view: ViewContext; detail: LetterDetail }) {
  const { t } = view;
  return (
    <Section title={t('letters.admin.review')}>
      <Paragraphs text={detail.draft?.body ?? ''} />
      <Form
        view={view}
        action={`/admin/letters/${detail.letter.id}/review`}
        label={t('letters.admin.review')}
      >
        <TextArea
          name="comment"
          label={t('letters.admin.reviewComment')}
          rows={3}
          maxLength={1000}
        />
        <Button name="decision" value="approve">
          {t('letters.admin.approve')}
        </Button>{' '}
        <Button name="decision" value="return" kind="secondary">
          {t('letters.admin.return')}
        </Button>
      </Form>
    </Section>
  );
}

function ExtensionDecision({ view, letter }: { view: ViewContext; letter: LetterRow }) {
  const { t } = view;
  return (
    <Section title={t('letters.admin.extensions')}>
      <p>
        {t('letters.admin.extensionDays')}：{letter.extension_days}；
        {t('letters.admin.extensionReason')}：{letter.extension_reason}
      </p>
      <Form
        view={view}
        action={`/admin/letters/${letter.id}/extension-decision`}
        label={t('letters.admin.extensions')}
      >
        <Button name="decision" value="approve">
          {t('letters.admin.approveExtension')}
        </Button>{' '}
        <Button name="decision" value="refuse" kind="secondary">
          {t('letters.admin.refuseExtension')}
        </Button>
      </Form>
    </Section>
  );
}

export function LetterAdminPage(
  props: Frame & {
    detail: LetterDetail;
    rights: LetterRights;
    orgs: Org[];
    errors: Record<string, string>;
  },
) {
  const { view, detail, rights } = props;
  const { t } = view;
  const { letter } = detail;
  const open = ['submitted', 'assigned', 'reviewing'].includes(letter.status);
  return (
    <AdminLayout view={view} title={letter.subject} me={props.me} flash={props.flash}>
      <p>
        <a href="/admin/letters">{t('letters.admin.title')}</a>
      </p>
      <h1>{letter.subject}</h1>
      <ErrorSummary errors={props.errors} />
      <dl class="details">
        <dt>{t('letters.mine.code')}</dt>
        <dd>{letter.code}</dd>
        <dt>{t('letters.admin.mailbox')}</dt>
        <dd>{detail.mailbox}</dd>
        <dt>{t('letters.field.type')}</dt>
        <dd>{typeLabel(view, letter.type)}</dd>
        <dt>{t('letters.mine.status')}</dt>
        <dd>
          {statusLabel(view, letter.status)}
          {letter.supervision_reason &&
            open &&
            ` · ${t(`letters.admin.reason.${letter.supervision_reason}`)}`}
        </dd>
        <dt>{t('letters.received')}</dt>
        <dd>{minute(letter.created_at)}</dd>
        <dt>{t('letters.mine.deadline')}</dt>
        <dd>{letter.deadline}</dd>
        <dt>{t('letters.admin.orgs')}</dt>
        <dd>
          {detail.assignments.map((a) => (a.lead ? `${a.name}（主办）` : a.name)).join('、') || '—'}
        </dd>
        <dt>{t('letters.admin.publishable')}</dt>
        <dd>{letter.may_publish ? t('letters.admin.yes') : t('letters.admin.no')}</dd>
      </dl>
      <h2>{t('letters.question')}</h2>
      <p class="hint">{detail.writer}</p>
      <Paragraphs text={letter.body} />
      {detail.attachments.length > 0 && (
        <>
          <h2>{t('letters.admin.attachments')}</h2>
          <ul>
            {detail.attachments.map((a) => (
              <li key={a.sha256}>
                <a href={`/admin/letters/${letter.id}/files/${a.sha256}`}>{a.name}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      {detail.sent && (
        <>
          <h2>{t('letters.reply')}</h2>
          <p class="hint">{minute(detail.sent.sent_at)}</p>
          <Paragraphs text={detail.sent.body} />
        </>
      )}
      {rights.triage && letter.status === 'submitted' && (
        <TriageForms view={view} detail={detail} orgs={props.orgs} />
      )}
      {rights.triage && letter.extension_status === 'requested' && (
        <ExtensionDecision view={view} letter={letter} />
      )}
      {rights.handle && letter.status === 'assigned' && <HandleForms view={view} detail={detail} />}
      {rights.review && letter.status === 'reviewing' && <ReviewForm view={view} detail={detail} />}
      <Timeline view={view} events={detail.events} notes={() => true} />
      <p class="hint">{day(letter.updated_at)}</p>
    </AdminLayout>
  );
}
