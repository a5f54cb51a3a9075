import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { containerExitsItem, createTabOpeners, resolveContextExits, tabExitsItem } from './context-exits.ts';

const gateway = { host: 'gw.test', port: 2600 };
const bob = { kind: 'account' as const, account: 'bob', password: 'pw2', country: 'DE' };

beforeEach(() => fakeBrowser.reset());

describe('the stored container and tab exits', () => {
  it('start empty at version 1, containers on the device and tabs for the browser session only', async () => {
    await Promise.all([containerExitsItem.migrate(), tabExitsItem.migrate()]);
    expect(await containerExitsItem.getValue()).toEqual({});
    expect(await tabExitsItem.getValue()).toEqual({});
    await containerExitsItem.setValue({ 'firefox-container-1': bob });
    await tabExitsItem.setValue({ '7': { kind: 'direct' } });
    expect(await fakeBrowser.storage.local.get(['containerExits', 'containerExits$'])).toEqual({ containerExits: { 'firefox-container-1': bob }, containerExits$: { v: 1 } });
    expect(await fakeBrowser.storage.session.get(['tabExits', 'tabExits$'])).toEqual({ tabExits: { '7': { kind: 'direct' } }, tabExits$: { v: 1 } });
  });

  it('reset an unreadable item to no exits rather than apply part of it', async () => {
    await fakeBrowser.storage.local.set({ containerExits: { 'firefox-container-1': { kind: 'account' } } });
    await fakeBrowser.storage.session.set({ tabExits: { 'not a tab': { kind: 'direct' } } });
    expect(await containerExitsItem.getValue()).toEqual({});
    expect(await tabExitsItem.getValue()).toEqual({});
  });

  it('resolve each exit to its server (with the endpoint the pages name it by), direct to none', () => {
    const tabs = resolveContextExits({ '3': bob, '4': { kind: 'direct' } }, gateway, Number);
    expect([...tabs.keys()]).toEqual([3, 4]);
    expect(tabs.get(3)).toEqual({ server: { scheme: 'http', host: 'gw.test', port: 2600, username: 'bob_area-DE', password: 'pw2' }, endpoint: bob });
    expect(tabs.get(4)).toEqual({ server: null });
  });
});

describe('the tab openers', () => {
  const exits = new Map([[1, { server: null }]]);

  it('give a tab the exit of the tab that opened it, as recorded when it was created', async () => {
    const openerOf = vi.fn(async () => undefined);
    const openers = createTabOpeners(openerOf);
    openers.created({ id: 2, openerTabId: 1 });
    openers.created({ id: 3 });
    expect(await openers.inherited(2, exits)).toEqual({ server: null });
    expect(await openers.inherited(3, exits)).toBeUndefined();
    expect(openerOf).not.toHaveBeenCalled();
  });

  it('ask the browser, once per tab, about a tab whose creation they did not see (its first load came first)', async () => {
    const openerOf = vi.fn(async (tabId: number) => (tabId === 5 ? 1 : undefined));
    const openers = createTabOpeners(openerOf);
    expect(await openers.inherited(5, exits)).toEqual({ server: null });
    expect(await openers.inherited(5, exits)).toEqual({ server: null });
    expect(await openers.inherited(6, exits)).toBeUndefined();
    expect(openerOf.mock.calls).toEqual([[5], [6]]);
    // A closed tab's id is asked about afresh.
    openers.removed(5);
    await openers.inherited(5, exits);
    expect(openerOf).toHaveBeenCalledTimes(3);
  });

  it('pass on only the opener’s own exit, not one further up, and take a tab the browser no longer knows as opened by nobody', async () => {
    const openers = createTabOpeners(async () => Promise.reject(new Error('Invalid tab ID')));
    openers.created({ id: 8, openerTabId: 7 });
    openers.created({ id: 7, openerTabId: 1 });
    expect(await openers.inherited(8, exits)).toBeUndefined();
    expect(await openers.inherited(9, exits)).toBeUndefined();
  });
});
