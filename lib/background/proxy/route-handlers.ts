/**
 * The pages' requests for the routes: list, add, update, reorder, delete. Each change is checked
 * against the other rules (and, in Chrome, against what Chrome can keep apart), stored, and applied
 * before it is answered, so the next request already follows it.
 */
import type { Handlers, RouteRequestName } from '../requests.ts';
import { ServiceError } from '../error-answers.ts';
import { settingsItem } from '../settings.ts';
import { isFromProvider, resolveEndpoint, type Gateway, type ProxyServer } from './endpoint.ts';
import { resolveRoutes, separateOrigins } from './route-plan.ts';
import { MAX_ROUTES, routesItem, type Route } from './routes.ts';
import { hostMatches } from './routing.ts';

export type RouteErrorKind = 'route-duplicate' | 'route-bypassed' | 'route-too-many' | 'route-not-found' | 'route-list-changed' | 'route-socks-auth' | 'route-shared-gateway';

/** A route change that cannot be made, and what the user can do about it. */
export class RouteError extends ServiceError<RouteErrorKind> {
  override readonly name = 'RouteError';
}

export interface RouteHandlerOptions {
  /** Writes and applies the routes, in turn with the proxy service's other operations. */
  changeRoutes: <T>(write: () => Promise<T>) => Promise<T>;
  /** Whether the browser can send this server's login (Chrome cannot log in to a SOCKS5 proxy). */
  supports: (server: ProxyServer) => boolean;
  /** Chrome: one cached login per proxy origin, so two rules must not need two there. */
  oneLoginPerOrigin: boolean;
  /** Route ids; random unless a test says otherwise. */
  newId?: () => string;
}

export function createRouteHandlers({ changeRoutes, supports, oneLoginPerOrigin, newId = () => crypto.randomUUID() }: RouteHandlerOptions) {
  /** Stores `next(routes)` once it passes the checks, applied; answers the stored list. */
  const change = (next: (routes: Route[], gateway: Gateway, bypass: readonly string[]) => Route[]) =>
    changeRoutes(async () => {
      const [routes, { gateway, routing }] = await Promise.all([routesItem.getValue(), settingsItem.getValue()]);
      const updated = next(routes, gateway, routing.bypass);
      await routesItem.setValue(updated);
      return updated;
    });

  /** Checks `route` where it stands in `routes` (which holds it); throws what the user can fix. */
  function check(route: Route, routes: readonly Route[], gateway: Gateway, bypass: readonly string[]): void {
    if (routes.some((other) => other.id !== route.id && other.pattern === route.pattern)) throw new RouteError('route-duplicate', 'routeError_duplicate', [route.pattern]);
    if (hostMatches(route.pattern.replace(/^\*\./, ''), bypass)) throw new RouteError('route-bypassed', 'routeError_bypassed', [route.pattern]);
    if (route.exit.kind === 'direct' || !route.enabled) return;
    if (!supports(resolveEndpoint(route.exit, gateway))) throw new RouteError('route-socks-auth', 'proxyError_socksAuthChrome');
    // The main connection may change at any time and always keeps its origin; here only the rules compete.
    if (oneLoginPerOrigin && separateOrigins(null, resolveRoutes(routes, gateway), gateway).some((exit) => exit.id === route.id && exit.blocked)) {
      throw new RouteError('route-shared-gateway', 'routeError_sharedGatewayChrome');
    }
  }

  const find = (routes: readonly Route[], id: string): Route => {
    const route = routes.find((candidate) => candidate.id === id);
    if (!route) throw new RouteError('route-not-found', 'routeError_notFound');
    return route;
  };

  const handlers: Pick<Handlers, RouteRequestName> = {
    getRoutes: () => routesItem.getValue(),
    addRoute: ({ pattern, exit, enabled = true }) =>
      change((routes, gateway, bypass) => {
        if (routes.length >= MAX_ROUTES) throw new RouteError('route-too-many', 'routeError_tooMany');
        const route: Route = { id: newId(), pattern, exit, enabled };
        const updated = [...routes, route];
        check(route, updated, gateway, bypass);
        return updated;
      }),
    updateRoute: ({ id, ...fields }) =>
      change((routes, gateway, bypass) => {
        const route = { ...find(routes, id), ...fields };
        const updated = routes.map((candidate) => (candidate.id === id ? route : candidate));
        check(route, updated, gateway, bypass);
        return updated;
      }),
    reorderRoutes: ({ ids }) =>
      change((routes, gateway, bypass) => {
        const byId = new Map(routes.map((route) => [route.id, route]));
        if (ids.length !== routes.length || new Set(ids).size !== ids.length || !ids.every((id) => byId.has(id))) throw new RouteError('route-list-changed', 'routeError_listChanged');
        const updated = ids.map((id) => byId.get(id)!);
        // In Chrome the order decides which rule keeps a shared origin: every moved rule is checked again.
        for (const route of updated) check(route, updated, gateway, bypass);
        return updated;
      }),
    deleteRoute: ({ id }) =>
      change((routes) => {
        find(routes, id);
        return routes.filter((route) => route.id !== id);
      }),
  };
  return {
    handlers,
    /** "Forget key": the rules whose exit came from the API with the key go with it (their logins too); custom and direct ones stay. */
    forgetProviderRoutes: () => change((routes) => routes.filter((route) => route.exit.kind === 'direct' || !isFromProvider(route.exit))),
  };
}
