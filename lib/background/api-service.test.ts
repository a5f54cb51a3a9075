import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { startSandbox } from '../../test/sandbox/server.ts';
import { useSandbox } from '../../test/helpers/api.ts';
import { resetFakeExtension, startApiBackground, setSandboxKey } from '../../test/helpers/background.ts';
import { askList, expectNoKeyDelivered, rejection } from '../../test/helpers/messaging.ts';
import { sendToBackground } from '../ui/send-to-background.ts';
import { cachedRequestItems, MAX_CACHE_ENTRIES } from './cached-requests.ts';
import type { ApiServiceOptions } from './api-service.ts';

const MINUTE = 60_000;
const WRONG_KEY = 'wrongKey0123456789abcdefABCDEF99';

const fx = useSandbox({ accounts: 5 });
/** The fake clock of the service under test. */
let clock: number;

// The key never reaches a page: not in an answer, not in an error, in no test of this file.
expectNoKeyDelivered(() => [fx.sb.demoKey, fx.sb.unverifiedKey, WRONG_KEY], 50);

beforeEach(() => {
  resetFakeExtension();
  clock = 1_700_000_000_000;
});

const startBackground = (options: ApiServiceOptions = {}) => startApiBackground({ now: () => clock, ...options });
const setKey = (key = fx.sb.demoKey, remember = true) => setSandboxKey(fx.sb, key, remember);

const calls = (endpoint: string) => fx.requests(endpoint).length;

describe('key custody', () => {
  it('flags the key when a change is refused for missing verification (156 later)', async () => {
    startBackground();
    expect(await setKey(fx.sb.unverifiedKey)).toMatchObject({ set: true, unverified: false });
    const error = await rejection(sendToBackground('enableAccounts', { accounts: ['nobody1'] }));
    expect(error.kind).toBe('unverified');
    expect(await sendToBackground('getKeyStatus', {})).toMatchObject({ set: true, unverified: true });
  });

  it('answers a list asked for before the key was replaced with the new key’s list, or "no key" once forgotten', async () => {
    startBackground();
    await setKey();
    fx.sb.setFault({ kind: 'slow', path: 'whitelist-account/list', times: 1, delayMs: 300 });
    const askedBeforeReplace = askList('getAccounts', {});
    await expect.poll(() => calls('whitelist-account/list')).toBe(2);
    await setKey(fx.sb.unverifiedKey);
    expect((await askedBeforeReplace).data).toEqual(fx.sb.state.getKey(fx.sb.unverifiedKey)!.listAccounts());

    fx.sb.setFault({ kind: 'slow', path: 'whitelist-account/list', times: 1, delayMs: 300 });
    const askedBeforeForget = rejection(askList('getAccounts', { refresh: true }));
    await expect.poll(() => calls('whitelist-account/list')).toBe(4);
    await sendToBackground('forgetKey', {});
    expect(await askedBeforeForget).toMatchObject({ kind: 'no-key' });
  });
});

describe('an account without real-name verification (code 156)', () => {
  it('says, per view, what the provider refuses to show, and that a change is not allowed', async () => {
    startBackground();
    await setKey(fx.sb.unverifiedKey);
    const views: [string, () => Promise<unknown>, RegExp][] = [
      ['traffic chart', () => sendToBackground('getUsage', {}), /^911Proxy shows traffic figures only to accounts that have passed real-name verification/],
      ['package list', () => sendToBackground('getPackages', {}), /^911Proxy shows the package list only/],
      ['country picker', () => sendToBackground('getCityCountries', {}), /^911Proxy lists the countries, states and cities to choose from only/],
      ['state picker', () => sendToBackground('searchStates', { countryCode: 'US' }), /^911Proxy lists the countries, states and cities/],
      ['payment methods', () => sendToBackground('getPaymentGroups', {}), /^911Proxy shows the payment methods only/],
      ['top-up bonus', () => sendToBackground('getGiftRatios', {}), /^911Proxy shows the top-up bonus only/],
      ['IP extraction', () => sendToBackground('extractIps', {}), /^911Proxy extracts IPs only for accounts/],
    ];
    for (const [view, ask, sentence] of views) {
      const error = await rejection(ask());
      expect(error.kind, view).toBe('unverified');
      expect(error.message, view).toMatch(sentence);
      expect(error.message, view).not.toMatch(/change/);
    }
    const change = await rejection(sendToBackground('enableAccounts', { accounts: [fx.sb.state.getKey(fx.sb.unverifiedKey)!.listAccounts()[0]!.username] }));
    expect(change.message).toMatch(/has not passed real-name verification, so this change is not allowed/);
    // The lists the document answers without verification still come.
    expect((await askList('getAccounts', {})).data).toHaveLength(3);
  });
});

describe('the provider’s messages', () => {
  it('words a taken account name in the user’s language, keeping the server’s text', async () => {
    startBackground();
    await setKey();
    const taken = fx.sb.state.getKey(fx.sb.demoKey)!.listAccounts()[0]!.username;
    const error = await rejection(sendToBackground('addAccounts', { accounts: [{ username: taken, password: 'pw1' }] }));
    expect(error.message).toBe(`A proxy account with this name already exists at 911Proxy. Choose another name. 911Proxy said: “账户已存在：${taken}” (code 1001).`);
  });

  it('tells a maintenance page from an answer cut off in the middle', async () => {
    startBackground();
    await setKey();
    fx.sb.setFault({ kind: 'not-json', path: 'order/list' });
    const page = await rejection(askList('getOrders', { refresh: true }));
    fx.sb.setFault({ kind: 'truncated', path: 'order/list' });
    const cut = await rejection(askList('getOrders', { refresh: true }));
    expect(page.message).toBe('The 911Proxy API sent a web page instead of data, as it does during maintenance. Try again in a few minutes. The page says: “系统维护中”.');
    expect(cut.message).toMatch(/^The 911Proxy API’s answer was cut off before its end\. Try again/);
  });
});

describe('the API host', () => {
  it('keeps using the host a key was checked against after the setting changes', async () => {
    startBackground();
    await setKey();
    const other = await startSandbox();
    try {
      await sendToBackground('updateSettings', { apiBaseUrl: other.url });
      await askList('getOrders', {});
      expect(calls('order/list')).toBe(1);
      expect(other.requests).toHaveLength(0);
      expect(await sendToBackground('getKeyStatus', {})).toMatchObject({ baseUrl: fx.sb.url });
    } finally {
      await other.close();
    }
  });

});

describe('the protocol', () => {
  it.each([
    ['an unknown request', 'stealKey', {}],
    ['a missing field', 'setKey', { key: 'abc' }],
    ['a field of the wrong type', 'getOrders', { pageNo: 'one' }],
    ['an unknown field', 'forgetKey', { everything: true }],
    ['input that is not an object', 'getAccounts', 'all of them'],
  ])('answers %s with a bad-message error', async (_case, name, input) => {
    startBackground();
    const answer: unknown = await fakeBrowser.runtime.sendMessage({ protocol: '911proxy/1', name, input });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'bad-message' } });
    expect((answer as { error: { message: string } }).error.message).toMatch(/^The background did not understand a request/);
  });

  it('answers a typed value that breaks its rule as input for the user to correct', async () => {
    startBackground();
    const input = { routing: { mode: 'only', sites: ['shop.example', 'http://bad/'], bypass: [] } };
    const answer: unknown = await fakeBrowser.runtime.sendMessage({ protocol: '911proxy/1', name: 'updateSettings', input });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringMatching(/^Check routing\.sites\.1: a host name/) } });
  });

  it('ignores messages outside the protocol', async () => {
    startBackground();
    expect(await fakeBrowser.runtime.sendMessage({ name: 'getKeyStatus' })).toBeUndefined();
  });
});

describe('the list cache', () => {
  it('answers ten popup opens within the freshness time with one API call', async () => {
    startBackground();
    await setKey();
    const before = calls('whitelist-account/list');
    const answers = [];
    for (let open = 0; open < 10; open++) {
      answers.push(await askList('getAccounts', {}));
      clock += 10_000;
    }
    expect(calls('whitelist-account/list') - before).toBe(1);
    expect(answers.every((answer) => !answer.stale && answer.data.length === 5)).toBe(true);
  });

  it('shares one API call between identical requests in flight', async () => {
    startBackground();
    await setKey();
    const range = { startTime: '2026-11-01 00:00:00', endTime: '2026-11-07 23:59:59' };
    const answers = await Promise.all(Array.from({ length: 6 }, () => askList('getUsage', range)));
    expect(calls('user-usage-flow/total')).toBe(1);
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
  });

  it('answers a stale entry at once and writes the fresh one to storage', async () => {
    const service = startBackground();
    await setKey();
    const first = await askList('getOrders', {});
    clock += 3 * MINUTE;
    const stale = await askList('getOrders', {});
    expect(stale).toEqual({ ...first, stale: true });
    await service.idle();
    expect(calls('order/list')).toBe(2);
    const entry = (await cachedRequestItems.getOrders.getValue())['{}'];
    expect(entry?.fetchedAt).toBe(clock);
    expect(await askList('getOrders', {})).toMatchObject({ fetchedAt: clock, stale: false });
  });

  it('leaves out the data the page says it shows while they are current, and only then', async () => {
    const service = startBackground();
    await setKey();
    const first = await askList('getAccounts', {});
    const { data: _data, ...rest } = first;
    expect(await sendToBackground('getAccounts', { known: first.fetchedAt })).toEqual({ ...rest, unchanged: true });
    expect(await sendToBackground('getAccounts', { known: first.fetchedAt - 1 })).toEqual(first);
    // Stale: said at once, and the page follows the refresh through storage.
    clock += 3 * MINUTE;
    expect(await sendToBackground('getAccounts', { known: first.fetchedAt })).toEqual({ ...rest, stale: true, unchanged: true });
    await service.idle();
    expect(await sendToBackground('getAccounts', { known: first.fetchedAt })).toMatchObject({ data: first.data, fetchedAt: clock, stale: false });
  });

  it('fetches and waits when the user asks for a refresh', async () => {
    startBackground();
    await setKey();
    await askList('getAccounts', {});
    clock += 1_000;
    expect(await askList('getAccounts', { refresh: true })).toMatchObject({ fetchedAt: clock, stale: false });
    expect(calls('whitelist-account/list')).toBe(3); // the key check, the first open, the refresh
  });

  it('keeps the old data and records why when a background refresh fails', async () => {
    const service = startBackground();
    await setKey();
    const first = await askList('getAccounts', {});
    clock += 3 * MINUTE;
    fx.sb.setFault({ kind: 'http500', path: 'whitelist-account/list' });
    expect((await askList('getAccounts', {})).stale).toBe(true);
    await service.idle();
    const entry = (await cachedRequestItems.getAccounts.getValue())['{}'];
    expect(entry).toMatchObject({ data: first.data, fetchedAt: first.fetchedAt, failure: { kind: 'http' } });
  });

  it('refreshes only the list a change affects', async () => {
    const service = startBackground();
    await setKey();
    await Promise.all([askList('getAccounts', {}), askList('getOrders', {}), sendToBackground('getPackageSummary', {})]);
    const count = () => [calls('whitelist-account/list'), calls('order/list'), calls('user-product/summary')];
    const before = count();
    const account = (await askList('getAccounts', {})).data[0]!;

    await sendToBackground('changeAccountRemark', { account: account.username, remark: 'renamed' });
    // Until the refetch lands, a page asking gets the old list marked stale.
    expect((await askList('getAccounts', {})).stale).toBe(true);
    await service.idle();

    expect(count()).toEqual([before[0]! + 1, before[1], before[2]]);
    const refreshed = await askList('getAccounts', {});
    expect(refreshed.stale).toBe(false);
    expect(refreshed.data.find((candidate) => candidate.username === account.username)?.remark).toBe('renamed');
  });

  it('refreshes every cached page of the orders when an order is closed', async () => {
    const service = startBackground();
    await setKey();
    const unpaid = (await askList('getOrders', { status: 0 })).data.list[0];
    await askList('getOrders', { pageNo: 1, pageSize: 5 });
    await askList('getAccounts', {});
    const [orders, accounts] = [calls('order/list'), calls('whitelist-account/list')];
    expect(unpaid).toBeDefined();

    await sendToBackground('closeOrder', { tradeNo: unpaid!.trade_no });
    await service.idle();

    expect(calls('order/list')).toBe(orders + 2);
    expect(calls('whitelist-account/list')).toBe(accounts);
    const stillUnpaid = (await askList('getOrders', { status: 0 })).data.list;
    expect(stillUnpaid.map((order) => order.trade_no)).not.toContain(unpaid!.trade_no);
  });

  it(`keeps at most ${MAX_CACHE_ENTRIES} entries per list, dropping the oldest`, async () => {
    startBackground();
    await setKey();
    for (let day = 1; day <= MAX_CACHE_ENTRIES + 3; day++) {
      const date = `2026-10-${String(day).padStart(2, '0')}`;
      await askList('getUsage', { startTime: `${date} 00:00:00`, endTime: `${date} 23:59:59` });
      clock += 1_000;
    }
    const entries = await cachedRequestItems.getUsage.getValue();
    expect(Object.keys(entries)).toHaveLength(MAX_CACHE_ENTRIES);
    expect(Object.keys(entries).some((key) => key.includes('2026-10-01'))).toBe(false);
  });

  it('serves a restarted worker from storage, without an API call', async () => {
    startBackground();
    await setKey();
    const requests = {
      getAccounts: {},
      getUsage: {},
      getPackages: { page: 1 },
      getPackageSummary: { productType: 9 },
      getCityCountries: {},
      searchStates: { countryCode: 'US' },
      searchCities: { countryCode: 'US', state: 'California' },
      getStaticIps: {},
      getStaticIpStock: { kind: 'residential' },
      getOrders: {},
      getPaymentGroups: {},
      getGiftRatios: {},
    } as const;
    const names = Object.keys(requests) as (keyof typeof requests)[];
    const before = await Promise.all(names.map((name) => sendToBackground(name, requests[name])));
    const apiCalls = fx.sb.requests.length;

    clock += MINUTE;
    const restarted = startBackground();
    await restarted.idle();
    const after = await Promise.all(names.map((name) => sendToBackground(name, requests[name])));

    expect(fx.sb.requests).toHaveLength(apiCalls);
    expect(after).toEqual(before);
    expect((await sendToBackground('getKeyStatus', {})).set).toBe(true);
  });

  it('drops answers cached under a session key once the browser has closed', async () => {
    startBackground();
    await setKey(fx.sb.demoKey, false);
    await askList('getAccounts', {});
    await fakeBrowser.storage.session.clear(); // the browser closed; local storage stays

    const restarted = startBackground();
    await restarted.idle();
    expect(await cachedRequestItems.getAccounts.getValue()).toEqual({});
  });

  it('does not cache a refused answer (user/info is "not open yet")', async () => {
    startBackground();
    await setKey();
    const error = await rejection(sendToBackground('getUserInfo', {}));
    expect(error.kind).toBe('rejected');
    expect(await cachedRequestItems.getUserInfo.getValue()).toEqual({});
  });
});
