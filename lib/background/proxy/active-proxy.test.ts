import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createActiveProxyStore } from './active-proxy.ts';
import { connectionItem } from './connection.ts';
import { resolveEndpoint, type Endpoint } from './endpoint.ts';
import { createExitProbes } from './exit-probes.ts';
import { routesItem } from './routes.ts';
import { settingsItem } from '../settings.ts';

const alice: Endpoint = { kind: 'account', account: 'alice', password: 'pw1', country: 'US' };
const bob: Endpoint = { kind: 'account', account: 'bob', password: 'pw2', country: 'DE' };

beforeEach(() => fakeBrowser.reset());

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
    expect(await store.serverFor({ url: 'https://echo.test/json', tabId: -1 })).toEqual(resolveEndpoint(alice, gateway));
  });
});
