// The search back office: what citizens search for (hot queries, queries
// with no result, click-through per query) next to the tools that answer it
// (synonyms, the custom dictionary, best bets).
import { Button, ErrorSummary, Field, Form } from '../../web/components/form.tsx';
import type { MessageKey } from '../../web/i18n/index.ts';
import type { ViewContext } from '../../web/view.ts';
import { ActionButton } from '../content/admin/fields.tsx';
import { AdminLayout, type Me } from '../identity/admin/layout.tsx';
import type { QueryStat } from './query-log.ts';
import type { listVocabulary } from './vocabulary.ts';

export interface SearchAdminProps {
  view: ViewContext;
  me: Me;
  hot: QueryStat[];
  zero: QueryStat[];
  vocabulary: Awaited<ReturnType<typeof listVocabulary>>;
  indexed: number;
  /** Which form the values and errors belong to. */
  form?: 'synonym' | 'word' | 'bet';
  values?: Record<string, string>;
  errors?: Record<string, string>;
  flash?: MessageKey;
}

function percent(clicks: number, searches: number): string {
  return searches === 0 ? '—' : `${Math.round((clicks * 100) / searches)}%`;
}

function StatsTable({
  view,
  rows,
  caption,
  id,
}: {
  view: ViewContext;
  rows: QueryStat[];
  caption: MessageKey;
  id: string;
}) {
  const { t } = view;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t(caption)}</h2>
      {rows.length === 0 ? (
        <p>{t('search.admin.noData')}</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('search.admin.query')}</th>
              <th scope="col">{t('search.admin.searches')}</th>
              <th scope="col">{t('search.admin.emptyCount')}</th>
              <th scope="col">{t('search.admin.clicks')}</th>
              <th scope="col">{t('search.admin.ctr')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.query}>
                <th scope="row">
                  <a href={`/search?${new URLSearchParams({ q: r.query }).toString()}`}>
                    {r.query}
                  </a>
                </th>
                <td>{r.searches}</td>
                <td>{r.empty}</td>
                <td>{r.clicks}</td>
                <td>{percent(r.clicks, r.searches)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Synonyms(props: SearchAdminProps) {
  const { view, vocabulary } = props;
  const { t } = view;
  const errors = props.form === 'synonym' ? (props.errors ?? {}) : {};
  const values = props.form === 'synonym' ? (props.values ?? {}) : {};
  return (
    <section aria-labelledby="synonyms">
      <h2 id="synonyms">{t('search.admin.synonyms')}</h2>
      <p>{t('search.admin.synonymsLead')}</p>
      <ErrorSummary errors={errors} />
      <Form view={view} action="/admin/search/synonyms" label={t('search.admin.addSynonyms')}>
        <Field
          name="terms"
          label={t('search.admin.terms')}
          hint={t('search.admin.termsHint')}
          value={values.terms}
          error={errors.terms}
          required
          maxLength={300}
        />
        <Button>{t('search.admin.addSynonyms')}</Button>
      </Form>
      <ul class="search-vocab">
        {vocabulary.synonyms.map((s) => (
          <li key={s.id}>
            <span>{s.terms.split(' ').join(' / ')}</span>{' '}
            <ActionButton
              view={view}
              action="/admin/search/synonyms/remove"
              hidden={{ id: s.id }}
              label={t('search.admin.remove')}
              detail={s.terms}
              kind="danger"
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Words(props: SearchAdminProps) {
  const { view, vocabulary } = props;
  const { t } = view;
  const errors = props.form === 'word' ? (props.errors ?? {}) : {};
  const values = props.form === 'word' ? (props.values ?? {}) : {};
  return (
    <section aria-labelledby="words">
      <h2 id="words">{t('search.admin.words')}</h2>
      <p>{t('search.admin.wordsLead')}</p>
      <ErrorSummary errors={errors} />
      <Form view={view} action="/admin/search/words" label={t('search.admin.addWord')}>
        <Field
          name="word"
          label={t('search.admin.word')}
          value={values.word}
          error={errors.word}
          required
          maxLength={30}
        />
        <Button>{t('search.admin.addWord')}</Button>
      </Form>
      <ul class="search-vocab">
        {vocabulary.words.map((w) => (
          <li key={w.word}>
            <span>{w.word}</span>{' '}
            <ActionButton
              view={view}
              action="/admin/search/words/remove"
              hidden={{ word: w.word }}
              label={t('search.admin.remove')}
              detail={w.word}
              kind="danger"
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

function BestBets(props: SearchAdminProps) {
  const { view, vocabulary } = props;
  const { t } = view;
  const errors = props.form === 'bet' ? (props.errors ?? {}) : {};
  const values = props.form === 'bet' ? (props.values ?? {}) : {};
  return (
    <section aria-labelledby="bets">
      <h2 id="bets">{t('search.admin.bets')}</h2>
      <p>{t('search.admin.betsLead')}</p>
      <ErrorSummary errors={errors} />
      <Form view={view} action="/admin/search/bets" label={t('search.admin.addBet')}>
        <Field
          name="query"
          label={t('search.admin.betQuery')}
          value={values.query}
          error={errors.query}
          required
          maxLength={100}
        />
        <Field
          name="url"
          label={t('search.admin.betUrl')}
          hint={t('search.admin.betUrlHint')}
          value={values.url}
          error={errors.url}
          required
          maxLength={500}
        />
        <Field
          name="position"
          label={t('search.admin.betPosition')}
          value={values.position ?? '1'}
          error={errors.position}
          inputmode="numeric"
          maxLength={1}
        />
        <Button>{t('search.admin.addBet')}</Button>
      </Form>
      {vocabulary.bets.length > 0 && (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('search.admin.betQuery')}</th>
              <th scope="col">{t('search.admin.betPosition')}</th>
              <th scope="col">{t('search.admin.page')}</th>
              <th scope="col">{t('search.admin.by')}</th>
              <th scope="col">{t('admin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {vocabulary.bets.map((b) => (
              <tr key={b.id}>
                <th scope="row">{b.query}</th>
                <td>{b.position}</td>
                <td>{b.url ? <a href={b.url}>{b.title}</a> : '—'}</td>
                <td>{b.created_by}</td>
                <td>
                  <ActionButton
                    view={view}
                    action="/admin/search/bets/remove"
                    hidden={{ id: b.id }}
                    label={t('search.admin.remove')}
                    detail={`${b.query} ${b.title ?? ''}`}
                    kind="danger"
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function SearchAdminPage(props: SearchAdminProps) {
  const { view, me } = props;
  const { t } = view;
  return (
    <AdminLayout view={view} title={t('search.admin.title')} me={me} flash={props.flash}>
      <h1>{t('search.admin.title')}</h1>
      <p>{t('search.admin.lead')}</p>
      <p>{t('search.admin.indexed', { n: props.indexed })}</p>
      <StatsTable view={view} rows={props.hot} caption="search.admin.hot" id="hot" />
      <StatsTable view={view} rows={props.zero} caption="search.admin.zero" id="zero" />
      <Synonyms {...props} />
      <Words {...props} />
      <BestBets {...props} />
    </AdminLayout>
  );
}
