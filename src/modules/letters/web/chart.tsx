// A server-rendered bar chart: no script, an accessible name and description
// (role="img", <title>, <desc>), every bar labelled with its number, and the
// same figures in the table next to it for screen readers and printing.
import type { ViewContext } from '../../../web/view.ts';
import type { DepartmentStats } from '../stats.ts';

const BAR = 14;
const GAP = 4;
const ROW = BAR * 2 + GAP + 14;
const LABEL = 190;
const WIDTH = 640;

export function StatsChart({
  view,
  month,
  rows,
}: {
  view: ViewContext;
  month: string;
  rows: DepartmentStats[];
}) {
  const { t } = view;
  const max = Math.max(1, ...rows.flatMap((r) => [r.received, r.replied]));
  const scale = (n: number) => Math.round(((WIDTH - LABEL - 50) * n) / max);
  const height = rows.length * ROW + 30;
  const id = `chart-${month}`;
  return (
    <figure class="letters-chart">
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id={`${id}-title`}>{t('letters.stats.chart', { month })}</title>
        <desc id={`${id}-desc`}>{t('letters.stats.chartDesc')}</desc>
        <g font-size="12" fill="#1a1a1a">
          <rect x={LABEL} y="4" width="12" height="12" fill="#1d4e89" />
          <text x={LABEL + 16} y="14">
            {t('letters.stats.received')}
          </text>
          <rect x={LABEL + 90} y="4" width="12" height="12" fill="#2e7d32" />
          <text x={LABEL + 106} y="14">
            {t('letters.stats.repliedCol')}
          </text>
        </g>
        {rows.map((r, i) => {
          const y = 28 + i * ROW;
          return (
            <g key={r.orgId ?? 'none'} font-size="12" fill="#1a1a1a">
              <text x={LABEL - 6} y={y + BAR + 2} text-anchor="end">
                {r.name.length > 14 ? `${r.name.slice(0, 14)}…` : r.name}
              </text>
              <rect x={LABEL} y={y} width={scale(r.received)} height={BAR} fill="#1d4e89" />
              <text x={LABEL + scale(r.received) + 4} y={y + BAR - 3}>
                {r.received}
              </text>
              <rect
                x={LABEL}
                y={y + BAR + GAP}
                width={scale(r.replied)}
                height={BAR}
                fill="#2e7d32"
              />
              <text x={LABEL + scale(r.replied) + 4} y={y + 2 * BAR + GAP - 3}>
                {r.replied}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
