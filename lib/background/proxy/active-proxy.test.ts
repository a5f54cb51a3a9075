import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { settingsItem } from '../settings.ts';
import { createActiveProxyStore } from './active-proxy.ts';
import { proxyAuthorizationHeaders } from './auth.ts';
import { connectionItem } from './connection.ts';
import { containerExitsItem, createTabOpeners, tabExitsItem } from './context-exits.ts';
import { resolveEndpoint } from './endpoint.ts';
import { createExitProbes } from './exit-probes.ts';
import { routesItem } from './routes.ts';
import { proxyForRequest } from './firefox-engine.ts';

const alice = { kind: 'account' as const, account: 'alice', password: 'pw1', country: 'US' };
const bob = { kind: 'account' as const, account: 'bob', password: 'pw2', country: 'DE' };
const carol = { kind: 'account' as const, account: 'carol', password: 'pw3', country: 'GB' };
const url = 'http://shop.test/';

beforeEach(async () => {
  fakeBrowser.reset();
  await settingsItem.setValue({ ...(await settingsItem.getValue()), gateway: { host: 'gw.test', port: 2600 } });
});

describe('the active proxy with container and tab exits (Firefox)', () => {
  const firefoxStore = (openerOf: (tabId: number) => Promise<number | undefined> = async () => undefined) => createActiveProxyStore({ tabOpeners: createTabOpeners(openerOf) });

  it('gives two containers on one gateway host:port two logins and two sets of connections', async () => {
    await containerExitsItem.setValue({ 'firefox-container-1': bob, 'firefox-container-2': carol });
    const active = firefoxStore();
    const plan = await active.get();
    const requests = ['firefox-container-1', 'firefox-container-2'].map((cookieStoreId) => ({ requestId: cookieStoreId, url, tabId: 4, cookieStoreId }));
    const infos = requests.map((request) => proxyForRequest(request, plan));
    expect(infos).toMatchObject([
      { type: 'http', host: 'gw.test', port: 2600 },
      { type: 'http', host: 'gw.test', port: 2600 },
    ]);
    const [first, second] = infos as { connectionIsolationKey: string }[];
    expect(first!.connectionIsolationKey).not.toBe(second!.connectionIsolationKey);
    const headers = await Promise.all(
      requests.map((request) => proxyAuthorizationHeaders({ ...request, proxyInfo: { type: 'http', host: 'gw.test', port: 2600 }, requestHeaders: [] }, active.serverFor)),
    );
    const logins = headers.map((answer) => atob(answer.requestHeaders![0]!.value!.replace('Basic ', '')));
    expect(logins).toEqual(['bob_area-DE:pw2', 'carol_area-GB:pw3']);
  });

  it('applies the context exits without a connection, a tab’s before its container’s, and nothing without any', async () => {
    const active = firefoxStore();
    expect(await active.get()).toBeNull();
    await containerExitsItem.setValue({ 'firefox-container-1': bob });
    await tabExitsItem.setValue({ '9': { kind: 'direct' } });
    active.invalidate();
    expect(await active.exitFor({ url, tabId: 9, cookieStoreId: 'firefox-container-1' })).toEqual({ kind: 'direct', why: { layer: 'tab' } });
    expect(await active.exitFor({ url, tabId: 3, cookieStoreId: 'firefox-container-1' })).toMatchObject({ kind: 'proxy', server: { username: 'bob_area-DE' }, why: { layer: 'container', cookieStoreId: 'firefox-container-1' } });
    expect(await active.exitFor({ url, tabId: 3, cookieStoreId: 'firefox-default' })).toEqual({ kind: 'direct', why: { layer: 'none' } });
  });

  it('gives a tab opened from a tab with an exit that exit before it is stored, and only that tab', async () => {
    await connectionItem.setValue({ active: alice, last: alice, since: 1 });
    await tabExitsItem.setValue({ '1': carol });
    const active = firefoxStore(async (tabId) => (tabId === 2 ? 1 : undefined));
    expect(await active.serverFor({ url, tabId: 2 })).toMatchObject({ username: 'carol_area-GB' });
    expect(await active.exitFor({ url, tabId: 2 })).toMatchObject({ why: { layer: 'tab' } });
    expect(await active.serverFor({ url, tabId: 5 })).toMatchObject({ username: 'alice_area-US' });
    // The plan itself is left as stored: the inheritance is the stored item's to record.
    expect([...(await active.get())!.tabs.keys()]).toEqual([1]);
  });

  it('follows the stored exits as they change', async () => {
    const active = firefoxStore();
    await containerExitsItem.setValue({ 'firefox-container-1': bob });
    expect(await active.serverFor({ url, cookieStoreId: 'firefox-container-1' })).toMatchObject({ username: 'bob_area-DE' });
    await containerExitsItem.setValue({ 'firefox-container-1': carol });
    await tabExitsItem.setValue({ '3': bob });
    expect(await active.serverFor({ url, cookieStoreId: 'firefox-container-1' })).toMatchObject({ username: 'carol_area-GB' });
    expect(await active.serverFor({ url, tabId: 3, cookieStoreId: 'firefox-container-1' })).toMatchObject({ username: 'bob_area-DE' });
  });

  it('in Chrome, leaves the tab and container layers empty whatever is stored', async () => {
    await containerExitsItem.setValue({ 'firefox-container-1': bob });
    await tabExitsItem.setValue({ '3': bob });
    const active = createActiveProxyStore({ oneLoginPerOrigin: true });
    expect(await active.get()).toBeNull();
    await connectionItem.setValue({ active: alice, last: alice, since: 1 });
    active.invalidate();
    expect(await active.get()).toMatchObject({ tabs: new Map(), containers: new Map() });
    expect(await active.serverFor({ url, tabId: 3, cookieStoreId: 'firefox-container-1' })).toMatchObject({ username: 'alice_area-US' });
  });
});

describe('the active proxy store', () => {
  it('tells its listeners whenever what applies may have changed, until they stop', async () => {
    const store = createActiveProxyStore();
    let told = 0;
    const stop = store.onChange(() => told++);
    await routesItem.setValue([{ id: 'a', pattern: 'amazon.de', exit: bob, enabled: true }]);
    await expect.poll(() => told).toBeGreaterThan(0);
    const before = told;
    store.invalidate();
    expect(told).toBe(before + 1);
    stop();
    store.invalidate();
    expect(told).toBe(before + 1);
  });

  it('sends an exit check’s marked request through the exit it checks, in Firefox, for the auth listeners too', async () => {
    await connectionItem.setValue({ active: alice, last: alice, since: 1 });
    const { gateway } = await settingsItem.getValue();
    const probes = createExitProbes();
    const store = createActiveProxyStore({ probes });
    const bobServer = resolveEndpoint(bob, gateway);
    const seen = await probes.through(bobServer, 'https://echo.test/json', async (url) => [await store.exitFor({ url, tabId: -1 }), await store.serverFor({ url, tabId: -1 })] as const);
    expect(seen).toEqual([{ kind: 'proxy', server: bobServer, fallBackDirect: false, why: { layer: 'check' } }, bobServer]);
    expect(await store.serverFor({ url: 'https://echo.test/json', tabId: -1 }), 'after the check').toEqual(resolveEndpoint(alice, gateway));
  });
});
