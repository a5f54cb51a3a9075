/**
 * The background in a real Chromium: the key is set from an extension page against the sandbox (a
 * loopback http host the user confirmed), the service worker is stopped through DevTools, and the next
 * request is answered from the cache in storage, then refreshed from the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startSandbox, type Sandbox } from '../sandbox/server.ts';
import { launchChromium, type ChromiumHandle } from './harness/index.ts';
import { chromiumProtocol, type ProtocolClient } from './harness/protocol.ts';
import { pollFor } from './harness/util.ts';

const LIST = '/api-gate-way/whitelist-account/list';
/** The cached accounts' storage key (`cacheKeyOf('getAccounts')` in lib/shared/storage-keys.ts, entry for no parameters). */
const ACCOUNTS_CACHE = 'cache.accounts';

/**
 * The parts of Chrome's extension namespace these evaluations use (the tests' tsconfig has no `chrome`
 * types). Evaluate callbacks are serialized into the page, so each one casts `globalThis` itself.
 */
interface ChromeApi {
  storage: { local: { get(key: string | null): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } };
}

interface CachedAnswer {
  ok: true;
  value: { data: { username: string }[]; fetchedAt: number; stale: boolean };
}

describe('the background service in Chromium', () => {
  let sandbox: Sandbox;
  let chromium: ChromiumHandle;
  let page: Page;
  /** Every answer a page received, serialized: none may hold the key. */
  const answers: string[] = [];

  let background: ProtocolClient;

  const listCalls = () => sandbox.requests.filter((request) => request.path === LIST).length;

  beforeAll(async () => {
    sandbox = await startSandbox({ accounts: 6 });
    chromium = await launchChromium();
    // An inert extension document: it has the runtime API and sends nothing on its own.
    page = await chromium.openExtensionPage('manifest.json');
    background = chromiumProtocol(page, answers);
  });

  afterAll(async () => {
    await chromium?.close();
    await sandbox?.close();
  });

  it('checks and stores the key sent from an extension page, for the confirmed loopback host only', async () => {
    expect(await background.ask('setKey', { key: sandbox.demoKey, remember: true, baseUrl: sandbox.url })).toMatchObject({ ok: false, error: { kind: 'host-not-confirmed' } });
    expect(sandbox.requests).toHaveLength(0);

    expect(await background.ask('updateSettings', { apiBaseUrl: sandbox.url })).toMatchObject({ ok: true, value: { apiBaseUrl: sandbox.url } });
    const status = await background.ask('setKey', { key: sandbox.demoKey, remember: true });
    expect(status).toEqual({ ok: true, value: { set: true, last4: sandbox.demoKey.slice(-4), baseUrl: sandbox.url, remembered: true, unverified: false } });
    expect(listCalls()).toBe(1);
  });

  it('answers a restarted worker’s first request from the cache, then refreshes it', async () => {
    const cold = (await background.ask('getAccounts')) as CachedAnswer;
    expect(cold.value.stale).toBe(false);
    expect(cold.value.data).toHaveLength(6);
    expect(listCalls()).toBe(2);
    expect(((await background.ask('getAccounts')) as CachedAnswer).value.fetchedAt).toBe(cold.value.fetchedAt);
    expect(listCalls()).toBe(2);

    // Age the cached entry past its freshness time (2 minutes) without waiting for it.
    const aged = cold.value.fetchedAt - 10 * 60_000;
    await page.evaluate(
      async ([key, fetchedAt]) => {
        const { storage } = (globalThis as unknown as { chrome: ChromeApi }).chrome;
        // Stored as a JSON string (cache items v2).
        const entries = JSON.parse((await storage.local.get(key))[key] as string) as Record<string, { fetchedAt: number }>;
        entries['{}']!.fetchedAt = fetchedAt;
        await storage.local.set({ [key]: JSON.stringify(entries) });
      },
      [ACCOUNTS_CACHE, aged] as const,
    );

    await chromium.stopServiceWorker();
    const before = listCalls();
    // A slow API makes the order visible: the cached answer comes back long before the refresh can.
    sandbox.setFault({ kind: 'slow', path: 'whitelist-account/list', delayMs: 1_500, times: 1 });
    const started = Date.now();
    const restarted = (await background.ask('getAccounts')) as CachedAnswer;
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(restarted.value).toEqual({ data: cold.value.data, fetchedAt: aged, stale: true, entryKey: '{}' });

    const refreshedAt = await pollFor(
      'the refreshed accounts in storage',
      () =>
        page.evaluate(async (key) => {
          const { storage } = (globalThis as unknown as { chrome: ChromeApi }).chrome;
          const stored = (await storage.local.get(key))[key] as string | undefined;
          const entries = stored === undefined ? undefined : (JSON.parse(stored) as Record<string, { fetchedAt: number }>);
          return entries?.['{}'] && entries['{}'].fetchedAt > Date.now() - 60_000 ? entries['{}'].fetchedAt : undefined;
        }, ACCOUNTS_CACHE),
      10_000,
    );
    expect(listCalls()).toBe(before + 1);
    const fresh = (await background.ask('getAccounts')) as CachedAnswer;
    expect(fresh.value).toMatchObject({ fetchedAt: refreshedAt, stale: false });
    expect(listCalls()).toBe(before + 1);
    expect((await background.ask('getKeyStatus')) as unknown).toMatchObject({ ok: true, value: { set: true } });
  });

  it('answers a malformed message with an error, and the worker keeps serving', async () => {
    expect(await background.ask('getOrders', { pageNo: 'first' })).toMatchObject({ ok: false, error: { kind: 'bad-message' } });
    expect(await background.ask('getKeyStatus')).toMatchObject({ ok: true });
  });

  it('forgets the key and its cached answers', async () => {
    expect(await background.ask('forgetKey')).toEqual({ ok: true, value: { set: false } });
    const stored = await page.evaluate(() => (globalThis as unknown as { chrome: ChromeApi }).chrome.storage.local.get(null));
    // Items' version marks (`cache.accounts$`: { v: 2 }) stay; they hold no answer.
    expect(Object.keys(stored).filter((key) => key === 'apiKey' || (key.startsWith('cache.') && !key.endsWith('$')))).toEqual([]);
    expect(await background.ask('getAccounts')).toMatchObject({ ok: false, error: { kind: 'no-key' } });
  });

  it('never sent the key to a page', () => {
    expect(answers.length).toBeGreaterThan(10);
    expect(answers.join('\n')).not.toContain(sandbox.demoKey);
  });
});
