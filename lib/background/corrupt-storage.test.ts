// Corrupt stored data (a hand-edited profile, a bug in an old version, a half-written value): every
// item is replaced by its default on the first read, the background keeps answering (no crash, no
// crash loop across restarts), and the user is told once when it was something they care about.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { resetFakeExtension, startApiBackground, setSandboxKey } from '../../test/helpers/background.ts';
import { englishMessage } from '../../test/helpers/i18n.ts';
import { useSandbox } from '../../test/helpers/api.ts';
import { PROTOCOL, type Answer } from '../shared/message-envelope.ts';
import { sendToBackground } from '../ui/send-to-background.ts';
import { accountsFirstScreenItem, cachedRequestItems } from './cached-requests.ts';
import { apiKeyItem, sessionApiKeyItem } from './keys.ts';
import { noticesItem, noticesWritten, RESET_NOTICES } from './notices.ts';
import { connectionItem } from './proxy/connection.ts';
import { DEFAULT_SETTINGS, settingsItem, settingsSchema } from './settings.ts';
import { askList } from '../../test/helpers/messaging.ts';

const fx = useSandbox({ accounts: 3 });

const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
beforeEach(() => {
  resetFakeExtension();
  warn.mockClear();
  error.mockClear();
});

/** Values no item accepts: wrong types, wrong shapes, half-written objects. */
const GARBAGE: unknown[] = ['garbage', 42, true, [], [1, 2], { nonsense: 1 }, { key: 5, baseUrl: 'not a url' }, { apiBaseUrl: 'ftp://x', theme: 'neon' }, { active: 'yes' }];

/** Writes a value under an item's key, as a broken profile would hold it. */
async function plant(key: string, value: unknown): Promise<void> {
  const [area, name] = key.split(':') as ['local' | 'session', string];
  await fakeBrowser.storage[area].set({ [name]: value });
}

const ask = async (name: string, input: unknown = {}): Promise<Answer> => (await fakeBrowser.runtime.sendMessage({ protocol: PROTOCOL, name, input })) as Answer;

describe('each corrupt item is replaced by its default', () => {
  it.each(GARBAGE)('%j in settings: the defaults, and the user is told unless it only had unknown fields', async (garbage) => {
    await plant('local:settings', garbage);
    startApiBackground();
    expect(await sendToBackground('getSettings', {})).toEqual(DEFAULT_SETTINGS);
    expect(await settingsItem.getValue()).toEqual(DEFAULT_SETTINGS);
    await noticesWritten();
    // An object of unknown fields is read as the defaults (unknown fields are dropped): nothing was lost.
    const lost = !settingsSchema.safeParse(garbage).success;
    expect(await noticesItem.getValue()).toEqual(lost ? [{ messageKey: 'notice_settingsReset', at: expect.any(Number) }] : []);
  });

  it.each(GARBAGE)('%j as the key: no key, a notice, and a new key can be entered', async (garbage) => {
    await plant('local:apiKey', garbage);
    await plant('session:apiKey', garbage);
    startApiBackground();
    expect(await sendToBackground('getKeyStatus', {})).toEqual({ set: false });
    expect(await ask('getAccounts')).toMatchObject({ ok: false, error: { kind: 'no-key' } });
    await noticesWritten();
    expect((await noticesItem.getValue()).map((notice) => notice.messageKey)).toEqual(['notice_keyReset']);
    expect((await setSandboxKey(fx.sb)).set).toBe(true);
    expect((await askList('getAccounts', {})).data).toHaveLength(3);
  });

  it.each(GARBAGE)('%j as the connection: direct, and the user is told', async (garbage) => {
    await plant('local:connection', garbage);
    startApiBackground();
    expect(await connectionItem.getValue()).toEqual({ active: null, last: null, since: null });
    await noticesWritten();
    expect((await noticesItem.getValue()).map((notice) => notice.messageKey)).toEqual(['notice_connectionReset']);
  });

  it.each(GARBAGE)('%j in a cached list: fetched again, silently', async (garbage) => {
    startApiBackground();
    await setSandboxKey(fx.sb);
    await askList('getAccounts', {});
    const calls = fx.sb.requests.length;
    await plant(cachedRequestItems.getAccounts.key, garbage);
    await plant(cachedRequestItems.getOrders.key, { '{}': garbage });
    expect((await askList('getAccounts', {})).data).toHaveLength(3);
    expect((await askList('getOrders', {})).stale).toBe(false);
    expect(fx.sb.requests.length).toBe(calls + 2);
    await noticesWritten();
    expect(await noticesItem.getValue()).toEqual([]);
  });

  it.each(GARBAGE)('%j as the accounts’ first screen: the list is answered, and its next write replaces it', async (garbage) => {
    startApiBackground();
    await setSandboxKey(fx.sb);
    await plant(accountsFirstScreenItem.key, garbage);
    expect((await askList('getAccounts', {})).data).toHaveLength(3);
    expect((await askList('getAccounts', { refresh: true })).data).toHaveLength(3);
    expect(await accountsFirstScreenItem.getValue()).toMatchObject({ total: 3, entryKey: '{}' });
    await noticesWritten();
    expect(await noticesItem.getValue()).toEqual([]);
  });
});

describe('everything corrupt at once', () => {
  async function plantEverything(): Promise<void> {
    for (const item of [settingsItem, apiKeyItem, sessionApiKeyItem, connectionItem, noticesItem, accountsFirstScreenItem, ...Object.values(cachedRequestItems)]) await plant(item.key, ['\u0000<script>']);
    // The version records WXT keeps beside each item, too.
    await fakeBrowser.storage.local.set({ settings$: 'x', apiKey$: { v: 'two' }, connection$: [] });
  }

  it('the background answers every request, across restarts, with one notice per item', async () => {
    for (let start = 0; start < 3; start++) {
      await plantEverything();
      const service = startApiBackground();
      for (const [name, input] of [
        ['getSettings', {}],
        ['getKeyStatus', {}],
        ['getAccounts', {}],
        ['getOrders', {}],
        ['updateSettings', { theme: 'dark' }],
      ] as const) {
        const answer = await ask(name, input);
        if (!answer.ok) expect(answer.error.kind).toBe('no-key');
      }
      await service.idle();
      await noticesWritten();
    }
    const notices = (await noticesItem.getValue()).map((notice) => notice.messageKey).sort();
    // The connection is the proxy service's to read, which is not part of these tests.
    expect(notices).toEqual(['notice_keyReset', 'notice_settingsReset']);
    expect(error).not.toHaveBeenCalled();
    // The log says which item was reset, never its value (it may hold a secret).
    expect(JSON.stringify(warn.mock.calls)).not.toContain('<script>');
  });
});

describe('the notices', () => {
  it('name messages the pages can show', () => {
    for (const messageKey of Object.values(RESET_NOTICES)) expect(englishMessage(messageKey!)).not.toBe('');
  });
});
