/** Traffic figures as the pages show them: an account's usage against its limit, and "running low". */
import type { Account, PackageSummary } from '../background/api/schemas.ts';

const KB_PER_GB = 1024 * 1024;

export interface AccountUsage {
  usedKb: number;
  /** Undefined when the account has no cap (limit_flow 0). */
  limitKb?: number;
  /** Used share of the cap, 0…1 (capped at 1: accounting lags, so usage can overshoot); 0 without a cap. */
  ratio: number;
}

/** usage_flow is KB, limit_flow is GB with 0 meaning no cap. */
export function accountUsage(account: Pick<Account, 'usage_flow' | 'limit_flow'>): AccountUsage {
  const usedKb = Math.max(0, account.usage_flow);
  if (!(account.limit_flow > 0)) return { usedKb, ratio: 0 };
  const limitKb = account.limit_flow * KB_PER_GB;
  return { usedKb, limitKb, ratio: Math.min(1, usedKb / limitKb) };
}

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
