/**
 * What both browsers' "where am I" suites set up alike: the sandbox API (the popup needs a key to
 * show its header), one Squid with the routes' users, the target server, and then alice as the main
 * connection with amazon.test routed to bob on the same gateway.
 */
import { startSandbox, type Sandbox } from '../../sandbox/server.ts';
import type { ProtocolClient } from './protocol.ts';
import { alice, bob, ROUTE_USERS } from './route-scenarios.ts';
import { startSquid, type SquidHandle } from './squid.ts';
import { startTargetServer, type TargetServer } from './target-server.ts';

export interface WhereServers {
  sandbox: Sandbox;
  squid: SquidHandle;
  target: TargetServer;
}

/** The sandbox, Squid (resolving `hosts` and exit.test, the check's host) and the target server. */
export async function startWhereServers(hosts: string[]): Promise<WhereServers> {
  const [sandbox, squid, target] = await Promise.all([startSandbox({ accounts: 2 }), startSquid({ users: ROUTE_USERS, hosts: [...hosts, 'exit.test'] }), startTargetServer()]);
  return { sandbox, squid, target };
}

/** The key, the gateway as `gatewayHost`, the check on exit.test (through the proxy), amazon.test routed to bob; then `routes` more, and alice connected. */
export async function connectWithARoute(background: ProtocolClient, { sandbox, squid, target }: WhereServers, gatewayHost: string, bypass: string[], routes: object[] = []): Promise<void> {
  await background.call('updateSettings', {
    apiBaseUrl: sandbox.url,
    gateway: { host: gatewayHost, port: squid.port },
    exitCheckUrl: target.url('/ip', 'exit.test'),
    routing: { mode: 'all', sites: [], bypass },
  });
  await background.call('setKey', { key: sandbox.demoKey, remember: true });
  for (const route of [{ pattern: 'amazon.test', exit: bob }, ...routes]) await background.call('addRoute', route);
  await background.call('connect', { endpoint: alice });
}

export async function stopWhereServers(servers: Partial<WhereServers>): Promise<void> {
  await Promise.all([servers.sandbox?.close(), servers.squid?.stop(), servers.target?.close()]);
}
