// A horizontal bar chart of rates (0–1) drawn on the server as SVG: no
// script, a title and a description for assistive technology, and always
// next to a table that carries the same numbers.
export interface Bar {
  label: string;
  value: number;
}

const ROW = 28;
const LABEL_WIDTH = 220;
const BAR_WIDTH = 360;

export function BarChart(props: {
  id: string;
  title: string;
  description: string;
  bars: Bar[];
  alt?: boolean;
}) {
  const { id, title, description, bars } = props;
  if (bars.length === 0) return <p>暂无可绘制的数据。</p>;
  const height = bars.length * ROW + 10;
  const width = LABEL_WIDTH + BAR_WIDTH + 70;
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {bars.map((b, i) => {
        const y = i * ROW + 5;
        const w = Math.max(1, Math.round(Math.min(1, Math.max(0, b.value)) * BAR_WIDTH));
        return (
          <g key={b.label}>
            <text x={LABEL_WIDTH - 8} y={y + 17} text-anchor="end">
              {b.label.length > 14 ? `${b.label.slice(0, 13)}…` : b.label}
            </text>
            <rect
              class={props.alt ? 'bar bar-alt' : 'bar'}
              x={LABEL_WIDTH}
              y={y + 3}
              width={w}
              height={ROW - 10}
            />
            <text x={LABEL_WIDTH + w + 6} y={y + 17}>
              {`${(b.value * 100).toFixed(1)}%`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
