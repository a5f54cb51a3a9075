import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { installEnglishMessages, installMessages } from '../../test/helpers/i18n.ts';
import type { PackageSummary } from './api/schemas.ts';
import { cachedRequestItems } from './cached-requests.ts';
import { CHECK_PERIOD_MINUTES, notifiedWarningsItem, WARNING_ALARM, setUpWarnings, warningsFor } from './warnings.ts';

const GB = 1024 * 1024;
const healthy: PackageSummary = {
  total: 100 * GB, total_count: 5, effective: 50 * GB, effective_count: 3, effective_total: 80 * GB, effective_used: 30 * GB,
  temporary: 0, temporary_count: 0, expired: 2 * GB, expired_count: 2, used: 48 * GB,
};
const low: PackageSummary = { ...healthy, effective: 7 * GB };
const expiring: PackageSummary = { ...healthy, temporary: 3 * GB, temporary_count: 2 };

const notifications = async () => Object.entries(await fakeBrowser.notifications.getAll()) as [string, { message: string }][];
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

beforeEach(() => {
  fakeBrowser.reset();
  installEnglishMessages();
});

describe('warningsFor', () => {
  it.each([
    ['plenty left, nothing expiring', healthy, []],
    ['under 10 % left', low, ['lowTraffic-9']],
    ['exactly 10 % left', { ...healthy, effective: 8 * GB }, []],
    ['packages expiring within 7 days', expiring, ['expiring-9']],
    ['no valid package at all', { ...healthy, effective: 0, effective_total: 0 }, []],
  ])('%s', (_, summary, ids) => {
    expect(warningsFor(9, summary).map((warning) => warning.id)).toEqual(ids);
  });

  it('words the warning with the product and human units', () => {
    expect(warningsFor(12, low)[0]?.message).toMatch(/^Long-term IDC.*: only 7 GB of traffic left, out of 80 GB\./i);
    expect(warningsFor(9, expiring)[0]?.message).toContain('2 packages expire within 7 days, with 3 GB of traffic left');
  });

  it('words the expiry for the number of packages, in the language’s plural forms', () => {
    const expiringCount = (count: number) => warningsFor(9, { ...expiring, temporary_count: count })[0]?.message;
    expect(expiringCount(1)).toContain(': 1 package expires within 7 days');
    installMessages('ru');
    expect([1, 3, 5, 21].map(expiringCount)).toEqual([
      expect.stringContaining(': 1 пакет истекает'),
      expect.stringContaining(': 3 пакета истекают'),
      expect.stringContaining(': 5 пакетов истекают'),
      expect.stringContaining(': 21 пакет истекает'),
    ]);
  });
});

describe('setUpWarnings', () => {
  it('checks every 6 hours with an alarm, and notifies each condition once until it clears', async () => {
    const answers: Record<number, PackageSummary> = { 9: low, 12: healthy };
    const { check } = setUpWarnings({ packageSummary: async (type) => answers[type]! });
    await settle();
    expect(await fakeBrowser.alarms.get(WARNING_ALARM)).toMatchObject({ periodInMinutes: CHECK_PERIOD_MINUTES });

    await fakeBrowser.alarms.onAlarm.trigger({ name: WARNING_ALARM, scheduledTime: Date.now(), periodInMinutes: CHECK_PERIOD_MINUTES });
    await settle();
    expect((await notifications()).map(([id]) => id)).toEqual(['lowTraffic-9']);

    // Still low: no second notification, even after the first was dismissed.
    await fakeBrowser.notifications.clear('lowTraffic-9');
    await check();
    expect(await notifications()).toEqual([]);

    // Topped up, then low again: a new warning.
    answers[9] = healthy;
    await check();
    expect(await notifiedWarningsItem.getValue()).toEqual([]);
    answers[9] = low;
    answers[12] = expiring;
    await check();
    expect((await notifications()).map(([id]) => id).sort()).toEqual(['expiring-12', 'lowTraffic-9']);
  });

  it('looks at a summary as soon as a page has refreshed it', async () => {
    setUpWarnings({ packageSummary: () => Promise.reject(new Error('no key')) });
    const entry = (data: PackageSummary) => ({ data, fetchedAt: Date.now(), keyId: 'k', baseUrl: 'https://api.example' });
    await cachedRequestItems.getPackageSummary.setValue({ '{"productType":12}': entry(expiring), '{}': entry(healthy) });
    await settle();
    expect((await notifications()).map(([id]) => id)).toEqual(['expiring-12']);
  });

  it('says nothing without a key or an answer, and opens the dashboard when a warning is clicked', async () => {
    const { check } = setUpWarnings({ packageSummary: () => Promise.reject(new Error('no key')) });
    await check();
    expect(await notifications()).toEqual([]);
    await fakeBrowser.notifications.onClicked.trigger('lowTraffic-9');
    await settle();
    const tabs = await fakeBrowser.tabs.query({});
    expect(tabs.map((tab) => tab.url)).toContain('chrome-extension://test-extension-id/dashboard.html#packages');
  });
});
