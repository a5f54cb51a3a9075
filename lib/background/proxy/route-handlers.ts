/**
 * The pages' requests for the routes: list, add, update, reorder, delete. Each change is checked
 * against the other rules (and, in Chrome, against what Chrome can keep apart), stored, and applied
 * before it is answered, so the next request already follows it.
 */
import type { Handlers, RouteRequestName } from '../requests.ts';
import { ServiceError } from '../error-answers.ts';
import { settingsItem } from '../settings.ts';
import { asSavedExit, type SavedCustomEndpoint } from './custom-endpoints.ts';
import { isFromProvider, resolveEndpoint, type Gateway, type ProxyServer } from './endpoint.ts';
import { resolveRoutes, separateOrigins } from './route-plan.ts';
import { MAX_ROUTES, routesItem, type ChosenExit, type Route } from './routes.ts';
import { hostMatches } from './routing.ts';

export type RouteErrorKind =
  | 'route-duplicate'
  | 'route-bypassed'
  | 'route-too-many'
  | 'route-not-found'
  | 'route-list-changed'
  | 'route-socks-auth'
  | 'route-shared-gateway'
  | 'route-shared-origin'
  | 'route-exit-in-use'
  | 'route-exit-gone';

/** A route change that cannot be made, and what the user can do about it. */
export class RouteError extends ServiceError<RouteErrorKind> {
  override readonly name = 'RouteError';
}

export interface RouteHandlerOptions {
  /** Writes and applies the routes, in turn with the proxy service's other operations. */
  changeLayers: <T>(write: () => Promise<T>) => Promise<T>;
  /** Whether the browser can send this server's login (Chrome cannot log in to a SOCKS5 proxy). */
  supports: (server: ProxyServer) => boolean;
  /** Chrome: one cached login per proxy origin, so two rules must not need two there. */
  oneLoginPerOrigin: boolean;
  /** Route ids; random unless a test says otherwise. */
  newId?: () => string;
}

export function createRouteHandlers({ changeLayers, supports, oneLoginPerOrigin, newId = () => crypto.randomUUID() }: RouteHandlerOptions) {
  /** Stores `next(routes)` once it passes the checks, applied; answers the stored list. */
  const change = (next: (routes: Route[], gateway: Gateway, bypass: readonly string[]) => Route[]) =>
    changeLayers(async () => {
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
      if (route.exit.kind === 'account') throw new RouteError('route-shared-gateway', 'routeError_sharedGatewayChrome');
      throw new RouteError('route-shared-origin', 'routeError_sharedOriginChrome', [`${route.exit.host}:${route.exit.port}`]);
    }
  }

  /** The rules whose exit is the saved custom endpoint `id` (a copy of it, kept by its id). */
  const usingCustomEndpoint = (routes: readonly Route[], id: string) => routes.filter(({ exit }) => exit.kind === 'custom' && exit.id === id);

  /** The exit as saved (`asSavedExit`); refused once a custom endpoint is no longer saved. */
  async function asSaved(exit: ChosenExit): Promise<ChosenExit> {
    const saved = await asSavedExit(exit);
    if (!saved) throw new RouteError('route-exit-gone', 'custom_notFound');
    return saved;
  }

  const find = (routes: readonly Route[], id: string): Route => {
    const route = routes.find((candidate) => candidate.id === id);
    if (!route) throw new RouteError('route-not-found', 'routeError_notFound');
    return route;
  };

  const handlers: Pick<Handlers, RouteRequestName> = {
    getRoutes: () => routesItem.getValue(),
    addRoute: async ({ pattern, exit, enabled = true }) => {
      const chosen = await asSaved(exit);
      return change((routes, gateway, bypass) => {
        if (routes.length >= MAX_ROUTES) throw new RouteError('route-too-many', 'routeError_tooMany');
        const route: Route = { id: newId(), pattern, exit: chosen, enabled };
        const updated = [...routes, route];
        check(route, updated, gateway, bypass);
        return updated;
      });
    },
    updateRoute: async ({ id, exit, ...fields }) => {
      const chosen = exit && (await asSaved(exit));
      return change((routes, gateway, bypass) => {
        const route = { ...find(routes, id), ...fields, ...(chosen && { exit: chosen }) };
        const updated = routes.map((candidate) => (candidate.id === id ? route : candidate));
        check(route, updated, gateway, bypass);
        return updated;
      });
    },
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
    /**
     * A saved custom endpoint is about to be edited (`next`) or deleted (null). Edited, every rule
     * that goes through it takes the new values, checked and applied as any rule change (so Chrome
     * drops the old login of the origin). Deleted, it must not leave rules pointing nowhere: the
     * deletion is refused, naming them, until they have another exit or are gone.
     */
    followCustomEndpoint: async (id: string, next: SavedCustomEndpoint | null): Promise<void> => {
      const using = usingCustomEndpoint(await routesItem.getValue(), id);
      if (using.length === 0) return;
      if (!next) throw new RouteError('route-exit-in-use', 'routeError_customEndpointInUse', [using.map((route) => route.pattern).join(', ')]);
      await change((routes, gateway, bypass) => {
        const followed = usingCustomEndpoint(routes, id).map((route) => route.id);
        const updated = routes.map((route) => (followed.includes(route.id) ? { ...route, exit: next } : route));
        for (const route of updated) if (followed.includes(route.id)) check(route, updated, gateway, bypass);
        return updated;
      });
    },
    /** "Forget key": the rules whose exit came from the API with the key go with it (their logins too); custom and direct ones stay. */
    forgetProviderRoutes: () => change((routes) => routes.filter((route) => route.exit.kind === 'direct' || !isFromProvider(route.exit))),
  };
}
