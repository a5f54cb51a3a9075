/**
 * The pages' requests for the container and tab exits (Firefox), and the tab events that keep the tab
 * exits true: a tab opened from a tab with an exit gets the same exit, a closed tab's exit ends, a
 * removed container's exit goes. Each change is stored and applied before it is answered, so the
 * next request already follows it. Chrome has neither containers nor a per-request proxy decision:
 * it answers the lists as unavailable and refuses the changes, saying so.
 */
import { browser } from 'wxt/browser';
import type { ContextExitRequestName, Handlers } from '../requests.ts';
import { ServiceError } from '../error-answers.ts';
import { firefoxContainersApi } from '../../shared/platform.ts';
import { isFromProvider } from './endpoint.ts';
import { containerExitsItem, tabExitsItem, type ContainerList, type ContextExits, type TabExit, type TabOpeners } from './context-exits.ts';
import { asSavedExit, type SavedCustomEndpoint } from './custom-endpoints.ts';
import type { ChosenExit } from './routes.ts';
import type { StoredItem } from '../stored-item.ts';

export type ContextExitErrorKind = 'context-firefox-only' | 'container-not-found' | 'tab-not-found' | 'context-exit-in-use' | 'context-exit-gone';

/** A container or tab exit that cannot be set, and why. */
export class ContextExitError extends ServiceError<ContextExitErrorKind> {
  override readonly name = 'ContextExitError';
}

export interface ContextExitHandlerOptions {
  /** Writes and applies a layer, in turn with the proxy service's other operations. */
  changeLayers: <T>(write: () => Promise<T>) => Promise<T>;
  /** Firefox: the tab openers the exit plan looks up; absent in Chrome, where there are no context exits. */
  tabOpeners?: TabOpeners;
}

export function createContextExitHandlers({ changeLayers, tabOpeners }: ContextExitHandlerOptions) {
  const available = tabOpeners !== undefined;
  const containersApi = available ? firefoxContainersApi() : undefined;

  const firefoxOnly = () => {
    if (!available) throw new ContextExitError('context-firefox-only', 'contextError_firefoxOnly');
  };
  /** Stores `item` with `key` given `exit` (null: without it; a custom endpoint as saved now), and applies it. */
  const change = (item: StoredItem<ContextExits>, key: string, exit: ChosenExit | null) =>
    changeLayers(async () => {
      const saved = exit && (await asSavedExit(exit));
      if (exit && !saved) throw new ContextExitError('context-exit-gone', 'custom_notFound');
      const { [key]: _old, ...others } = await item.getValue();
      await item.setValue(saved ? { ...others, [key]: saved } : others);
    });

  async function listContainers(): Promise<ContainerList> {
    // Firefox with containers turned off (privacy.userContext.enabled) refuses the query.
    const found = containersApi && (await containersApi.query({}).catch(() => undefined));
    if (!found) return { available: false, containers: [] };
    const exits = await containerExitsItem.getValue();
    return {
      available: true,
      containers: found.map(({ cookieStoreId, name, color, colorCode, icon }) => ({ cookieStoreId, name, color, colorCode, icon, exit: exits[cookieStoreId] ?? null })),
    };
  }

  async function tabExit(tabId: number): Promise<TabExit> {
    if (!available) return { available, exit: null };
    return { available, exit: (await tabExitsItem.getValue())[tabId] ?? null };
  }

  const existingContainer = async (cookieStoreId: string) => {
    firefoxOnly();
    if (!(await containersApi?.get(cookieStoreId).catch(() => undefined))) throw new ContextExitError('container-not-found', 'contextError_containerNotFound');
  };
  const existingTab = async (tabId: number) => {
    firefoxOnly();
    if (!(await browser.tabs.get(tabId).catch(() => undefined))) throw new ContextExitError('tab-not-found', 'contextError_tabNotFound');
  };

  const handlers: Pick<Handlers, ContextExitRequestName> = {
    getContainers: listContainers,
    setContainerExit: async ({ cookieStoreId, exit }) => {
      await existingContainer(cookieStoreId);
      await change(containerExitsItem, cookieStoreId, exit);
      return listContainers();
    },
    clearContainerExit: async ({ cookieStoreId }) => {
      firefoxOnly();
      await change(containerExitsItem, cookieStoreId, null);
      return listContainers();
    },
    getTabExit: ({ tabId }) => tabExit(tabId),
    setTabExit: async ({ tabId, exit }) => {
      await existingTab(tabId);
      await change(tabExitsItem, String(tabId), exit);
      return tabExit(tabId);
    },
    clearTabExit: async ({ tabId }) => {
      firefoxOnly();
      await change(tabExitsItem, String(tabId), null);
      return tabExit(tabId);
    },
  };

  /** A new tab opened from a tab with an exit keeps that exit, stored (the exit plan already gave it, see `createTabOpeners`). */
  async function inherit(tabId: number, openerTabId: number): Promise<void> {
    const exit = (await tabExitsItem.getValue())[openerTabId];
    if (exit) await change(tabExitsItem, String(tabId), exit);
  }

  /** Drops `key`'s exit, if it has one (a closed tab, a removed container). */
  async function end(item: StoredItem<ContextExits>, key: string): Promise<void> {
    if ((await item.getValue())[key]) await change(item, key, null);
  }

  /** Registers the tab and container events; call synchronously at the background's top level. Does nothing in Chrome. */
  function listen(): void {
    if (!tabOpeners) return;
    browser.tabs.onCreated.addListener((tab) => {
      tabOpeners.created(tab);
      if (tab.id !== undefined && tab.openerTabId !== undefined) void inherit(tab.id, tab.openerTabId).catch(() => undefined);
    });
    browser.tabs.onRemoved.addListener((tabId) => {
      tabOpeners.removed(tabId);
      void end(tabExitsItem, String(tabId)).catch(() => undefined);
    });
    containersApi?.onRemoved.addListener(({ contextualIdentity }) => void end(containerExitsItem, contextualIdentity.cookieStoreId).catch(() => undefined));
  }

  /** "Forget key": the exits that came from the API with the key go with it (their logins too); custom and direct ones stay. */
  async function forgetProviderExits(): Promise<void> {
    if (!available) return;
    const kept = (exits: ContextExits) => Object.fromEntries(Object.entries(exits).filter(([, exit]) => exit.kind === 'direct' || !isFromProvider(exit)));
    await changeLayers(async () => {
      await containerExitsItem.setValue(kept(await containerExitsItem.getValue()));
      await tabExitsItem.setValue(kept(await tabExitsItem.getValue()));
    });
  }

  /**
   * A saved custom endpoint edited (`next`) or deleted (null): the container and tab exits through it
   * take the new values, applied at once; a deletion they still use is refused, naming the containers
   * and tabs, since their requests must not move to an exit nobody chose for them.
   */
  async function followCustomEndpoint(id: string, next: SavedCustomEndpoint | null): Promise<void> {
    if (!available) return;
    const isIt = (exit: ChosenExit) => exit.kind === 'custom' && exit.id === id;
    const using = (exits: ContextExits) => Object.entries(exits).filter(([, exit]) => isIt(exit)).map(([key]) => key);
    const [containers, tabs] = await Promise.all([containerExitsItem.getValue(), tabExitsItem.getValue()]);
    if (using(containers).length + using(tabs).length === 0) return;
    if (!next) {
      const names = await Promise.all([
        ...using(containers).map(async (cookieStoreId) => (await containersApi?.get(cookieStoreId).catch(() => undefined))?.name ?? cookieStoreId),
        ...using(tabs).map(async (tabId) => (await browser.tabs.get(Number(tabId)).catch(() => undefined))?.title || `#${tabId}`),
      ]);
      throw new ContextExitError('context-exit-in-use', 'contextError_customEndpointInUse', [names.join(', ')]);
    }
    const follow = (exits: ContextExits) => Object.fromEntries(Object.entries(exits).map(([key, exit]) => [key, isIt(exit) ? next : exit]));
    await changeLayers(async () => {
      await containerExitsItem.setValue(follow(await containerExitsItem.getValue()));
      await tabExitsItem.setValue(follow(await tabExitsItem.getValue()));
    });
  }

  return { handlers, listen, forgetProviderExits, followCustomEndpoint };
}
