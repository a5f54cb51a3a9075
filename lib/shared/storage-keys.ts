/**
 * The storage keys and cache shapes the pages read, without zod: pages only read what the background
 * wrote (validated there), and stay small. `lib/background/storage.ts` defines the items on these keys.
 */

/** The stored items a page follows, by the background request that reads them. */
export const WATCHED_KEYS = {
  getSettings: ['local:settings'],
  getProxyStatus: ['session:proxyStatus', 'local:connection'],
  getKeyStatus: ['local:apiKey', 'session:apiKey'],
} as const;

/**
 * What a page may know of the stored key (a `KeyStatus`, never the key), stored by the background beside
 * the key in the same area (so it goes when a session key goes): a page draws from it at once instead
 * of waiting for a stopped service worker to wake, and the background's answer follows.
 */
export const KEY_STATUS_KEYS = { session: 'session:keyStatus', local: 'local:keyStatus' } as const;

/**
 * Stored values a page may draw from before the background answers (a stopped service worker takes a
 * while to wake): the first of these items that holds an object is shown until the background's answer
 * replaces it. Only the background writes them, after validating them; an item whose shape a later
 * version changes must leave this list until its migration has run.
 */
export const EARLY_KEYS: Partial<Record<keyof typeof WATCHED_KEYS, readonly (`local:${string}` | `session:${string}`)[]>> = {
  getKeyStatus: [KEY_STATUS_KEYS.session, KEY_STATUS_KEYS.local],
  getSettings: ['local:settings'],
};

/** The list caches, by the request that reads them: one storage item per list. */
export const CACHE_KEYS = {
  getAccounts: 'local:cache.accounts',
  getUsage: 'local:cache.usage',
  getPackages: 'local:cache.packages',
  getPackageSummary: 'local:cache.packageSummary',
  getCityCountries: 'local:cache.cityCountries',
  getStateCountries: 'local:cache.stateCountries',
  searchStates: 'local:cache.states',
  searchCities: 'local:cache.cities',
  getStaticIps: 'local:cache.staticIps',
  getStaticIpStock: 'local:cache.staticIpStock',
  getOrders: 'local:cache.orders',
  getPaymentGroups: 'local:cache.paymentGroups',
  getGiftRatios: 'local:cache.giftRatios',
  getUserInfo: 'local:cache.userInfo',
} as const;

/**
 * Things the background wants the user told once, such as "your settings were unreadable and have been
 * reset": a list of `StoredNotice`. A page shows each with `t(notice.messageKey)` and removes the item
 * (`storage.removeItem(NOTICES_KEY)`) once the user has seen them.
 */
export const NOTICES_KEY = 'local:notices';

export interface StoredNotice {
  /** A message of `_locales`, e.g. `notice_settingsReset`. */
  messageKey: string;
  /** When it happened (ms since the epoch). */
  at: number;
}

/**
 * The list fetches that are slow to be answered (past a few seconds), for the pages to say so and offer
 * to stop waiting: a list of `ApiWait`, written by the background only, in session storage.
 */
export const WAITS_KEY = 'session:apiWaits';

export interface ApiWait {
  /** Names the fetch for `stopWaiting`. */
  id: string;
  /** The request of the list, and the entry of its cache the fetch will fill. */
  list: string;
  entryKey: string;
  /** The try in progress (1-based) and how many tries the fetch may make. */
  attempt: number;
  attempts: number;
}

/** An error as the pages show it: a kind to branch on and a sentence. */
export interface ErrorAnswer {
  kind: string;
  message: string;
}

/** One cached answer and where it came from. */
export interface CacheEntry<T> {
  data: T;
  fetchedAt: number;
  /** The key record (its id, never the key) and host the answer was made with. */
  keyId: string;
  baseUrl: string;
  /** Set when the last background refresh failed; the data are then older than they should be. */
  failure?: ErrorAnswer;
  /** A change was made since (an account added, an order closed): answered stale until refetched. */
  invalidated?: boolean;
}

/** A cached list's entries, by `cacheEntryKey(params)`. Stored as a JSON string (`parseStoredJson`). */
export type CacheEntries<T> = Record<string, CacheEntry<T>>;

/** The value of an item stored as a JSON string, or undefined when it is not one. */
export function parseStoredJson(raw: unknown): unknown {
  if (typeof raw !== 'string') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A list's cache entries as a page reads them from storage: only the background writes them, after
 * validating them, so a page checks the outline alone (an object of entries holding data); anything
 * else reads as no entries, and the page then waits for the background.
 */
export function readCacheEntries<T>(raw: unknown): CacheEntries<T> {
  const value = parseStoredJson(raw);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([, entry]) => typeof entry === 'object' && entry !== null && 'data' in entry && typeof (entry as { fetchedAt?: unknown }).fetchedAt === 'number',
  );
  // The background validated the data against the list's schema before storing them.
  return Object.fromEntries(entries) as CacheEntries<T>;
}

/**
 * The entry of a list's cache that answers `params`: their JSON with sorted names, without `refresh`,
 * `known` and unset fields. The background computes it from validated params and tells the page in its answer.
 */
export function cacheEntryKey(params: object): string {
  const fields = Object.entries(params).filter(([name, value]) => name !== 'refresh' && name !== 'known' && value !== undefined);
  return JSON.stringify(Object.fromEntries(fields.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}
