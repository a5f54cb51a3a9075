import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { RETIRED_KEYS } from '../shared/storage-keys.ts';
import { accountsFirstScreenItem, cachedRequestItems } from './cached-requests.ts';
import { apiKeyItem } from './keys.ts';
import { DEFAULT_SETTINGS, settingsItem } from './settings.ts';
import { removeRetiredItems } from './stored-item.ts';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('validated reads', () => {
  it.each([
    ['settings', settingsItem, { theme: 42 }, DEFAULT_SETTINGS],
    ['apiKey', apiKeyItem, { key: 7 }, null],
    ['cache.accounts', cachedRequestItems.getAccounts, { '{}': { data: 'not a list', fetchedAt: 1, keyId: 'k', baseUrl: 'u' } }, {}],
    ['cache.staticIps', cachedRequestItems.getStaticIps, { '{}': { data: { list: [{ host: 1 }] }, fetchedAt: 1, keyId: 'k', baseUrl: 'u' } }, {}],
    ['cache.accounts.firstScreen', accountsFirstScreenItem, { data: [{ username: 1 }], fetchedAt: 1, keyId: 'k', baseUrl: 'u', entryKey: '{}', total: 1, productTypes: [] }, null],
  ] as const)('falls back to the default when %s is corrupt', async (key, item, corrupt, fallback) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await fakeBrowser.storage.local.set({ [key]: corrupt });
    expect(await item.getValue()).toEqual(fallback);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });
});

describe('retired items', () => {
  it('removes what an earlier version stored under a key this one no longer reads, and nothing else', async () => {
    expect(RETIRED_KEYS).toContain('local:cache.stateCountries');
    await fakeBrowser.storage.local.set({ 'cache.stateCountries': '{}', 'cache.stateCountries$': { v: 2 }, 'cache.cityCountries': '{}' });
    await removeRetiredItems();
    expect(await fakeBrowser.storage.local.get()).toEqual({ 'cache.cityCountries': '{}' });
  });
});
