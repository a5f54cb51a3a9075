import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { installEnglishMessages } from '../../../test/helpers/i18n.ts';
import { replaceBrowserApis } from '../../../test/helpers/browser-apis.ts';
import { differsFromHeader, tabExitLine } from '../../shared/tab-exit-words.ts';
import type { ActiveProxy } from './active-proxy.ts';
import { resolveEndpoint, type Endpoint } from './endpoint.ts';
import { exitChecksItem, exitKey, type ExitChecks } from './exit-checks.ts';
import { exitForRequest, type ExitPlan } from './route-plan.ts';
import { routingSchema } from './routing.ts';
import { settingsItem } from '../settings.ts';
import { createTabExitDescriptions } from './tab-exit-descriptions.ts';

const gateway = { host: 'gw.test', port: 2600 };
const acct1: Endpoint = { kind: 'account', account: 'acct1', password: 'pw1', country: 'de' };
const acct3: Endpoint = { kind: 'account', account: 'acct3', password: 'pw3', country: 'gb' };
const main: Endpoint = { kind: 'account', account: 'alice', password: 'pw0', country: 'us' };
const soloTab: Endpoint = { kind: 'static', host: '203.0.113.5', port: 8000, username: 's1', password: 'sp' };

type Plan = ActiveProxy & ExitPlan;
const basePlan = (fields: Partial<Plan> = {}): Plan => ({
  endpoint: main,
  server: resolveEndpoint(main, gateway),
  routing: routingSchema.parse({ bypass: ['localhost', 'intranet.test'] }),
  routes: [
    { id: 'r1', pattern: 'amazon.de', server: resolveEndpoint(acct1, gateway), endpoint: acct1 },
    { id: 'r2', pattern: 'direct.test', server: null },
    { id: 'r3', pattern: 'blocked.test', server: resolveEndpoint(acct3, gateway), endpoint: acct3, blocked: true },
  ],
  tabs: new Map([[5, { server: resolveEndpoint(soloTab, gateway), endpoint: soloTab }]]),
  containers: new Map([['firefox-container-2', { server: resolveEndpoint(acct3, gateway), endpoint: acct3 }]]),
  fallBackDirect: false,
  proxyBrowserRequests: false,
  ...fields,
});

function setUp(plan: Plan | null = basePlan()) {
  const checkIfUnknown = vi.fn<ExitChecks['checkIfUnknown']>(async () => undefined);
  const tabExits = createTabExitDescriptions({
    active: { get: async () => plan, planFor: async () => plan, exitFor: async (request) => (plan ? exitForRequest(request, plan) : { kind: 'direct', why: { layer: 'none' } }) },
    exitChecks: { resultFor: async (server) => (await exitChecksItem.getValue())[exitKey(server)], checkIfUnknown },
  });
  return { tabExits, checkIfUnknown };
}

beforeEach(() => {
  fakeBrowser.reset();
  installEnglishMessages();
});

describe('where a tab goes, and why', () => {
  it('names a rule’s exit by its endpoint and the rule by its pattern, with the country the check found', async () => {
    const { tabExits } = setUp();
    const before = await tabExits.describe({ url: 'https://www.amazon.de/cart', tabId: 1 });
    expect(before).toEqual({ site: true, kind: 'proxy', why: { layer: 'route', routeId: 'r1', pattern: 'amazon.de' }, exit: { name: 'acct1 · DE', country: 'DE' } });
    expect(tabExitLine(before)).toBe('This tab: acct1 · DE · rule amazon.de');
    await exitChecksItem.setValue({ [exitKey(resolveEndpoint(acct1, gateway))]: { ip: '198.51.100.2', country: 'AT', checkedAt: 1 } });
    const after = await tabExits.describe({ url: 'https://www.amazon.de/cart', tabId: 1 });
    expect(after.exit).toEqual({ name: 'acct1 · DE', country: 'AT', ip: '198.51.100.2' });
    expect(tabExitLine(after)).toBe('This tab: AT, via acct1 · DE · rule amazon.de');
  });

  it('says when an exit’s check failed', async () => {
    await exitChecksItem.setValue({ [exitKey(resolveEndpoint(acct1, gateway))]: { failed: true, checkedAt: 1 } });
    const exit = await setUp().tabExits.describe({ url: 'https://amazon.de/', tabId: 1 });
    expect(exit.exit?.failed).toBe(true);
    expect(tabExitLine(exit)).toBe('This tab: acct1 · DE (exit check failed) · rule amazon.de');
  });

  it('says when the proxy refused an exit’s login, and the tab’s badge marks it', async () => {
    await exitChecksItem.setValue({ [exitKey(resolveEndpoint(acct1, gateway))]: { failed: true, refused: true, checkedAt: 1 } });
    const exit = await setUp().tabExits.describe({ url: 'https://amazon.de/', tabId: 1 });
    expect(exit.exit).toMatchObject({ failed: true, refused: true });
    expect(tabExitLine(exit)).toBe('This tab: acct1 · DE (its login was refused) · rule amazon.de');
  });

  it('tells the bypass list, a direct rule, a blocked rule and the main connection’s site list apart', async () => {
    const { tabExits } = setUp();
    const line = async (url: string, plan?: Plan) => tabExitLine(await (plan ? setUp(plan).tabExits : tabExits).describe({ url, tabId: 1 }));
    expect(await line('http://intranet.test/')).toBe('This tab: direct · bypass list');
    expect(await line('https://direct.test/')).toBe('This tab: direct · rule direct.test');
    expect(await line('https://blocked.test/')).toBe('This tab: blocked · rule blocked.test');
    expect(await line('https://elsewhere.test/', basePlan({ routing: routingSchema.parse({ mode: 'only', sites: ['shop.test'] }) }))).toBe('This tab: direct · not among the main connection’s sites');
    expect(await line('https://elsewhere.test/')).toBe('This tab: alice · US · main connection');
    expect(await line('https://elsewhere.test/', basePlan({ endpoint: null, server: null }))).toBe('This tab: direct · not connected');
  });

  it('names the tab’s own exit and the container’s, with the container’s name (Firefox)', async () => {
    const contextualIdentities = { get: vi.fn(async (cookieStoreId: string) => ({ cookieStoreId, name: 'Work' })) };
    replaceBrowserApis({ contextualIdentities });
    const { tabExits } = setUp();
    expect(tabExitLine(await tabExits.describe({ url: 'https://amazon.de/', tabId: 5 }))).toBe('This tab: 203.0.113.5:8000 · only this tab');
    const container = await tabExits.describe({ url: 'https://amazon.de/', tabId: 6, cookieStoreId: 'firefox-container-2' });
    expect(container).toMatchObject({ why: { layer: 'container', cookieStoreId: 'firefox-container-2' }, container: 'Work', exit: { name: 'acct3 · GB', country: 'GB' } });
    expect(tabExitLine(container)).toBe('This tab: acct3 · GB · container Work');
    expect(contextualIdentities.get).toHaveBeenCalledWith('firefox-container-2');
  });

  it('names a tab or container exit by its server when its endpoint is not known, and a container by its id without the API', async () => {
    // fakeBrowser's contextualIdentities throws "not implemented", as a browser without it would fail.
    const server = resolveEndpoint(acct3, gateway);
    const { tabExits } = setUp(basePlan({ containers: new Map([['firefox-container-9', { server }]]) }));
    expect(tabExitLine(await tabExits.describe({ url: 'https://amazon.de/', tabId: 6, cookieStoreId: 'firefox-container-9' }))).toBe('This tab: gw.test:2600 · container firefox-container-9');
  });

  it('says that a page that is no site uses no proxy, which is news only while connected', async () => {
    for (const url of ['about:blank', 'chrome://extensions/', 'moz-extension://x/options.html', 'file:///tmp/a.html']) {
      const exit = await setUp().tabExits.describe({ url, tabId: 1 });
      expect(tabExitLine(exit)).toBe('This tab’s page does not use a proxy.');
      expect(differsFromHeader(exit)).toBe(true);
      expect(differsFromHeader(await setUp(basePlan({ endpoint: null, server: null })).tabExits.describe({ url, tabId: 1 }))).toBe(false);
    }
  });

  it('is shown in the header only where it differs from the main connection', async () => {
    const { tabExits } = setUp();
    expect(differsFromHeader(await tabExits.describe({ url: 'https://elsewhere.test/', tabId: 1 }))).toBe(false);
    expect(differsFromHeader(await tabExits.describe({ url: 'https://amazon.de/', tabId: 1 }))).toBe(true);
    expect(differsFromHeader(await tabExits.describe({ url: 'http://intranet.test/', tabId: 1 }))).toBe(true);
    expect(differsFromHeader(await setUp(null).tabExits.describe({ url: 'https://amazon.de/', tabId: 1 }))).toBe(false);
  });
});

describe('the popup’s question', () => {
  it('starts the check of an exit not checked yet, with the settings’ check URL, and not of one checked', async () => {
    await settingsItem.setValue({ ...(await settingsItem.getValue()), exitCheckUrl: 'https://echo.test/json' });
    const { tabExits, checkIfUnknown } = setUp();
    await tabExits.describeTabExit({ url: 'https://amazon.de/', tabId: 1 });
    await tabExits.idle();
    expect(checkIfUnknown).toHaveBeenCalledWith(resolveEndpoint(acct1, gateway), 'https://echo.test/json');
    await exitChecksItem.setValue({ [exitKey(resolveEndpoint(acct1, gateway))]: { ip: '198.51.100.2', checkedAt: 1 } });
    checkIfUnknown.mockClear();
    await tabExits.describeTabExit({ url: 'https://amazon.de/', tabId: 1 });
    await tabExits.describeTabExit({ url: 'https://direct.test/', tabId: 1 });
    await tabExits.idle();
    expect(checkIfUnknown).not.toHaveBeenCalled();
  });
});
