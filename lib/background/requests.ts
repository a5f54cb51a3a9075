/**
 * The one protocol between the extension's pages and the background: what a page may ask (the request
 * names and their inputs, as zod schemas that the background validates every message against), and what
 * it gets back. Pages import its types only (they send with lib/ui/send-to-background.ts); errors cross
 * as plain `{ kind, message }` that a page shows as it is.
 *
 * The app_key goes one way only (`setKey`): no answer ever contains it.
 */
import { z } from './zod.ts';
import type { CachedData, CachedRequestName } from './cached-requests.ts';
import { cachedRequestSchemas } from './cached-requests.ts';
import { changeSchemas, type ChangeAnswer, type ChangeName } from './changes.ts';
import type { KeyStatus } from './keys.ts';
import type { Notice } from './notices.ts';
import { endpointSchema } from './proxy/endpoint.ts';
import { customEndpointFieldsSchema, customIdSchema, type SavedCustomEndpoint } from './proxy/custom-endpoints.ts';
import { CUSTOM_PROXIES_MAX } from '../shared/input-limits.ts';
import type { ProxyStatus } from './proxy/status.ts';
import type { TabExitDescription } from './proxy/tab-exit-descriptions.ts';
import { MAX_ROUTES, routeExitSchema, routeIdSchema, type Route } from './proxy/routes.ts';
import { hostPatternSchema } from './proxy/routing.ts';
import { cookieStoreIdSchema, tabIdSchema, type ContainerList, type TabExit } from './proxy/context-exits.ts';
import type { ErrorAnswer } from '../shared/storage-keys.ts';
import { settingsPatchSchema, type Settings } from './settings.ts';

export type { CachedData, CachedRequestName } from './cached-requests.ts';

const none = z.strictObject({});

/** Request schemas, by handler name (verbs, as refined-github names them). */
export const requestSchemas = {
  // key custody
  getKeyStatus: none,
  setKey: z.object({
    key: z.string().check(z.trim(), z.minLength(1), z.maxLength(256)),
    /** false: kept in session storage only, gone when the browser closes. */
    remember: z.boolean(),
    /** Another API host; must equal the host the user confirmed in settings. */
    baseUrl: z.optional(z.url()),
  }),
  forgetKey: none,
  // settings
  getSettings: none,
  /** Only the fields named change; a new `apiBaseUrl` is the user's confirmation of that host. */
  updateSettings: settingsPatchSchema,
  // notices
  getNotices: none,
  dismissNotices: none,
  // cached lists (lib/background/cached-requests.ts)
  ...cachedRequestSchemas,
  /** Stops a slow list fetch, named by its wait (lib/background/waits.ts). */
  stopWaiting: z.object({ id: z.string().check(z.minLength(1), z.maxLength(64)) }),
  // changes (lib/background/changes.ts)
  ...changeSchemas,
  // proxy
  connect: z.object({ endpoint: endpointSchema }),
  disconnect: none,
  toggleLast: none,
  getProxyStatus: none,
  checkExit: none,
  /** The connected sticky account under a new session id: a new exit IP. */
  newSession: none,
  /** "Where am I?": the exit the popup's tab takes and why (lib/background/proxy/tab-exit-descriptions.ts). */
  describeTabExit: z.object({ url: z.string().check(z.maxLength(8192)), tabId: z.optional(z.number().check(z.int())), cookieStoreId: z.optional(z.string().check(z.maxLength(256))) }),
  // the user's own proxies (lib/background/proxy/custom-endpoint-handlers.ts)
  getCustomEndpoints: none,
  /** Saved all together or, when one cannot be, none. */
  addCustomEndpoints: z.object({ endpoints: z.array(customEndpointFieldsSchema).check(z.minLength(1), z.maxLength(CUSTOM_PROXIES_MAX)) }),
  /** `keepPassword`: the saved password stays (a page never shows it to be typed again). */
  editCustomEndpoint: z.extend(customEndpointFieldsSchema, { id: customIdSchema, keepPassword: z.optional(z.boolean()) }),
  deleteCustomEndpoint: z.object({ id: customIdSchema }),
  // routes (lib/background/proxy/route-handlers.ts)
  getRoutes: none,
  addRoute: z.object({ pattern: hostPatternSchema, exit: routeExitSchema, enabled: z.optional(z.boolean()) }),
  /** Only the fields named change. */
  updateRoute: z.object({ id: routeIdSchema, pattern: z.optional(hostPatternSchema), exit: z.optional(routeExitSchema), enabled: z.optional(z.boolean()) }),
  /** Every route's id, in the new order. */
  reorderRoutes: z.object({ ids: z.array(routeIdSchema).check(z.maxLength(MAX_ROUTES)) }),
  deleteRoute: z.object({ id: routeIdSchema }),
  // Firefox's container and tab exits (lib/background/proxy/context-exit-handlers.ts)
  getContainers: none,
  setContainerExit: z.object({ cookieStoreId: cookieStoreIdSchema, exit: routeExitSchema }),
  /** The container follows the rules again. */
  clearContainerExit: z.object({ cookieStoreId: cookieStoreIdSchema }),
  /** "Only this tab": the popup names the tab it was opened over. */
  getTabExit: z.object({ tabId: tabIdSchema }),
  setTabExit: z.object({ tabId: tabIdSchema, exit: routeExitSchema }),
  clearTabExit: z.object({ tabId: tabIdSchema }),
} satisfies Record<string, z.ZodMiniType>;


export type { KeyStatus };

/** A cached answer: shown at once; a fresh one follows through storage when `stale`. */
export interface Cached<T> {
  data: T;
  fetchedAt: number;
  stale: boolean;
  /** The entry in the list's cache item (`cacheKeyOf`) where refreshes of this answer land. */
  entryKey: string;
}

/**
 * A cached request's answer to a page: a `Cached`, or, when the page named the entry it already shows
 * (`known`: its fetchedAt) and that entry is still the one, the same without the data, which would
 * only cross again (a long list is slow to pass through messaging).
 */
export type CachedAnswer<T> = Cached<T> | (Omit<Cached<T>, 'data'> & { unchanged: true });

export type Responses = { [K in CachedRequestName]: CachedAnswer<CachedData<K>> } & { [K in ChangeName]: ChangeAnswer<K> } & {
  getKeyStatus: KeyStatus;
  setKey: KeyStatus;
  forgetKey: KeyStatus;
  getSettings: Settings;
  updateSettings: Settings;
  getNotices: Notice[];
  dismissNotices: void;
  stopWaiting: void;
  connect: ProxyStatus;
  disconnect: ProxyStatus;
  toggleLast: ProxyStatus;
  getProxyStatus: ProxyStatus;
  checkExit: ProxyStatus;
  newSession: ProxyStatus;
  describeTabExit: TabExitDescription;
  getCustomEndpoints: SavedCustomEndpoint[];
  addCustomEndpoints: SavedCustomEndpoint[];
  editCustomEndpoint: SavedCustomEndpoint[];
  deleteCustomEndpoint: SavedCustomEndpoint[];
  getRoutes: Route[];
  addRoute: Route[];
  updateRoute: Route[];
  reorderRoutes: Route[];
  deleteRoute: Route[];
  getContainers: ContainerList;
  setContainerExit: ContainerList;
  clearContainerExit: ContainerList;
  getTabExit: TabExit;
  setTabExit: TabExit;
  clearTabExit: TabExit;
};

export type RequestName = keyof typeof requestSchemas;
export type RequestInput<K extends RequestName> = z.input<(typeof requestSchemas)[K]>;
export type RequestParams<K extends RequestName> = z.output<(typeof requestSchemas)[K]>;

export type Handlers = {
  [K in RequestName]: (params: RequestParams<K>) => Promise<Responses[K]>;
};

/**
 * The requests the proxy service answers (lib/background/proxy/proxy-service.ts), those about the
 * user's own proxies (custom-endpoint-handlers.ts), the routes (route-handlers.ts) and the container
 * and tab exits (context-exit-handlers.ts); the API service
 * answers the rest.
 */
export type ProxyRequestName = 'connect' | 'disconnect' | 'toggleLast' | 'getProxyStatus' | 'checkExit' | 'newSession' | 'describeTabExit';
export type CustomEndpointRequestName = 'getCustomEndpoints' | 'addCustomEndpoints' | 'editCustomEndpoint' | 'deleteCustomEndpoint';
export type RouteRequestName = 'getRoutes' | 'addRoute' | 'updateRoute' | 'reorderRoutes' | 'deleteRoute';
export type ContextExitRequestName = 'getContainers' | 'setContainerExit' | 'clearContainerExit' | 'getTabExit' | 'setTabExit' | 'clearTabExit';
export type ApiRequestName = Exclude<RequestName, ProxyRequestName | CustomEndpointRequestName | RouteRequestName | ContextExitRequestName>;
export type ProxyHandlers = Pick<Handlers, ProxyRequestName>;
export type CustomEndpointHandlers = Pick<Handlers, CustomEndpointRequestName>;
export type ApiHandlers = Pick<Handlers, ApiRequestName>;
/** Turns anything a handler throws into what the page sees. */
export type ErrorMapper = (error: unknown) => ErrorAnswer;

