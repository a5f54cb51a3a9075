/**
 * The API requests answered from the cache, one row each: the request's parameters, the schema its
 * stored answers are checked against, how long an answer stays fresh, the client call that loads it,
 * and the changes after which it is out of date. The protocol's request schemas, the storage items
 * (one per request, on the key `cacheKeyOf` gives its name), the pages' types and the refetches after
 * a change all come from this table.
 *
 * Freshness: accounts and orders change with the user's own actions (which refresh them at once) and
 * usage lags five minutes at the provider, so minutes are enough; location lists change rarely (a day).
 */
import { z } from './zod.ts';
import type { ApiClient } from './api/client.ts';
import { orderListParams } from './api/billing.ts';
import { staticIpParams } from './api/static-ips.ts';
import { packageListParams, packageSummaryParams, usageParams } from './api/usage.ts';
import {
  accountListSchema,
  countryListSchema,
  giftRatioListSchema,
  nameListSchema,
  orderPageSchema,
  packagePageSchema,
  packageSummarySchema,
  paymentGroupListSchema,
  staticIpStockSchema,
  usageSchema,
  userSchema,
  type StaticIpPage,
} from './api/schemas.ts';
import type { ChangeName } from './changes.ts';
import { mapRows } from './map-rows.ts';
import { cacheEntryKey, cacheKeyOf, FIRST_SCREEN_ROWS, STORAGE_KEYS, type CacheEntries, type ErrorAnswer, type FirstScreen } from '../shared/storage-keys.ts';
import { firstByName, productTypesOf } from '../shared/account-order.ts';
import { defineStoredItem, type Companion, type StoredItem } from './stored-item.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface CachedRequest<P extends z.core.$ZodShape, S extends z.ZodMiniType> {
  /** The request's parameters; every cached request also takes `refresh` and `known` (`listShape`). */
  params: P;
  /** Checks a stored answer as it is read back. */
  answer: S;
  /** How long an answer is served without a refresh. */
  maxAgeMs: number;
  load(api: ApiClient, params: z.output<z.ZodMiniObject<P>>): Promise<z.output<S>>;
  /** The changes that make this list out of date; after one, exactly these lists are refetched. */
  refreshedBy?: readonly ChangeName[];
}

const cached = <P extends z.core.$ZodShape, S extends z.ZodMiniType>(row: CachedRequest<P, S>) => row;

/**
 * The API schemas parse their own output again to the same value, so they validate the cache too;
 * static IPs are the exception ("ip:port" is split on the way in), so their parsed form is checked by
 * its shape.
 */
const staticIpPageShape = z.looseObject({ list: z.array(z.looseObject({ host: z.optional(z.string()), port: z.optional(z.number()) })) });
const storedStaticIpPage = z.custom<StaticIpPage>((value) => staticIpPageShape.safeParse(value).success);

const ACCOUNT_CHANGES = ['addAccounts', 'deleteAccounts', 'disableAccounts', 'enableAccounts', 'changeAccountPassword', 'changeAccountRemark', 'changeAccountLimit'] as const;

export const CACHED_REQUESTS = {
  getAccounts: cached({ params: {}, answer: accountListSchema.shape.list, maxAgeMs: 2 * MINUTE, load: (api) => api.listAccounts(), refreshedBy: ACCOUNT_CHANGES }),
  getUsage: cached({ params: usageParams.shape, answer: usageSchema.shape.list, maxAgeMs: 5 * MINUTE, load: (api, params) => api.usageByDay(params) }),
  getPackages: cached({ params: packageListParams.shape, answer: packagePageSchema, maxAgeMs: 5 * MINUTE, load: (api, params) => api.listPackages(params) }),
  getPackageSummary: cached({ params: packageSummaryParams.shape, answer: packageSummarySchema, maxAgeMs: 5 * MINUTE, load: (api, params) => api.packageSummary(params) }),
  getCityCountries: cached({ params: {}, answer: countryListSchema.shape.list, maxAgeMs: DAY, load: (api) => api.listCityCountries() }),
  searchStates: cached({ params: { countryCode: z.string() }, answer: nameListSchema.shape.list, maxAgeMs: DAY, load: (api, params) => api.searchStates(params) }),
  searchCities: cached({ params: { countryCode: z.string(), state: z.string() }, answer: nameListSchema.shape.list, maxAgeMs: DAY, load: (api, params) => api.searchCities(params) }),
  getStaticIps: cached({ params: staticIpParams.shape, answer: storedStaticIpPage, maxAgeMs: 5 * MINUTE, load: (api, params) => api.listStaticIps(params) }),
  getStaticIpStock: cached({ params: { kind: z.enum(['residential', 'datacenter']) }, answer: staticIpStockSchema.shape.list, maxAgeMs: 10 * MINUTE, load: (api, params) => api.staticIpStock(params) }),
  getOrders: cached({ params: orderListParams.shape, answer: orderPageSchema, maxAgeMs: 2 * MINUTE, load: (api, params) => api.listOrders(params), refreshedBy: ['createOrder', 'closeOrder'] }),
  getPaymentGroups: cached({ params: { tradeNo: z.optional(z.string()) }, answer: paymentGroupListSchema.shape.list, maxAgeMs: HOUR, load: (api, params) => api.listPaymentGroups(params) }),
  getGiftRatios: cached({ params: {}, answer: giftRatioListSchema.shape.list, maxAgeMs: HOUR, load: (api) => api.rechargeGiftRatios() }),
  getUserInfo: cached({ params: {}, answer: userSchema, maxAgeMs: 10 * MINUTE, load: (api) => api.getUserInfo() }),
};

export type CachedRequestName = keyof typeof CACHED_REQUESTS;
type Row<K extends CachedRequestName> = (typeof CACHED_REQUESTS)[K];
/** What a cached request's answer holds. */
export type CachedData<K extends CachedRequestName> = z.output<Row<K>['answer']>;

/**
 * `refresh` skips the freshness time (the user pressed reload); `known` is the fetchedAt of the entry
 * the page already shows, which the answer then leaves out if it is still current.
 */
const listShape = { refresh: z.optional(z.boolean()), known: z.optional(z.number()) };
type CachedRequestSchema<K extends CachedRequestName> = Row<K>['params'] extends infer P extends z.core.$ZodShape ? z.ZodMiniObject<P & typeof listShape> : never;

/** The cached requests' input schemas, for the protocol. A request without parameters refuses any other field. */
export const cachedRequestSchemas = mapRows(CACHED_REQUESTS as Record<string, CachedRequest<z.core.$ZodShape, z.ZodMiniType>>, ({ params }) =>
  Object.keys(params).length === 0 ? z.strictObject(listShape) : z.object({ ...params, ...listShape }),
) as { [K in CachedRequestName]: CachedRequestSchema<K> };

/** The lists a change makes out of date. */
export function listsRefreshedBy(change: ChangeName): CachedRequestName[] {
  return (Object.keys(CACHED_REQUESTS) as CachedRequestName[]).filter((name) => CACHED_REQUESTS[name].refreshedBy?.includes(change));
}

/** An error as the pages show it (the shape of `ErrorAnswer`), stored beside data whose refresh failed. */
const errorAnswerSchema = z.object({ kind: z.string(), message: z.string() }) satisfies z.ZodMiniType<ErrorAnswer>;

export type ListCacheItem<T> = StoredItem<CacheEntries<T>>;

/** Entries kept per list (per request parameters): the oldest fetched go first. */
export const MAX_CACHE_ENTRIES = 8;

/** One cache entry: the answer, and the key record (its id, never the key) and host it was made with. */
const cacheEntrySchema = <T>(data: z.ZodMiniType<T>) =>
  z.object({
    data,
    fetchedAt: z.number(),
    keyId: z.string(),
    baseUrl: z.string(),
    failure: z.optional(errorAnswerSchema),
    invalidated: z.optional(z.boolean()),
  });

/** A list's cache item: its entries per request parameters, and the first screen made from them, if it has one. */
function defineListCache<T>(name: string, data: z.ZodMiniType<T>, companion?: Companion<CacheEntries<T>, unknown>): ListCacheItem<T> {
  const entries: z.ZodMiniType<CacheEntries<T>> = z.record(z.string(), cacheEntrySchema(data));
  return defineStoredItem(cacheKeyOf(name), entries, {
    fallback: {},
    version: 2,
    json: true,
    // v2 stores the entries as a JSON string (a string already is one: its version mark was lost).
    migrations: { 2: (old) => (old === null || old === undefined || typeof old === 'string' ? old : JSON.stringify(old)) },
    ...(companion && { companion }),
  });
}

type AccountList = CachedData<'getAccounts'>;

/**
 * The account list's first screen (`FirstScreen`), null when nothing is cached for it. New in version 1
 * of the item: it starts empty and is written with the next write of the accounts' cache.
 */
export const accountsFirstScreenItem = defineStoredItem(
  STORAGE_KEYS.accountsFirstScreen,
  z.nullable(z.extend(cacheEntrySchema(CACHED_REQUESTS.getAccounts.answer), { entryKey: z.string(), total: z.number(), productTypes: z.array(z.number()) })) satisfies z.ZodMiniType<FirstScreen<AccountList> | null>,
  { fallback: null, version: 1 },
);

/** The first screen of the accounts' entry for no parameters, in the popup's default order (by name). */
export function accountsFirstScreenOf(entries: CacheEntries<AccountList>): FirstScreen<AccountList> | null {
  const entryKey = cacheEntryKey({});
  const entry = entries[entryKey];
  if (!entry) return null;
  return { ...entry, data: firstByName(entry.data, FIRST_SCREEN_ROWS), entryKey, total: entry.data.length, productTypes: productTypesOf(entry.data) };
}

/** The lists that store a first screen beside their entries (the popup reads them through lib/ui/first-screen.ts). */
const FIRST_SCREENS: Partial<Record<string, Companion<CacheEntries<unknown>, unknown>>> = {
  getAccounts: { item: accountsFirstScreenItem, derive: accountsFirstScreenOf },
};

/** The cached lists' storage items, by the request that reads them. */
export const cachedRequestItems = mapRows(CACHED_REQUESTS as Record<string, CachedRequest<z.core.$ZodShape, z.ZodMiniType>>, ({ answer }, name) =>
  defineListCache(name, answer, FIRST_SCREENS[name]),
) as { [K in CachedRequestName]: ListCacheItem<CachedData<K>> };
