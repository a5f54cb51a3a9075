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

/** A range that holds the median of what was sampled with at least `coverage`'s probability, whatever the distribution. */
export interface MedianInterval {
  low: number;
  high: number;
  /** The probability it holds the median (at least the one asked for, unless there are too few samples for it). */
  coverage: number;
}

/**
 * The distribution-free interval for the median: the k-th smallest and the k-th largest samples, with
 * k as large as the binomial distribution allows, since each sample is below the median with
 * probability 1/2. For 20 samples and 95 %: the 6th and the 15th, holding it 95.9 % of the time.
 */
export function medianInterval(samples: readonly number[], confidence = 0.95): MedianInterval {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { low: Number.NaN, high: Number.NaN, coverage: 0 };
  // term: the probability that exactly k samples fall below the median; below: that at most k - 1 do.
  let term = 0.5 ** n;
  let below = term;
  let k = 1;
  while (k < n / 2) {
    term = (term * (n - k + 1)) / k;
    if (below + term > (1 - confidence) / 2) break;
    below += term;
    k++;
  }
  return { low: sorted[k - 1]!, high: sorted[n - k]!, coverage: 1 - 2 * below };
}
