// The results of a survey, question by question: chart, table, and for a
// rating its mean. Free-text answers are listed only in the back office.
import type { ViewContext } from '../../../web/view.ts';
import type { SurveyResults } from '../survey-results.ts';
import { BarChart, TallyTable } from './chart.tsx';

export function ResultsView({
  view,
  results,
  showTexts,
}: {
  view: ViewContext;
  results: SurveyResults;
  showTexts: boolean;
}) {
  const { t } = view;
  return (
    <section class="section" aria-labelledby="results-title">
      <h2 id="results-title">{t('survey.results')}</h2>
      <p>{t('survey.results.count', { n: results.responses })}</p>
      {results.questions.map((q, i) => (
        <section key={q.id} aria-labelledby={`rq-${i}`}>
          <h3 id={`rq-${i}`}>{`${i + 1}. ${q.prompt}`}</h3>
          <p>
            {t('survey.results.answered', { n: q.answered })}
            {q.mean !== undefined && `　${t('survey.results.mean', { mean: q.mean.toFixed(2) })}`}
          </p>
          {q.kind === 'text' ? (
            showTexts ? (
              <ul>
                {q.texts.map((text, j) => (
                  <li key={j}>{text}</li>
                ))}
              </ul>
            ) : (
              <p>{t('survey.results.textCount', { n: q.texts.length })}</p>
            )
          ) : (
            <>
              <BarChart
                view={view}
                id={`chart-${i}`}
                title={q.prompt}
                tallies={q.tallies}
                of={q.answered}
              />
              <TallyTable view={view} caption={q.prompt} tallies={q.tallies} of={q.answered} />
            </>
          )}
        </section>
      ))}
    </section>
  );
}
