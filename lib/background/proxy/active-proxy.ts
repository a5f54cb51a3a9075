/**
 * What the browser should be doing now, derived from what is stored (the connection, the routes, in
 * Firefox the container and tab exits, and the settings), so every listener answers alike after a
 * worker restart. Loaded once and kept until the stored items change.
 */
import { connectionItem } from './connection.ts';
import { settingsItem } from '../settings.ts';
import { resolveEndpoint, type Endpoint, type ProxyServer } from './endpoint.ts';
import { containerExitsItem, resolveContextExits, tabExitsItem, type TabOpeners } from './context-exits.ts';
import { exitForRequest, resolveRoutes, separateOrigins, type ExitPlan, type ExitProbeLookup, type RequestContext, type RequestExit, type ResolvedExit, type ResolvedRoute } from './route-plan.ts';
import { routesItem } from './routes.ts';
import type { Routing } from './routing.ts';

export interface ActiveProxy {
  /** The main connection's endpoint and server; both null while disconnected (the routes may still apply). */
  endpoint: Endpoint | null;
  server: ProxyServer | null;
  routing: Routing;
  /** The enabled site rules, in order. */
  routes: ResolvedRoute[];
  /** Firefox: the tabs and containers given an exit of their own; empty in Chrome. */
  tabs: ReadonlyMap<number, ResolvedExit>;
  containers: ReadonlyMap<string, ResolvedExit>;
  /** While the proxy cannot be reached, let requests go direct (the "block traffic" setting is off). */
  fallBackDirect: boolean;
  /** Firefox: the browser's own requests go through an HTTP(S) proxy too (the setting of that name). */
  proxyBrowserRequests: boolean;
  /** Firefox: the exit checks' requests, each through the exit it checks. */
  probes?: ExitProbeLookup;
}

export interface ActiveProxyStoreOptions {
  /** Chrome: one cached login per proxy origin, so each login needs its own (`separateOrigins`). */
  oneLoginPerOrigin?: boolean;
  /** Firefox: the tab and container layers apply, and a new tab takes the exit of the tab that opened it. */
  tabOpeners?: TabOpeners;
  /** Firefox: recognises the exit checks' requests (exit-probes.ts); Chrome's PAC script cannot. */
  probes?: ExitProbeLookup;
}

const noExits = async () => ({});

export function createActiveProxyStore({ oneLoginPerOrigin = false, tabOpeners, probes }: ActiveProxyStoreOptions = {}) {
  let current: Promise<ActiveProxy | null> | undefined;
  const changeListeners = new Set<() => void>();

  async function load(): Promise<ActiveProxy | null> {
    const [connection, routes, settings, tabExits, containerExits] = await Promise.all([
      connectionItem.getValue(),
      routesItem.getValue(),
      settingsItem.getValue(),
      tabOpeners ? tabExitsItem.getValue() : noExits(),
      tabOpeners ? containerExitsItem.getValue() : noExits(),
    ]);
    const server = connection.active && resolveEndpoint(connection.active, settings.gateway);
    const resolved = resolveRoutes(routes, settings.gateway);
    const tabs = resolveContextExits(tabExits, settings.gateway, Number);
    const containers = resolveContextExits(containerExits, settings.gateway, String);
    if (!server && resolved.length === 0 && tabs.size === 0 && containers.size === 0) return null;
    return {
      endpoint: connection.active,
      server,
      routing: settings.routing,
      routes: oneLoginPerOrigin ? separateOrigins(server, resolved, settings.gateway) : resolved,
      tabs,
      containers,
      fallBackDirect: !settings.blockWhenDown,
      proxyBrowserRequests: settings.proxyBrowserRequests,
      ...(probes && { probes }),
    };
  }

  const invalidate = () => {
    current = undefined;
    for (const listener of changeListeners) listener();
  };
  connectionItem.watch(invalidate);
  routesItem.watch(invalidate);
  settingsItem.watch(invalidate);
  if (tabOpeners) {
    tabExitsItem.watch(invalidate);
    containerExitsItem.watch(invalidate);
  }

  const get = (): Promise<ActiveProxy | null> => (current ??= load());
  /** What applies to `request`: a tab without an exit of its own that was opened from one with an exit has that exit too. */
  const planFor = async ({ tabId }: Pick<RequestContext, 'tabId'>): Promise<ActiveProxy | null> => {
    const plan = await get();
    if (!plan || !tabOpeners || tabId === undefined || tabId < 0 || plan.tabs.size === 0 || plan.tabs.has(tabId)) return plan;
    const inherited = await tabOpeners.inherited(tabId, plan.tabs);
    return inherited ? { ...plan, tabs: new Map(plan.tabs).set(tabId, inherited) } : plan;
  };
  const exitFor = async (request: RequestContext): Promise<RequestExit> => {
    const plan: ExitPlan | null = await planFor(request);
    return plan ? exitForRequest(request, plan) : { kind: 'direct', why: { layer: 'none' } };
  };
  return {
    /** What applies now, or null when everything goes direct; one storage read until something changes. */
    get,
    planFor,
    /** The exit a request takes now, and which layer chose it. */
    exitFor,
    /** The proxy a request goes through, or null (direct, or blocked): for the auth listeners. */
    serverFor: async (request: RequestContext): Promise<ProxyServer | null> => {
      const exit = await exitFor(request);
      return exit.kind === 'proxy' ? exit.server : null;
    },
    /** Forget the loaded value now (the writer calls this so the next request sees its change at once). */
    invalidate,
    /** Calls `listener` whenever what applies may have changed (each invalidation); returns the function that stops it. */
    onChange(listener: () => void): () => void {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
  };
}

export type ActiveProxyStore = ReturnType<typeof createActiveProxyStore>;
