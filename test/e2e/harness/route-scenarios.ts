/**
 * What both browsers' route suites check the same way, against one Squid whose access log names the
 * user of every request: the main connection as one account, a site routed to another account
 * through the same gateway, a site routed to a static IP (the same Squid under another proxy
 * origin), a site routed direct. Each browser's suite says how the gateway and the static IP are
 * addressed (Chrome needs a proxy origin per login, see route-plan.ts).
 */
import { expect } from 'vitest';
import type { ProtocolClient } from './protocol.ts';
import { startSquid, type SquidHandle } from './squid.ts';
import { startTargetServer, type TargetServer } from './target-server.ts';
import { makeTempDir, removeDir, sleep } from './util.ts';

export const ROUTE_USERS = { 'alice_area-US': 'alicepw1', 'bob_area-DE': 'bobpw2', 'carol_area-GB': 'carolpw3', static1: 'staticpw' };
export const alice = { kind: 'account', account: 'alice', password: 'alicepw1', country: 'US' };
export const bob = { kind: 'account', account: 'bob', password: 'bobpw2', country: 'DE' };
export const carol = { kind: 'account', account: 'carol', password: 'carolpw3', country: 'GB' };
/** The names the routes send somewhere (Squid resolves them), and the one routed direct (only the browser resolves it). */
export const ROUTE_HOSTS = ['amazon.test', 'shop.test'];
export const DIRECT_HOST = 'direct.test';

/** Squid with the routes' users and names, the target server and a browser profile directory; `stop` ends them all. */
export async function startRouteServers(profile: string) {
  const [squid, target, profileDir] = await Promise.all([startSquid({ users: ROUTE_USERS, hosts: ROUTE_HOSTS }), startTargetServer(), makeTempDir(profile)]);
  const stop = async () => {
    await Promise.all([squid.stop(), target.close()]);
    await removeDir(profileDir);
  };
  return { squid, target, profileDir, stop };
}

export interface RouteSuite {
  squid: SquidHandle;
  target: TargetServer;
  background: ProtocolClient;
  /** How the gateway (the main connection's and bob's) is addressed. */
  gatewayHost: string;
  /** How the static IP (the same Squid) is addressed: another proxy origin than the gateway's. */
  staticHost: string;
  visit(url: string): Promise<number | string>;
}

interface StoredRoute {
  id: string;
  pattern: string;
}

/** How long Squid gets to log a request that must not have reached it, before its log is read. */
const UNLOGGED_MS = 500;

/** Who Squid says made each successful request whose URL holds `fragment`. */
export async function usersOf(squid: SquidHandle, fragment: string): Promise<string[]> {
  return (await squid.entriesFor(fragment)).filter((entry) => entry.status < 400).map((entry) => entry.user ?? '-');
}

/** The main connection as alice, amazon.test routed to bob through the gateway, shop.test to the static IP. */
export async function setUpRoutes({ squid, target, background, gatewayHost, staticHost }: RouteSuite): Promise<StoredRoute[]> {
  await background.call('updateSettings', {
    gateway: { host: gatewayHost, port: squid.port },
    // A bypassed address: the exit check stays out of the proxy's log.
    exitCheckUrl: `http://127.0.0.1:${target.port}/ip`,
    routing: { mode: 'all', sites: [], bypass: ['localhost', '127.0.0.0/8'] },
  });
  await background.call('connect', { endpoint: alice });
  await background.call('addRoute', { pattern: 'amazon.test', exit: bob });
  return background.call<StoredRoute[]>('addRoute', { pattern: 'shop.test', exit: { kind: 'static', host: staticHost, port: squid.port, username: 'static1', password: 'staticpw' } });
}

/** Three sites on three identities, loaded side by side (three tabs at a time, 30 loads): each request is its own identity's. */
export async function keepsEachSiteOnItsExit({ squid, target, visit }: RouteSuite): Promise<void> {
  const sites = [
    { host: 'amazon.test', path: '/route-amazon', user: 'bob_area-DE' },
    { host: 'shop.test', path: '/route-shop', user: 'static1' },
    { host: 'other.test', path: '/route-main', user: 'alice_area-US' },
  ];
  for (let round = 0; round < 10; round++) {
    const results = await Promise.all(sites.map((site) => visit(target.url(`${site.path}-${round}`, site.host))));
    expect(results).toEqual([200, 200, 200]);
  }
  let crossings = 0;
  for (const site of sites) {
    for (let round = 0; round < 10; round++) {
      const users = await usersOf(squid, `${site.path}-${round}`);
      expect(users.length, `${site.path}-${round}`).toBeGreaterThan(0);
      crossings += users.filter((user) => user !== site.user).length;
    }
  }
  expect(crossings).toBe(0);
}

/** The amazon.test rule switched to carol: its next request is carol's, the other sites keep theirs. */
export async function switchesARulesExit({ squid, target, background, visit }: RouteSuite, routes: StoredRoute[]): Promise<void> {
  const amazon = routes.find((route) => route.pattern === 'amazon.test')!;
  await background.call('updateRoute', { id: amazon.id, exit: carol });
  expect(await visit(target.url('/route-switched', 'amazon.test'))).toBe(200);
  expect(await usersOf(squid, '/route-switched')).toEqual(['carol_area-GB']);
  expect(await visit(target.url('/route-main-after-switch', 'other.test'))).toBe(200);
  expect(await usersOf(squid, '/route-main-after-switch')).toEqual(['alice_area-US']);
}

/** The amazon.test rule removed: its next request follows the main connection. */
export async function followsTheMainConnectionOnceTheRuleIsGone({ squid, target, background, visit }: RouteSuite, routes: StoredRoute[]): Promise<void> {
  const amazon = routes.find((route) => route.pattern === 'amazon.test')!;
  await background.call('deleteRoute', { id: amazon.id });
  expect(await visit(target.url('/route-removed', 'amazon.test'))).toBe(200);
  expect(await usersOf(squid, '/route-removed')).toEqual(['alice_area-US']);
}

/** A site routed "direct" reaches the target by a name only the browser resolves, and never Squid. */
export async function sendsADirectRuleDirect({ squid, target, background, visit }: RouteSuite): Promise<void> {
  await background.call('addRoute', { pattern: DIRECT_HOST, exit: { kind: 'direct' } });
  expect(await visit(target.url('/route-direct', DIRECT_HOST))).toBe(200);
  expect(target.requests().filter((request) => request.path === '/route-direct')).toHaveLength(1);
  await sleep(UNLOGGED_MS);
  expect(await squid.entriesFor('/route-direct')).toEqual([]);
}
