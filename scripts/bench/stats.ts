/** Order statistics for the benchmark's samples (nearest-rank on the sorted samples, linear between ranks). */

export interface Summary {
  n: number;
  min: number;
  p10: number;
  median: number;
  p90: number;
  p95: number;
  max: number;
}

/** The q-quantile (0..1) of `sorted`, interpolating linearly between the two nearest ranks. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below]!;
  const high = sorted[above]!;
  return low + (high - low) * (position - below);
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: sorted[0] ?? Number.NaN,
    p10: quantile(sorted, 0.1),
    median: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    p95: quantile(sorted, 0.95),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** Rounds every figure of a summary to 0.1 (ms) for printing and the JSON file. */
export function rounded(summary: Summary): Summary {
  const r = (value: number) => Math.round(value * 10) / 10;
  return { n: summary.n, min: r(summary.min), p10: r(summary.p10), median: r(summary.median), p90: r(summary.p90), p95: r(summary.p95), max: r(summary.max) };
}
