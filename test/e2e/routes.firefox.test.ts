/**
 * Site routes in a real Firefox ESR with the built add-on and one real authenticating Squid whose
 * access log names the user of every request. Firefox adds each request's own proxy login itself and
 * gives every login its own connections, so two accounts on the very same gateway host:port (here
 * `127.0.0.1`) stay apart; the static IP is the same Squid addressed as `localhost`.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox/server.ts';
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
import { pollFor } from './harness/util.ts';

/** direct.test resolves only here, for the rule that sends it direct: Squid does not know it. */
const FIREFOX_PREFS = { 'network.proxy.allow_hijacking_localhost': true, 'network.dns.localDomains': DIRECT_HOST };

describe('site routes in Firefox', () => {
  let squid: SquidHandle;
  let target: TargetServer;
  let sandbox: Sandbox;
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
    [{ squid, target, profileDir, stop: stopServers }, sandbox] = await Promise.all([startRouteServers('firefox-routes'), startSandbox({ accounts: 2 })]);
    firefox = await launchFirefox({ profileDir, addon: 'profile', prefs: FIREFOX_PREFS });
    await openControlPage();
    routes = await setUpRoutes(suite());
  });

  afterAll(async () => {
    await firefox?.close();
    await Promise.all([stopServers?.(), sandbox?.close()]);
  });

  it('keeps two accounts of one gateway host:port and a static IP apart, 30 loads side by side, 0 crossings', () => keepsEachSiteOnItsExit(suite()));

  it('prefills the popup’s “This site” tab with the current tab’s site, and says what the background answers', async () => {
    // The popup's tabs are shown once a key is set (the sandbox's; its API host is a bypassed address).
    await background.call('updateSettings', { apiBaseUrl: sandbox.url });
    await background.call('setKey', { key: sandbox.demoKey, remember: true });
    const site = await firefox.browser.newPage();
    expect((await site.goto(target.url('/prefill-page', 'shop.test'), { timeout: 10_000 }).catch(() => null))?.status()).toBe(200);
    // The popup (here the control page, a tab) reads the active tab of its window: the site's, as when it is opened over that page.
    await site.bringToFront();
    const text = (selector: string) => control.evaluate((css) => document.querySelector<HTMLElement>(css)?.textContent ?? undefined, selector);
    await pollFor('the popup’s “This site” tab', () =>
      control.evaluate(() => {
        const tab = [...document.querySelectorAll<HTMLElement>('[role="tab"]')].find((candidate) => candidate.textContent === 'This site');
        tab?.click();
        return tab ? true : undefined;
      }),
    );
    expect(await pollFor('the heading', () => text('#route-site-title'))).toBe('Use this exit for shop.test');
    expect(await control.evaluate(() => document.querySelector<HTMLInputElement>('#route-pattern-new')?.value)).toBe('shop.test');
    // shop.test has its rule already: the background says so, word for word, and nothing changes.
    await control.evaluate(() => document.querySelector<HTMLButtonElement>('.route-form button[type="submit"]')!.click());
    const refusal = await pollFor('the refusal', () => text('.route-form [role="alert"]'));
    expect(refusal).toContain('There is a route for this site already (shop.test)');
    expect((await background.call<unknown[]>('getRoutes')).length).toBe(2);
    await site.close();
  });

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
