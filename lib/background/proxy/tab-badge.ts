/**
 * The badge of each tab whose page takes an exit of its own (a rule's, the tab's, its container's,
 * or direct past the main connection): that exit's country, "" when direct, "!" when its exit check
 * failed or the rule is blocked. Every other tab shows the global badge (badge.ts), which follows
 * the main connection. Only the active tab of each window is kept up to date eagerly: a tab gets its
 * own badge again when it is activated or navigates.
 */
import { browser } from 'wxt/browser';
import { t } from '../../shared/i18n.ts';
import { tabExitLine } from '../../shared/tab-exit-words.ts';
import { BADGE_COLORS, toolbarAction } from './badge.ts';
import type { TabExitDescription, TabExitDescriptions } from './tab-exit-descriptions.ts';

type Tab = Pick<Browser.tabs.Tab, 'id' | 'url'> & { cookieStoreId?: string };

/** The tab's own badge text, or null where the global badge tells it (the main connection's tabs, pages that are no site). */
export function tabBadgeText({ site, kind, why, exit }: TabExitDescription): string | null {
  if (!site || (why.layer === 'main' && kind === 'proxy') || why.layer === 'none') return null;
  if (kind === 'blocked' || exit?.failed) return '!';
  return exit ? (exit.country ?? 'ON') : '';
}

export function createTabBadges(tabExits: Pick<TabExitDescriptions, 'describe'>) {
  /** The active tab of each window, by window id, as `tabs.onActivated` tells; asked of the browser while none was told (a fresh background). */
  const activeTabs = new Map<number, number>();

  async function show(tab: Tab): Promise<void> {
    const action = toolbarAction();
    if (!action || tab.id === undefined || tab.id < 0) return;
    const tabId = tab.id;
    const exit = await tabExits.describe({ url: tab.url ?? '', tabId, ...(tab.cookieStoreId && { cookieStoreId: tab.cookieStoreId }) });
    const text = tabBadgeText(exit);
    if (text === null) {
      // The global badge's: a null text gives the tab the global one in both browsers, but Chrome takes
      // no null title or color, so the tab gets the global ones' values (again whenever the status changes).
      const [title, color] = await Promise.all([action.getTitle({}), action.getBadgeBackgroundColor({})]);
      await Promise.all([action.setBadgeText({ tabId, text: null as unknown as string }), action.setTitle({ tabId, title }), action.setBadgeBackgroundColor({ tabId, color })]);
      return;
    }
    await Promise.all([
      action.setBadgeText({ tabId, text }),
      action.setTitle({ tabId, title: t('tabExit_badgeTitle', tabExitLine(exit)) }),
      action.setBadgeBackgroundColor({ tabId, color: text === '!' ? BADGE_COLORS.failed : BADGE_COLORS.connected }),
    ]);
  }

  async function showActiveTabs(): Promise<void> {
    if (activeTabs.size === 0) for (const tab of await browser.tabs.query({ active: true })) if (tab.id !== undefined) activeTabs.set(tab.windowId, tab.id);
    await Promise.all([...activeTabs.values()].map((tabId) => browser.tabs.get(tabId).then(show).catch(() => undefined)));
  }

  /** Runs once more after the run in progress, however often it was asked meanwhile, so that the last change is always shown. */
  let running: Promise<void> | undefined;
  let again = false;

  return {
    /** A tab became the active one of its window. */
    activated({ tabId, windowId }: { tabId: number; windowId: number }): Promise<void> {
      activeTabs.set(windowId, tabId);
      return browser.tabs.get(tabId).then(show).catch(() => undefined);
    },
    /** A tab navigated: its badge is made again if it is the one its window shows. */
    navigated(tab: Tab & { windowId: number; active?: boolean }): Promise<void> {
      if (!tab.active && activeTabs.get(tab.windowId) !== tab.id) return Promise.resolve();
      return show(tab).catch(() => undefined);
    },
    /** What applies changed: the active tab of every window shows it. */
    showActiveTabs(): Promise<void> {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        do {
          again = false;
          await showActiveTabs().catch(() => undefined);
        } while (again);
      })().finally(() => (running = undefined));
      return running;
    },
  };
}

/** Listens to the tabs: registered synchronously at the background's top level (setup.ts). */
export function listenForTabBadges(badges: ReturnType<typeof createTabBadges>): void {
  browser.tabs.onActivated.addListener((activation) => void badges.activated(activation));
  // A navigation resets the tab's own badge in both browsers: shown again once the new page loads.
  browser.tabs.onUpdated.addListener((_tabId, change, tab) => {
    if (change.url !== undefined || change.status === 'complete') void badges.navigated(tab);
  });
}
