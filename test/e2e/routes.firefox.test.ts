/**
 * Site routes in a real Firefox ESR with the built add-on and one real authenticating Squid whose
 * access log names the user of every request. Firefox adds each request's own proxy login itself and
 * gives every login its own connections, so two accounts on the very same gateway host:port (here
 * `127.0.0.1`) stay apart; the static IP is the same Squid addressed as `localhost`.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxHandle, type SquidHandle, type TargetServer } from './harness/index.ts';
import { firefoxProtocol, type ProtocolClient } from './harness/protocol.ts';
import {
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

/** direct.test resolves only here, for the rule that sends it direct: Squid does not know it. */
const FIREFOX_PREFS = { 'network.proxy.allow_hijacking_localhost': true, 'network.dns.localDomains': DIRECT_HOST };

describe('site routes in Firefox', () => {
  let squid: SquidHandle;
  let target: TargetServer;
  let firefox: FirefoxHandle;
  let profileDir: string;
  let stopServers: (() => Promise<void>) | undefined;
  let control: Page;
  let background: ProtocolClient;
  let routes: Awaited<ReturnType<typeof setUpRoutes>>;

  const openControlPage = async () => {
    control = await firefox.openExtensionPage('popup.html');
    background = firefoxProtocol(control);
  };
  const suite = (): RouteSuite => ({ squid, target, background, gatewayHost: '127.0.0.1', staticHost: 'localhost', visit: (url) => firefox.visit(url) });

  beforeAll(async () => {
    ({ squid, target, profileDir, stop: stopServers } = await startRouteServers('firefox-routes'));
    firefox = await launchFirefox({ profileDir, addon: 'profile', prefs: FIREFOX_PREFS });
    await openControlPage();
    routes = await setUpRoutes(suite());
  });

  afterAll(async () => {
    await firefox?.close();
    await stopServers?.();
  });

  it('keeps two accounts of one gateway host:port and a static IP apart, 30 loads side by side, 0 crossings', () => keepsEachSiteOnItsExit(suite()));

  it('lets a second account of the gateway have sites of its own', async () => {
    await background.call('addRoute', { pattern: 'other.test', exit: carol });
    expect(await firefox.visit(target.url('/second-account', 'other.test'))).toBe(200);
    expect(await usersOf(squid, '/second-account')).toEqual(['carol_area-GB']);
    const stored = await background.call<{ id: string; pattern: string }[]>('getRoutes');
    await background.call('deleteRoute', { id: stored.find((route) => route.pattern === 'other.test')!.id });
  });

  it('switches a rule’s exit: the next request there is the new account', () => switchesARulesExit(suite(), routes));

  it('follows the main connection for a site once its rule is gone', () => followsTheMainConnectionOnceTheRuleIsGone(suite(), routes));

  it('sends a site routed direct straight to it, never to the proxy', () => sendsADirectRuleDirect(suite()));

  it('keeps the rules without a connection and after a browser restart, from the first request', async () => {
    await background.call('disconnect');
    await firefox.close();
    // The first page Firefox opens, loading while it starts, before any extension page was opened.
    firefox = await launchFirefox({ profileDir, addon: 'profile', prefs: FIREFOX_PREFS, args: [target.url('/first-page-shop', 'shop.test')] });
    await squid.waitForSuccess('/first-page-shop', 'static1');
    expect(await firefox.visit(target.url('/after-restart-shop', 'shop.test'))).toBe(200);
    expect(await usersOf(squid, '/after-restart-shop')).toEqual(['static1']);
    expect(await usersOf(squid, '/first-page-shop')).toEqual(['static1']);
    // Not connected: what no rule covers goes direct, where Squid's names do not resolve.
    expect(await firefox.visit(target.url('/after-restart-main', 'other.test'))).toMatch(/NS_ERROR_\w+/);
    expect(await squid.entriesFor('/after-restart-main')).toEqual([]);
    await openControlPage();
  });
});
