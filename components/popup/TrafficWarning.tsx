/**
 * The popup's warning when the traffic packages run low or expire soon, under the proxy status
 * (StatusHeader), with a link to the dashboard's packages.
 */
import { t } from '../../lib/shared/i18n.ts';
import { formatTraffic } from '../../lib/shared/format.ts';
import { useCachedList } from '../../lib/ui/hooks.ts';
import { trafficWarning } from '../../lib/ui/traffic-warning.ts';
import { pageUrl } from '../../lib/ui/page-links.ts';

/** Dynamic residential traffic (product 9): below 10% left, or some expiring within 7 days. */
export function TrafficWarning() {
  const summary = useCachedList('getPackageSummary', { productType: 9 });
  // No summary (an error, or not loaded yet) is no warning: the dashboard shows the details.
  const warning = summary.data && trafficWarning(summary.data);
  if (!warning) return null;
  return (
    <p class="banner warn" role="note">
      {warning.low && t('popup_trafficLow', formatTraffic(summary.data!.effective))}{' '}
      {warning.expiringKb > 0 && t('popup_trafficExpiring', formatTraffic(warning.expiringKb))}{' '}
      <a href={pageUrl('dashboard.html', 'packages')} target="_blank" rel="noopener">
        {t('popup_trafficDetails')}
      </a>
    </p>
  );
}
