/** Traffic used against a cap, as a bar with its figures ("1.5 GB of 10 GB", or "1.5 GB · no limit"). */
import { t } from '../lib/shared/i18n.ts';
import { formatTraffic } from '../lib/shared/format.ts';

export interface UsageBarProps {
  usedKb: number;
  /** Undefined: no cap, no bar. */
  limitKb?: number;
}

/** The bar turns amber from 80% and red at the cap, where the gateway stops the account. */
export function UsageBar({ usedKb, limitKb }: UsageBarProps) {
  const used = formatTraffic(usedKb);
  if (limitKb === undefined) return <span class="usage muted">{t('ui_usageUnlimited', used)}</span>;
  const ratio = Math.min(1, usedKb / limitKb);
  const text = t('ui_usageOf', used, formatTraffic(limitKb));
  const level = ratio >= 1 ? 'full' : ratio >= 0.8 ? 'high' : 'ok';
  // A meter's range is 0 to 100 unless it says otherwise (WAI-ARIA).
  return (
    <span class="usage">
      <span class={`usage-bar ${level}`} role="meter" aria-valuenow={Math.round(ratio * 100)} aria-valuetext={text} aria-label={t('ui_usageLabel')}>
        <span style={{ width: `${ratio * 100}%` }} />
      </span>
      <span class="muted">{text}</span>
    </span>
  );
}
