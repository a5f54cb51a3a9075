import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { cacheKeyOf, FIRST_SCREEN_ROWS, readCacheEntries, STORAGE_KEYS, type CacheEntry } from '../shared/storage-keys.ts';
import { indexAccounts, sortAccounts } from '../ui/filter.ts';
import { sendToBackground } from '../ui/send-to-background.ts';
import { resetFakeExtension, setSandboxKey, startApiBackground } from '../../test/helpers/background.ts';
import { useSandbox } from '../../test/helpers/api.ts';
import type { Account } from './api/schemas.ts';
import { accountsFirstScreenItem, CACHED_REQUESTS, cachedRequestItems, listsRefreshedBy, type CachedRequestName } from './cached-requests.ts';
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

describe('the accounts’ first screen', () => {
  const fx = useSandbox({ accounts: 40 });
  let clock: number;
  beforeEach(() => {
    resetFakeExtension();
    clock = 1_700_000_000_000;
  });
  const ACCOUNTS = cacheKeyOf('getAccounts').slice('local:'.length);
  const FIRST_SCREEN = STORAGE_KEYS.accountsFirstScreen.slice('local:'.length);

  /** Every change event of local storage, as each open page receives them. */
  function recordChanges() {
    const events: Record<string, { newValue?: unknown }>[] = [];
    fakeBrowser.storage.local.onChanged.addListener((changes) => void events.push(changes));
    return events;
  }

  /** What the first screen of `entry` must be, made the way the popup sorts the whole list. */
  const screenOf = (entry: CacheEntry<Account[]>) => ({
    ...entry,
    data: sortAccounts(indexAccounts(entry.data), 'name')
      .slice(0, FIRST_SCREEN_ROWS)
      .map((indexed) => indexed.account),
    entryKey: '{}',
    total: entry.data.length,
    productTypes: [...new Set(entry.data.map((account) => account.product_type))].sort((a, b) => a - b),
  });

  /** Each event that changes the accounts' cache changes the first screen in the same event, to its summary; returns those events. */
  function expectInStep(events: Record<string, { newValue?: unknown }>[]) {
    const touching = events.filter((changes) => ACCOUNTS in changes || FIRST_SCREEN in changes);
    for (const changes of touching) {
      expect(Object.keys(changes)).toEqual(expect.arrayContaining([ACCOUNTS, FIRST_SCREEN]));
      const entry = readCacheEntries<Account[]>(changes[ACCOUNTS]!.newValue)['{}'];
      expect(changes[FIRST_SCREEN]!.newValue ?? null).toEqual(entry ? screenOf(entry) : null);
    }
    return touching;
  }

  it('is written with every write of the accounts’ cache (fetched, changed, failed) and removed with it', async () => {
    const events = recordChanges();
    const service = startApiBackground({ now: () => clock });
    await setSandboxKey(fx.sb);
    const { data: accounts } = (await sendToBackground('getAccounts', {})) as { data: Account[] };
    expect(accounts).toHaveLength(40);
    await sendToBackground('changeAccountRemark', { account: accounts[0]!.username, remark: 'seen' });
    await service.idle();
    fx.sb.setFault({ kind: 'http500', path: 'whitelist-account/list' });
    clock += 5 * 60_000;
    await sendToBackground('getAccounts', {});
    await service.idle();
    fx.sb.setFault(null);
    await sendToBackground('forgetKey', {});

    const touching = expectInStep(events);
    const screens = touching.flatMap((changes) => (changes[FIRST_SCREEN]!.newValue ?? []) as { invalidated?: boolean; failure?: unknown; total: number; data: unknown[] }[]);
    expect(screens[0]).toMatchObject({ total: 40 });
    expect(screens[0]!.data).toHaveLength(FIRST_SCREEN_ROWS);
    expect(screens.some((screen) => screen.invalidated === true)).toBe(true);
    expect(screens.some((screen) => screen.failure !== undefined)).toBe(true);
    // Forgetting the key removed both, in one call.
    expect(touching.at(-1)![FIRST_SCREEN]!.newValue ?? null).toBeNull();
    expect(await fakeBrowser.storage.local.get([ACCOUNTS, FIRST_SCREEN])).toEqual({});
  });

  it('goes with the cache when another key replaces the key, and when the answers of a key gone are dropped at start', async () => {
    const OTHER_KEY = 'other0000000000000000000000000000';
    fx.sb.state.addKey(OTHER_KEY, { accounts: 3 });
    const events = recordChanges();
    startApiBackground({ now: () => clock });
    await setSandboxKey(fx.sb);
    await sendToBackground('getAccounts', {});
    await setSandboxKey(fx.sb, OTHER_KEY);
    expect(await accountsFirstScreenItem.getValue()).toBeNull();
    await sendToBackground('getAccounts', {});
    expect(await accountsFirstScreenItem.getValue()).toMatchObject({ total: 3 });

    // A session key's answers outlive it when the browser closes: the next start drops them.
    await fakeBrowser.storage.local.remove('apiKey');
    const restarted = startApiBackground({ now: () => clock });
    await restarted.idle();
    expect(await fakeBrowser.storage.local.get([ACCOUNTS, FIRST_SCREEN])).toEqual({});
    expect(expectInStep(events).length).toBeGreaterThanOrEqual(4);
  });

  it('is null when the accounts’ cache holds no entry for the list, and its version is marked beside the value', async () => {
    await cachedRequestItems.getAccounts.setValue({});
    expect(await accountsFirstScreenItem.getValue()).toBeNull();
    expect(await fakeBrowser.storage.local.get([`${FIRST_SCREEN}$`, `${ACCOUNTS}$`])).toEqual({ [`${FIRST_SCREEN}$`]: { v: 1 }, [`${ACCOUNTS}$`]: { v: 2 } });
  });

  it('is reset with the accounts’ cache when that is unreadable', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const entry = { data: [], fetchedAt: 1, keyId: 'k', baseUrl: 'https://api.911proxy.com' };
    await cachedRequestItems.getAccounts.setValue({ '{}': entry });
    expect(await accountsFirstScreenItem.getValue()).toMatchObject({ total: 0, fetchedAt: 1 });
    await fakeBrowser.storage.local.set({ [ACCOUNTS]: '{"{}": {"data": [' });
    expect(await cachedRequestItems.getAccounts.getValue()).toEqual({});
    expect(await accountsFirstScreenItem.getValue()).toBeNull();
    warn.mockRestore();
  });
});
