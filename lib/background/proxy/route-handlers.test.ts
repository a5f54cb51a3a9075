import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { installEnglishMessages } from '../../../test/helpers/i18n.ts';
import { toErrorAnswer } from '../error-answers.ts';
import { dispatch } from '../message-listener.ts';
import type { Handlers } from '../requests.ts';
import { settingsItem } from '../settings.ts';
import { createRouteHandlers } from './route-handlers.ts';
import { routesItem } from './routes.ts';

const bob = { kind: 'account' as const, account: 'bob', password: 'pw2', country: 'DE' };
const carol = { kind: 'account' as const, account: 'carol', password: 'pw3', country: 'GB' };
const staticIp = { kind: 'static' as const, host: '203.0.113.5', port: 8000, username: 's1', password: 'sp' };

function setUp(oneLoginPerOrigin = false) {
  let next = 0;
  let changes = 0;
  const changeRoutes = <T>(write: () => Promise<T>): Promise<T> => {
    changes++;
    return write();
  };
  const { handlers, forgetProviderRoutes } = createRouteHandlers({ changeRoutes, oneLoginPerOrigin, supports: (server) => !(oneLoginPerOrigin && server.scheme === 'socks5' && server.username), newId: () => `r${++next}` });
  /** Sends a request through the protocol's validation, as a page would. */
  const call = (name: string, input: unknown) => dispatch(handlers as Handlers, name, input);
  const refusal = (name: string, input: unknown) => call(name, input).then(() => expect.unreachable(), (error: unknown) => toErrorAnswer(error));
  return { handlers, call, refusal, forgetProviderRoutes, changes: () => changes };
}

beforeEach(async () => {
  fakeBrowser.reset();
  installEnglishMessages();
  await settingsItem.setValue({ ...(await settingsItem.getValue()), gateway: { host: 'gw.test', port: 2600 } });
});

describe('the stored routes', () => {
  it('start empty at version 1: nothing of the routing settings becomes a route', async () => {
    await settingsItem.setValue({ ...(await settingsItem.getValue()), routing: { mode: 'only', sites: ['shop.test'], bypass: ['localhost'] } });
    await routesItem.migrate();
    expect(await routesItem.getValue()).toEqual([]);
    await routesItem.setValue([{ id: 'a', pattern: 'a.test', exit: { kind: 'direct' }, enabled: true }]);
    expect(await fakeBrowser.storage.local.get('routes$')).toEqual({ routes$: { v: 1 } });
  });

  it('reset an unreadable stored list to none, rather than apply half of it', async () => {
    await fakeBrowser.storage.local.set({ routes: [{ id: 'a', pattern: 'not a pattern!', exit: { kind: 'direct' }, enabled: true }] });
    expect(await routesItem.getValue()).toEqual([]);
  });
});

describe('the route requests', () => {
  it('add, update, reorder and delete, each stored and applied before it is answered', async () => {
    const { call, changes } = setUp();
    await call('addRoute', { pattern: 'Amazon.DE', exit: bob });
    const added = await call('addRoute', { pattern: '*.example.com', exit: { kind: 'direct' } });
    expect(added).toEqual([
      { id: 'r1', pattern: 'amazon.de', exit: bob, enabled: true },
      { id: 'r2', pattern: '*.example.com', exit: { kind: 'direct' }, enabled: true },
    ]);
    expect(await call('updateRoute', { id: 'r1', exit: staticIp, enabled: false })).toMatchObject([{ id: 'r1', pattern: 'amazon.de', exit: staticIp, enabled: false }, { id: 'r2' }]);
    expect((await call('reorderRoutes', { ids: ['r2', 'r1'] })) as unknown[]).toMatchObject([{ id: 'r2' }, { id: 'r1' }]);
    expect(await call('deleteRoute', { id: 'r2' })).toMatchObject([{ id: 'r1' }]);
    expect(await routesItem.getValue()).toMatchObject([{ id: 'r1', exit: staticIp }]);
    expect(await call('getRoutes', {})).toEqual(await routesItem.getValue());
    expect(changes()).toBe(5);
  });

  it('refuses what would not work, saying what to do, and stores nothing then', async () => {
    const { call, refusal } = setUp();
    await call('addRoute', { pattern: 'amazon.de', exit: bob });
    expect(await refusal('addRoute', { pattern: 'amazon.de', exit: carol })).toMatchObject({ kind: 'route-duplicate', message: expect.stringContaining('(amazon.de): edit that one instead') });
    expect(await refusal('addRoute', { pattern: 'localhost', exit: carol })).toMatchObject({ kind: 'route-bypassed', message: expect.stringContaining('bypass list') });
    expect(await refusal('addRoute', { pattern: 'not a site!', exit: carol })).toMatchObject({ message: expect.stringContaining('a host name, *.domain, an IP address or a CIDR range') });
    expect(await refusal('updateRoute', { id: 'gone', enabled: false })).toMatchObject({ kind: 'route-not-found' });
    expect(await refusal('reorderRoutes', { ids: ['r1', 'r1'] })).toMatchObject({ kind: 'route-list-changed' });
    expect(await refusal('reorderRoutes', { ids: [] })).toMatchObject({ kind: 'route-list-changed' });
    expect(await routesItem.getValue()).toEqual([{ id: 'r1', pattern: 'amazon.de', exit: bob, enabled: true }]);
  });

  it('forget the rules whose exit came with the key when the key is forgotten, keeping custom and direct ones', async () => {
    const { call, forgetProviderRoutes } = setUp();
    const custom = { kind: 'custom' as const, scheme: 'http' as const, host: '192.0.2.1', port: 3128, username: 'me', password: 'mine' };
    await call('addRoute', { pattern: 'a.test', exit: bob });
    await call('addRoute', { pattern: 'b.test', exit: staticIp });
    await call('addRoute', { pattern: 'c.test', exit: custom });
    await call('addRoute', { pattern: 'd.test', exit: { kind: 'direct' } });
    await forgetProviderRoutes();
    expect((await routesItem.getValue()).map((route) => route.pattern)).toEqual(['c.test', 'd.test']);
    expect(JSON.stringify(await fakeBrowser.storage.local.get())).not.toMatch(/pw2|"sp"/);
  });

  it('in Firefox, lets two accounts of one gateway each have their sites', async () => {
    const { call } = setUp(false);
    await call('addRoute', { pattern: 'amazon.de', exit: bob });
    expect(await call('addRoute', { pattern: 'amazon.co.uk', exit: carol })).toHaveLength(2);
  });

  it('in Chrome, refuses a second gateway account among the rules, with the reason, but not a static IP', async () => {
    const { call, refusal } = setUp(true);
    await call('addRoute', { pattern: 'amazon.de', exit: bob });
    const refused = await refusal('addRoute', { pattern: 'amazon.co.uk', exit: carol });
    expect(refused).toMatchObject({ kind: 'route-shared-gateway', message: expect.stringContaining('In Chrome, sites sent through the gateway share one account at a time; extracted and static IPs can each have their own') });
    // The same account elsewhere, a static IP, and a second account turned off are all fine.
    await call('addRoute', { pattern: 'amazon.fr', exit: { ...bob } });
    await call('addRoute', { pattern: 'amazon.co.uk', exit: staticIp });
    const routes = (await call('addRoute', { pattern: 'amazon.it', exit: carol, enabled: false })) as { id: string; pattern: string }[];
    const idOf = (pattern: string) => routes.find((route) => route.pattern === pattern)!.id;
    expect(await refusal('updateRoute', { id: idOf('amazon.it'), enabled: true })).toMatchObject({ kind: 'route-shared-gateway' });
    // With bob's rules turned off, the gateway's second origin is carol's to take.
    await call('updateRoute', { id: idOf('amazon.de'), enabled: false });
    await call('updateRoute', { id: idOf('amazon.fr'), enabled: false });
    expect(await call('updateRoute', { id: idOf('amazon.it'), enabled: true })).toHaveLength(4);
    expect(await refusal('addRoute', { pattern: 'socks.test', exit: { kind: 'custom', scheme: 'socks5', host: '127.0.0.1', port: 1080, username: 'u', password: 'p' } })).toMatchObject({ kind: 'route-socks-auth' });
  });
});
