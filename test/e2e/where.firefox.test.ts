/**
 * "Where am I?" in a real Firefox ESR with the built add-on, the sandbox API and one real
 * authenticating Squid whose access log names the user of every request: the exit check runs
 * through each exit in use (the main connection's account, a rule's account on the same gateway
 * host:port, a rule's static IP), each check logged as its own user; and the popup's header names
 * the rule a routed tab follows, while the tab's badge shows its exit's country.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxHandle, type SquidHandle, type TargetServer } from './harness/index.ts';
import { firefoxProtocol, type ProtocolClient } from './harness/protocol.ts';
import { pollFor, sleep } from './harness/util.ts';
import { connectWithARoute, startWhereServers, stopWhereServers, type WhereServers } from './harness/where-scenarios.ts';

describe('where am I, in Firefox', () => {
  let servers: WhereServers;
  let squid: SquidHandle;
  let target: TargetServer;
  let firefox: FirefoxHandle;
  let popup: Page;
  let background: ProtocolClient;

  /** Who Squid says made each exit check that got through. */
  const checkUsers = async () => (await squid.entriesFor('exit.test')).filter((entry) => entry.url.includes('/ip') && entry.status < 400).map((entry) => entry.user ?? '-');
  const headerLine = () => popup.evaluate(() => document.querySelector('header.status .tab-exit')?.textContent ?? '');
  /** Opens the popup anew, as a click on the toolbar button would (reload() of a moz-extension:// page never resolves here: polled). */
  const reopenPopup = async () => {
    await popup.evaluate(() => void ((globalThis as { reopened?: boolean }).reopened = true));
    void popup.reload().catch(() => undefined);
    await pollFor('the popup to open again', async () => {
      const fresh = await popup.evaluate(() => !(globalThis as { reopened?: boolean }).reopened && document.querySelector('header.status .tab-exit') !== null).catch(() => false);
      return fresh ? true : undefined;
    }, 20_000);
  };

  beforeAll(async () => {
    servers = await startWhereServers(['amazon.test', 'shop.test']);
    ({ squid, target } = servers);
    firefox = await launchFirefox({ prefs: { 'network.proxy.allow_hijacking_localhost': true } });
    popup = await firefox.openExtensionPage('popup.html');
    await popup.setViewport({ width: 400, height: 600 });
    background = firefoxProtocol(popup);
    const staticIp = { kind: 'static', host: 'localhost', port: squid.port, username: 'static1', password: 'staticpw' };
    await connectWithARoute(background, servers, '127.0.0.1', ['localhost', '127.0.0.0/8'], [{ pattern: 'shop.test', exit: staticIp }]);
  });

  afterAll(async () => {
    await firefox?.close();
    await stopWhereServers(servers ?? {});
  });

  it('checks each exit in use through that exit: one check per exit, each logged as its own user', async () => {
    const users = await pollFor('a check through each of the three exits', async () => {
      const found = await checkUsers();
      return found.length >= 3 ? found : undefined;
    }, 20_000);
    expect(users.sort()).toEqual(['alice_area-US', 'bob_area-DE', 'static1']);
    // The results are kept per exit, without the passwords.
    const readStored = () => popup.evaluate(() => (globalThis as unknown as { browser: { storage: { session: { get(key: string): Promise<Record<string, unknown>> } } } }).browser.storage.session.get('exitChecks'));
    const stored = await pollFor('the three results stored', async () => {
      const value = await readStored();
      return Object.keys(value.exitChecks ?? {}).length === 3 ? value : undefined;
    });
    const results = stored.exitChecks as Record<string, { ip: string; country: string }>;
    for (const result of Object.values(results)) expect(result).toMatchObject({ ip: '127.0.0.1', country: 'ZZ' });
    expect(JSON.stringify(stored)).not.toMatch(/alicepw1|bobpw2|staticpw/);

    // "Check exit" checks them all again, each through itself.
    await background.call('checkExit');
    await pollFor('the second round of checks', async () => ((await checkUsers()).length >= 6 ? true : undefined), 20_000);
    expect((await checkUsers()).sort()).toEqual(['alice_area-US', 'alice_area-US', 'bob_area-DE', 'bob_area-DE', 'static1', 'static1']);
  });

  it('names the rule a routed tab follows in the popup’s header, and shows its exit’s country on the tab’s badge', async () => {
    const site = await firefox.browser.newPage();
    await site.goto(target.url('/where-amazon', 'amazon.test'));
    await squid.waitForSuccess('/where-amazon', 'bob_area-DE');
    // The popup reads the active tab of its window: the site's, as when it is opened over that page.
    await site.bringToFront();
    await reopenPopup();
    const line = await pollFor('the tab’s line', async () => ((await headerLine()).includes('rule') ? headerLine() : undefined), 20_000);
    expect(line).toBe('This tab: ZZ, via bob · DE · rule amazon.test');
    expect(await popup.evaluate(() => document.querySelector('header.status .tab-exit')?.getAttribute('aria-live'))).toBe('polite');
    const badge = await popup.evaluate(async () => {
      const { browser } = globalThis as unknown as { browser: { tabs: { query(q: object): Promise<{ id: number }[]> }; browserAction: { getBadgeText(d: object): Promise<string> } } };
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      return browser.browserAction.getBadgeText({ tabId: tab!.id });
    });
    expect(badge).toBe('ZZ');

    // A tab that follows the main connection: the header says it all, no line.
    await site.goto(target.url('/where-main', 'other.test')).catch(() => undefined);
    await reopenPopup();
    // The line would have come with the background's answer by now.
    await sleep(1_500);
    expect(await headerLine()).toBe('');
    expect(await background.call('describeTabExit', { url: target.url('/where-main', 'other.test') })).toMatchObject({ why: { layer: 'main' }, kind: 'proxy' });
    await site.close();
  });
});
