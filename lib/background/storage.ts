/**
 * Every item the extension stores, defined once, typed by a zod schema and versioned.
 *
 *   local:apiKey         v2  the app_key, the host it was checked against and the record's id (when
 *                            remembered on this device); v1 had no id
 *   session:apiKey       v2  the same, kept only until the browser closes ("don't remember on this device")
 *   local:keyStatus,     v1  what the pages may know of the key (never the key), beside it in the same
 *   session:keyStatus        area, so that a page can draw before a stopped worker wakes
 *   local:settings       v1  user settings: API host, gateway, routing rules, leak protection, theme
 *   local:connection     v1  the endpoint in use (re-applied on start) and the last one (for the shortcut)
 *   session:proxyStatus  v1  connected, failed or direct, with the exit IP; gone when the browser closes or
 *                            the extension is disabled, reloaded or updated, and made again from
 *                            local:connection whenever the background starts (lib/background/proxy/proxy-service.ts)
 *   local:warnings.notified v1  the running-out warnings already notified (not repeated until cleared)
 *   local:notices        v1  what the pages should tell the user once (a setting, the key or the connection
 *                            was unreadable and has been reset), by message key; a page removes it when shown
 *   session:apiWaits     v1  the list fetches slow to be answered, with their try, for the pages' "slow" notice
 *   local:cache.<list>   v2  cached API answers, one item per list (`listCacheItems`): accounts, usage,
 *                            packages, packageSummary, cityCountries, stateCountries, states, cities,
 *                            staticIps, staticIpStock, orders, paymentGroups, giftRatios, userInfo;
 *                            entries per request parameters, each naming the key record (its id,
 *                            never the key) and host it was made with; stored as a JSON string
 *                            since v2 (v1: an object)
 *
 * Values are validated on every read: anything that does not match its schema (a bug in an old
 * version, a hand-edited profile) is replaced by the item's fallback instead of crashing the worker.
 * Migrations are numbered per item: `migrations[n]` turns version n-1 into version n; each has a test.
 */
import { storage, type StorageItemKey } from 'wxt/utils/storage';
import { z } from './zod.ts';
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
import { DEFAULT_API_BASE_URL } from './api/transport.ts';
import type { CachedRequestName } from './requests.ts';
import { CACHE_KEYS, KEY_STATUS_KEYS, NOTICES_KEY, parseStoredJson, WAITS_KEY, type ApiWait, type CacheEntries, type ErrorAnswer, type StoredNotice } from '../shared/storage-keys.ts';
import { DEFAULT_GATEWAY, endpointSchema, gatewaySchema } from './proxy/endpoint.ts';
import { routingSchema } from './proxy/routing.ts';
import { DIRECT_STATUS, proxyStatusSchema } from './proxy/status.ts';

export interface StoredItem<T> {
  readonly key: StorageItemKey;
  readonly fallback: T;
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  removeValue(): Promise<void>;
  /** Calls back with each new (validated) value; returns the function that stops watching. */
  watch(callback: (value: T) => void): () => void;
  /** Runs the pending migrations now (they also run on their own when the module loads); for tests. */
  migrate(): Promise<void>;
}

interface StoredItemOptions<T> {
  fallback: T;
  version: number;
  /** `migrations[n]` turns a version n-1 value into version n. */
  migrations?: Record<number, (old: unknown) => unknown>;
  /**
   * Stored as one JSON string instead of an object tree. For a big value (10,000 accounts, 1.7 MB)
   * Chromium reads the string about five times faster, and its change events, which every open page
   * receives, carry a string instead of a tree to rebuild; reading the same string again skips the
   * parse and the validation.
   */
  json?: boolean;
}

/** Told the key of each item whose stored value was unreadable and has been reset to its fallback. */
const resetListeners = new Set<(key: StorageItemKey) => void>();

/** Calls `listener` whenever a read finds an item unreadable and resets it; returns the function that stops it. */
export function onStoredItemReset(listener: (key: StorageItemKey) => void): () => void {
  resetListeners.add(listener);
  return () => resetListeners.delete(listener);
}

/** Defines an item whose reads are validated by `schema`; see the header for the rules. */
export function defineStoredItem<S extends z.ZodMiniType>(
  key: StorageItemKey,
  schema: S,
  { fallback, version, migrations, json = false }: StoredItemOptions<z.output<S>>,
): StoredItem<z.output<S>> {
  type T = z.output<S>;
  const item = storage.defineItem<unknown>(key, { ...(!json && { fallback }), version, ...(migrations && { migrations }) });
  const encode = (value: T): unknown => (json ? JSON.stringify(value) : value);
  /** The last stored JSON string read or written, and its validated value. */
  let known: { raw: string; value: T } | undefined;
  const validate = (raw: unknown): T | undefined => {
    if (raw === null || raw === undefined) return fallback;
    if (known?.raw === raw) return known.value;
    const parsed = schema.safeParse(json ? parseStoredJson(raw) : raw);
    if (!parsed.success) return undefined;
    if (json) known = { raw: raw as string, value: parsed.data };
    return parsed.data;
  };
  return {
    key,
    fallback,
    async getValue() {
      const value = validate(await item.getValue());
      if (value !== undefined) return value;
      // The value is not written to the log: it may hold a secret.
      console.warn(`Stored ${key} was unreadable and has been reset to its default.`);
      known = undefined;
      await item.setValue(encode(fallback));
      for (const listener of resetListeners) listener(key);
      return fallback;
    },
    async setValue(value) {
      const checked = schema.parse(value) as T;
      const raw = encode(checked);
      if (typeof raw === 'string') known = { raw, value: checked };
      await item.setValue(raw);
    },
    removeValue() {
      // Nothing of a forgotten key's lists stays in memory either.
      known = undefined;
      return item.removeValue();
    },
    watch: (callback) => item.watch((raw) => callback(validate(raw) ?? fallback)),
    migrate: () => item.migrate(),
  };
}

export const apiKeyRecordSchema = z.nullable(
  z.object({
    /** Random, made when the key is checked: cached answers name the record they were made with. */
    id: z.string().check(z.minLength(1)),
    key: z.string().check(z.minLength(1)),
    /** The host the key was checked against; the key is only ever sent there. */
    baseUrl: z.url(),
    /** Code 156 at the check: reads work, account changes need real-name verification. */
    unverified: z.boolean(),
    checkedAt: z.number(),
  }),
);
export type ApiKeyRecord = NonNullable<z.infer<typeof apiKeyRecordSchema>>;

/** A new id for a key record: random, so it says nothing about the key. */
export const newKeyRecordId = (): string => crypto.randomUUID();

const apiKeyItemOptions: StoredItemOptions<z.output<typeof apiKeyRecordSchema>> = {
  fallback: null,
  version: 2,
  migrations: {
    // v2 adds the record id; a v1 record gets a fresh one (no cache entry can name it yet).
    2: (old) => (isObject(old) && typeof old.id !== 'string' ? { ...old, id: newKeyRecordId() } : old),
  },
};
export const apiKeyItem = defineStoredItem('local:apiKey', apiKeyRecordSchema, apiKeyItemOptions);
export const sessionApiKeyItem = defineStoredItem('session:apiKey', apiKeyRecordSchema, apiKeyItemOptions);

/** `KeyStatus` (lib/background/requests.ts) of a set key: the pages read these items as they are. */
const keyStatusSchema = z.nullable(
  z.object({
    set: z.literal(true),
    last4: z.string(),
    baseUrl: z.url(),
    remembered: z.boolean(),
    unverified: z.boolean(),
  }),
);
export const keyStatusItem = defineStoredItem(KEY_STATUS_KEYS.local, keyStatusSchema, { fallback: null, version: 1 });
export const sessionKeyStatusItem = defineStoredItem(KEY_STATUS_KEYS.session, keyStatusSchema, { fallback: null, version: 1 });

export const DEFAULT_EXIT_CHECK_URL = 'https://ipinfo.io/json';

export const settingsSchema = z.object({
  /** Where the next key is checked; the official host unless the user confirmed another. */
  apiBaseUrl: z._default(z.url(), DEFAULT_API_BASE_URL),
  gateway: z._default(gatewaySchema, DEFAULT_GATEWAY),
  routing: z._default(routingSchema, routingSchema.parse({})),
  /** Limit WebRTC to proxied routes while connected. */
  webrtcProtection: z._default(z.boolean(), true),
  /** An IP-echo URL fetched through the proxy after connecting. */
  exitCheckUrl: z._default(z.url(), DEFAULT_EXIT_CHECK_URL),
  /** While the proxy is down, block requests instead of letting them go direct. */
  blockWhenDown: z._default(z.boolean(), false),
  /**
   * Firefox: send the browser's own requests (no tab, no page: updates, remote settings) through an
   * HTTP(S) proxy too, logged in by Firefox itself; off, they go direct. Chrome always proxies them.
   */
  proxyBrowserRequests: z._default(z.boolean(), false),
  theme: z._default(z.enum(['system', 'light', 'dark']), 'system'),
});
export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/**
 * A change to some settings: every field optional and no default filled in, so that a patch never
 * resets a field it does not name (zod's `partial` would still apply the defaults).
 */
export const settingsPatchSchema = z.strictObject(
  Object.fromEntries(Object.entries(settingsSchema.shape).map(([name, field]) => [name, z.optional(field.def.innerType)])) as {
    // Object.entries loses the per-field types; every settings field has a default, which this unwraps.
    [K in keyof typeof settingsSchema.shape]: z.ZodMiniOptional<(typeof settingsSchema.shape)[K]['def']['innerType']>;
  },
);
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const settingsItem = defineStoredItem('local:settings', settingsSchema, { fallback: DEFAULT_SETTINGS, version: 1 });

export const connectionSchema = z.object({
  /** The endpoint the browser should be using now, or null for direct. */
  active: z.nullable(endpointSchema),
  /** The endpoint used most recently, for the toggle shortcut. */
  last: z.nullable(endpointSchema),
  /** When `active` was chosen (ms since the epoch). */
  since: z.nullable(z.number()),
});
export type Connection = z.infer<typeof connectionSchema>;

export const connectionItem = defineStoredItem('local:connection', connectionSchema, {
  fallback: { active: null, last: null, since: null },
  version: 1,
});

/** What may be notified, per summarised product type: `lowTraffic-9`, `expiring-12`, … */
export const warningIdSchema = z.templateLiteral([z.enum(['lowTraffic', 'expiring']), '-', z.union([z.literal(9), z.literal(12)])]);
export type WarningId = z.infer<typeof warningIdSchema>;

/** Running-out conditions already notified and not cleared since (lib/background/warnings.ts). */
export const notifiedWarningsItem = defineStoredItem('local:warnings.notified', z.array(warningIdSchema), { fallback: [], version: 1 });

/** One thing to tell the user (`messageKey` in `_locales`), and since when; see `NOTICES_KEY`. */
export const noticeSchema = z.object({ messageKey: z.string().check(z.minLength(1)), at: z.number() }) satisfies z.ZodMiniType<StoredNotice>;
export const noticesItem = defineStoredItem(NOTICES_KEY, z.array(noticeSchema), { fallback: [], version: 1 });

/** The slow list fetches (see `WAITS_KEY`); emptied when the worker starts, since its fetches died with it. */
export const apiWaitSchema = z.object({
  id: z.string(),
  list: z.string(),
  entryKey: z.string(),
  attempt: z.number(),
  attempts: z.number(),
}) satisfies z.ZodMiniType<ApiWait>;
export const apiWaitsItem = defineStoredItem(WAITS_KEY, z.array(apiWaitSchema), { fallback: [], version: 1 });

export const proxyStatusItem = defineStoredItem('session:proxyStatus', proxyStatusSchema, { fallback: DIRECT_STATUS, version: 1 });

/** An error as the pages show it (the shape of `ErrorAnswer`). */
export const errorAnswerSchema = z.object({ kind: z.string(), message: z.string() }) satisfies z.ZodMiniType<ErrorAnswer>;
export type ListCacheItem<T> = StoredItem<CacheEntries<T>>;

/** Entries kept per list (per request parameters): the oldest fetched go first. */
export const MAX_CACHE_ENTRIES = 8;

function defineListCache<S extends z.ZodMiniType>(name: CachedRequestName, schema: S): ListCacheItem<z.output<S>> {
  type T = z.output<S>;
  // The same schema, typed by its output alone (TypeScript cannot see that S's output is T).
  const data = schema as z.ZodMiniType<T>;
  const entry = z.object({
    data,
    fetchedAt: z.number(),
    keyId: z.string(),
    baseUrl: z.string(),
    failure: z.optional(errorAnswerSchema),
    invalidated: z.optional(z.boolean()),
  });
  const entries: z.ZodMiniType<CacheEntries<T>> = z.record(z.string(), entry);
  return defineStoredItem(CACHE_KEYS[name], entries, {
    fallback: {},
    version: 2,
    json: true,
    // v2 stores the entries as a JSON string (a string already is one: its version mark was lost).
    migrations: { 2: (old) => (old === null || old === undefined || typeof old === 'string' ? old : JSON.stringify(old)) },
  });
}

/**
 * The API schemas parse their own output again to the same value, so they validate the cache too;
 * static IPs are the exception ("ip:port" is split on the way in), so their parsed form is checked by
 * its shape.
 */
const staticIpPageShape = z.looseObject({ list: z.array(z.looseObject({ host: z.optional(z.string()), port: z.optional(z.number()) })) });
const storedStaticIpPage = z.custom<StaticIpPage>((value) => staticIpPageShape.safeParse(value).success);

/** The cached lists, by the request that reads them. */
export const listCacheItems = {
  getAccounts: defineListCache('getAccounts', accountListSchema.shape.list),
  getUsage: defineListCache('getUsage', usageSchema.shape.list),
  getPackages: defineListCache('getPackages', packagePageSchema),
  getPackageSummary: defineListCache('getPackageSummary', packageSummarySchema),
  getCityCountries: defineListCache('getCityCountries', countryListSchema.shape.list),
  getStateCountries: defineListCache('getStateCountries', countryListSchema.shape.list),
  searchStates: defineListCache('searchStates', nameListSchema.shape.list),
  searchCities: defineListCache('searchCities', nameListSchema.shape.list),
  getStaticIps: defineListCache('getStaticIps', storedStaticIpPage),
  getStaticIpStock: defineListCache('getStaticIpStock', staticIpStockSchema.shape.list),
  getOrders: defineListCache('getOrders', orderPageSchema),
  getPaymentGroups: defineListCache('getPaymentGroups', paymentGroupListSchema.shape.list),
  getGiftRatios: defineListCache('getGiftRatios', giftRatioListSchema.shape.list),
  getUserInfo: defineListCache('getUserInfo', userSchema),
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
