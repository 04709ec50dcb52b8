// Results as a horizontal bar chart drawn on the server: an <svg> with a
// title for screen readers, and the same numbers in a table beside it, so
// nothing depends on seeing the bars. Colours meet 4.5:1 on white.
import type { ViewContext } from '../../../web/view.ts';
import type { Tally } from '../survey-results.ts';

const BAR = 22;
const GAP = 10;
const LABEL_W = 180;
const BAR_W = 360;

export function percent(count: number, of: number): string {
  return of === 0 ? '0%' : `${Math.round((count / of) * 1000) / 10}%`;
}

export function BarChart({
  view,
  id,
  title,
  tallies,
  of,
}: {
  view: ViewContext;
  id: string;
  title: string;
  tallies: Tally[];
  of: number;
}) {
  const max = Math.max(1, ...tallies.map((t) => t.count));
  const height = tallies.length * (BAR + GAP) + GAP;
  const width = LABEL_W + BAR_W + 80;
  return (
    <figure class="chart">
      <svg
        role="img"
        aria-labelledby={`${id}-title`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${id}-title`}>
          {`${title}：${tallies.map((t) => view.t('participation.people', { label: t.label, n: t.count })).join('，')}`}
        </title>
        {tallies.map((t, i) => {
          const y = GAP + i * (BAR + GAP);
          const w = Math.round((t.count / max) * BAR_W);
          return (
            <g key={t.label}>
              <text
                x={LABEL_W - 8}
                y={y + BAR * 0.7}
                text-anchor="end"
                fill="#1a1a1a"
                font-size="14"
              >
                {t.label.length > 12 ? `${t.label.slice(0, 11)}…` : t.label}
              </text>
              <rect x={LABEL_W} y={y} width={Math.max(w, 1)} height={BAR} fill="#1d4f91" />
              <text x={LABEL_W + w + 6} y={y + BAR * 0.7} fill="#1a1a1a" font-size="14">
                {`${t.count}（${percent(t.count, of)}）`}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export function TallyTable({
  view,
  caption,
  tallies,
  of,
}: {
  view: ViewContext;
  caption: string;
  tallies: Tally[];
  of: number;
}) {
  return (
    <table class="table">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{view.t('participation.col.option')}</th>
          <th scope="col">{view.t('participation.col.count')}</th>
          <th scope="col">{view.t('participation.col.share')}</th>
        </tr>
      </thead>
      <tbody>
        {tallies.map((t) => (
          <tr key={t.label}>
            <th scope="row">{t.label}</th>
            <td>{t.count}</td>
            <td>{percent(t.count, of)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
