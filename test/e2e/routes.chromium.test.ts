/**
 * Site routes in a real Chromium with the built extension and one real authenticating Squid whose
 * access log names the user of every request. Chrome keeps one cached proxy login per proxy origin,
 * so each identity needs its own origin: the main connection's account on the gateway's name
 * (`localhost` here), a rule's account on the same name with a trailing dot (`localhost.`), a
 * static IP on its own address (`127.0.0.1`), all three the same Squid.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumHandle, type SquidHandle, type TargetServer } from './harness/index.ts';
import { chromiumProtocol, type ProtocolClient } from './harness/protocol.ts';
import {
  alice,
  bob,
  carol,
  DIRECT_HOST,
  followsTheMainConnectionOnceTheRuleIsGone,
  keepsEachSiteOnItsExit,
  sendsADirectRuleDirect,
  setUpRoutes,
  startRouteServers,
  switchesARulesExit,
  usersOf,
  type RouteSuite,
} from './harness/route-scenarios.ts';
import { pollFor, sleep } from './harness/util.ts';

describe('site routes in Chromium', () => {
  let squid: SquidHandle;
  let target: TargetServer;
  let chromium: ChromiumHandle;
  let profileDir: string;
  let stopServers: (() => Promise<void>) | undefined;
  let control: Page;
  let background: ProtocolClient;
  let routes: Awaited<ReturnType<typeof setUpRoutes>>;

  async function openBrowser(): Promise<void> {
    // direct.test resolves only here, for the rule that sends it direct: Squid does not know it.
    chromium = await launchChromium({ profileDir, args: [`--host-resolver-rules=MAP ${DIRECT_HOST} 127.0.0.1`] });
    control = await chromium.openExtensionPage('manifest.json');
    background = chromiumProtocol(control);
  }

  const suite = (): RouteSuite => ({ squid, target, background, gatewayHost: 'localhost', staticHost: '127.0.0.1', visit: (url) => chromium.visit(url) });
  const webRtcPolicy = () => control.evaluate(() => (globalThis as unknown as { chrome: { privacy: { network: { webRTCIPHandlingPolicy: { get(details: object): Promise<{ value: string }> } } } } }).chrome.privacy.network.webRTCIPHandlingPolicy.get({}));

  beforeAll(async () => {
    ({ squid, target, profileDir, stop: stopServers } = await startRouteServers('chromium-routes'));
    await openBrowser();
    routes = await setUpRoutes(suite());
  });

  afterAll(async () => {
    await chromium?.close();
    await stopServers?.();
  });

  it('keeps three identities of one Squid apart on three proxy origins, 30 loads side by side, 0 crossings', () => keepsEachSiteOnItsExit(suite()));

  it('refuses a second gateway account among the rules, saying why, and sends nothing under it', async () => {
    const answer = await background.ask('addRoute', { pattern: 'second.test', exit: carol });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'route-shared-gateway', message: expect.stringContaining('In Chrome, sites sent through the gateway share one account at a time; extracted and static IPs can each have their own') } });
    expect(await background.call('getRoutes')).toHaveLength(2);
  });

  it('blocks a rule while the main connection holds its proxy origin with another login, rather than send it as either', async () => {
    // The main connection moves to the static IP's own address with another login: shop.test's rule can no longer be told apart.
    await background.call('connect', { endpoint: { kind: 'static', host: '127.0.0.1', port: squid.port, username: 'carol_area-GB', password: 'carolpw3' } });
    expect(await chromium.visit(target.url('/route-clash', 'shop.test'))).toMatch(/ERR_/);
    expect(await chromium.visit(target.url('/route-main-beside-clash', 'other.test'))).toBe(200);
    expect(await squid.entriesFor('/route-clash')).toEqual([]);
    // The blocked rule's failure is not the main connection's.
    await sleep(300);
    expect(await background.call('getProxyStatus')).toMatchObject({ state: 'connected' });
    expect(await usersOf(squid, '/route-main-beside-clash')).toEqual(['carol_area-GB']);
    await background.call('connect', { endpoint: alice });
    expect(await chromium.visit(target.url('/route-after-clash', 'shop.test'))).toBe(200);
    expect(await usersOf(squid, '/route-after-clash')).toEqual(['static1']);
  });

  it('switches a rule’s exit: the next request there is the new account', () => switchesARulesExit(suite(), routes));

  it('still answers each rule’s login after the service worker was stopped', async () => {
    await chromium.stopServiceWorker();
    const results = await Promise.all([chromium.visit(target.url('/after-stop-amazon', 'amazon.test')), chromium.visit(target.url('/after-stop-shop', 'shop.test'))]);
    expect(results).toEqual([200, 200]);
    expect(await usersOf(squid, '/after-stop-amazon')).toEqual(['carol_area-GB']);
    expect(await usersOf(squid, '/after-stop-shop')).toEqual(['static1']);
  });

  it('follows the main connection for a site once its rule is gone', () => followsTheMainConnectionOnceTheRuleIsGone(suite(), routes));

  it('sends a site routed direct straight to it, never to the proxy', () => sendsADirectRuleDirect(suite()));

  it('says on the options page that tab and container exits are Firefox-only, and refuses them', async () => {
    const options = await chromium.openExtensionPage('options.html');
    await options.locator('#containers').getByText('Firefox-only').waitFor();
    await options.close();
    const refused = await background.ask('setContainerExit', { cookieStoreId: 'firefox-container-1', exit: { kind: 'direct' } });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'context-firefox-only' } });
  });

  it('keeps the rules without a connection, with WebRTC limited, and after a browser restart', async () => {
    await background.call('disconnect');
    expect((await webRtcPolicy()).value).toBe('disable_non_proxied_udp');
    await chromium.close();
    await openBrowser();
    // --load-extension installs the extension anew at every launch, which drops its proxy setting until
    // the worker applies it again (browser-notes): wait for that, or the test measures the harness.
    await pollFor('the routes applied again after the restart', () =>
      control.evaluate(async () => {
        const chromeApi = (globalThis as unknown as { chrome: { proxy: { settings: { get(details: object): Promise<{ levelOfControl: string }> } } } }).chrome;
        return (await chromeApi.proxy.settings.get({})).levelOfControl === 'controlled_by_this_extension' ? true : undefined;
      }),
    );
    expect(await chromium.visit(target.url('/after-restart-shop', 'shop.test'))).toBe(200);
    expect(await usersOf(squid, '/after-restart-shop')).toEqual(['static1']);
    // Not connected: what no rule covers goes direct, where Squid's names do not resolve.
    expect(await chromium.visit(target.url('/after-restart-main', 'other.test'))).not.toBe(200);
    expect(await squid.entriesFor('/after-restart-main')).toEqual([]);
    await background.call('addRoute', { pattern: 'amazon.test', exit: bob });
    expect(await chromium.visit(target.url('/after-restart-amazon', 'amazon.test'))).toBe(200);
    expect(await usersOf(squid, '/after-restart-amazon')).toEqual(['bob_area-DE']);
  });
});
