/**
 * Traffic per day over a chosen range (a preset or two dates), for all accounts or one, and for one
 * product type or all; with the range's total, daily average and busiest day.
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import { t, tCount } from '../../lib/shared/i18n.ts';
import { formatApiTime, formatTraffic } from '../../lib/shared/format.ts';
import { useCachedList } from '../../lib/ui/hooks.ts';
import { withField } from '../../lib/ui/use-draft.ts';
import { EmptyState, ErrorState, Loading } from '../States.tsx';
import { KNOWN_PRODUCT_TYPES, type KnownProductType } from '../../lib/shared/products.ts';
import { ProductTypeSelect } from '../ProductTypeSelect.tsx';
import { RANGE_PRESETS, dayOf, fillDays, presetRange, rangeProblem, usageTimes, type DayRange } from '../../lib/ui/usage-range.ts';
import { UsageChart } from './UsageChart.tsx';

type RangeChoice = (typeof RANGE_PRESETS)[number] | 'custom';

/** The usage section of the dashboard. */
export function UsageSection() {
  const [choice, setChoice] = useState<RangeChoice>(7);
  const today = useMemo(() => new Date(), []);
  const [custom, setCustom] = useState<DayRange>(() => presetRange(30, today));
  const [username, setUsername] = useState('');
  const [productType, setProductType] = useState<KnownProductType>();
  const accounts = useCachedList('getAccounts', {});

  const customProblem = choice === 'custom' ? rangeProblem(custom) : undefined;
  // While the custom dates are wrong, the chart keeps showing the last range that was right.
  const lastGood = useRef<DayRange>(presetRange(7, today));
  if (!customProblem) lastGood.current = choice === 'custom' ? custom : presetRange(choice, today);
  const shown = lastGood.current;

  const usage = useCachedList('getUsage', {
    ...usageTimes(shown),
    ...(username && { username }),
    ...(productType !== undefined && { productType }),
  });
  const days = usage.data ? fillDays(shown, usage.data) : undefined;
  const total = days?.reduce((sum, day) => sum + day.flow, 0) ?? 0;
  const busiest = days?.reduce((top, day) => (day.flow > top.flow ? day : top), { day: '', flow: 0 });

  return (
    <section class="card" aria-labelledby="usage-title" id="usage">
      <h2 id="usage-title">{t('dashboard_usageTitle')}</h2>
      <p class="hint">{t('dashboard_usageLag')}</p>
      <div class="row">
        <div class="field">
          <label for="usage-range">{t('dashboard_range')}</label>
          <select id="usage-range" value={String(choice)} onChange={(event) => setChoice(event.currentTarget.value === 'custom' ? 'custom' : (Number(event.currentTarget.value) as RangeChoice))}>
            {RANGE_PRESETS.map((days) => (
              <option key={days} value={String(days)}>
                {tCount('dashboard_rangeDays', days)}
              </option>
            ))}
            <option value="custom">{t('dashboard_rangeCustom')}</option>
          </select>
        </div>
        {choice === 'custom' && (
          <>
            <div class="field">
              <label for="usage-from">{t('dashboard_rangeFrom')}</label>
              <input id="usage-from" type="date" value={custom.from} max={dayOf(today)} aria-invalid={customProblem !== undefined} aria-describedby="usage-range-problem" onInput={(event) => setCustom(withField('from', event.currentTarget.value))} />
            </div>
            <div class="field">
              <label for="usage-to">{t('dashboard_rangeTo')}</label>
              <input id="usage-to" type="date" value={custom.to} max={dayOf(today)} aria-invalid={customProblem !== undefined} aria-describedby="usage-range-problem" onInput={(event) => setCustom(withField('to', event.currentTarget.value))} />
            </div>
          </>
        )}
        <div class="field">
          <label for="usage-account">{t('dashboard_account')}</label>
          <select id="usage-account" value={username} onChange={(event) => setUsername(event.currentTarget.value)}>
            <option value="">{t('dashboard_allAccounts')}</option>
            {accounts.data?.map((account) => (
              <option key={account.id} value={account.username}>
                {account.remark ? `${account.username} (${account.remark})` : account.username}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="usage-product">{t('ui_productType')}</label>
          <ProductTypeSelect id="usage-product" types={KNOWN_PRODUCT_TYPES} value={productType} anyLabel={t('dashboard_allProductTypes')} onChange={setProductType} />
        </div>
      </div>
      <p id="usage-range-problem" class="problem" role={customProblem ? 'alert' : undefined}>
        {customProblem && t(customProblem === 'too-long' ? 'dashboard_rangeTooLong' : customProblem === 'end-before-start' ? 'dashboard_rangeEndBeforeStart' : 'dashboard_rangeInvalid')}
      </p>
      {usage.error && !days ? (
        <ErrorState error={usage.error} onRetry={usage.reload} />
      ) : !days ? (
        <Loading list={usage} />
      ) : (
        <>
          {usage.error && <ErrorState error={usage.error} onRetry={usage.reload} />}
          <dl class="figures">
            <div>
              <dt>{t('dashboard_usageTotal')}</dt>
              <dd data-testid="usage-total">{formatTraffic(total)}</dd>
            </div>
            <div>
              <dt>{t('dashboard_usageAverage')}</dt>
              <dd>{formatTraffic(days.length ? total / days.length : 0)}</dd>
            </div>
            <div>
              <dt>{t('dashboard_usageBusiest')}</dt>
              <dd>{busiest && busiest.flow > 0 ? `${formatTraffic(busiest.flow)} · ${formatApiTime(busiest.day)}` : '—'}</dd>
            </div>
          </dl>
          {total === 0 ? <EmptyState>{t('dashboard_usageEmpty')}</EmptyState> : <UsageChart days={days} title={t('dashboard_chartTitle', shown.from, shown.to)} />}
        </>
      )}
    </section>
  );
}
