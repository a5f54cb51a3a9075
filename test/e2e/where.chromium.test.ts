/**
 * "Where am I?" in a real Chromium with the built extension, the sandbox API and one real
 * authenticating Squid whose access log names the user of every request. Chrome's PAC script decides
 * by URL alone, so the exit check reaches only the exit its URL takes (here the main connection's,
 * logged as its user, never a rule's); the popup's header still names the rule a routed tab follows,
 * with the country its exit asked for, and the tab's badge shows that country until the tab follows
 * the main connection again and shows the global badge.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumHandle, type SquidHandle, type TargetServer } from './harness/index.ts';
import { chromiumProtocol, type ProtocolClient } from './harness/protocol.ts';
import { pollFor, sleep } from './harness/util.ts';
import { connectWithARoute, startWhereServers, stopWhereServers, type WhereServers } from './harness/where-scenarios.ts';

describe('where am I, in Chromium', () => {
  let servers: WhereServers;
  let squid: SquidHandle;
  let target: TargetServer;
  let chromium: ChromiumHandle;
  let popup: Page;
  let background: ProtocolClient;

  const line = () => popup.locator('header.status .tab-exit');
  /** The badge and tooltip of the popup window's active tab, and the global ones. */
  const badges = () =>
    popup.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number }[]> }; action: { getBadgeText(d: object): Promise<string>; getTitle(d: object): Promise<string> } } };
      const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
      const read = async (details: object) => ({ text: await chrome.action.getBadgeText(details), title: await chrome.action.getTitle(details) });
      return { tab: await read({ tabId: tab!.id }), global: await read({}) };
    });

  beforeAll(async () => {
    servers = await startWhereServers(['amazon.test']);
    ({ squid, target } = servers);
    chromium = await launchChromium();
    popup = await chromium.openExtensionPage('popup.html');
    await popup.setViewportSize({ width: 400, height: 600 });
    background = chromiumProtocol(popup);
    // The gateway by name: the rule's account gets the same name with a trailing dot, a proxy origin of its own.
    await connectWithARoute(background, servers, 'localhost', ['127.0.0.0/8']);
  });

  afterAll(async () => {
    await chromium?.close();
    await stopWhereServers(servers ?? {});
  });

  it('names the rule a routed tab follows in the popup’s header, and its country on the tab’s badge; the check reaches the main connection’s exit only', async () => {
    const site = await chromium.context.newPage();
    expect((await site.goto(target.url('/where-amazon', 'amazon.test')))?.status()).toBe(200);
    await squid.waitForSuccess('/where-amazon', 'bob_area-DE');
    // The popup reads the active tab of its window: the site's, as when it is opened over that page.
    await site.bringToFront();
    await popup.reload();
    await expect.poll(() => line().textContent(), { timeout: 20_000 }).toBe('This tab: bob · DE · rule amazon.test');
    expect(await line().getAttribute('aria-live')).toBe('polite');
    expect((await badges()).tab.text).toBe('DE');

    // The exit check went through the main connection only: its URL is no rule's.
    await pollFor('the main connection’s check', async () => ((await squid.entriesFor('exit.test')).length > 0 ? true : undefined), 20_000);
    await sleep(1_000);
    expect((await squid.entriesFor('exit.test')).filter((entry) => entry.status < 400).map((entry) => entry.user)).toEqual(['alice_area-US']);

    // A bypassed site: the line says so.
    await site.goto(`http://127.0.0.1:${target.port}/where-bypassed`);
    await popup.reload();
    await expect.poll(() => line().textContent(), { timeout: 20_000 }).toBe('This tab: direct · bypass list');
    expect(await badges()).toMatchObject({ tab: { text: '' } });

    // A tab that follows the main connection again: no line, and the tab shows the global badge and tooltip once more.
    await site.goto(target.url('/where-main', 'other.test'));
    await popup.reload();
    await popup.locator('header.status .status-line').waitFor();
    const givenBack = async () => {
      const { tab, global } = await badges();
      return tab.text === global.text && tab.title === global.title;
    };
    await expect.poll(givenBack, { timeout: 20_000 }).toBe(true);
    expect((await badges()).global.title).toMatch(/^911Proxy: connected via alice/);
    await sleep(1_000);
    expect(await line().textContent()).toBe('');
    await site.close();
  });
});
