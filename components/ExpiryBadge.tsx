/** "Expired" or "Expires within 7 days" beside an expiry date, in words (not colour alone). */
import { t, tCount } from '../lib/shared/i18n.ts';
import { EXPIRING_WITHIN_DAYS, expiryOf } from '../lib/ui/expiry.ts';

/** Nothing when `expiredAt` is further away than the expiring window, or not a time. */
export function ExpiryBadge({ expiredAt }: { expiredAt: string | undefined }) {
  const expiry = expiryOf(expiredAt);
  if (!expiry) return null;
  return expiry === 'expired' ? <span class="badge danger">{t('ui_expired')}</span> : <span class="badge warn">{tCount('ui_expiresWithinDays', EXPIRING_WITHIN_DAYS)}</span>;
}
