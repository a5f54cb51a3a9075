import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { apiKeyItem, eraseKey, keepKeyStatusInStep, keyStatus, keyStatusItem, newKeyRecordId, readKey, saveKey, sessionApiKeyItem, sessionKeyStatusItem, syncKeyStatus, type ApiKeyRecord } from './keys.ts';

const record: ApiKeyRecord = { id: newKeyRecordId(), key: 'demoKey0123456789abcdefABCDEF0042', baseUrl: 'https://api.example.test/', unverified: false, checkedAt: 1 };
const everythingStored = async () => JSON.stringify({ ...(await fakeBrowser.storage.local.get()), ...(await fakeBrowser.storage.session.get()) });

describe('the pages’ copy of the key status', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is stored beside a remembered key, and only there', async () => {
    await saveKey({ record, remembered: true });
    expect(await keyStatusItem.getValue()).toEqual(keyStatus({ record, remembered: true }));
    expect(await sessionKeyStatusItem.getValue()).toBeNull();
  });

  it('is stored beside a session key, so it goes when the session does', async () => {
    await saveKey({ record, remembered: true });
    await saveKey({ record, remembered: false });
    expect(await sessionKeyStatusItem.getValue()).toEqual(keyStatus({ record, remembered: false }));
    expect(await keyStatusItem.getValue()).toBeNull();
  });

  it('never holds the key', async () => {
    await saveKey({ record, remembered: true });
    const { apiKey: _key, ...rest } = await fakeBrowser.storage.local.get();
    expect(JSON.stringify(rest)).not.toContain(record.key);
  });

  it('goes with the key', async () => {
    await saveKey({ record, remembered: true });
    await eraseKey();
    expect(await everythingStored()).toBe('{}');
  });

  it('is made when the background starts with a key stored by an older version', async () => {
    await apiKeyItem.setValue(record);
    expect(await keyStatusItem.getValue()).toBeNull();
    await syncKeyStatus();
    expect(await keyStatusItem.getValue()).toEqual(keyStatus({ record, remembered: true }));
  });

  it('is removed when the background finds its key gone', async () => {
    await saveKey({ record, remembered: false });
    await sessionApiKeyItem.removeValue();
    await syncKeyStatus();
    expect(await sessionKeyStatusItem.getValue()).toBeNull();
  });

  it('is removed when its key is read as unreadable and reset', async () => {
    await saveKey({ record, remembered: true });
    keepKeyStatusInStep();
    await fakeBrowser.storage.local.set({ apiKey: { key: 42 } });
    expect(await readKey()).toBeNull();
    await vi.waitFor(async () => expect(await keyStatusItem.getValue()).toBeNull());
  });
});

const V1_KEY_RECORD = { key: 'demoKey0123456789abcdefABCDEF0001', baseUrl: 'https://api.911proxy.com', unverified: false, checkedAt: 1_700_000_000_000 };

describe('apiKey migrations', () => {
  beforeEach(() => fakeBrowser.reset());

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
