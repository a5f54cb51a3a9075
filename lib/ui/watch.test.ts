import { beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { resetFakeExtension, setSandboxKey, startApiBackground } from '../../test/helpers/background.ts';
import { useSandbox } from '../../test/helpers/api.ts';
import { rejection } from '../../test/helpers/messaging.ts';
import { stubAnimationFrames } from '../../test/helpers/frames.ts';
import { storage } from 'wxt/utils/storage';
import * as stored from './stored.ts';
import { readStored } from './stored.ts';
import { fakeBrowser } from 'wxt/testing';
import { BackgroundError, sendToBackground } from './send-to-background.ts';
import { cacheKeyOf, FIRST_SCREEN_ROWS, STORAGE_KEYS } from '../shared/storage-keys.ts';
import { cachedRequestItems } from '../background/cached-requests.ts';
import { account } from '../../test/helpers/accounts.ts';
import { indexAccounts, sortAccounts } from './filter.ts';
import { accountsFirstScreen } from './first-screen.ts';
import type { Account } from '../background/api/schemas.ts';
import { expectFirstView, firstViewShown, FRAME_WAIT_MS } from './first-view.ts';
import { preloadCachedList, watchBackgroundValue, watchCachedList, type CachedListState } from './watch.ts';

/** Generous: the whole suite shares two cores with browsers in CI. */
const WAIT = { timeout: 5_000 };

const fx = useSandbox({ accounts: 4 });
let clock: number;


beforeEach(() => {
  resetFakeExtension();
  clock = 1_700_000_000_000;
});

/** Collects the states a page would render, and waits for one that matches. */
function recorder<T>() {
  const states: CachedListState<T>[] = [];
  return {
    states,
    onState: (state: CachedListState<T>) => void states.push(state),
    last: () => states.at(-1),
    until: (match: (state: CachedListState<T>) => boolean) => vi.waitFor(() => expect(states.some(match)).toBe(true), WAIT),
  };
}

/** A page shown a state: it renders it after the current task (Preact renders in a microtask). */
function drawn(events: string[]): void {
  events.push('shown');
  void Promise.resolve().then(() => events.push('rendered'));
}

describe('watchBackgroundValue', () => {
  it('gives the answer, then asks again on every change of the stored item, until stopped', async () => {
    startApiBackground({ now: () => clock });
    const themes: string[] = [];
    const watch = watchBackgroundValue('getSettings', (state) => state.value && themes.push(state.value.theme));
    await vi.waitFor(() => expect(themes).toEqual(['system']), WAIT);
    await sendToBackground('updateSettings', { theme: 'dark' });
    await vi.waitFor(() => expect(themes).toEqual(['system', 'dark']), WAIT);
    watch.stop();
    await sendToBackground('updateSettings', { theme: 'light' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(themes).toEqual(['system', 'dark']);
  });

  it('follows the notices: a new one is shown, and the dismissed ones go', async () => {
    startApiBackground({ now: () => clock });
    const shown: unknown[] = [];
    const watch = watchBackgroundValue('getNotices', (state) => state.value && shown.push(state.value.map((notice) => notice.messageKey)));
    await vi.waitFor(() => expect(shown).toEqual([[]]), WAIT);
    await fakeBrowser.storage.local.set({ notices: [{ messageKey: 'notice_settingsReset', at: 1 }] });
    await vi.waitFor(() => expect(shown).toEqual([[], ['notice_settingsReset']]), WAIT);
    await sendToBackground('dismissNotices', {});
    await vi.waitFor(() => expect(shown).toEqual([[], ['notice_settingsReset'], []]), WAIT);
    watch.stop();
  });

  it('draws from the stored copy before the background answers, then shows the answer', async () => {
    const stored = { set: true, last4: 'ABCD', baseUrl: 'https://api.example.test/', remembered: true, unverified: false };
    await fakeBrowser.storage.local.set({ keyStatus: stored });
    let answer!: (status: { set: boolean }) => void;
    const send = (() => new Promise((resolve) => (answer = resolve))) as unknown as typeof sendToBackground;
    const states: unknown[] = [];
    const watch = watchBackgroundValue('getKeyStatus', (state) => states.push(state.value), send);
    await vi.waitFor(() => expect(states).toEqual([stored]), WAIT);
    answer({ set: false });
    await vi.waitFor(() => expect(states).toEqual([stored, { set: false }]), WAIT);
    watch.stop();
  });

  it('asks the background only once the stored copy is drawn, so that a woken worker does not compete with the first draw', async () => {
    const stored = { set: true, last4: 'ABCD', baseUrl: 'https://api.example.test/', remembered: true, unverified: false };
    await fakeBrowser.storage.local.set({ keyStatus: stored });
    const events: string[] = [];
    const send = (() => (events.push('asked'), new Promise(() => undefined))) as unknown as typeof sendToBackground;
    const watch = watchBackgroundValue('getKeyStatus', (state) => state.value && drawn(events), send);
    await vi.waitFor(() => expect(events).toEqual(['shown', 'rendered', 'asked']), WAIT);
    watch.stop();
  });

  it('draws the proxy status stored in the session, as the badge shows it, before a stopped worker wakes to answer', async () => {
    const status = { state: 'connected', endpoint: { kind: 'account', account: 'alice', password: 'x' }, since: 1 };
    await fakeBrowser.storage.session.set({ proxyStatus: status });
    const events: string[] = [];
    const send = (() => (events.push('asked'), new Promise(() => undefined))) as unknown as typeof sendToBackground;
    const states: unknown[] = [];
    const watch = watchBackgroundValue('getProxyStatus', (state) => (states.push(state.value), drawn(events)), send);
    await vi.waitFor(() => expect(events).toEqual(['shown', 'rendered', 'asked']), WAIT);
    expect(states).toEqual([status]);
    watch.stop();
  });

  it('waits for the page’s first view before asking, where the page expects one (the popup’s account list)', async () => {
    const stored = { set: true, last4: 'ABCD', baseUrl: 'https://api.example.test/', remembered: true, unverified: false };
    await fakeBrowser.storage.local.set({ keyStatus: stored });
    expectFirstView();
    const events: string[] = [];
    const send = (() => (events.push('asked'), new Promise(() => undefined))) as unknown as typeof sendToBackground;
    const watch = watchBackgroundValue('getKeyStatus', (state) => state.value && drawn(events), send);
    await vi.waitFor(() => expect(events).toEqual(['shown', 'rendered']), WAIT);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events).toEqual(['shown', 'rendered']);
    firstViewShown();
    await vi.waitFor(() => expect(events).toEqual(['shown', 'rendered', 'asked']), WAIT);
    watch.stop();
  });

  /**
   * A visible page whose frames come when `frame()` is called, as the popup's do, and whose timers run
   * when the test moves the clock; returns what was asked and drawn, in order.
   */
  async function drawnOnVisiblePage() {
    await fakeBrowser.storage.local.set({ keyStatus: { set: true, last4: 'ABCD', baseUrl: 'https://api.example.test/', remembered: true, unverified: false } });
    vi.stubGlobal('document', { visibilityState: 'visible' });
    const { frame } = stubAnimationFrames();
    const events: string[] = [];
    const send = (() => (events.push('asked'), new Promise(() => undefined))) as unknown as typeof sendToBackground;
    const watch = watchBackgroundValue('getKeyStatus', (state) => state.value && drawn(events), send);
    onTestFinished(() => watch.stop());
    // Drawn from storage, with the clock standing still (vi.waitFor would move it).
    for (let turn = 0; turn < 100 && events.length < 2; turn++) await vi.advanceTimersByTimeAsync(0);
    expect(events).toEqual(['shown', 'rendered']);
    return { events, frame };
  }

  it('asks the background of a visible page after its next frame, not before', async () => {
    const page = await drawnOnVisiblePage();
    await vi.advanceTimersByTimeAsync(FRAME_WAIT_MS - 1);
    expect(page.events).toEqual(['shown', 'rendered']);
    page.frame();
    await vi.advanceTimersByTimeAsync(0);
    expect(page.events).toEqual(['shown', 'rendered', 'asked']);
    await vi.advanceTimersByTimeAsync(FRAME_WAIT_MS);
    expect(page.events).toEqual(['shown', 'rendered', 'asked']);
  });

  it('asks the background of a visible page that gets no frame after FRAME_WAIT_MS, and not again when the frame comes late', async () => {
    const page = await drawnOnVisiblePage();
    await vi.advanceTimersByTimeAsync(FRAME_WAIT_MS - 1);
    expect(page.events).toEqual(['shown', 'rendered']);
    await vi.advanceTimersByTimeAsync(2);
    expect(page.events).toEqual(['shown', 'rendered', 'asked']);
    page.frame();
    await vi.advanceTimersByTimeAsync(FRAME_WAIT_MS);
    expect(page.events).toEqual(['shown', 'rendered', 'asked']);
  });

  it('asks the background at once when nothing is stored to draw from', async () => {
    const events: string[] = [];
    const send = (() => (events.push('asked'), new Promise(() => undefined))) as unknown as typeof sendToBackground;
    const watch = watchBackgroundValue('getKeyStatus', () => events.push('shown'), send);
    await vi.waitFor(() => expect(events).toEqual(['asked']), WAIT);
    watch.stop();
  });

  it('waits for the background when nothing is stored to draw from', async () => {
    const send = (() => new Promise(() => undefined)) as unknown as typeof sendToBackground;
    const states: unknown[] = [];
    const watch = watchBackgroundValue('getKeyStatus', (state) => states.push(state), send);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(states).toEqual([]);
    watch.stop();
  });

  it('stores the default settings the first time they are read, for the pages to draw from', async () => {
    startApiBackground({ now: () => clock });
    expect(await readStored('local:settings')).toBeNull();
    const settings = await sendToBackground('getSettings', {});
    expect(await readStored('local:settings')).toEqual(settings);
  });
});

describe('watchCachedList', () => {
  it('shows the cached answer at once, then the refreshed one from storage', async () => {
    const service = startApiBackground({ now: () => clock });
    await setSandboxKey(fx.sb);
    const first = await sendToBackground('getAccounts', {});
    clock += 5 * 60_000;

    const page = recorder<Account[]>();
    const watch = watchCachedList('getAccounts', {}, page.onState);
    await page.until((state) => state.fetchedAt === first.fetchedAt && state.refreshing);
    await service.idle();
    await page.until((state) => state.fetchedAt === clock && !state.refreshing);
    expect(page.last()?.data).toHaveLength(4);
    watch.stop();
  });

  it('follows a change made elsewhere (another page renames an account)', async () => {
    const service = startApiBackground({ now: () => clock });
    await setSandboxKey(fx.sb);
    const page = recorder<Account[]>();
    const watch = watchCachedList('getAccounts', {}, page.onState);
    await page.until((state) => state.data !== undefined);
    const account = page.last()!.data![0]!;

    clock += 1_000;
    await sendToBackground('changeAccountRemark', { account: account.username, remark: 'seen' });
    await service.idle();
    await page.until((state) => state.data?.find((candidate) => candidate.username === account.username)?.remark === 'seen');
    watch.stop();
  });

  it('drops the data when the key is forgotten', async () => {
    startApiBackground({ now: () => clock });
    await setSandboxKey(fx.sb);
    const page = recorder<Account[]>();
    const watch = watchCachedList('getAccounts', {}, page.onState);
    await page.until((state) => state.data !== undefined);
    await sendToBackground('forgetKey', {});
    await page.until((state) => state.data === undefined && !state.refreshing);
    watch.stop();
  });

  it('shows the error when there is no key', async () => {
    startApiBackground({ now: () => clock });
    const page = recorder<Account[]>();
    const watch = watchCachedList('getAccounts', {}, page.onState);
    await page.until((state) => state.error?.kind === 'no-key');
    expect(page.last()).toEqual({ refreshing: false, error: expect.objectContaining({ message: 'Enter your 911Proxy API key (app_key) in the options first.' }) });
    watch.stop();
  });

  it('draws the entry stored for the list before the background answers', async () => {
    startApiBackground({ now: () => clock });
    await setSandboxKey(fx.sb);
    const first = await sendToBackground('getAccounts', {});
    const page = recorder<Account[]>();
    const silent = () => new Promise<never>(() => undefined);
    const watch = watchCachedList('getAccounts', {}, page.onState, silent);
    await page.until((state) => state.fetchedAt === first.fetchedAt);
    expect(page.last()?.data).toHaveLength(4);
    watch.stop();
  });

  it('asks the background only once the stored entry is drawn', async () => {
    startApiBackground({ now: () => clock });
    await setSandboxKey(fx.sb);
    await sendToBackground('getAccounts', {});
    const events: string[] = [];
    const send = (() => (events.push('asked'), new Promise(() => undefined))) as unknown as typeof sendToBackground;
    const watch = watchCachedList('getAccounts', {}, (state) => state.data && !events.includes('shown') && drawn(events), send);
    await vi.waitFor(() => expect(events).toEqual(['shown', 'rendered', 'asked']), WAIT);
    watch.stop();
  });

  it('names the entry it shows, and keeps its data when the background says it is still current', async () => {
    startApiBackground({ now: () => clock });
    await setSandboxKey(fx.sb);
    const first = await sendToBackground('getAccounts', {});
    const asked: unknown[] = [];
    const answers: unknown[] = [];
    const send: typeof sendToBackground = async (name, input) => {
      asked.push(input);
      const answer = await sendToBackground(name, input);
      answers.push(answer);
      return answer;
    };
    const page = recorder<Account[]>();
    const watch = watchCachedList('getAccounts', {}, page.onState, send);
    await vi.waitFor(() => expect(answers).toHaveLength(1), WAIT);
    expect(asked).toEqual([{ known: first.fetchedAt }]);
    expect(answers[0]).toMatchObject({ unchanged: true });
    expect(answers[0]).not.toHaveProperty('data');
    expect(page.last()).toMatchObject({ fetchedAt: first.fetchedAt, refreshing: false, data: expect.arrayContaining([expect.objectContaining({ username: expect.any(String) })]) });
    watch.stop();
  });

  it('drops stored data the background did not confirm when it answers with an error', async () => {
    startApiBackground({ now: () => clock });
    await setSandboxKey(fx.sb);
    await sendToBackground('getAccounts', {});
    preloadCachedList('getAccounts', accountsFirstScreen);
    const page = recorder<Account[]>();
    const refused: typeof sendToBackground = () => Promise.reject(new BackgroundError('no-key', 'Enter your key.'));
    const watch = watchCachedList('getAccounts', {}, page.onState, refused);
    await page.until((state) => state.error !== undefined);
    expect(page.states.some((state) => state.data !== undefined)).toBe(true);
    // The first screen was drawn before the whole list, and went with it.
    expect(page.states.some((state) => state.firstScreen !== undefined)).toBe(true);
    expect(page.last()).toEqual({ refreshing: false, error: { kind: 'no-key', message: 'Enter your key.' } });
    watch.stop();
  });

  it('uses a preloaded read once: the next watch of the list reads storage again', async () => {
    startApiBackground({ now: () => clock });
    await setSandboxKey(fx.sb);
    preloadCachedList('getAccounts');
    const first = await sendToBackground('getAccounts', {});
    const read = vi.spyOn(stored, 'readStored');
    const pageReads = () => read.mock.calls.filter(([key]) => key === cacheKeyOf('getAccounts')).length;
    const page = recorder<Account[]>();
    const watch = watchCachedList('getAccounts', {}, page.onState);
    await page.until((state) => state.fetchedAt === first.fetchedAt && !state.refreshing);
    expect(pageReads()).toBe(0);
    const again = watchCachedList('getAccounts', {}, () => undefined);
    expect(pageReads()).toBe(1);
    read.mockRestore();
    watch.stop();
    again.stop();
  });

  it('drops a preloaded read when the list changes before it is shown (a new key cleared the caches)', async () => {
    startApiBackground({ now: () => clock });
    await setSandboxKey(fx.sb);
    await sendToBackground('getAccounts', {});
    preloadCachedList('getAccounts');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await sendToBackground('forgetKey', {});
    const page = recorder<Account[]>();
    const watch = watchCachedList('getAccounts', {}, page.onState);
    await page.until((state) => state.error?.kind === 'no-key');
    expect(page.states.every((state) => state.data === undefined)).toBe(true);
    watch.stop();
  });

  it('starts from nothing, not from what an earlier input showed', () => {
    const page = recorder<Account[]>();
    const watch = watchCachedList('getAccounts', {}, page.onState, () => new Promise<never>(() => undefined));
    expect(page.states).toEqual([{ refreshing: true }]);
    watch.stop();
  });

  it('asks past the freshness time on reload, and stops calling back once stopped', async () => {
    startApiBackground({ now: () => clock });
    await setSandboxKey(fx.sb);
    const page = recorder<Account[]>();
    const watch = watchCachedList('getAccounts', {}, page.onState);
    await page.until((state) => state.data !== undefined);
    clock += 1_000;
    watch.reload();
    await page.until((state) => state.fetchedAt === clock && !state.refreshing);
    watch.stop();
    const seen = page.states.length;
    await sendToBackground('getAccounts', { refresh: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(page.states).toHaveLength(seen);
  });
});

describe('watchCachedList when the key changes under an open page', () => {
  const OTHER_KEY = 'other0000000000000000000000000000';
  beforeEach(() => void fx.sb.state.addKey(OTHER_KEY, { accounts: 2 }));
  const names = (state: CachedListState<Account[]> | undefined) => state?.data?.map((account) => account.username);

  it('shows the new account’s list after the key is replaced, never the old one again', async () => {
    startApiBackground({ now: () => clock });
    await setSandboxKey(fx.sb);
    const page = recorder<Account[]>();
    const watch = watchCachedList('getAccounts', {}, page.onState);
    await page.until((state) => state.data?.length === 4 && !state.refreshing);
    const oldNames = names(page.last());
    const before = page.states.length;

    await setSandboxKey(fx.sb, OTHER_KEY);
    const newNames = JSON.stringify(fx.sb.state.getKey(OTHER_KEY)!.listAccounts().map((account) => account.username));
    await page.until((state) => JSON.stringify(names(state)) === newNames && !state.refreshing);
    const after = page.states.slice(before);
    const firstNew = after.findIndex((state) => JSON.stringify(names(state)) === newNames);
    // Once the new account's list is shown, the old one never comes back; nothing is left "loading"
    // without a request on its way (no data, no error, not refreshing).
    expect(after.slice(firstNew).filter((state) => JSON.stringify(names(state)) === JSON.stringify(oldNames))).toEqual([]);
    expect(after.filter((state) => state.data === undefined && state.error === undefined && !state.refreshing)).toEqual([]);
    expect(page.last()).toMatchObject({ refreshing: false });
    expect(page.last()).not.toHaveProperty('error');
    watch.stop();
  });

  it('asks again when a key replaces one whose list had failed (nothing cached to drop)', async () => {
    startApiBackground({ now: () => clock });
    await setSandboxKey(fx.sb);
    fx.sb.setFault({ kind: 'http500', path: 'whitelist-account/list' });
    const page = recorder<Account[]>();
    const watch = watchCachedList('getAccounts', {}, page.onState);
    await page.until((state) => state.error?.kind === 'http');
    fx.sb.setFault(null);

    await setSandboxKey(fx.sb, OTHER_KEY);
    await page.until((state) => state.data?.length === 2 && !state.refreshing && state.error === undefined);
    watch.stop();
  });

  it('shows the new account’s list when the key is replaced while the first answer is on its way', async () => {
    startApiBackground({ now: () => clock });
    await setSandboxKey(fx.sb);
    fx.sb.setFault({ kind: 'slow', path: 'whitelist-account/list', times: 1, delayMs: 300 });
    const page = recorder<Account[]>();
    const watch = watchCachedList('getAccounts', {}, page.onState);
    await vi.waitFor(() => expect(fx.requests('whitelist-account/list')).toHaveLength(1), WAIT);

    await setSandboxKey(fx.sb, OTHER_KEY);
    await page.until((state) => state.data?.length === 2 && !state.refreshing);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(page.last()?.data).toHaveLength(2);
    expect(page.states.some((state) => state.data?.length === 4)).toBe(false);
    watch.stop();
  });

  it('ends on "no key" when the key is forgotten, with nothing left loading', async () => {
    startApiBackground({ now: () => clock });
    await setSandboxKey(fx.sb);
    const page = recorder<Account[]>();
    const watch = watchCachedList('getAccounts', {}, page.onState);
    await page.until((state) => state.data !== undefined && !state.refreshing);
    await sendToBackground('forgetKey', {});
    await page.until((state) => state.error?.kind === 'no-key');
    expect(page.last()).toEqual({ refreshing: false, error: expect.objectContaining({ kind: 'no-key' }) });
    watch.stop();
  });
});

describe('watchCachedList and a slow API', () => {
  /** Three tries of 600 ms each, said to be slow after 100 ms. */
  const slowApi = () => startApiBackground({ now: () => clock, slowAfterMs: 100, client: { retries: 2, timeoutMs: 600, retryDelayMs: 1 } });

  it('says which try the background is at while it waits, and nothing once the answer is in', async () => {
    const service = slowApi();
    await setSandboxKey(fx.sb);
    fx.sb.setFault({ kind: 'hang', path: 'whitelist-account/list', times: 2 });
    const triesBefore = fx.requests('whitelist-account/list').length;
    const page = recorder<Account[]>();
    const watch = watchCachedList('getAccounts', {}, page.onState);

    await page.until((state) => state.wait?.attempt === 1 && state.wait.attempts === 3 && state.data === undefined);
    await page.until((state) => state.wait?.attempt === 2);
    await page.until((state) => state.wait?.attempt === 3);
    await page.until((state) => state.data?.length === 4 && !state.refreshing);
    expect(page.last()).not.toHaveProperty('wait');
    expect(fx.requests('whitelist-account/list')).toHaveLength(triesBefore + 3);
    await service.idle();
    watch.stop();
  });

  it('stops waiting at once and aborts the fetch: no more tries, every waiting page told why', async () => {
    const service = slowApi();
    await setSandboxKey(fx.sb);
    fx.sb.setFault({ kind: 'hang', path: 'whitelist-account/list' });
    const page = recorder<Account[]>();
    const watch = watchCachedList('getAccounts', {}, page.onState);
    await page.until((state) => state.wait?.attempt === 1);
    // Another page waiting for the same list shares the fetch (it sends no request of its own).
    const triesBefore = fx.requests('whitelist-account/list').length;
    const otherPage = rejection(sendToBackground('getAccounts', {}));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fx.requests('whitelist-account/list')).toHaveLength(triesBefore);

    const stoppedAt = performance.now();
    watch.stopWaiting();
    expect(page.last()).toEqual({ refreshing: false, error: { kind: 'stopped-waiting', message: 'Stopped waiting: the request to 911Proxy was cancelled and nothing new was loaded.' } });
    const other = await otherPage;
    const stopTookMs = performance.now() - stoppedAt;
    expect(other).toMatchObject({ kind: 'stopped-waiting' });
    // Well before the try in flight would have timed out (600 ms).
    expect(stopTookMs).toBeLessThan(400);
    const tries = fx.requests('whitelist-account/list').length;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(fx.requests('whitelist-account/list')).toHaveLength(tries);
    await service.idle();
    expect(await storage.getItem(STORAGE_KEYS.apiWaits)).toEqual([]);
    watch.stop();
  });
});

describe('watchCachedList and the accounts’ first screen', () => {
  /** 30 accounts in no particular order, as the background stored them (the first screen beside them, in the same call). */
  const whole = Array.from({ length: 30 }, (_, i) => account(i + 1, `shop${(i * 7) % 30}`, { product_type: i % 3 === 0 ? 25 : 9 }));
  const entry = { data: whole, fetchedAt: 1_700_000_000_000, keyId: 'key-1', baseUrl: 'https://api.911proxy.com' };
  const byName = sortAccounts(indexAccounts(whole), 'name').map((entry) => entry.account);
  const silent = () => new Promise<never>(() => undefined);

  beforeEach(() => cachedRequestItems.getAccounts.setValue({ '{}': entry }));

  it('draws the first screen, then the whole list from storage with the same first rows, and only then asks the background', async () => {
    preloadCachedList('getAccounts', accountsFirstScreen);
    const events: string[] = [];
    const page = recorder<Account[]>();
    const send = (() => (events.push('asked'), silent())) as unknown as typeof sendToBackground;
    const drawn = (state: CachedListState<Account[]>) => {
      page.onState(state);
      const kind = state.firstScreen ? 'first screen' : 'whole list';
      if (state.data && events.at(-1) !== kind) events.push(kind);
    };
    const watch = watchCachedList('getAccounts', {}, drawn, send);
    await vi.waitFor(() => expect(events).toEqual(['first screen', 'whole list', 'asked']), WAIT);
    const [first, all] = page.states.filter((state) => state.data);
    expect(first).toMatchObject({ fetchedAt: entry.fetchedAt, refreshing: false, firstScreen: { total: 30, productTypes: [9, 25] } });
    expect(first!.data).toEqual(byName.slice(0, FIRST_SCREEN_ROWS));
    expect(all!.data).toEqual(whole);
    expect(all).not.toHaveProperty('firstScreen');
    // The rows the popup draws from the whole list are the first screen's, in its order.
    expect(sortAccounts(indexAccounts(all!.data!), 'name').slice(0, FIRST_SCREEN_ROWS).map((entry) => entry.account)).toEqual(first!.data);
    watch.stop();
  });

  it('draws no first screen for a view opened later (not preloaded): it reads the whole list', async () => {
    const page = recorder<Account[]>();
    const watch = watchCachedList('getAccounts', {}, page.onState, silent);
    await page.until((state) => state.data !== undefined);
    for (const state of page.states.filter((shown) => shown.data)) expect(state).toEqual({ data: whole, fetchedAt: entry.fetchedAt, refreshing: expect.any(Boolean) });
    watch.stop();
  });

  it('drops the first screen at once when the list is dropped (the key forgotten), before any answer', async () => {
    preloadCachedList('getAccounts', accountsFirstScreen);
    const page = recorder<Account[]>();
    const realRead = stored.readStored;
    // The whole list's read never comes back: only the first screen is ever shown.
    const read = vi.spyOn(stored, 'readStored').mockImplementation((key) => (key === cacheKeyOf('getAccounts') ? silent() : realRead(key)));
    const watch = watchCachedList('getAccounts', {}, page.onState, silent);
    await page.until((state) => state.firstScreen !== undefined);
    await cachedRequestItems.getAccounts.removeValue();
    await vi.waitFor(() => expect(page.last()).toEqual({ refreshing: true }), WAIT);
    read.mockRestore();
    watch.stop();
  });

  it('never draws the accounts of a key gone: a popup opened after the key was forgotten starts from nothing', async () => {
    startApiBackground();
    await setSandboxKey(fx.sb);
    await sendToBackground('getAccounts', {});
    await sendToBackground('forgetKey', {});
    preloadCachedList('getAccounts', accountsFirstScreen);
    const page = recorder<Account[]>();
    const watch = watchCachedList('getAccounts', {}, page.onState);
    await page.until((state) => state.error?.kind === 'no-key');
    expect(page.states.every((state) => state.data === undefined)).toBe(true);
    watch.stop();
  });

  it.each([['garbage'], [42], [[1, 2]], [{ data: 'rows', fetchedAt: 1, total: 1, productTypes: [] }], [{ ...entry, data: whole.slice(0, 3), entryKey: '{}', total: 2, productTypes: [9] }]])(
    'ignores a first screen that is not one (%j) and draws the whole list',
    async (garbage) => {
      await fakeBrowser.storage.local.set({ [STORAGE_KEYS.accountsFirstScreen.slice('local:'.length)]: garbage });
      preloadCachedList('getAccounts', accountsFirstScreen);
      const page = recorder<Account[]>();
      const watch = watchCachedList('getAccounts', {}, page.onState, silent);
      await page.until((state) => state.data?.length === 30);
      for (const state of page.states.filter((shown) => shown.data)) expect(state).toEqual({ data: whole, fetchedAt: entry.fetchedAt, refreshing: expect.any(Boolean) });
      watch.stop();
    },
  );

  it('does not keep a first screen whose list is unreadable: it goes, and the background is asked', async () => {
    await fakeBrowser.storage.local.set({ [cacheKeyOf('getAccounts').slice('local:'.length)]: '{"{}": {"data": [' });
    preloadCachedList('getAccounts', accountsFirstScreen);
    const page = recorder<Account[]>();
    const asked: unknown[] = [];
    const watch = watchCachedList('getAccounts', {}, page.onState, ((_name: string, input: unknown) => (asked.push(input), silent())) as unknown as typeof sendToBackground);
    await page.until((state) => state.firstScreen !== undefined);
    await vi.waitFor(() => expect(asked).toEqual([{}]), WAIT);
    expect(page.last()).toEqual({ refreshing: true });
    watch.stop();
  });
});
