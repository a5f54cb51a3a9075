import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { cacheKeyOf } from '../shared/storage-keys.ts';
import { CACHED_REQUESTS, cachedRequestItems, listsRefreshedBy, type CachedRequestName } from './cached-requests.ts';
import { CHANGES, type ChangeName } from './changes.ts';
import { requestSchemas } from './requests.ts';

beforeEach(() => {
  fakeBrowser.reset();
});

const names = Object.keys(CACHED_REQUESTS) as CachedRequestName[];

describe('the table of cached requests', () => {
  it('gives every row a request schema that takes refresh and known besides its parameters', () => {
    for (const name of names) {
      const fields = Object.keys(requestSchemas[name].shape);
      expect(fields, name).toEqual([...Object.keys(CACHED_REQUESTS[name].params), 'refresh', 'known']);
    }
  });

  it('refuses unknown fields of a request without parameters, and accepts refresh and known', () => {
    expect(requestSchemas.getAccounts.safeParse({ refresh: true, known: 1 }).success).toBe(true);
    expect(requestSchemas.getAccounts.safeParse({ everything: true }).success).toBe(false);
  });

  it('stores each row under the key its name gives, in local storage, one item per row', () => {
    const keys = names.map((name) => cachedRequestItems[name].key);
    for (const [index, name] of names.entries()) expect(keys[index], name).toBe(cacheKeyOf(name));
    for (const key of keys) expect(key).toMatch(/^local:cache\.[a-z][A-Za-z]*$/);
    expect(new Set(keys).size).toBe(names.length);
  });

  it('keeps the keys users’ data are stored under today', () => {
    const today: Partial<Record<CachedRequestName, string>> = {
      getAccounts: 'local:cache.accounts',
      getUsage: 'local:cache.usage',
      getPackages: 'local:cache.packages',
      getPackageSummary: 'local:cache.packageSummary',
      getCityCountries: 'local:cache.cityCountries',
      searchStates: 'local:cache.states',
      searchCities: 'local:cache.cities',
      getStaticIps: 'local:cache.staticIps',
      getStaticIpStock: 'local:cache.staticIpStock',
      getOrders: 'local:cache.orders',
      getPaymentGroups: 'local:cache.paymentGroups',
      getGiftRatios: 'local:cache.giftRatios',
      getUserInfo: 'local:cache.userInfo',
    };
    for (const [name, key] of Object.entries(today)) expect(cachedRequestItems[name as CachedRequestName].key, name).toBe(key);
  });

  it('names only changes that exist, and refetches after each change exactly the lists that name it', () => {
    for (const name of names) for (const change of CACHED_REQUESTS[name].refreshedBy ?? []) expect(Object.keys(CHANGES), name).toContain(change);
    for (const change of Object.keys(CHANGES) as ChangeName[]) {
      for (const list of listsRefreshedBy(change)) expect(CACHED_REQUESTS[list].refreshedBy, change).toContain(change);
    }
    expect(listsRefreshedBy('addAccounts')).toEqual(['getAccounts']);
    expect(listsRefreshedBy('closeOrder')).toEqual(['getOrders']);
    // Extraction hands out endpoints; it changes no list the extension shows.
    expect(listsRefreshedBy('extractIps')).toEqual([]);
  });

  it('keeps every change and cached request apart in the protocol', () => {
    for (const change of Object.keys(CHANGES)) expect(names as string[]).not.toContain(change);
    for (const name of [...names, ...Object.keys(CHANGES)]) expect(Object.keys(requestSchemas)).toContain(name);
  });
});

describe('list caches', () => {
  const entries = { '{}': { data: [{ day: '2026-11-01', flow: 12 }], fetchedAt: 1, keyId: 'k', baseUrl: 'https://api.911proxy.com' } };

  it('2: a v1 cache item (an object) is kept, as the JSON string v2 stores', async () => {
    await fakeBrowser.storage.local.set({ 'cache.usage': entries }); // no meta: version 1
    await cachedRequestItems.getUsage.migrate();
    expect(await fakeBrowser.storage.local.get(['cache.usage', 'cache.usage$'])).toEqual({ 'cache.usage': JSON.stringify(entries), 'cache.usage$': { v: 2 } });
    expect(await cachedRequestItems.getUsage.getValue()).toEqual(entries);
  });

  it('2: a string whose version mark was lost is not encoded again', async () => {
    await fakeBrowser.storage.local.set({ 'cache.usage': JSON.stringify(entries) });
    await cachedRequestItems.getUsage.migrate();
    expect(await cachedRequestItems.getUsage.getValue()).toEqual(entries);
  });

  it('stores a JSON string, and reads one that is not JSON as no entries', async () => {
    await cachedRequestItems.getUsage.setValue(entries);
    expect(await fakeBrowser.storage.local.get('cache.usage')).toEqual({ 'cache.usage': JSON.stringify(entries) });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await fakeBrowser.storage.local.set({ 'cache.usage': '{"{}": {"data": [' });
    expect(await cachedRequestItems.getUsage.getValue()).toEqual({});
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });

  it('reads the string it last read or wrote without parsing it again, and a changed one anew', async () => {
    await cachedRequestItems.getUsage.setValue(entries);
    const first = await cachedRequestItems.getUsage.getValue();
    expect(first).toEqual(entries);
    // The same object: neither parsed nor validated again.
    expect(await cachedRequestItems.getUsage.getValue()).toBe(first);
    const changed = { '{}': { ...entries['{}'], fetchedAt: 2 } };
    await fakeBrowser.storage.local.set({ 'cache.usage': JSON.stringify(changed) });
    expect(await cachedRequestItems.getUsage.getValue()).toEqual(changed);
  });
});
