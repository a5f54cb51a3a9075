/**
 * Container and tab exits in a real Firefox ESR with the built add-on and one real authenticating
 * Squid whose access log names the user of every request. The main connection is alice; the "Work"
 * container goes out as bob and the "Shop" container as carol, both through the very same gateway
 * host:port (`127.0.0.1`); one tab ("only this tab") goes through the static IP (the same Squid
 * addressed as `localhost`), and so does the tab its page opens with `window.open`. One browser for
 * the whole file.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxHandle, type SquidHandle, type TargetServer } from './harness/index.ts';
import { firefoxProtocol, type ProtocolClient } from './harness/protocol.ts';
import { alice, bob, carol, DIRECT_HOST, startRouteServers, usersOf } from './harness/route-scenarios.ts';
import { pollFor, REPO_ROOT, sleep } from './harness/util.ts';

const PREFS = {
  'network.proxy.allow_hijacking_localhost': true,
  // direct.test resolves only here, for the container sent direct: Squid does not know it.
  'network.dns.localDomains': DIRECT_HOST,
  'privacy.userContext.enabled': true,
  // A page's window.open without a click (the test has no user to click) opens its tab.
  'dom.disable_open_during_load': false,
};
const USER = { main: 'alice_area-US', work: 'bob_area-DE', shop: 'carol_area-GB', tab: 'static1', child: 'static1' };
const SCREENSHOTS = path.join(REPO_ROOT, 'test-results/screenshots');
/** How long Squid gets to log a request that must not have reached it, before its log is read. */
const UNLOGGED_MS = 500;

describe('container and tab exits in Firefox', () => {
  let squid: SquidHandle;
  let target: TargetServer;
  let firefox: FirefoxHandle;
  let stopServers: (() => Promise<void>) | undefined;
  let control: Awaited<ReturnType<FirefoxHandle['openExtensionPage']>>;
  let background: ProtocolClient;
  const containers: Record<'work' | 'shop' | 'direct', string> = { work: '', shop: '', direct: '' };
  /** The tabs of the interleaved loads, by identity. */
  const tabs: Partial<Record<keyof typeof USER, number>> = {};

  const openControlPage = async () => {
    control = await firefox.openExtensionPage('popup.html');
    background = firefoxProtocol(control);
  };
  /** Calls the extension API `method` from the control page with `details`: `inControl('tabs.create', { url })`. */
  const inControl = <T,>(method: string, details: unknown) => control.evaluate(`browser.${method}(${JSON.stringify(details)})`) as Promise<T>;
  interface TabInfo {
    id: number;
    url?: string;
    status?: string;
    openerTabId?: number;
  }
  /** The open tab that shows `fragment` (loaded), as the extension sees it. */
  const tabShowing = (fragment: string) =>
    pollFor(`a tab at ${fragment}`, async () => (await inControl<TabInfo[]>('tabs.query', {})).find((tab) => tab.url?.includes(fragment) && tab.status === 'complete'));
  /** Opens `path` in a new tab (of the container `cookieStoreId`, if given), and resolves once it has loaded. */
  const openTab = async (path: string, { cookieStoreId, host = 'target.test' }: { cookieStoreId?: string; host?: string } = {}) => {
    await inControl('tabs.create', { url: target.url(path, host), ...(cookieStoreId && { cookieStoreId }) });
    return (await tabShowing(path)).id;
  };
  /** Loads `path` in the tab `tabId`, as a click on a link there would, and resolves once it has loaded. */
  const load = async (tabId: number, path: string) => {
    await control.evaluate(`browser.tabs.update(${tabId}, ${JSON.stringify({ url: target.url(path) })})`);
    await tabShowing(path);
  };

  beforeAll(async () => {
    let profileDir: string;
    ({ squid, target, profileDir, stop: stopServers } = await startRouteServers('firefox-containers'));
    firefox = await launchFirefox({ profileDir, prefs: PREFS });
    await openControlPage();
    await background.call('updateSettings', {
      gateway: { host: '127.0.0.1', port: squid.port },
      // A bypassed address: the exit check stays out of the proxy's log.
      exitCheckUrl: `http://127.0.0.1:${target.port}/ip`,
      routing: { mode: 'all', sites: [], bypass: ['localhost', '127.0.0.0/8'] },
    });
    await background.call('connect', { endpoint: alice });
    for (const [name, color] of [['work', 'blue'], ['shop', 'orange'], ['direct', 'green']] as const) {
      ({ cookieStoreId: containers[name] } = await inControl<{ cookieStoreId: string }>('contextualIdentities.create', { name, color, icon: 'circle' }));
    }
    await background.call('setContainerExit', { cookieStoreId: containers.work, exit: bob });
    await background.call('setContainerExit', { cookieStoreId: containers.shop, exit: carol });
  });

  afterAll(async () => {
    await firefox?.close();
    await stopServers?.();
  });

  it('lists the containers with their exits, those without one following the rules', async () => {
    const list = await background.call<{ available: boolean; containers: { cookieStoreId: string; name: string; exit: unknown }[] }>('getContainers');
    expect(list.available).toBe(true);
    const exits = new Map(list.containers.map(({ cookieStoreId, exit }) => [cookieStoreId, exit]));
    expect([containers.work, containers.shop, containers.direct].map((id) => exits.get(id))).toEqual([bob, carol, null]);
    // Firefox's own containers (Personal, Work, …) are listed too.
    expect(list.containers.length).toBeGreaterThan(3);
  });

  it('gives a tab its own exit, and the tab its page opens the same from its first request', async () => {
    tabs.main = await openTab('/ctx-main-first');
    // A page the test drives itself, so that its own script opens the child.
    const page = await firefox.browser.newPage();
    expect((await page.goto(target.url('/ctx-tab-before')))?.status()).toBe(200);
    tabs.tab = (await tabShowing('/ctx-tab-before')).id;
    const staticIp = { kind: 'static', host: 'localhost', port: squid.port, username: 'static1', password: 'staticpw' };
    expect(await background.call('setTabExit', { tabId: tabs.tab, exit: staticIp })).toEqual({ available: true, exit: staticIp });
    // Its very first load must already take the tab's exit.
    await page.evaluate((url) => void window.open(url), target.url('/ctx-child-first'));
    const child = await tabShowing('/ctx-child-first');
    expect(child.openerTabId).toBe(tabs.tab);
    tabs.child = child.id;
    expect(await usersOf(squid, '/ctx-child-first')).toEqual([USER.tab]);
    expect(await usersOf(squid, '/ctx-tab-before')).toEqual([USER.main]);
    expect(await background.call('getTabExit', { tabId: tabs.child })).toEqual({ available: true, exit: staticIp });
  });

  it('keeps two containers on two accounts of one gateway host:port, a tab exit, its child and the main connection apart: 25 loads side by side, 0 crossings', async () => {
    tabs.work = await openTab('/ctx-work-first', { cookieStoreId: containers.work });
    tabs.shop = await openTab('/ctx-shop-first', { cookieStoreId: containers.shop });
    const identities = Object.keys(USER) as (keyof typeof USER)[];
    const ROUNDS = 5;
    for (let round = 0; round < ROUNDS; round++) await Promise.all(identities.map((name) => load(tabs[name]!, `/ctx-${name}-${round}`)));
    let crossings = 0;
    for (const name of identities) {
      for (let round = 0; round < ROUNDS; round++) {
        const users = await usersOf(squid, `/ctx-${name}-${round}`);
        expect(users.length, `/ctx-${name}-${round}`).toBeGreaterThan(0);
        crossings += users.filter((user) => user !== USER[name]).length;
      }
    }
    expect(crossings).toBe(0);
    expect(await usersOf(squid, '/ctx-work-first')).toEqual([USER.work]);
    expect(await usersOf(squid, '/ctx-shop-first')).toEqual([USER.shop]);
  });

  it('sends a container routed direct straight to the target, never to the proxy', async () => {
    await background.call('setContainerExit', { cookieStoreId: containers.direct, exit: { kind: 'direct' } });
    await openTab('/ctx-direct', { cookieStoreId: containers.direct, host: DIRECT_HOST });
    expect(target.requests().filter((request) => request.path === '/ctx-direct')).toHaveLength(1);
    await sleep(UNLOGGED_MS);
    expect(await squid.entriesFor('/ctx-direct')).toEqual([]);
  });

  it('ends a tab’s exit with the tab: a new tab follows the main connection, the child keeps its own', async () => {
    await inControl('tabs.remove', tabs.tab);
    await pollFor('the closed tab’s exit to end', async () => ((await background.call<{ exit: unknown }>('getTabExit', { tabId: tabs.tab })).exit === null ? true : undefined));
    await openTab('/ctx-after-close');
    expect(await usersOf(squid, '/ctx-after-close')).toEqual([USER.main]);
    await load(tabs.child!, '/ctx-child-after-close');
    expect(await usersOf(squid, '/ctx-child-after-close')).toEqual([USER.tab]);
  });

  it('shows each container with its exit in the options, and changes one there', async () => {
    const options = await firefox.openExtensionPage('options.html');
    /** The container's row, or something in it. */
    const inRow = (name: string, below = '') => `::-p-xpath(//section[@id="containers"]//li[strong="${name}"]${below})`;
    const text = (name: string) => pollFor(`the ${name} container's row`, () => options.$eval(inRow(name), (li) => li.textContent ?? '').catch(() => undefined));
    expect(await text('work')).toContain('bob');
    expect(await text('direct')).toContain('Direct');
    await (await options.waitForSelector(inRow('shop', '//button')))!.click();
    await (await options.waitForSelector(inRow('shop', '//select')))!.select('direct');
    await (await options.waitForSelector(inRow('shop', '//button[@type="submit"]')))!.click();
    await pollFor('the shop container to go direct', async () => ((await text('shop'))?.includes('Direct') ? true : undefined));
    const list = await background.call<{ containers: { cookieStoreId: string; exit: unknown }[] }>('getContainers');
    expect(list.containers.find((container) => container.cookieStoreId === containers.shop)?.exit).toEqual({ kind: 'direct' });
    await mkdir(SCREENSHOTS, { recursive: true });
    await (await options.$('#containers'))!.screenshot({ path: path.join(SCREENSHOTS, 'options-containers.png') });
    await options.close();
  });

  it('keeps the container exits, and WebRTC limited, without a connection and after the add-on reloads', async () => {
    await background.call('disconnect');
    const policy = () => inControl<{ value: string }>('privacy.network.webRTCIPHandlingPolicy.get', {});
    expect((await policy()).value).toBe('disable_non_proxied_udp');
    await firefox.reloadAddon();
    await openControlPage();
    await pollFor('the add-on to answer again', () => background.call('getContainers').then(() => true, () => undefined));
    await openTab('/ctx-work-after-reload', { cookieStoreId: containers.work });
    expect(await usersOf(squid, '/ctx-work-after-reload')).toEqual([USER.work]);
    expect((await policy()).value).toBe('disable_non_proxied_udp');
    // Not connected: a tab in no container goes direct, where Squid's names do not resolve.
    expect(await firefox.visit(target.url('/ctx-main-after-reload', 'other.test'))).toMatch(/NS_ERROR_\w+/);
    expect(await squid.entriesFor('/ctx-main-after-reload')).toEqual([]);
  });
});
