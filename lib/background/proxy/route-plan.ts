/**
 * Which exit one request takes, and why. The layers, in order of precedence: the bypass list, then the
 * layers that name the request's context (Firefox only: the tab it comes from, then its container),
 * then the site rules (routes.ts), then the main connection (direct when disconnected). Both engines
 * decide from here: Firefox per request, Chrome through a PAC script built from the same plan (a PAC
 * script sees no tab and no container, so Chrome has the URL layers only).
 */
import { resolveEndpoint, sameLogin, type Endpoint, type Gateway, type ProxyServer } from './endpoint.ts';
import type { ChosenExit, Route } from './routes.ts';
import { firstMatchingPattern, hostMatches, indexPatterns, modeSelects, type PatternIndex, type Routing } from './routing.ts';

/** An exit as the engines apply it: the server it resolved to (null for direct), and the endpoint chosen, which the pages name it by (else by its server's host:port). */
export interface ResolvedExit {
  server: ProxyServer | null;
  endpoint?: Endpoint;
}

/** A site rule as the engines apply it: its pattern and its resolved exit. */
export interface ResolvedRoute extends ResolvedExit {
  id: string;
  pattern: string;
  /**
   * Chrome could not give this rule's login a proxy origin of its own (see `separateOrigins`): its
   * sites are blocked rather than sent under an identity the user did not choose for them.
   */
  blocked?: true;
}

/** The exit checks' own requests, each marked with the exit it checks (exit-probes.ts; Firefox). */
export interface ExitProbeLookup {
  /** The exit a request marked as an exit check must take; undefined for every other request. */
  serverFor(request: RequestContext): ProxyServer | undefined;
}

/** What the layers need to decide: the main connection's server (null when disconnected), its routing, the rules. */
export interface ExitPlan {
  server: ProxyServer | null;
  routing: Routing;
  routes?: readonly ResolvedRoute[];
  /** Firefox: the tabs given an exit of their own ("only this tab"), by tab id. */
  tabs?: ReadonlyMap<number, ResolvedExit>;
  /** Firefox: the containers given an exit, by `cookieStoreId`. */
  containers?: ReadonlyMap<string, ResolvedExit>;
  /** The main connection may fall back to direct while its proxy is down; a rule's exit never does. */
  fallBackDirect?: boolean;
  /** Firefox: decides before every layer, for the exit checks' requests only. */
  probes?: ExitProbeLookup;
}

/** What a request carries that the layers look at: its URL and, in Firefox, its tab and container. */
export interface RequestContext {
  url: string;
  /** -1 (or none) for a request no tab made. */
  tabId?: number;
  cookieStoreId?: string;
}

/** The layer that decided a request's exit: what "where am I" tells the user. */
export type ExitReason =
  | { layer: 'bypass' }
  | { layer: 'tab' }
  | { layer: 'container'; cookieStoreId: string }
  | { layer: 'route'; routeId: string; pattern: string }
  /** The main connection, or its only/all-but routing sending the request direct. */
  | { layer: 'main' }
  /** An exit check's own request, sent through the exit it checks. */
  | { layer: 'check' }
  /** Nothing applies: disconnected and no layer matched, or not a URL with a host. */
  | { layer: 'none' };

export type RequestExit = (
  | { kind: 'direct' }
  | { kind: 'proxy'; server: ProxyServer; fallBackDirect: boolean }
  | { kind: 'blocked' }
) & { why: ExitReason };

/** A PAC result for what must not go out at all: the discard port on this machine, closed, so it fails at once. */
export const CLOSED_PORT_PROXY = 'PROXY 127.0.0.1:9';

/** Each list's pattern index, made once per list (a plan is loaded once and kept until storage changes). */
const indexes = new WeakMap<readonly unknown[], PatternIndex>();

function indexOf<T>(list: readonly T[], pattern: (item: T) => string): PatternIndex {
  let index = indexes.get(list);
  if (!index) indexes.set(list, (index = indexPatterns(list.map(pattern))));
  return index;
}

/** The exit for a request to `host` (from `context`'s tab and container, if any). */
export function exitForHost(host: string, plan: ExitPlan, context: Omit<RequestContext, 'url'> = {}): RequestExit {
  if (firstMatchingPattern(host, indexOf(plan.routing.bypass, String), hostMatches) >= 0) return { kind: 'direct', why: { layer: 'bypass' } };
  const tab = context.tabId !== undefined && context.tabId >= 0 ? plan.tabs?.get(context.tabId) : undefined;
  if (tab) return contextExit(tab, { layer: 'tab' });
  const container = context.cookieStoreId === undefined ? undefined : plan.containers?.get(context.cookieStoreId);
  if (container) return contextExit(container, { layer: 'container', cookieStoreId: context.cookieStoreId! });
  const routes = plan.routes ?? [];
  const route = routes[firstMatchingPattern(host, indexOf(routes, (candidate) => candidate.pattern), hostMatches)];
  if (route) {
    const why: ExitReason = { layer: 'route', routeId: route.id, pattern: route.pattern };
    if (route.blocked) return { kind: 'blocked', why };
    return contextExit(route, why);
  }
  if (!plan.server) return { kind: 'direct', why: { layer: 'none' } };
  if (!modeSelects(host, plan.routing)) return { kind: 'direct', why: { layer: 'main' } };
  return { kind: 'proxy', server: plan.server, fallBackDirect: plan.fallBackDirect ?? false, why: { layer: 'main' } };
}

/** A tab's, a container's or a rule's exit: never falls back to direct, since the user chose it for these requests. */
function contextExit({ server }: ResolvedExit, why: ExitReason): RequestExit {
  return server ? { kind: 'proxy', server, fallBackDirect: false, why } : { kind: 'direct', why };
}

/** The exit for one request; direct for what is not a URL with a host. */
export function exitForRequest(request: RequestContext, plan: ExitPlan): RequestExit {
  // Never direct when down: a check through the user's own connection would report the user's IP.
  const probed = plan.probes?.serverFor(request);
  if (probed) return { kind: 'proxy', server: probed, fallBackDirect: false, why: { layer: 'check' } };
  const { url, ...context } = request;
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return { kind: 'direct', why: { layer: 'none' } };
  }
  return host ? exitForHost(host, plan, context) : { kind: 'direct', why: { layer: 'none' } };
}

/** The enabled rules with their exits resolved, in order. */
export function resolveRoutes(routes: readonly Route[], gateway: Gateway): ResolvedRoute[] {
  return routes.filter((route) => route.enabled).map(({ id, pattern, exit }) => ({ id, pattern, ...resolveExit(exit, gateway) }));
}

/** A chosen exit (a route's, a tab's, a container's) with its server resolved. */
export function resolveExit(exit: ChosenExit, gateway: Gateway): ResolvedExit {
  return exit.kind === 'direct' ? { server: null } : { server: resolveEndpoint(exit, gateway), endpoint: exit };
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
