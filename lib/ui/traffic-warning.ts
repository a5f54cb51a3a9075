/**
 * "Running low": whether the package summary calls for the popup's warning. A module of its own, so
 * that it loads with the warning (after the first paint), not with the account list's usage figures.
 */
import type { PackageSummary } from '../background/api/schemas.ts';
import { isTrafficLow } from '../shared/low-traffic.ts';

export interface TrafficWarning {
  /** Little traffic is left (`isTrafficLow`). */
  low: boolean;
  /** Traffic (KB) in packages that expire within 7 days. */
  expiringKb: number;
}

/** Whether the package summary calls for a warning; undefined when all is well. */
export function trafficWarning(summary: Pick<PackageSummary, 'effective' | 'effective_total' | 'temporary'>): TrafficWarning | undefined {
  const low = isTrafficLow(summary);
  const expiringKb = Math.max(0, summary.temporary);
  return low || expiringKb > 0 ? { low, expiringKb } : undefined;
}
