/** "Running low" as both the popup's banner and the background's notification mean it. */
import type { PackageSummary } from '../background/api/schemas.ts';

/** Traffic left under this share of the valid packages' total is "running out". */
export const LOW_TRAFFIC_SHARE = 0.1;

/** Less than `LOW_TRAFFIC_SHARE` of the effective packages' traffic is left (none at all counts; no packages does not). */
export function isTrafficLow({ effective, effective_total }: Pick<PackageSummary, 'effective' | 'effective_total'>): boolean {
  return effective_total > 0 && effective < effective_total * LOW_TRAFFIC_SHARE;
}
