import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { installEnglishMessages } from '../../../test/helpers/i18n.ts';
import { replaceBrowserApis } from '../../../test/helpers/browser-apis.ts';
import { toErrorAnswer } from '../error-answers.ts';
import { dispatch } from '../message-listener.ts';
import type { Handlers } from '../requests.ts';
import type { FirefoxContainer } from '../../shared/platform.ts';
import { createContextExitHandlers } from './context-exit-handlers.ts';
import { containerExitsItem, createTabOpeners, tabExitsItem } from './context-exits.ts';
import { customEndpointsItem } from './custom-endpoints.ts';

const bob = { kind: 'account' as const, account: 'bob', password: 'pw2', country: 'DE' };
const custom = { kind: 'custom' as const, id: 'c1', scheme: 'http' as const, host: '203.0.113.9', port: 8080 };
const work: FirefoxContainer = { cookieStoreId: 'firefox-container-1', name: 'Work', color: 'orange', colorCode: '#ff9f00', icon: 'briefcase' };
const shop: FirefoxContainer = { cookieStoreId: 'firefox-container-2', name: 'Shop', color: 'blue', colorCode: '#37adff', icon: 'cart' };

/** Firefox's containers API, which fakeBrowser lacks: two containers, and the event of one removed. */
function fakeContainers(found: FirefoxContainer[] | 'turned off' = [work, shop]) {
  const removed: ((change: { contextualIdentity: FirefoxContainer }) => void)[] = [];
  const api = {
    query: async () => (found === 'turned off' ? Promise.reject(new Error('Contextual identities are currently disabled')) : found),
    get: async (id: string) => (found === 'turned off' ? undefined : found.find((container) => container.cookieStoreId === id)) ?? Promise.reject(new Error(`Invalid contextual identity: ${id}`)),
    onRemoved: { addListener: (listener: (typeof removed)[number]) => void removed.push(listener) },
  };
  replaceBrowserApis({ contextualIdentities: api });
  return { remove: (container: FirefoxContainer) => removed.forEach((listener) => listener({ contextualIdentity: container })) };
}

function setUp({ firefox = true } = {}) {
  let changes = 0;
  const changeLayers = <T,>(write: () => Promise<T>): Promise<T> => {
    changes++;
    return write();
  };
  const contextExits = createContextExitHandlers({ changeLayers, ...(firefox && { tabOpeners: createTabOpeners(async () => undefined) }) });
  contextExits.listen();
  /** Sends a request through the protocol's validation, as a page would. */
  const call = (name: string, input: unknown) => dispatch(contextExits.handlers as Handlers, name, input);
  const refusal = (name: string, input: unknown) => call(name, input).then(() => expect.unreachable(), (error: unknown) => toErrorAnswer(error));
  return { ...contextExits, call, refusal, changes: () => changes };
}

beforeEach(() => {
  fakeBrowser.reset();
  installEnglishMessages();
});

describe('the container exits', () => {
  it('list every container with its exit, set and clear one, each applied before it is answered', async () => {
    fakeContainers();
    const { call, changes } = setUp();
    expect(await call('getContainers', {})).toEqual({ available: true, containers: [{ ...work, exit: null }, { ...shop, exit: null }] });
    expect(await call('setContainerExit', { cookieStoreId: work.cookieStoreId, exit: bob })).toMatchObject({ containers: [{ name: 'Work', exit: bob }, { name: 'Shop', exit: null }] });
    await call('setContainerExit', { cookieStoreId: shop.cookieStoreId, exit: { kind: 'direct' } });
    expect(await call('clearContainerExit', { cookieStoreId: work.cookieStoreId })).toMatchObject({ containers: [{ exit: null }, { exit: { kind: 'direct' } }] });
    expect(await containerExitsItem.getValue()).toEqual({ [shop.cookieStoreId]: { kind: 'direct' } });
    expect(changes()).toBe(3);
  });

  it('refuse a container that does not exist, and an id that cannot be one, storing nothing', async () => {
    fakeContainers();
    const { refusal } = setUp();
    expect(await refusal('setContainerExit', { cookieStoreId: 'firefox-container-9', exit: bob })).toMatchObject({ kind: 'container-not-found', message: expect.stringContaining('no longer exists') });
    expect(await refusal('setContainerExit', { cookieStoreId: 'not an id!', exit: bob })).toMatchObject({ kind: 'invalid-input' });
    expect(await containerExitsItem.getValue()).toEqual({});
  });

  it('drop a removed container’s exit', async () => {
    const containers = fakeContainers();
    const { call } = setUp();
    await call('setContainerExit', { cookieStoreId: work.cookieStoreId, exit: bob });
    containers.remove(work);
    await vi.waitFor(async () => expect(await containerExitsItem.getValue()).toEqual({}));
  });

  it('say so when Firefox has containers turned off', async () => {
    fakeContainers('turned off');
    expect(await setUp().call('getContainers', {})).toEqual({ available: false, containers: [] });
  });
});

describe('the tab exits', () => {
  it('set, read and clear the exit of an open tab, and refuse a closed one', async () => {
    fakeContainers();
    const { call, refusal } = setUp();
    const tab = await fakeBrowser.tabs.create({ url: 'https://shop.test/' });
    expect(await call('setTabExit', { tabId: tab.id, exit: bob })).toEqual({ available: true, exit: bob });
    expect(await call('getTabExit', { tabId: tab.id })).toEqual({ available: true, exit: bob });
    expect(await tabExitsItem.getValue()).toEqual({ [String(tab.id)]: bob });
    expect(await call('clearTabExit', { tabId: tab.id })).toEqual({ available: true, exit: null });
    expect(await refusal('setTabExit', { tabId: 999, exit: bob })).toMatchObject({ kind: 'tab-not-found', message: expect.stringContaining('tab is closed') });
    expect(await refusal('setTabExit', { tabId: -1, exit: bob })).toMatchObject({ kind: 'invalid-input' });
  });

  it('pass a tab’s exit on to the tabs it opens, and end it when the tab closes', async () => {
    fakeContainers();
    const { call } = setUp();
    const parent = await fakeBrowser.tabs.create({ url: 'https://shop.test/' });
    await call('setTabExit', { tabId: parent.id, exit: bob });
    await fakeBrowser.tabs.onCreated.trigger({ ...parent, id: 50, openerTabId: parent.id });
    await fakeBrowser.tabs.onCreated.trigger({ ...parent, id: 51 });
    await vi.waitFor(async () => expect(await tabExitsItem.getValue()).toEqual({ [String(parent.id)]: bob, '50': bob }));
    await fakeBrowser.tabs.onRemoved.trigger(parent.id!, { windowId: parent.windowId ?? 0, isWindowClosing: false });
    await vi.waitFor(async () => expect(await tabExitsItem.getValue()).toEqual({ '50': bob }));
  });

  it('forget the exits that came with the key when it is forgotten, keeping custom and direct ones', async () => {
    fakeContainers();
    const { forgetProviderExits } = setUp();
    await containerExitsItem.setValue({ [work.cookieStoreId]: bob, [shop.cookieStoreId]: custom });
    await tabExitsItem.setValue({ '3': bob, '4': { kind: 'direct' } });
    await forgetProviderExits();
    expect(await containerExitsItem.getValue()).toEqual({ [shop.cookieStoreId]: custom });
    expect(await tabExitsItem.getValue()).toEqual({ '4': { kind: 'direct' } });
  });
});

describe('in Chrome', () => {
  it('answer the lists as unavailable and refuse the changes, saying tab and container exits are Firefox-only', async () => {
    const { call, refusal, changes } = setUp({ firefox: false });
    expect(await call('getContainers', {})).toEqual({ available: false, containers: [] });
    expect(await call('getTabExit', { tabId: 3 })).toEqual({ available: false, exit: null });
    for (const [name, input] of [
      ['setContainerExit', { cookieStoreId: work.cookieStoreId, exit: bob }],
      ['clearContainerExit', { cookieStoreId: work.cookieStoreId }],
      ['setTabExit', { tabId: 3, exit: bob }],
      ['clearTabExit', { tabId: 3 }],
    ] as const) {
      expect(await refusal(name, input)).toEqual({ kind: 'context-firefox-only', message: expect.stringContaining('Firefox-only') });
    }
    expect(changes()).toBe(0);
  });
});

describe('the container and tab exits through a custom proxy', () => {
  it('follow an edit of the proxy, applied, and leave the other exits be', async () => {
    fakeContainers();
    const { followCustomEndpoint, changes } = setUp();
    await containerExitsItem.setValue({ [work.cookieStoreId]: custom, [shop.cookieStoreId]: bob });
    await tabExitsItem.setValue({ '4': custom });
    const edited = { ...custom, username: 'me', password: 'new' };
    await followCustomEndpoint('c1', edited);
    expect(await containerExitsItem.getValue()).toEqual({ [work.cookieStoreId]: edited, [shop.cookieStoreId]: bob });
    expect(await tabExitsItem.getValue()).toEqual({ '4': edited });
    expect(changes()).toBe(1);
    await followCustomEndpoint('another', null);
    expect(changes()).toBe(1);
  });

  it('store a custom proxy as it is saved, whatever a page sent, and refuse one no longer saved', async () => {
    fakeContainers();
    const { call, refusal } = setUp();
    const saved = { ...custom, username: 'me', password: 'saved' };
    await customEndpointsItem.setValue([saved]);
    await call('setContainerExit', { cookieStoreId: work.cookieStoreId, exit: { ...custom, password: 'stale' } });
    expect(await containerExitsItem.getValue()).toEqual({ [work.cookieStoreId]: saved });
    expect(await refusal('setContainerExit', { cookieStoreId: shop.cookieStoreId, exit: { ...custom, id: 'gone' } })).toMatchObject({ kind: 'context-exit-gone', message: expect.stringMatching(/no longer saved/) });
    expect(Object.keys(await containerExitsItem.getValue())).toEqual([work.cookieStoreId]);
  });

  it('refuse the deletion of a proxy a container or a tab still uses, naming them, and change nothing', async () => {
    fakeContainers();
    const { followCustomEndpoint, changes } = setUp();
    const tab = await fakeBrowser.tabs.create({ url: 'https://shop.test/', title: 'Shop front' });
    await containerExitsItem.setValue({ [work.cookieStoreId]: custom });
    await tabExitsItem.setValue({ [String(tab.id)]: custom });
    const refused = await followCustomEndpoint('c1', null).then(() => expect.unreachable(), (error: unknown) => toErrorAnswer(error));
    expect(refused).toEqual({ kind: 'context-exit-in-use', message: expect.stringContaining('(Work, ') });
    expect(await containerExitsItem.getValue()).toEqual({ [work.cookieStoreId]: custom });
    expect(changes()).toBe(0);
  });
});
