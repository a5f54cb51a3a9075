/**
 * The names of everything the extension stores, and the cache shapes the pages read, without zod: pages
 * only read what the background wrote (validated there), and stay small. Each item is defined (schema,
 * version, migrations) by the background module that owns it, on a key of this registry.
 */

/**
 * Every stored item's `area:name` key but the caches', which follow `cacheKeyOf`. A key names data
 * already on users' devices: renaming one loses them unless a migration carries them over.
 */
export const STORAGE_KEYS = {
  /** The app_key record (lib/background/keys.ts): remembered on this device, or until the browser closes. */
  apiKey: 'local:apiKey',
  sessionApiKey: 'session:apiKey',
  /**
   * What a page may know of the stored key (a `KeyStatus`, never the key), stored beside the key in the
   * same area (so it goes when a session key goes): a page draws from it at once instead of waiting for
   * a stopped service worker to wake, and the background's answer follows.
   */
  keyStatus: 'local:keyStatus',
  sessionKeyStatus: 'session:keyStatus',
  /** lib/background/settings.ts */
  settings: 'local:settings',
  /** The proxies the user typed in (lib/background/proxy/custom-endpoints.ts). */
  customEndpoints: 'local:customEndpoints',
  /** The endpoint in use and the last one (lib/background/proxy/connection.ts). */
  connection: 'local:connection',
  /** The rules "site pattern → exit", in order (lib/background/proxy/routes.ts). */
  routes: 'local:routes',
  /** Firefox: the exit given to each container, by its `cookieStoreId` (lib/background/proxy/context-exits.ts). */
  containerExits: 'local:containerExits',
  /** Firefox: the exits given to single tabs ("only this tab"); tab ids last one browser session. */
  tabExits: 'session:tabExits',
  /** Connected, failed or direct; made again from the connection whenever the background starts. */
  proxyStatus: 'session:proxyStatus',
  /** What the exit check found through each exit in use (lib/background/proxy/exit-checks.ts). */
  exitChecks: 'session:exitChecks',
  /** The running-out warnings already notified (lib/background/warnings.ts). */
  notifiedWarnings: 'local:warnings.notified',
  /** What the pages should tell the user once, by message key (lib/background/notices.ts). */
  notices: 'local:notices',
  /** The list fetches slow to be answered, for the pages' "slow" notice (lib/background/waits.ts). */
  apiWaits: 'session:apiWaits',
  /**
   * The account list's first screen (`FirstScreen`), written and removed with `local:cache.accounts`
   * (lib/background/cached-requests.ts): what the popup draws before it reads the whole list.
   */
  accountsFirstScreen: 'local:cache.accounts.firstScreen',
} as const;

export type StorageKey = (typeof STORAGE_KEYS)[keyof typeof STORAGE_KEYS];

/** Items earlier versions stored and this one no longer reads: removed as the background starts. */
export const RETIRED_KEYS = ['local:cache.stateCountries'] as const;

type WithoutVerb<N extends string> = N extends `get${infer Rest}` ? Rest : N extends `search${infer Rest}` ? Rest : N;
/** The key of a cached request's item: `getAccounts` → `local:cache.accounts`, `searchStates` → `local:cache.states`. */
export type CacheKey<N extends string> = `local:cache.${Uncapitalize<WithoutVerb<N>>}`;

/** Where a cached request's answers are stored: the request name without its verb (get, search), lower-cased first. */
export function cacheKeyOf<N extends string>(name: N): CacheKey<N> {
  const noun = name.replace(/^(get|search)(?=[A-Z])/, '');
  return `local:cache.${noun.charAt(0).toLowerCase()}${noun.slice(1)}` as CacheKey<N>;
}

/** The stored items a page follows, by the background request that reads them. */
export const WATCHED_KEYS = {
  getSettings: [STORAGE_KEYS.settings],
  getProxyStatus: [STORAGE_KEYS.proxyStatus, STORAGE_KEYS.connection],
  getKeyStatus: [STORAGE_KEYS.apiKey, STORAGE_KEYS.sessionApiKey],
  getNotices: [STORAGE_KEYS.notices],
  getCustomEndpoints: [STORAGE_KEYS.customEndpoints],
  getRoutes: [STORAGE_KEYS.routes],
  getContainers: [STORAGE_KEYS.containerExits],
} as const;

/**
 * Stored values a page may draw from before the background answers (a stopped service worker takes a
 * while to wake): the first of these items that holds an object is shown until the background's answer
 * replaces it. Only the background writes them, after validating them; an item whose shape a later
 * version changes must leave this list until its migration has run.
 */
export const EARLY_KEYS: Partial<Record<keyof typeof WATCHED_KEYS, readonly StorageKey[]>> = {
  getKeyStatus: [STORAGE_KEYS.sessionKeyStatus, STORAGE_KEYS.keyStatus],
  getSettings: [STORAGE_KEYS.settings],
  getNotices: [STORAGE_KEYS.notices],
  // The status the badge shows too; the background's answer then checks it against the browser's setting.
  getProxyStatus: [STORAGE_KEYS.proxyStatus],
};

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

/**
 * The first screen of a cached list's entry for no parameters: that entry as it is stored but with only
 * its first rows (`FIRST_SCREEN_ROWS`) in the list's default order, and what the page needs of the
 * rest before it reads it.
 */
export interface FirstScreen<T> extends CacheEntry<T> {
  /** The entry summarized: `cacheEntryKey({})`. */
  entryKey: string;
  /** How many rows the whole entry holds. */
  total: number;
  /** The product types present in the whole entry (the product filter's choices), ascending. */
  productTypes: number[];
}

/**
 * Rows in a first screen: as many as the popup's list draws at its top at the tallest a popup gets
 * (600 px of 64 px rows, rounded up, and the rows it renders beyond the edge), so that the whole list
 * replacing it changes none of the rows drawn.
 */
export const FIRST_SCREEN_ROWS = 14;

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
  const entries = Object.entries(value as Record<string, unknown>).filter(([, entry]) => hasEntryOutline(entry));
  // The background validated the data against the list's schema before storing them.
  return Object.fromEntries(entries) as CacheEntries<T>;
}

/** A cached answer's outline, as a page checks what the background stored: an object holding data and when they were fetched. */
export function hasEntryOutline(value: unknown): value is { data: unknown; fetchedAt: number } {
  return typeof value === 'object' && value !== null && 'data' in value && typeof (value as { fetchedAt?: unknown }).fetchedAt === 'number';
}

/**
 * The entry of a list's cache that answers `params`: their JSON with sorted names, without `refresh`,
 * `known` and unset fields. The background computes it from validated params and tells the page in its answer.
 */
export function cacheEntryKey(params: object): string {
  const fields = Object.entries(params).filter(([name, value]) => name !== 'refresh' && name !== 'known' && value !== undefined);
  return JSON.stringify(Object.fromEntries(fields.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}
