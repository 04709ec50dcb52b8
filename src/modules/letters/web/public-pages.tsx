// The public letters pages: the list of answered letters with search and
// filters, one letter with its reply, the monthly statistics, and the form
// for writing a letter with its confirmation.
import {
  Button,
  describedBy,
  ErrorSummary,
  Field,
  FieldHelp,
  Form,
  Select,
  TextArea,
} from '../../../web/components/form.tsx';
import type { ViewContext } from '../../../web/view.ts';
import type { Structure } from '../../portal/structure.ts';
import type { PublicFilter, PublicLetter } from '../public.ts';
import { letterPath } from '../search-provider.ts';
import { type MonthStats, percent } from '../stats.ts';
import { LETTER_LIMITS } from '../submit.ts';
import { LETTER_TYPES } from '../tables.ts';
import { StatsChart } from './chart.tsx';
import { day, LettersPage, typeLabel } from './parts.tsx';

export interface Org {
  id: string;
  code: string;
  name: string;
}

interface Base {
  view: ViewContext;
  structure: Structure;
}

function typeOptions(view: ViewContext, withAll: boolean, publicOnly: boolean) {
  const types = LETTER_TYPES.filter((t) => !publicOnly || t !== 'report');
  return [
    ...(withAll ? [{ value: '', label: view.t('letters.search.all') }] : []),
    ...types.map((t) => ({ value: t, label: typeLabel(view, t) })),
  ];
}

function filterQuery(filter: PublicFilter, page: number): string {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.type) params.set('type', filter.type);
  if (filter.org) params.set('org', filter.org);
  if (page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `/letters/?${s}` : '/letters/';
}

export function LetterListPage(
  props: Base & {
    items: PublicLetter[];
    total: number;
    page: number;
    pages: number;
    filter: PublicFilter;
    orgs: Org[];
  },
) {
  const { view, items, filter, page, pages } = props;
  const { t } = view;
  return (
    <LettersPage
      view={view}
      structure={props.structure}
      title={t('letters.title')}
      self="/letters/"
    >
      <h1>{t('letters.title')}</h1>
      <p class="lead">{t('letters.lead')}</p>
      <p>
        <a class="button button-primary" href="/letters/write">
          {t('letters.write')}
        </a>
      </p>
      <Form view={view} action="/letters/" method="get" label={t('letters.search')}>
        <Field
          name="q"
          type="search"
          label={t('letters.search.q')}
          value={filter.q ?? ''}
          maxLength={50}
        />
        <Select
          name="type"
          label={t('letters.search.type')}
          value={filter.type ?? ''}
          options={typeOptions(view, true, true)}
        />
        <Select
          name="org"
          label={t('letters.search.org')}
          value={filter.org ?? ''}
          options={[
            { value: '', label: t('letters.search.all') },
            ...props.orgs.map((o) => ({ value: o.code, label: o.name })),
          ]}
        />
        <Button>{t('letters.search.submit')}</Button>
      </Form>
      <h2>{t('letters.list')}</h2>
      <p role="status">{t('letters.count', { n: props.total })}</p>
      {items.length === 0 ? (
        <p>{t('letters.empty')}</p>
      ) : (
        <ul class="item-list">
          {items.map((l) => (
            <li key={l.id}>
              <a class="item-title" href={letterPath(l.id)}>
                {l.subject}
              </a>
              <span class="item-meta">
                <span>{typeLabel(view, l.type)}</span>
                <span>{l.department}</span>
                <time dateTime={day(l.repliedAt)}>{day(l.repliedAt)}</time>
              </span>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav class="pagination" aria-label={t('portal.pagination')}>
          <ul>
            {page > 1 && (
              <li>
                <a href={filterQuery(filter, page - 1)} rel="prev">
                  {t('letters.prev')}
                </a>
              </li>
            )}
            {page < pages && (
              <li>
                <a href={filterQuery(filter, page + 1)} rel="next">
                  {t('letters.next')}
                </a>
              </li>
            )}
          </ul>
          <p class="page-of">{t('portal.pageOf', { page, pages })}</p>
        </nav>
      )}
    </LettersPage>
  );
}

export function LetterDetailPage(props: Base & { letter: PublicLetter }) {
  const { view, letter } = props;
  const { t } = view;
  return (
    <LettersPage
      view={view}
      structure={props.structure}
      title={letter.subject}
      self={letterPath(letter.id)}
      trail={[{ label: letter.subject }]}
    >
      <article class="letter">
        <h1>{letter.subject}</h1>
        <dl class="details">
          <dt>{t('letters.field.type')}</dt>
          <dd>{typeLabel(view, letter.type)}</dd>
          <dt>{t('letters.received')}</dt>
          <dd>
            <time dateTime={day(letter.receivedAt)}>{day(letter.receivedAt)}</time>
          </dd>
          <dt>{t('letters.department')}</dt>
          <dd>{letter.department}</dd>
          <dt>{t('letters.replied')}</dt>
          <dd>
            <time dateTime={day(letter.repliedAt)}>{day(letter.repliedAt)}</time>
          </dd>
        </dl>
        <section aria-labelledby="letter-question">
          <h2 id="letter-question">{t('letters.question')}</h2>
          <Paragraphs text={letter.body} />
        </section>
        <section aria-labelledby="letter-reply">
          <h2 id="letter-reply">{t('letters.reply')}</h2>
          <Paragraphs text={letter.reply} />
        </section>
      </article>
    </LettersPage>
  );
}

/** Plain text as paragraphs (the text is escaped by the renderer, never HTML). */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n+/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <p key={i}>{p}</p>
        ))}
    </>
  );
}

export function StatsPage(props: Base & { stats: MonthStats }) {
  const { view, stats } = props;
  const { t } = view;
  const pct = (part: number, whole: number) => {
    const p = percent(part, whole);
    return p === null ? '—' : `${p}%`;
  };
  return (
    <LettersPage
      view={view}
      structure={props.structure}
      title={t('letters.stats')}
      self={`/letters/stats?month=${stats.month}`}
      trail={[{ label: t('letters.stats') }]}
    >
      <h1>{t('letters.stats')}</h1>
      <Form view={view} action="/letters/stats" method="get" label={t('letters.stats.month')}>
        <Field
          name="month"
          label={t('letters.stats.month')}
          value={stats.month}
          hint="YYYY-MM"
          maxLength={7}
        />
        <Button>{t('letters.stats.show')}</Button>
      </Form>
      {stats.rows.length === 0 ? (
        <p>{t('letters.stats.none')}</p>
      ) : (
        <>
          <table class="table">
            <caption>{t('letters.stats.caption', { month: stats.month })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('letters.stats.org')}</th>
                <th scope="col">{t('letters.stats.received')}</th>
                <th scope="col">{t('letters.stats.repliedCol')}</th>
                <th scope="col">{t('letters.stats.onTime')}</th>
                <th scope="col">{t('letters.stats.satisfaction')}</th>
              </tr>
            </thead>
            <tbody>
              {[...stats.rows, stats.total].map((r) => (
                <tr key={r.orgId ?? r.name}>
                  <th scope="row">{r.name}</th>
                  <td>{r.received}</td>
                  <td>{r.replied}</td>
                  <td>{pct(r.onTime, r.replied)}</td>
                  <td>{pct(r.satisfied, r.rated)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <StatsChart view={view} month={stats.month} rows={stats.rows} />
        </>
      )}
    </LettersPage>
  );
}

export interface WriteValues {
  phone?: string;
  mailbox?: string;
  type?: string;
  subject?: string;
  body?: string;
  may_publish?: string;
}

/** For a writer without an account: the phone number and the code sent to it. */
function PhoneFields({
  view,
  values,
  errors,
}: {
  view: ViewContext;
  values: WriteValues;
  errors: Record<string, string>;
}) {
  const { t } = view;
  return (
    <fieldset class="fieldset">
      <legend>{t('letters.field.phone')}</legend>
      <p>
        {t('letters.sms.lead')}{' '}
        <a href="/account/login?next=%2Fletters%2Fwrite">{t('letters.sms.signIn')}</a>
      </p>
      <Field
        name="phone"
        type="tel"
        inputmode="tel"
        autocomplete="tel"
        label={t('letters.field.phone')}
        value={values.phone}
        error={errors.phone}
        required
        maxLength={20}
      />
      <Button name="action" value="send" kind="secondary">
        {t('letters.sms.send')}
      </Button>
      <Field
        name="code"
        inputmode="numeric"
        autocomplete="one-time-code"
        label={t('letters.field.code')}
        hint={t('letters.field.codeHint')}
        error={errors.code}
        required
        maxLength={6}
      />
    </fieldset>
  );
}

export function WritePage(
  props: Base & {
    orgs: Org[];
    values: WriteValues;
    errors: Record<string, string>;
    message?: string;
    notice?: string;
    /** A signed-in citizen; otherwise the form asks for a phone number and its code. */
    member: boolean;
  },
) {
  const { view, values, errors } = props;
  const { t } = view;
  const publishId = 'f-may_publish';
  return (
    <LettersPage
      view={view}
      structure={props.structure}
      title={t('letters.write')}
      self="/letters/write"
      trail={[{ label: t('letters.write') }]}
    >
      <h1>{t('letters.write')}</h1>
      {props.message && (
        <p class="notice" role="alert">
          {props.message}
        </p>
      )}
      {props.notice && (
        <p class="flash" role="status">
          {props.notice}
        </p>
      )}
      <ErrorSummary errors={errors} />
      <form
        class="form"
        action="/letters/write"
        method="post"
        enctype="multipart/form-data"
        novalidate
      >
        <input type="hidden" name="_csrf" value={view.csrfToken()} />
        <Select
          name="mailbox"
          label={t('letters.field.mailbox')}
          value={values.mailbox ?? ''}
          error={errors.mailbox}
          options={[
            { value: '', label: t('letters.mayor') },
            ...props.orgs.map((o) => ({ value: o.id, label: `${o.name}信箱` })),
          ]}
        />
        <Select
          name="type"
          label={t('letters.field.type')}
          value={values.type ?? 'consult'}
          error={errors.type}
          options={typeOptions(view, false, false)}
        />
        <Field
          name="subject"
          label={t('letters.field.subject')}
          hint={t('letters.field.subjectHint')}
          value={values.subject}
          error={errors.subject}
          required
          maxLength={LETTER_LIMITS.subjectMax}
        />
        <TextArea
          name="body"
          label={t('letters.field.body')}
          hint={t('letters.field.bodyHint')}
          value={values.body}
          error={errors.body}
          rows={10}
          maxLength={LETTER_LIMITS.bodyMax}
          required
        />
        <div class={errors.may_publish ? 'field field-error' : 'field'}>
          <input
            type="checkbox"
            id={publishId}
            name="may_publish"
            value="1"
            checked={values.may_publish === '1'}
          />{' '}
          <label for={publishId}>{t('letters.field.publish')}</label>
        </div>
        <div class={errors.attachments ? 'field field-error' : 'field'}>
          <label for="f-attachments">{t('letters.field.attachments')}</label>
          <FieldHelp
            id="f-attachments"
            hint={t('letters.field.attachmentsHint')}
            error={errors.attachments}
          />
          <input
            type="file"
            id="f-attachments"
            name="attachments"
            multiple
            accept=".pdf,.doc,.docx,.xls,.xlsx,.png,.jpg,.jpeg"
            aria-describedby={describedBy('f-attachments', 'hint', errors.attachments)}
          />
        </div>
        {!props.member && <PhoneFields view={view} values={values} errors={errors} />}
        <Button>{t('letters.submit')}</Button>
      </form>
    </LettersPage>
  );
}

export function TrackPage(props: Base & { error?: string; code?: string }) {
  const { view } = props;
  const { t } = view;
  const errors: Record<string, string> = props.error ? { code: props.error } : {};
  return (
    <LettersPage
      view={view}
      structure={props.structure}
      title={t('letters.track')}
      self="/letters/track"
      trail={[{ label: t('letters.track') }]}
    >
      <h1>{t('letters.track')}</h1>
      <p>{t('letters.track.lead')}</p>
      <ErrorSummary errors={errors} />
      <Form view={view} action="/letters/track" label={t('letters.track')}>
        <Field
          name="code"
          inputmode="numeric"
          label={t('letters.mine.code')}
          value={props.code}
          error={errors.code}
          required
          maxLength={10}
        />
        <Field
          name="phone"
          type="tel"
          inputmode="tel"
          label={t('letters.field.phone')}
          required
          maxLength={20}
        />
        <Button>{t('letters.track.submit')}</Button>
      </Form>
    </LettersPage>
  );
}
