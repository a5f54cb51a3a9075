/**
 * The chart's arithmetic, kept apart from the SVG so it can be tested: a value axis whose ticks fall
 * on round traffic figures (the API counts in KB, 1024 to the next unit), and the bars' geometry.
 */

/** The value axis: its top and its tick values, 0 first. */
export interface Scale {
  max: number;
  ticks: number[];
}

/**
 * An axis from 0 to just above `max`, in steps of 1, 2 or 5 (× 10ⁿ) of the unit `formatTraffic`
 * will show, so tick labels read "200 MB", "400 MB"… rather than "195.3 MB".
 */
export function trafficScale(max: number, targetTicks = 4): Scale {
  if (!(max > 0)) return { max: 1, ticks: [0, 1] };
  let unit = 1;
  while (max / unit >= 1024) unit *= 1024;
  const raw = max / unit / targetTicks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((factor) => factor * magnitude >= raw) ?? 10) * magnitude * unit;
  const count = Math.ceil(max / step);
  const ticks = Array.from({ length: count + 1 }, (_, i) => i * step);
  return { max: count * step, ticks };
}

/** A bar's box in the plot's coordinates (y grows downwards, as in SVG). */
export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * One bar per value across `width`, scaled so `scale.max` fills `height`; the gap between bars is a
 * fraction of each slot. A value above 0 always gets a visible sliver, so a quiet day differs from
 * an idle one.
 */
export function barLayout(values: readonly number[], scale: Scale, width: number, height: number, gapRatio = 0.2): Bar[] {
  const slot = values.length > 0 ? width / values.length : 0;
  const barWidth = slot * (1 - gapRatio);
  return values.map((value, i) => {
    const scaled = (Math.max(0, value) / scale.max) * height;
    const barHeight = value > 0 ? Math.max(1, scaled) : 0;
    return { x: i * slot + (slot - barWidth) / 2, y: height - barHeight, width: barWidth, height: barHeight };
  });
}

/**
 * Which of `count` labels to print along an axis of `width` so they do not overlap (`labelWidth`
 * each): every n-th, always including the last.
 */
export function labelIndexes(count: number, width: number, labelWidth: number): number[] {
  if (count === 0) return [];
  const fit = Math.max(1, Math.floor(width / labelWidth));
  const every = Math.ceil(count / fit);
  const indexes: number[] = [];
  for (let i = (count - 1) % every; i < count; i += every) indexes.push(i);
  return indexes;
}
