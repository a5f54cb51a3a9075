import { beforeEach, describe, expect, it } from 'vitest';
import { useSandbox } from '../../test/helpers/api.ts';
import { resetFakeExtension, startApiBackground, setSandboxKey } from '../../test/helpers/background.ts';
import { askList, expectNoKeyDelivered, rejection } from '../../test/helpers/messaging.ts';
import { sendToBackground } from '../ui/send-to-background.ts';
import { cachedRequestItems } from './cached-requests.ts';
import { apiKeyItem, sessionApiKeyItem } from './keys.ts';
import type { ApiServiceOptions } from './api-service.ts';

const WRONG_KEY = 'wrongKey0123456789abcdefABCDEF99';

const fx = useSandbox({ accounts: 5 });

// The key never reaches a page: not in an answer, not in an error, in no test of this file.
expectNoKeyDelivered(() => [fx.sb.demoKey, fx.sb.unverifiedKey, WRONG_KEY], 20);

beforeEach(() => {
  resetFakeExtension();
});

const startBackground = (options: ApiServiceOptions = {}) => startApiBackground(options);
const setKey = (key = fx.sb.demoKey, remember = true) => setSandboxKey(fx.sb, key, remember);

const calls = (endpoint: string) => fx.requests(endpoint).length;

describe('key custody', () => {
  it('refuses a wrong key with an actionable message and stores nothing', async () => {
    startBackground();
    const error = await rejection(setKey(WRONG_KEY));
    expect(error.kind).toBe('invalid-key');
    expect(error.message).toMatch(/^The key was not saved\. 911Proxy refused this API key\. Copy the app_key again/);
    expect(await apiKeyItem.getValue()).toBeNull();
    expect(await sessionApiKeyItem.getValue()).toBeNull();
    expect(await sendToBackground('getKeyStatus', {})).toEqual({ set: false });
  });


  it('checks a good key against the API, keeps it in local storage and tells the page only its last four characters', async () => {
    startBackground();
    const status = await setKey();
    expect(status).toEqual({ set: true, last4: fx.sb.demoKey.slice(-4), baseUrl: fx.sb.url, remembered: true, unverified: false });
    expect(calls('whitelist-account/list')).toBe(1);
    expect((await apiKeyItem.getValue())?.key).toBe(fx.sb.demoKey);
    expect(await sessionApiKeyItem.getValue()).toBeNull();
    expect(await sendToBackground('getKeyStatus', {})).toEqual(status);
  });


  it('keeps a key the user does not want remembered in session storage only', async () => {
    startBackground();
    await setKey(fx.sb.demoKey, true);
    const status = await setKey(fx.sb.demoKey, false);
    expect(status).toMatchObject({ remembered: false });
    expect(await apiKeyItem.getValue()).toBeNull();
    expect((await sessionApiKeyItem.getValue())?.key).toBe(fx.sb.demoKey);
  });


  it('stores a key of an account without real-name verification (156 at the check), flagged', async () => {
    const unverified = async () => new Response(JSON.stringify({ code: 156, msg: '账户未实名认证', data: null }));
    startBackground({ client: { fetch: unverified } });
    const status = await setKey();
    expect(status).toMatchObject({ set: true, unverified: true });
    expect((await apiKeyItem.getValue())?.unverified).toBe(true);
  });


  it('stores nothing when the API cannot be reached, and says so', async () => {
    startBackground();
    fx.sb.setFault({ kind: 'http500' });
    const error = await rejection(setKey());
    expect(error.kind).toBe('http');
    expect(error.message).toMatch(/^The key was not saved\. The 911Proxy API is having trouble \(HTTP 500\)/);
    expect(await apiKeyItem.getValue()).toBeNull();
  });


  it('stores nothing when nothing answers at the host, and says so', async () => {
    startBackground();
    // Port 9 (discard) on loopback: nothing listens there on the test machines.
    await sendToBackground('updateSettings', { apiBaseUrl: 'http://127.0.0.1:9' });
    const error = await rejection(sendToBackground('setKey', { key: fx.sb.demoKey, remember: true }));
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/^The key was not saved\. Cannot reach the 911Proxy API/);
    expect(await apiKeyItem.getValue()).toBeNull();
  });


  it('forgets the key in both storage areas and every answer cached with it', async () => {
    startBackground();
    await setKey();
    await askList('getAccounts', {});
    await askList('getOrders', { pageNo: 1 });
    await sessionApiKeyItem.setValue((await apiKeyItem.getValue())!);
    expect(await sendToBackground('forgetKey', {})).toEqual({ set: false });
    expect(await apiKeyItem.getValue()).toBeNull();
    expect(await sessionApiKeyItem.getValue()).toBeNull();
    for (const item of Object.values(cachedRequestItems)) expect(await item.getValue()).toEqual({});
    const error = await rejection(askList('getAccounts', {}));
    expect(error).toMatchObject({ kind: 'no-key', message: 'Enter your 911Proxy API key (app_key) in the options first.' });
  });


  it('forgets what else was loaded with the key (the proxy endpoints) once the key is gone', async () => {
    const keyWhenCalled: unknown[] = [];
    startBackground({ onKeyForgotten: async () => void keyWhenCalled.push(await apiKeyItem.getValue()) });
    await setKey();
    expect(keyWhenCalled).toEqual([]);
    await sendToBackground('forgetKey', {});
    expect(keyWhenCalled).toEqual([null]);
  });


  it('drops the answers of a replaced key', async () => {
    const service = startBackground();
    await setKey();
    await askList('getAccounts', {});
    await setKey(fx.sb.unverifiedKey);
    await service.idle();
    expect(await cachedRequestItems.getAccounts.getValue()).toEqual({});
    const accounts = await askList('getAccounts', {});
    expect(accounts.data).toHaveLength(3); // the unverified key's own accounts, fetched anew
  });


  it('sends a key only to the host the user confirmed', async () => {
    startBackground();
    const error = await rejection(sendToBackground('setKey', { key: fx.sb.demoKey, remember: true, baseUrl: fx.sb.url }));
    expect(error.kind).toBe('host-not-confirmed');
    expect(error.message).toContain(fx.sb.url);
    expect(fx.sb.requests).toHaveLength(0);
    expect(await apiKeyItem.getValue()).toBeNull();
  });
});
