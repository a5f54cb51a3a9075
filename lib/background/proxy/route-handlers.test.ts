import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { installEnglishMessages } from '../../../test/helpers/i18n.ts';
import { toErrorAnswer } from '../error-answers.ts';
import { dispatch } from '../message-listener.ts';
import type { Handlers } from '../requests.ts';
import { settingsItem } from '../settings.ts';
import { customEndpointsItem, type SavedCustomEndpoint } from './custom-endpoints.ts';
import { createRouteHandlers } from './route-handlers.ts';
import { routesItem } from './routes.ts';

const bob = { kind: 'account' as const, account: 'bob', password: 'pw2', country: 'DE' };
const carol = { kind: 'account' as const, account: 'carol', password: 'pw3', country: 'GB' };
const staticIp = { kind: 'static' as const, host: '203.0.113.5', port: 8000, username: 's1', password: 'sp' };

function setUp(oneLoginPerOrigin = false) {
  let next = 0;
  let changes = 0;
  const changeLayers = <T>(write: () => Promise<T>): Promise<T> => {
    changes++;
    return write();
  };
  const { handlers, forgetProviderRoutes, followCustomEndpoint } = createRouteHandlers({ changeLayers, oneLoginPerOrigin, supports: (server) => !(oneLoginPerOrigin && server.scheme === 'socks5' && server.username), newId: () => `r${++next}` });
  /** Sends a request through the protocol's validation, as a page would. */
  const call = (name: string, input: unknown) => dispatch(handlers as Handlers, name, input);
  const refusal = (name: string, input: unknown) => call(name, input).then(() => expect.unreachable(), (error: unknown) => toErrorAnswer(error));
  return { handlers, call, refusal, forgetProviderRoutes, followCustomEndpoint, changes: () => changes };
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

describe('the exits beyond the gateway', () => {
  const office: SavedCustomEndpoint = { kind: 'custom', id: 'office', scheme: 'http', host: '192.0.2.1', port: 3128, username: 'me', password: 'mine', label: 'Office' };
  const extracted = { kind: 'extracted' as const, host: '198.51.100.7', port: 9000, country: 'DE' };

  it('route to an extracted IP, which needs no login, in both browsers', async () => {
    for (const chrome of [false, true]) {
      fakeBrowser.reset();
      const { call } = setUp(chrome);
      await call('addRoute', { pattern: 'amazon.de', exit: bob });
      expect(await call('addRoute', { pattern: 'shop.test', exit: extracted })).toMatchObject([{ exit: bob }, { pattern: 'shop.test', exit: extracted }]);
      // Another IP from the same extraction is its own proxy origin.
      expect(await call('addRoute', { pattern: 'other.test', exit: { ...extracted, port: 9001 } })).toHaveLength(3);
    }
  });

  it('route to a saved custom endpoint by its saved copy, and refuse one no longer saved', async () => {
    const { call, refusal } = setUp();
    await customEndpointsItem.setValue([office]);
    // A page with an old copy (another label, another password) still routes to the proxy as saved now.
    expect(await call('addRoute', { pattern: 'a.test', exit: { ...office, label: 'Old', password: 'stale' } })).toEqual([{ id: 'r1', pattern: 'a.test', exit: office, enabled: true }]);
    expect(await refusal('addRoute', { pattern: 'b.test', exit: { ...office, id: 'gone' } })).toMatchObject({ kind: 'route-exit-gone', message: expect.stringMatching(/no longer saved/) });
    expect(await refusal('updateRoute', { id: 'r1', exit: { ...office, id: 'gone' } })).toMatchObject({ kind: 'route-exit-gone' });
    expect(await routesItem.getValue()).toEqual([{ id: 'r1', pattern: 'a.test', exit: office, enabled: true }]);
  });

  it('in Chrome, refuse a SOCKS5 login for a rule, and a second login on a custom proxy’s host:port, naming it', async () => {
    const { call, refusal } = setUp(true);
    const socks: SavedCustomEndpoint = { kind: 'custom', id: 'socks', scheme: 'socks5', host: '127.0.0.1', port: 1080, username: 'u', password: 'p' };
    const sameAddress: SavedCustomEndpoint = { ...office, id: 'office-2', username: 'you', password: 'yours' };
    await customEndpointsItem.setValue([office, socks, sameAddress]);
    expect(await refusal('addRoute', { pattern: 'socks.test', exit: socks })).toMatchObject({ kind: 'route-socks-auth', message: expect.stringContaining('Chrome cannot log in to a SOCKS5 proxy') });
    await call('addRoute', { pattern: 'a.test', exit: office });
    expect(await refusal('addRoute', { pattern: 'b.test', exit: sameAddress })).toMatchObject({ kind: 'route-shared-origin', message: expect.stringContaining('another route already uses this address (192.0.2.1:3128) with another login') });
    // The same login there, or the other login turned off, is fine; in Firefox both logins are.
    expect(await call('addRoute', { pattern: 'c.test', exit: office })).toHaveLength(2);
    expect(await call('addRoute', { pattern: 'b.test', exit: sameAddress, enabled: false })).toHaveLength(3);
    const firefox = setUp(false);
    await routesItem.setValue([]);
    await firefox.call('addRoute', { pattern: 'a.test', exit: office });
    expect(await firefox.call('addRoute', { pattern: 'b.test', exit: sameAddress })).toHaveLength(2);
  });
});

describe('the rules through an edited or deleted custom endpoint', () => {
  const office: SavedCustomEndpoint = { kind: 'custom', id: 'office', scheme: 'http', host: '192.0.2.1', port: 3128, username: 'me', password: 'mine' };
  const home: SavedCustomEndpoint = { kind: 'custom', id: 'home', scheme: 'http', host: '192.0.2.9', port: 8080 };
  const moved: SavedCustomEndpoint = { ...office, host: '192.0.2.2', username: 'you', password: 'yours' };

  async function withRoutes(chrome = false) {
    const routes = setUp(chrome);
    await customEndpointsItem.setValue([office, home]);
    await routes.call('addRoute', { pattern: 'a.test', exit: office });
    await routes.call('addRoute', { pattern: 'b.test', exit: home });
    await routes.call('addRoute', { pattern: 'c.test', exit: office, enabled: false });
    return routes;
  }

  it('take an edit: every rule through it gets the new values, applied at once; the others stay', async () => {
    const { followCustomEndpoint, changes } = await withRoutes();
    const before = changes();
    await followCustomEndpoint('office', moved);
    expect(changes()).toBe(before + 1);
    expect((await routesItem.getValue()).map((route) => [route.pattern, route.exit])).toEqual([
      ['a.test', moved],
      ['b.test', home],
      ['c.test', moved],
    ]);
  });

  it('change nothing for an endpoint no rule uses', async () => {
    const { followCustomEndpoint, changes } = await withRoutes();
    const [before, stored] = [changes(), await routesItem.getValue()];
    await followCustomEndpoint('elsewhere', null);
    await followCustomEndpoint('elsewhere', moved);
    expect(changes()).toBe(before);
    expect(await routesItem.getValue()).toEqual(stored);
  });

  it('refuse a deletion while rules use it, naming them, turned off ones too', async () => {
    const { followCustomEndpoint } = await withRoutes();
    const refused = toErrorAnswer(await followCustomEndpoint('office', null).then(() => expect.unreachable('deleted'), (error: unknown) => error));
    expect(refused).toEqual({ kind: 'route-exit-in-use', message: 'Routes still send sites through this proxy (a.test, c.test): give them another exit or delete them, then delete the proxy.' });
    expect(await routesItem.getValue()).toHaveLength(3);
  });

  it('in Chrome, refuse an edit that would give a rule a second login on a proxy origin, changing nothing', async () => {
    const { followCustomEndpoint } = await withRoutes(true);
    const stored = await routesItem.getValue();
    const refused = toErrorAnswer(await followCustomEndpoint('home', { ...home, host: office.host, port: office.port, username: 'other', password: 'x' }).then(() => expect.unreachable('edited'), (error: unknown) => error));
    expect(refused).toMatchObject({ kind: 'route-shared-origin' });
    expect(await routesItem.getValue()).toEqual(stored);
  });
});
