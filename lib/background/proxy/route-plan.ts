/**
 * Which exit one request takes. The layers, in order of precedence: the bypass list, then the layers
 * that name their request's context (a tab, a container: Firefox, to come, in front of the site
 * rules), then the site rules (routes.ts), then the main connection (direct when disconnected). Both
 * engines decide from here: Firefox per request, Chrome through a PAC script built from the same plan.
 */
import { resolveEndpoint, sameLogin, type Gateway, type ProxyServer } from './endpoint.ts';
import type { Route } from './routes.ts';
import { firstMatchingPattern, hostMatches, indexPatterns, modeSelects, type PatternIndex, type Routing } from './routing.ts';

/** A site rule as the engines apply it: its pattern and the server its exit resolved to. */
export interface ResolvedRoute {
  id: string;
  pattern: string;
  /** null: the rule sends its sites direct. */
  server: ProxyServer | null;
  /**
   * Chrome could not give this rule's login a proxy origin of its own (see `separateOrigins`): its
   * sites are blocked rather than sent under an identity the user did not choose for them.
   */
  blocked?: true;
}

/** What the layers need to decide: the main connection's server (null when disconnected), its routing, the rules. */
export interface ExitPlan {
  server: ProxyServer | null;
  routing: Routing;
  routes?: readonly ResolvedRoute[];
  /** The main connection may fall back to direct while its proxy is down; a rule's exit never does. */
  fallBackDirect?: boolean;
}

export type RequestExit =
  | { kind: 'direct' }
  | { kind: 'proxy'; server: ProxyServer; fallBackDirect: boolean; routeId?: string }
  | { kind: 'blocked'; routeId: string };

const DIRECT: RequestExit = { kind: 'direct' };

/** A PAC result for what must not go out at all: the discard port on this machine, closed, so it fails at once. */
export const CLOSED_PORT_PROXY = 'PROXY 127.0.0.1:9';

/** Each list's pattern index, made once per list (a plan is loaded once and kept until storage changes). */
const indexes = new WeakMap<readonly unknown[], PatternIndex>();

function indexOf<T>(list: readonly T[], pattern: (item: T) => string): PatternIndex {
  let index = indexes.get(list);
  if (!index) indexes.set(list, (index = indexPatterns(list.map(pattern))));
  return index;
}

/** The exit for a request to `host`. */
export function exitForHost(host: string, plan: ExitPlan): RequestExit {
  if (firstMatchingPattern(host, indexOf(plan.routing.bypass, String), hostMatches) >= 0) return DIRECT;
  const routes = plan.routes ?? [];
  const route = routes[firstMatchingPattern(host, indexOf(routes, (candidate) => candidate.pattern), hostMatches)];
  if (route) {
    if (route.blocked) return { kind: 'blocked', routeId: route.id };
    return route.server ? { kind: 'proxy', server: route.server, fallBackDirect: false, routeId: route.id } : DIRECT;
  }
  if (!plan.server || !modeSelects(host, plan.routing)) return DIRECT;
  return { kind: 'proxy', server: plan.server, fallBackDirect: plan.fallBackDirect ?? false };
}

/** The exit for a request to `url`; direct for what is not a URL with a host. */
export function exitForUrl(url: string, plan: ExitPlan): RequestExit {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return DIRECT;
  }
  return host ? exitForHost(host, plan) : DIRECT;
}

/** The enabled rules with their exits resolved, in order. */
export function resolveRoutes(routes: readonly Route[], gateway: Gateway): ResolvedRoute[] {
  return routes.filter((route) => route.enabled).map(({ id, pattern, exit }) => ({ id, pattern, server: exit.kind === 'direct' ? null : resolveEndpoint(exit, gateway) }));
}

/**
 * Chrome keeps one cached proxy login per proxy origin (scheme, host, port) and sends it with every
 * request to that origin, whatever the PAC script chose the origin for. So each login needs an origin
 * of its own. The gateway offers a second one for free when it has a name: the same name with a
 * trailing dot, which Chrome caches apart and DNS resolves alike. The main connection keeps the
 * gateway's own name; the rules' gateway exits take the dotted one. Then, per origin, the first
 * login to claim it (the main connection's, then the rules' in order) keeps it, and a rule with
 * another login there is blocked.
 */
export function separateOrigins(main: ProxyServer | null, routes: readonly ResolvedRoute[], gateway: Gateway): ResolvedRoute[] {
  const claims = new Map<string, string>();
  const claim = (server: ProxyServer): boolean => {
    const origin = originOf(server);
    const login = `${server.username ?? ''}\u0000${server.password ?? ''}`;
    const holder = claims.get(origin);
    if (holder === undefined) claims.set(origin, login);
    return holder === undefined || holder === login;
  };
  if (main) claim(main);
  return routes.map((route) => {
    if (!route.server) return route;
    const server = onGateway(route.server, gateway) && isName(gateway.host) ? { ...route.server, host: `${gateway.host}.` } : route.server;
    return claim(server) ? { ...route, server } : { ...route, server, blocked: true };
  });
}

/** `scheme://host:port`, as Chrome keys its proxy logins (host names compare without case). */
export function originOf({ scheme, host, port }: ProxyServer): string {
  return `${scheme}://${host.toLowerCase()}:${port}`;
}

function onGateway(server: ProxyServer, gateway: Gateway): boolean {
  return server.host.toLowerCase() === gateway.host.toLowerCase() && server.port === gateway.port;
}

/** A host name that can take a trailing dot: not an IP address, not one already dotted. */
function isName(host: string): boolean {
  return !/^[\d.]+$/.test(host) && !host.includes(':') && !host.endsWith('.');
}

/**
 * The logins `after` gives a proxy origin that `before` gave none or another one: Chrome may hold a
 * stale login there (an earlier identity's, kept even while the origin was unused), so the engine
 * drops it (`forgetLogins`) before the new one is used. A blocked rule holds no origin.
 */
export function loginsNewToTheirOrigin(before: ExitPlan | null, after: ExitPlan | null): ProxyServer[] {
  const held = loginsByOrigin(before);
  return [...loginsByOrigin(after)].filter(([origin, server]) => {
    const previous = held.get(origin);
    return !previous || !sameLogin(previous, server);
  }).map(([, server]) => server);
}

function loginsByOrigin(plan: ExitPlan | null): Map<string, ProxyServer> {
  const servers = [plan?.server, ...(plan?.routes ?? []).filter((route) => !route.blocked).map((route) => route.server)];
  return new Map(servers.filter((server): server is ProxyServer => !!server?.username).map((server) => [originOf(server), server]));
}
