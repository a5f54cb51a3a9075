import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { installEnglishMessages } from '../../../test/helpers/i18n.ts';
import { createTabBadges, listenForTabBadges, tabBadgeText } from './tab-badge.ts';
import type { TabExitDescription } from './tab-exit-descriptions.ts';

/** Where each site goes, as `createTabExitDescriptions` would describe it. */
const EXITS: Record<string, TabExitDescription> = {
  'amazon.de': { site: true, kind: 'proxy', why: { layer: 'route', routeId: 'r1', pattern: 'amazon.de' }, exit: { name: 'acct1 · DE', country: 'DE' } },
  'amazon.co.uk': { site: true, kind: 'proxy', why: { layer: 'route', routeId: 'r2', pattern: 'amazon.co.uk' }, exit: { name: 'acct2 · GB', country: 'GB', ip: '198.51.100.2' } },
  'down.test': { site: true, kind: 'proxy', why: { layer: 'route', routeId: 'r3', pattern: 'down.test' }, exit: { name: 'acct3', failed: true } },
  'direct.test': { site: true, kind: 'direct', why: { layer: 'bypass' } },
  'main.test': { site: true, kind: 'proxy', why: { layer: 'main' }, exit: { name: 'alice · US', country: 'US' } },
};
let exits = EXITS;
const describeTab = async ({ url }: { url: string }): Promise<TabExitDescription> => exits[new URL(url).hostname] ?? { site: false, kind: 'direct', why: { layer: 'main' } };
const badgeOf = (tabId: number) => fakeBrowser.action.getBadgeText({ tabId });

beforeEach(async () => {
  fakeBrowser.reset();
  installEnglishMessages();
  exits = EXITS;
  await fakeBrowser.action.setBadgeText({ text: 'US' });
  await fakeBrowser.action.setTitle({ title: '911Proxy: connected via alice · US' });
  await fakeBrowser.action.setBadgeBackgroundColor({ color: '#6e7781' });
});

/** A new tab, activated in its window as the browser tells (fakeBrowser's tabs do not become active themselves). */
async function activeTab(url: string) {
  const tab = await fakeBrowser.tabs.create({ url });
  await fakeBrowser.tabs.onActivated.trigger({ tabId: tab.id!, windowId: tab.windowId! });
  return tab;
}

describe('a tab’s own badge', () => {
  it('is its exit’s country, "" when direct, "!" when its exit failed or its rule is blocked, and the global one for the main connection and pages that are no site', () => {
    expect(tabBadgeText(EXITS['amazon.de']!)).toBe('DE');
    expect(tabBadgeText(EXITS['amazon.co.uk']!)).toBe('GB');
    expect(tabBadgeText(EXITS['down.test']!)).toBe('!');
    expect(tabBadgeText({ site: true, kind: 'blocked', why: { layer: 'route', routeId: 'x', pattern: 'x.test' } })).toBe('!');
    expect(tabBadgeText(EXITS['direct.test']!)).toBe('');
    expect(tabBadgeText({ site: true, kind: 'direct', why: { layer: 'main' } })).toBe('');
    expect(tabBadgeText({ site: true, kind: 'proxy', why: { layer: 'tab' }, exit: { name: '203.0.113.5:8000' } })).toBe('ON');
    expect(tabBadgeText(EXITS['main.test']!)).toBeNull();
    expect(tabBadgeText({ site: false, kind: 'direct', why: { layer: 'main' } })).toBeNull();
    expect(tabBadgeText({ site: true, kind: 'direct', why: { layer: 'none' } })).toBeNull();
  });

  it('follows the active tab as it is activated and navigates, with its tooltip, and gives the main connection’s tabs back to the global badge', async () => {
    listenForTabBadges(createTabBadges({ describe: describeTab }));
    const tab = await activeTab('https://amazon.de/');
    await expect.poll(() => badgeOf(tab.id!)).toBe('DE');
    expect(await fakeBrowser.action.getTitle({ tabId: tab.id! })).toBe('911Proxy: This tab: acct1 · DE · rule amazon.de');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({ tabId: tab.id! })).toEqual([26, 127, 55, 255]);

    await fakeBrowser.tabs.update(tab.id!, { url: 'https://down.test/' });
    await expect.poll(() => badgeOf(tab.id!)).toBe('!');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({ tabId: tab.id! })).toEqual([207, 34, 46, 255]);
    await fakeBrowser.tabs.update(tab.id!, { url: 'https://direct.test/' });
    await expect.poll(() => badgeOf(tab.id!)).toBe('');
    expect(await fakeBrowser.action.getTitle({ tabId: tab.id! })).toBe('911Proxy: This tab: direct · bypass list');

    // The main connection's tab: its own text removed (null), so the global badge shows, and the global tooltip and colour.
    await fakeBrowser.tabs.update(tab.id!, { url: 'https://main.test/' });
    await expect.poll(() => fakeBrowser.action.getTitle({ tabId: tab.id! })).toBe('911Proxy: connected via alice · US');
    expect(await badgeOf(tab.id!)).toBe('');
    expect(await fakeBrowser.action.getBadgeText({})).toBe('US');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({ tabId: tab.id! })).toEqual([110, 119, 129, 255]);
  });

  it('leaves a tab in the background alone as it loads', async () => {
    listenForTabBadges(createTabBadges({ describe: describeTab }));
    const hidden = await fakeBrowser.tabs.create({ url: 'https://amazon.de/' });
    await activeTab('https://main.test/');
    await fakeBrowser.tabs.update(hidden.id!, { url: 'https://amazon.co.uk/' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await badgeOf(hidden.id!)).toBe('');
    expect(await fakeBrowser.action.getTitle({ tabId: hidden.id! })).toBe('');
  });

  it('is shown again on every window’s active tab when what applies changes, the last change winning', async () => {
    const badges = createTabBadges({ describe: describeTab });
    listenForTabBadges(badges);
    const tab = await activeTab('https://amazon.de/');
    const other = await fakeBrowser.tabs.create({ url: 'https://amazon.co.uk/' });
    await fakeBrowser.tabs.onActivated.trigger({ tabId: other.id!, windowId: 7 });
    await fakeBrowser.action.setBadgeText({ tabId: tab.id!, text: 'old' });
    await badges.showActiveTabs();
    expect(await badgeOf(other.id!)).toBe('GB');
    expect(await badgeOf(tab.id!)).toBe('DE');
    exits = { ...EXITS, 'amazon.de': { ...EXITS['amazon.de']!, exit: { name: 'acct1 · DE', country: 'CH', ip: '198.51.100.9' } } };
    const first = badges.showActiveTabs();
    exits = { ...EXITS, 'amazon.de': { site: true, kind: 'direct', why: { layer: 'route', routeId: 'r1', pattern: 'amazon.de' } } };
    await Promise.all([first, badges.showActiveTabs()]);
    expect(await badgeOf(tab.id!)).toBe('');
    expect(await fakeBrowser.action.getTitle({ tabId: tab.id! })).toBe('911Proxy: This tab: direct · rule amazon.de');
  });
});
