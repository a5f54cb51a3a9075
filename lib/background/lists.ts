/**
 * What the API service does for each request: the cached lists (their storage item, how long an answer
 * stays fresh, the client call) and the changes (the client call, and the lists each one makes out of
 * date). Two tables, so that "which change refreshes which list" reads in one place.
 */
import type { ApiClient } from './api/client.ts';
import type { ApiRequestName, CachedData, CachedRequestName, RequestParams, Responses } from './requests.ts';
import { listCacheItems, type ListCacheItem } from './storage.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A cached request's parameters without `refresh` and `known`, which only say how to answer. */
export type ListParams<K extends CachedRequestName> = Omit<RequestParams<K>, 'refresh' | 'known'>;

export interface CachedList<K extends CachedRequestName> {
  item: ListCacheItem<CachedData<K>>;
  /** How long an answer is served without a refresh. */
  maxAgeMs: number;
  load(api: ApiClient, params: ListParams<K>): Promise<CachedData<K>>;
}

/**
 * Freshness: accounts and orders change with the user's own actions (which refresh them at once) and
 * usage lags five minutes at the provider, so minutes are enough; location lists change rarely (a day).
 */
export const CACHED_LISTS: { [K in CachedRequestName]: CachedList<K> } = {
  getAccounts: { item: listCacheItems.getAccounts, maxAgeMs: 2 * MINUTE, load: (api) => api.listAccounts() },
  getUsage: { item: listCacheItems.getUsage, maxAgeMs: 5 * MINUTE, load: (api, params) => api.usageByDay(params) },
  getPackages: { item: listCacheItems.getPackages, maxAgeMs: 5 * MINUTE, load: (api, params) => api.listPackages(params) },
  getPackageSummary: { item: listCacheItems.getPackageSummary, maxAgeMs: 5 * MINUTE, load: (api, params) => api.packageSummary(params) },
  getCityCountries: { item: listCacheItems.getCityCountries, maxAgeMs: DAY, load: (api) => api.listCityCountries() },
  getStateCountries: { item: listCacheItems.getStateCountries, maxAgeMs: DAY, load: (api) => api.listStateCountries() },
  searchStates: { item: listCacheItems.searchStates, maxAgeMs: DAY, load: (api, params) => api.searchStates(params) },
  searchCities: { item: listCacheItems.searchCities, maxAgeMs: DAY, load: (api, params) => api.searchCities(params) },
  getStaticIps: { item: listCacheItems.getStaticIps, maxAgeMs: 5 * MINUTE, load: (api, params) => api.listStaticIps(params) },
  getStaticIpStock: { item: listCacheItems.getStaticIpStock, maxAgeMs: 10 * MINUTE, load: (api, params) => api.staticIpStock(params) },
  getOrders: { item: listCacheItems.getOrders, maxAgeMs: 2 * MINUTE, load: (api, params) => api.listOrders(params) },
  getPaymentGroups: { item: listCacheItems.getPaymentGroups, maxAgeMs: HOUR, load: (api, params) => api.listPaymentGroups(params) },
  getGiftRatios: { item: listCacheItems.getGiftRatios, maxAgeMs: HOUR, load: (api) => api.rechargeGiftRatios() },
  getUserInfo: { item: listCacheItems.getUserInfo, maxAgeMs: 10 * MINUTE, load: (api) => api.getUserInfo() },
};

/** The requests that change something at the provider (or, for extractIps, hand out new endpoints). */
export type MutationName = Exclude<ApiRequestName, CachedRequestName | 'getKeyStatus' | 'setKey' | 'forgetKey' | 'getSettings' | 'updateSettings' | 'stopWaiting'>;

export interface Mutation<K extends MutationName> {
  run(api: ApiClient, params: RequestParams<K>): Promise<Responses[K]>;
  /** The cached lists this change makes out of date; exactly those are refetched. */
  affects: readonly CachedRequestName[];
}

const ACCOUNTS = ['getAccounts'] as const;
const ORDERS = ['getOrders'] as const;

export const MUTATIONS: { [K in MutationName]: Mutation<K> } = {
  addAccounts: { run: (api, params) => api.addAccounts(params), affects: ACCOUNTS },
  deleteAccounts: { run: (api, { accounts }) => api.deleteAccounts(accounts), affects: ACCOUNTS },
  disableAccounts: { run: (api, { accounts }) => api.disableAccounts(accounts), affects: ACCOUNTS },
  enableAccounts: { run: (api, { accounts }) => api.enableAccounts(accounts), affects: ACCOUNTS },
  changeAccountPassword: { run: (api, params) => api.changeAccountPassword(params), affects: ACCOUNTS },
  changeAccountRemark: { run: (api, params) => api.changeAccountRemark(params), affects: ACCOUNTS },
  changeAccountLimit: { run: (api, params) => api.changeAccountLimit(params), affects: ACCOUNTS },
  // Extraction hands out endpoints; it changes no list the extension shows.
  extractIps: { run: (api, params) => api.extractIps(params), affects: [] },
  createOrder: { run: (api, params) => api.createOrder(params), affects: ORDERS },
  closeOrder: { run: (api, params) => api.closeOrder(params), affects: ORDERS },
};
