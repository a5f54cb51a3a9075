/**
 * A system notification before traffic or packages run out, for the traffic products the API
 * summarises (`SUMMARY_PRODUCT_TYPES`): when the traffic left falls under 10 % of the valid packages'
 * total, and when packages expire within 7 days. Checked every 6 hours (an alarm, which wakes the worker) and
 * whenever a page has refreshed the package summary. Each condition is notified once, and again only
 * after it has cleared and come back, so the user is warned, not nagged.
 */
import { browser } from 'wxt/browser';
import { t, tCount } from '../shared/i18n.ts';
import { productTypeName } from '../shared/product-names.ts';
import { DEFAULT_SUMMARY_PRODUCT_TYPE, SUMMARY_PRODUCT_TYPES, type SummaryProductType } from '../shared/products.ts';
import { z } from './zod.ts';
import type { PackageSummary } from './api/schemas.ts';
import { cachedRequestItems } from './cached-requests.ts';
import { formatTraffic } from '../shared/format.ts';
import { isTrafficLow } from '../shared/low-traffic.ts';
import { STORAGE_KEYS } from '../shared/storage-keys.ts';
import { defineStoredItem } from './stored-item.ts';
import { notify } from './notification.ts';
import { createSerialQueue } from './serial-queue.ts';

export const WARNING_ALARM = 'package-warnings';
export const CHECK_PERIOD_MINUTES = 6 * 60;

/** What may be notified, per summarised product type: `lowTraffic-9`, `expiring-12`, … */
export const warningIdSchema = z.templateLiteral([z.enum(['lowTraffic', 'expiring']), '-', z.literal(SUMMARY_PRODUCT_TYPES)]);
export type WarningId = z.infer<typeof warningIdSchema>;

/** Running-out conditions already notified and not cleared since. */
export const notifiedWarningsItem = defineStoredItem(STORAGE_KEYS.notifiedWarnings, z.array(warningIdSchema), { fallback: [], version: 1 });

/** The notifications `summary` calls for, with their text. */
export function warningsFor(productType: SummaryProductType, summary: PackageSummary): { id: WarningId; message: string }[] {
  const product = productTypeName(productType);
  const warnings: { id: WarningId; message: string }[] = [];
  if (isTrafficLow(summary)) {
    warnings.push({ id: `lowTraffic-${productType}`, message: t('warning_lowTraffic', product, formatTraffic(summary.effective), formatTraffic(summary.effective_total)) });
  }
  if (summary.temporary_count > 0) {
    warnings.push({ id: `expiring-${productType}`, message: tCount('warning_expiring', summary.temporary_count, product, formatTraffic(summary.temporary)) });
  }
  return warnings;
}

export interface WarningOptions {
  /** The package summary of a product type, asked for by the periodic check; throws without a key. */
  packageSummary(productType: SummaryProductType): Promise<PackageSummary>;
}

/**
 * Registers the alarm, its listener, the summary cache watch and the notification click (which opens
 * the dashboard's packages). Call synchronously from the background's start, so a waking alarm finds
 * its listener. Returns `check`, the periodic check (for tests).
 */
export function setUpWarnings({ packageSummary }: WarningOptions): { check(): Promise<void> } {
  // One check at a time: the alarm and a cache change can arrive together.
  const queue = createSerialQueue();
  const serialized = (task: () => Promise<void>) => queue.run(task).catch(() => undefined);

  const update = (productType: SummaryProductType, summary: PackageSummary) =>
    serialized(async () => {
      const notified = await notifiedWarningsItem.getValue();
      const current = warningsFor(productType, summary);
      const fresh = current.filter((warning) => !notified.includes(warning.id));
      for (const warning of fresh) {
        await notify(warning.id, t('warning_title'), warning.message);
      }
      // A condition of this product that no longer holds may be notified again when it returns.
      const ofOthers = notified.filter((id) => !id.endsWith(`-${productType}`));
      const next = [...ofOthers, ...current.map((warning) => warning.id)];
      if (next.length !== notified.length || next.some((id) => !notified.includes(id))) await notifiedWarningsItem.setValue(next);
    });

  const check = async () => {
    for (const productType of SUMMARY_PRODUCT_TYPES) {
      // No key, or the API is unreachable: nothing to say until the next check.
      const summary = await packageSummary(productType).catch(() => undefined);
      if (summary) await update(productType, summary);
    }
  };

  void browser.alarms.get(WARNING_ALARM).then((alarm) => {
    if (!alarm) browser.alarms.create(WARNING_ALARM, { delayInMinutes: 1, periodInMinutes: CHECK_PERIOD_MINUTES });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === WARNING_ALARM) void check();
  });
  // A page refreshed the summary: look at the fresh figures at once.
  cachedRequestItems.getPackageSummary.watch((entries) => {
    for (const [entryKey, entry] of Object.entries(entries)) {
      const productType = summaryTypeOf(entryKey);
      if (productType) void update(productType, entry.data);
    }
  });
  browser.notifications.onClicked.addListener((id) => {
    if (!id.startsWith('lowTraffic-') && !id.startsWith('expiring-')) return;
    void browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html#packages') });
    void browser.notifications.clear(id);
  });
  return { check };
}

/** The product type a summary cache entry was asked for (its key is the request's JSON); the API's default when unnamed. */
function summaryTypeOf(entryKey: string): SummaryProductType | undefined {
  try {
    const { productType = DEFAULT_SUMMARY_PRODUCT_TYPE } = JSON.parse(entryKey) as { productType?: number };
    return SUMMARY_PRODUCT_TYPES.find((type) => type === productType);
  } catch {
    return undefined;
  }
}
