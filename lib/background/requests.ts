/**
 * The one protocol between the extension's pages and the background: what a page may ask (the request
 * names and their inputs, as zod schemas that the background validates every message against), and what
 * it gets back. Pages import its types only (they send with lib/ui/send-to-background.ts); errors cross
 * as plain `{ kind, message }` that a page shows as it is.
 *
 * The app_key goes one way only (`setKey`): no answer ever contains it.
 */
import { z } from './zod.ts';
import { addAccountsParams, changeLimitParams, changePasswordParams, changeRemarkParams } from './api/accounts.ts';
import { createOrderParams, orderListParams } from './api/billing.ts';
import { extractParams } from './api/extraction.ts';
import { nameBatch } from './api/params.ts';
import { staticIpParams } from './api/static-ips.ts';
import { packageListParams, packageSummaryParams, usageParams } from './api/usage.ts';
import type { Account, Country, ExtractedIp, GiftRatio, Order, OrderPage, PackagePage, PackageSummary, PaymentGroup, StaticIpPage, StaticIpStock, UsageDay, User } from './api/schemas.ts';
import { endpointSchema } from './proxy/endpoint.ts';
import type { ProxyStatus } from './proxy/status.ts';
import type { ErrorAnswer } from '../shared/storage-keys.ts';
import { settingsPatchSchema, type Settings } from './storage.ts';

const none = z.strictObject({});
/**
 * Lists: `refresh` skips the freshness time (the user pressed reload); `known` is the fetchedAt of the
 * entry the page already shows, which the answer then leaves out if it is still current.
 */
const listShape = { refresh: z.optional(z.boolean()), known: z.optional(z.number()) };
const listOptions = z.strictObject(listShape);
const withRefresh = <T extends z.core.$ZodShape>(shape: T) => z.object({ ...shape, ...listShape });

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
  // cached lists
  getAccounts: listOptions,
  getUsage: withRefresh(usageParams.shape),
  getPackages: withRefresh(packageListParams.shape),
  getPackageSummary: withRefresh(packageSummaryParams.shape),
  getCityCountries: listOptions,
  getStateCountries: listOptions,
  searchStates: withRefresh({ countryCode: z.string() }),
  searchCities: withRefresh({ countryCode: z.string(), state: z.string() }),
  getStaticIps: withRefresh(staticIpParams.shape),
  getStaticIpStock: withRefresh({ kind: z.enum(['residential', 'datacenter']) }),
  getOrders: withRefresh(orderListParams.shape),
  getPaymentGroups: withRefresh({ tradeNo: z.optional(z.string()) }),
  getGiftRatios: listOptions,
  getUserInfo: listOptions,
  /** Stops a slow list fetch, named by its wait (`WAITS_KEY`). */
  stopWaiting: z.object({ id: z.string().check(z.minLength(1), z.maxLength(64)) }),
  // changes
  addAccounts: addAccountsParams,
  deleteAccounts: z.object({ accounts: nameBatch }),
  disableAccounts: z.object({ accounts: nameBatch }),
  enableAccounts: z.object({ accounts: nameBatch }),
  changeAccountPassword: changePasswordParams,
  changeAccountRemark: changeRemarkParams,
  changeAccountLimit: changeLimitParams,
  extractIps: extractParams,
  createOrder: createOrderParams,
  closeOrder: z.object({ tradeNo: z.string().check(z.minLength(1)) }),
  // proxy
  connect: z.object({ endpoint: endpointSchema }),
  disconnect: none,
  toggleLast: none,
  getProxyStatus: none,
  checkExit: none,
} satisfies Record<string, z.ZodMiniType>;

/** What the pages may know about the key: whether one is set, its last four characters, its host. */
export interface KeyStatus {
  set: boolean;
  last4?: string;
  baseUrl?: string;
  remembered?: boolean;
  /** Code 156 at the check: account changes need real-name verification. */
  unverified?: boolean;
}

/** A cached answer: shown at once; a fresh one follows through storage when `stale`. */
export interface Cached<T> {
  data: T;
  fetchedAt: number;
  stale: boolean;
  /** The entry in the list's cache item (`CACHE_KEYS`) where refreshes of this answer land. */
  entryKey: string;
}

/**
 * A cached request's answer to a page: a `Cached`, or, when the page named the entry it already shows
 * (`known`: its fetchedAt) and that entry is still the one, the same without the data, which would
 * only cross again (10,000 accounts take ~45 ms through messaging).
 */
export type CachedAnswer<T> = Cached<T> | (Omit<Cached<T>, 'data'> & { unchanged: true });

/** The lists answered from the cache, and what each holds; a page watches its item in `CACHE_KEYS`. */
export interface CachedLists {
  getAccounts: Account[];
  getUsage: UsageDay[];
  getPackages: PackagePage;
  getPackageSummary: PackageSummary;
  getCityCountries: Country[];
  getStateCountries: Country[];
  searchStates: string[];
  searchCities: string[];
  getStaticIps: StaticIpPage;
  getStaticIpStock: StaticIpStock[];
  getOrders: OrderPage;
  getPaymentGroups: PaymentGroup[];
  getGiftRatios: GiftRatio[];
  getUserInfo: User;
}

export type Responses = { [K in keyof CachedLists]: CachedAnswer<CachedLists[K]> } & {
  getKeyStatus: KeyStatus;
  setKey: KeyStatus;
  forgetKey: KeyStatus;
  getSettings: Settings;
  updateSettings: Settings;
  stopWaiting: void;
  addAccounts: void;
  deleteAccounts: void;
  disableAccounts: void;
  enableAccounts: void;
  changeAccountPassword: void;
  changeAccountRemark: void;
  changeAccountLimit: void;
  extractIps: ExtractedIp[];
  createOrder: Order;
  closeOrder: void;
  connect: ProxyStatus;
  disconnect: ProxyStatus;
  toggleLast: ProxyStatus;
  getProxyStatus: ProxyStatus;
  checkExit: ProxyStatus;
};

export type RequestName = keyof typeof requestSchemas;
export type RequestInput<K extends RequestName> = z.input<(typeof requestSchemas)[K]>;
export type RequestParams<K extends RequestName> = z.output<(typeof requestSchemas)[K]>;

export type Handlers = {
  [K in RequestName]: (params: RequestParams<K>) => Promise<Responses[K]>;
};

/** The requests the proxy service answers (lib/background/proxy/proxy-service.ts); the API service answers the rest. */
export type ProxyRequestName = 'connect' | 'disconnect' | 'toggleLast' | 'getProxyStatus' | 'checkExit';
export type ApiRequestName = Exclude<RequestName, ProxyRequestName>;
export type ProxyHandlers = Pick<Handlers, ProxyRequestName>;
export type ApiHandlers = Pick<Handlers, ApiRequestName>;
export type CachedRequestName = keyof CachedLists;
/** What a cached request's answer holds. */
export type CachedData<K extends CachedRequestName> = CachedLists[K];
/** Turns anything a handler throws into what the page sees. */
export type ErrorMapper = (error: unknown) => ErrorAnswer;

