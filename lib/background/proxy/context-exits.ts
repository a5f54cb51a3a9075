/**
 * The exit plan's context layers (Firefox; route-plan.ts gives the precedence): an exit given to a
 * container, for every request of that `cookieStoreId`, and one given to a single tab ("only this
 * tab"), which the tabs opened from it inherit. Either exit is what a route's can be: an endpoint, or
 * direct. A container's exit stays until it is cleared or the container is removed; a tab's ends
 * when the tab closes, and with the browser session, since tab ids do not outlive it (hence
 * `storage.session`).
 */
import { browser } from 'wxt/browser';
import { z } from '../zod.ts';
import type { FirefoxContainer } from '../../shared/platform.ts';
import { STORAGE_KEYS } from '../../shared/storage-keys.ts';
import { defineStoredItem } from '../stored-item.ts';
import type { Gateway } from './endpoint.ts';
import { resolveExit, type ResolvedExit } from './route-plan.ts';
import { routeExitSchema, type ChosenExit } from './routes.ts';

/** `firefox-container-1` and the like (other extensions' identities follow the same form). */
export const cookieStoreIdSchema = z.string().check(z.regex(/^[\w-]{1,64}$/));
export const tabIdSchema = z.number().check(z.int(), z.gte(0));

/** Each container's exit, by `cookieStoreId`. */
export const containerExitsItem = defineStoredItem(STORAGE_KEYS.containerExits, z.record(cookieStoreIdSchema, routeExitSchema), { fallback: {}, version: 1 });

/** Each tab's own exit, by tab id (as a string: a stored object's keys are strings). */
export const tabExitsItem = defineStoredItem(STORAGE_KEYS.tabExits, z.record(z.string().check(z.regex(/^\d{1,10}$/)), routeExitSchema), { fallback: {}, version: 1 });

export type ContextExits = Record<string, ChosenExit>;

/** A container as the options show it: its name, color and icon, and its exit (null: it follows the rules). */
export interface ContainerExit extends Pick<FirefoxContainer, 'cookieStoreId' | 'name' | 'color' | 'colorCode' | 'icon'> {
  exit: ChosenExit | null;
}

/** The pages' answer about the containers; `available` is false in Chrome (and in a Firefox with containers turned off), whose pages say why. */
export interface ContainerList {
  available: boolean;
  containers: ContainerExit[];
}

/** The pages' answer about a tab's own exit. */
export interface TabExit {
  available: boolean;
  exit: ChosenExit | null;
}

/** The stored exits with their servers resolved, by their context's key. */
export function resolveContextExits<K>(exits: ContextExits, gateway: Gateway, keyOf: (stored: string) => K): Map<K, ResolvedExit> {
  return new Map(Object.entries(exits).map(([stored, exit]) => [keyOf(stored), resolveExit(exit, gateway)]));
}

/**
 * Which tab opened which, so that a tab opened from a tab with an exit takes that exit. Firefox may
 * ask for the proxy of the new tab's first load before `tabs.onCreated` has been handled and the
 * inherited exit stored, so the decision looks up the opener itself: as `created` recorded it, or
 * else from `tabs.get`, once per tab. Only the tab's own opener counts: a tab whose exit was cleared
 * passes nothing on.
 */
export function createTabOpeners(openerOf = async (tabId: number) => (await browser.tabs.get(tabId)).openerTabId) {
  const openers = new Map<number, Promise<number | undefined>>();
  const lookUp = (tabId: number) => {
    let opener = openers.get(tabId);
    if (!opener) openers.set(tabId, (opener = openerOf(tabId).catch(() => undefined)));
    return opener;
  };
  return {
    /** `tabs.onCreated`, synchronously: the first load of the tab may be decided before anything else runs. */
    created(tab: { id?: number; openerTabId?: number }): void {
      if (tab.id !== undefined) openers.set(tab.id, Promise.resolve(tab.openerTabId));
    },
    removed(tabId: number): void {
      openers.delete(tabId);
    },
    /** The exit `tabId` takes from the tab that opened it, among `tabs` (the tabs with an exit). */
    async inherited(tabId: number, tabs: ReadonlyMap<number, ResolvedExit>): Promise<ResolvedExit | undefined> {
      const opener = await lookUp(tabId);
      return opener === undefined ? undefined : tabs.get(opener);
    },
  };
}

export type TabOpeners = ReturnType<typeof createTabOpeners>;
