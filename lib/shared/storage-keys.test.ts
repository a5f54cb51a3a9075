import { describe, expect, it } from 'vitest';
import { cacheEntryKey, cacheKeyOf, readCacheEntries, RETIRED_KEYS, STORAGE_KEYS } from './storage-keys.ts';

describe('the registry of stored keys', () => {
  it('names each key once, in the local or session area', () => {
    const keys = [...Object.values(STORAGE_KEYS), ...RETIRED_KEYS];
    for (const key of keys) expect(key).toMatch(/^(local|session):[a-zA-Z.]+$/);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps the keys users’ data are stored under today', () => {
    expect(Object.values(STORAGE_KEYS).sort()).toEqual(
      ['local:apiKey', 'session:apiKey', 'local:keyStatus', 'session:keyStatus', 'local:settings', 'local:connection', 'local:routes', 'local:containerExits', 'session:tabExits', 'session:proxyStatus', 'local:warnings.notified', 'local:notices', 'session:apiWaits', 'local:customEndpoints', 'session:exitChecks', 'local:cache.accounts.firstScreen'].sort(),
    );
  });

  it('names a cached request’s item by the request without its verb, lower-cased first', () => {
    expect(cacheKeyOf('getAccounts')).toBe('local:cache.accounts');
    expect(cacheKeyOf('searchStates')).toBe('local:cache.states');
    expect(cacheKeyOf('getPackageSummary')).toBe('local:cache.packageSummary');
    // A verb only counts as one before a capital: `getaway` keeps its letters.
    expect(cacheKeyOf('getaway')).toBe('local:cache.getaway');
  });
});

describe('readCacheEntries (the pages\' side)', () => {
  it('reads the entries of a stored string, and anything else as none', () => {
    const entry = { data: [], fetchedAt: 1, keyId: 'k', baseUrl: 'u' };
    expect(readCacheEntries(JSON.stringify({ '{}': entry, broken: { fetchedAt: 'x' } }))).toEqual({ '{}': entry });
    for (const raw of [undefined, null, 42, '[1]', 'not json', '"text"', { '{}': entry }]) expect(readCacheEntries(raw)).toEqual({});
  });
});

describe('cacheEntryKey', () => {
  it('is the same for the same parameters in any order, without refresh, known and unset fields', () => {
    expect(cacheEntryKey({ pageSize: 5, pageNo: 1, refresh: true, known: 3, tradeNo: undefined })).toBe(cacheEntryKey({ pageNo: 1, pageSize: 5 }));
    expect(cacheEntryKey({ pageNo: 1, pageSize: 5 })).toBe('{"pageNo":1,"pageSize":5}');
    expect(cacheEntryKey({})).toBe('{}');
  });
});
