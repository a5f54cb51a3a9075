import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetFakeExtension, setSandboxKey, startApiBackground } from '../../test/helpers/background.ts';
import { startSandbox, type Sandbox } from '../../test/sandbox/server.ts';
import { sendToBackground } from '../messaging.ts';
import type { Account } from '../api/schemas.ts';
import { watchBackgroundValue, watchCachedList, type CachedListState } from './watch.ts';

/** Generous: the whole suite shares two cores with browsers in CI. */
const WAIT = { timeout: 5_000 };

let sandbox: Sandbox;
let clock: number;

beforeAll(async () => {
  sandbox = await startSandbox({ accounts: 4 });
});
afterAll(() => sandbox.close());

beforeEach(() => {
  resetFakeExtension();
  sandbox.reset();
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
});

describe('watchCachedList', () => {
  it('shows the cached answer at once, then the refreshed one from storage', async () => {
    const service = startApiBackground({ now: () => clock });
    await setSandboxKey(sandbox);
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
    await setSandboxKey(sandbox);
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
    await setSandboxKey(sandbox);
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

  it('asks past the freshness time on reload, and stops calling back once stopped', async () => {
    startApiBackground({ now: () => clock });
    await setSandboxKey(sandbox);
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
