import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { cacheEntryKey, readCacheEntries } from '../shared/storage-keys.ts';
import { apiKeyItem, DEFAULT_SETTINGS, listCacheItems, sessionApiKeyItem, settingsItem, settingsPatchSchema } from './storage.ts';

beforeEach(() => {
  fakeBrowser.reset();
});

const V1_KEY_RECORD = { key: 'demoKey0123456789abcdefABCDEF0001', baseUrl: 'https://api.911proxy.com', unverified: false, checkedAt: 1_700_000_000_000 };

describe('apiKey migrations', () => {
  it.each([
    ['local', apiKeyItem],
    ['session', sessionApiKeyItem],
  ] as const)('2: a v1 %s record (no id) is read with a new id and otherwise unchanged', async (area, item) => {
    await fakeBrowser.storage[area].set({ apiKey: V1_KEY_RECORD }); // no `apiKey$` meta: version 1
    await item.migrate();
    const record = await item.getValue();
    expect(record).toEqual({ ...V1_KEY_RECORD, id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(await fakeBrowser.storage[area].get('apiKey$')).toEqual({ apiKey$: { v: 2 } });
  });

  it('2: leaves a record that already has an id, and an empty item, alone', async () => {
    await fakeBrowser.storage.local.set({ apiKey: { ...V1_KEY_RECORD, id: 'kept' } });
    await apiKeyItem.migrate();
    expect((await apiKeyItem.getValue())?.id).toBe('kept');
    await fakeBrowser.storage.session.set({ apiKey: null });
    await sessionApiKeyItem.migrate();
    expect(await sessionApiKeyItem.getValue()).toBeNull();
  });
});

describe('validated reads', () => {
  it('reads a stored v1 settings value as the current version', async () => {
    const stored = { ...DEFAULT_SETTINGS, theme: 'dark' };
    await fakeBrowser.storage.local.set({ settings: stored, settings$: { v: 1 } });
    expect(await settingsItem.getValue()).toEqual(stored);
  });

  it.each([
    ['settings', settingsItem, { theme: 42 }, DEFAULT_SETTINGS],
    ['apiKey', apiKeyItem, { key: 7 }, null],
    ['cache.accounts', listCacheItems.getAccounts, { '{}': { data: 'not a list', fetchedAt: 1, keyId: 'k', baseUrl: 'u' } }, {}],
    ['cache.staticIps', listCacheItems.getStaticIps, { '{}': { data: { list: [{ host: 1 }] }, fetchedAt: 1, keyId: 'k', baseUrl: 'u' } }, {}],
  ] as const)('falls back to the default when %s is corrupt', async (key, item, corrupt, fallback) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await fakeBrowser.storage.local.set({ [key]: corrupt });
    expect(await item.getValue()).toEqual(fallback);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });
});

describe('settingsPatchSchema', () => {
  it('keeps only the fields a patch names (no defaults filled in)', () => {
    expect(settingsPatchSchema.parse({ theme: 'dark' })).toEqual({ theme: 'dark' });
    expect(settingsPatchSchema.parse({})).toEqual({});
  });

  it('checks the fields it names and refuses unknown ones', () => {
    expect(settingsPatchSchema.safeParse({ theme: 'purple' }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ apiKey: 'x' }).success).toBe(false);
  });
});

describe('list caches', () => {
  const entries = { '{}': { data: [{ day: '2026-11-01', flow: 12 }], fetchedAt: 1, keyId: 'k', baseUrl: 'https://api.911proxy.com' } };

  it('2: a v1 cache item (an object) is kept, as the JSON string v2 stores', async () => {
    await fakeBrowser.storage.local.set({ 'cache.usage': entries }); // no meta: version 1
    await listCacheItems.getUsage.migrate();
    expect(await fakeBrowser.storage.local.get(['cache.usage', 'cache.usage$'])).toEqual({ 'cache.usage': JSON.stringify(entries), 'cache.usage$': { v: 2 } });
    expect(await listCacheItems.getUsage.getValue()).toEqual(entries);
  });

  it('2: a string whose version mark was lost is not encoded again', async () => {
    await fakeBrowser.storage.local.set({ 'cache.usage': JSON.stringify(entries) });
    await listCacheItems.getUsage.migrate();
    expect(await listCacheItems.getUsage.getValue()).toEqual(entries);
  });

  it('stores a JSON string, and reads one that is not JSON as no entries', async () => {
    await listCacheItems.getUsage.setValue(entries);
    expect(await fakeBrowser.storage.local.get('cache.usage')).toEqual({ 'cache.usage': JSON.stringify(entries) });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await fakeBrowser.storage.local.set({ 'cache.usage': '{"{}": {"data": [' });
    expect(await listCacheItems.getUsage.getValue()).toEqual({});
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });

  it('reads the string it last read or wrote without parsing it again, and a changed one anew', async () => {
    await listCacheItems.getUsage.setValue(entries);
    const first = await listCacheItems.getUsage.getValue();
    expect(first).toEqual(entries);
    // The same object: neither parsed nor validated again.
    expect(await listCacheItems.getUsage.getValue()).toBe(first);
    const changed = { '{}': { ...entries['{}'], fetchedAt: 2 } };
    await fakeBrowser.storage.local.set({ 'cache.usage': JSON.stringify(changed) });
    expect(await listCacheItems.getUsage.getValue()).toEqual(changed);
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
