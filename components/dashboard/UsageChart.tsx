/**
 * Traffic per day as an SVG bar chart, with the same figures in a table for screen readers and for
 * anyone who wants the numbers: the SVG is one labelled image, the table is the accessible data.
 */
import { useId } from 'preact/hooks';
import { t, tCount, uiLanguage } from '../../lib/shared/i18n.ts';
import { formatTraffic } from '../../lib/shared/format.ts';
import { barLayout, labelIndexes, trafficScale } from '../../lib/ui/chart-scale.ts';

const WIDTH = 720;
const HEIGHT = 240;
/** Room for the value labels on the left and the day labels below. */
const MARGIN = { left: 72, right: 8, top: 8, bottom: 28 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;
const DAY_LABEL_WIDTH = 56;

/** A calendar day (`YYYY-MM-DD`) in the user's short form, e.g. "Mar 5". */
function shortDay(day: string, language: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(language, { month: 'short', day: 'numeric' }).format(new Date(year, month - 1, date));
}

/** One bar per entry of `days` (every day of the range, idle days included), labelled by `title`. */
export function UsageChart({ days, title }: { days: readonly { day: string; flow: number }[]; title: string }) {
  const id = useId();
  const language = uiLanguage();
  const scale = trafficScale(Math.max(0, ...days.map((d) => d.flow)));
  const bars = barLayout(
    days.map((d) => d.flow),
    scale,
    PLOT_WIDTH,
    PLOT_HEIGHT,
  );
  const labelled = new Set(labelIndexes(days.length, PLOT_WIDTH, DAY_LABEL_WIDTH));
  const first = days[0];
  const last = days.at(-1);
  const summary = first && last ? tCount('dashboard_chartDescription', days.length, shortDay(first.day, language), shortDay(last.day, language), formatTraffic(scale.max)) : '';

  return (
    <figure class="usage-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} data-testid="usage-chart">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        <g transform={`translate(${MARGIN.left} ${MARGIN.top})`}>
          {scale.ticks.map((tick) => {
            const y = PLOT_HEIGHT - (tick / scale.max) * PLOT_HEIGHT;
            return (
              <g key={tick} class="tick">
                <line x1={0} x2={PLOT_WIDTH} y1={y} y2={y} />
                <text x={-6} y={y} dy="0.32em" text-anchor="end">
                  {formatTraffic(tick, language)}
                </text>
              </g>
            );
          })}
          {bars.map((bar, i) => {
            const day = days[i]!;
            return (
              <rect key={day.day} class="bar" data-day={day.day} x={bar.x} y={bar.y} width={bar.width} height={bar.height}>
                <title>{`${shortDay(day.day, language)}: ${formatTraffic(day.flow, language)}`}</title>
              </rect>
            );
          })}
          {bars.map((bar, i) =>
            labelled.has(i) ? (
              <text key={i} class="day-label" x={bar.x + bar.width / 2} y={PLOT_HEIGHT + 18} text-anchor="middle">
                {shortDay(days[i]!.day, language)}
              </text>
            ) : null,
          )}
        </g>
      </svg>
      <details>
        <summary>{t('dashboard_chartTable')}</summary>
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard_day')}</th>
                <th scope="col" class="number">
                  {t('dashboard_traffic')}
                </th>
              </tr>
            </thead>
            <tbody>
              {days.map((day) => (
                <tr key={day.day}>
                  <th scope="row">{shortDay(day.day, language)}</th>
                  <td class="number">{formatTraffic(day.flow, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
