/** Whether a package or a static IP has expired or is about to, from the API's `expired_at` text. */
import { parseApiTime } from '../shared/format.ts';

/**
 * The window in which something counts as expiring: the one the provider's package summary uses for
 * its "temporary" figure (user-product/summary), so the lists mark what the summary and the popup's
 * warning count.
 */
export const EXPIRING_WITHIN_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export type Expiry = 'expired' | 'expiring';

/**
 * 'expired' once `expiredAt` has passed, 'expiring' within EXPIRING_WITHIN_DAYS of it, otherwise (or
 * when the text is no time) undefined. A date without a time expires at the end of that day.
 */
export function expiryOf(expiredAt: string | undefined, now = Date.now()): Expiry | undefined {
  const parsed = expiredAt === undefined ? undefined : parseApiTime(expiredAt);
  if (!parsed) return undefined;
  const endsAt = parsed.date.getTime() + (parsed.withTime ? 0 : DAY_MS);
  if (endsAt <= now) return 'expired';
  return endsAt - now <= EXPIRING_WITHIN_DAYS * DAY_MS ? 'expiring' : undefined;
}
