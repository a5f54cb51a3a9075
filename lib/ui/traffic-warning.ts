/**
 * "Running low": whether the package summary calls for the popup's warning. A module of its own, so
 * that it loads with the warning (after the first paint), not with the account list's usage figures.
 */
import type { PackageSummary } from '../background/api/schemas.ts';

/** Below this share of the effective packages' traffic, the popup warns. */
export const LOW_TRAFFIC_SHARE = 0.1;

export interface TrafficWarning {
  /** Less than LOW_TRAFFIC_SHARE of the effective traffic is left (or none at all). */
  low: boolean;
  /** Traffic (KB) in packages that expire within 7 days. */
  expiringKb: number;
}

/** Whether the package summary calls for a warning; undefined when all is well. */
export function trafficWarning(summary: Pick<PackageSummary, 'effective' | 'effective_total' | 'temporary'>): TrafficWarning | undefined {
  const low = summary.effective_total > 0 ? summary.effective < summary.effective_total * LOW_TRAFFIC_SHARE : false;
  const expiringKb = Math.max(0, summary.temporary);
  return low || expiringKb > 0 ? { low, expiringKb } : undefined;
}
