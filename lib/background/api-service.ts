/**
 * The API service: the background's answers to every request of lib/background/requests.ts except the proxy
 * ones. It holds the app_key (lib/background/keys.ts), checks it before storing it, sends it only to
 * the host it was checked against, and serves the lists from the cache (lib/background/cache.ts).
 *
 * The API host: `settings.apiBaseUrl` is the host the user has confirmed. The options page changes
 * it with `updateSettings({ apiBaseUrl })` only after the user has agreed that the key will be sent
 * there, and only https or loopback http is accepted. `setKey` checks the key against that host (its
 * `baseUrl`, when given, must be the same one) and binds the key to it: every client is created with
 * the key record's host, so a later change of the setting never sends the stored key elsewhere.
 */
import { storage } from 'wxt/utils/storage';
import { createApiClient, type ApiClient, type ApiClientOptions } from './api/client.ts';
import { isApiError } from './api/api-error.ts';
import { parseRequest } from './message-listener.ts';
import type { ApiHandlers, Cached, CachedAnswer, CachedData, CachedRequestName, Handlers, KeyStatus, RequestParams, Responses } from './requests.ts';
import { cacheEntryKey } from '../shared/storage-keys.ts';
import { listCacheItems, newKeyRecordId, settingsItem, type ApiKeyRecord, type Settings, type SettingsPatch } from './storage.ts';
import { createListCache, type CacheOwner, type ListRequest } from './cache.ts';
import { ChangeMaybeAppliedError, KeyNotSavedError, ServiceError, toErrorAnswer } from './error-answers.ts';
import { isAllowedApiBaseUrl, normalizeApiBaseUrl } from './host.ts';
import { eraseKey, keepKeyStatusInStep, keyStatus, readKey, saveKey } from './keys.ts';
import { recordStorageResets } from './notices.ts';
import { CACHED_LISTS, MUTATIONS, type ListParams, type MutationName } from './lists.ts';
import { createWaitBoard, type FetchProgress } from './waits.ts';
import { createPendingWork } from './pending-work.ts';

export interface ApiServiceOptions {
  /** Client settings (timeout, retries, fetch); the key and host always come from the key record. */
  client?: Omit<ApiClientOptions, 'appKey' | 'baseUrl'>;
  /** The clock of the cache's freshness times. */
  now?: () => number;
  /** Called by "Forget key" once the key and its answers are erased, for what else was loaded with it. */
  onKeyForgotten?: () => Promise<void>;
  /** How long a list fetch runs before the pages say that 911Proxy is slow to answer; default 3 s. */
  slowAfterMs?: number;
  /**
   * After a change whose answer was lost, when its lists are read once more, in case the provider
   * carried it out later still; default 25 s (within the 30 s a worker stays up after its last event).
   */
  recheckAfterMs?: number;
}

/**
 * A change that failed in one of these ways may still have been applied by the provider: no answer came
 * in time, or the answer came but could not be read (cut off, say).
 */
const MAYBE_APPLIED = new Set(['timeout', 'malformed']);

/** Creates the API service; `handlers` go to `handleMessages` beside the proxy service's. */
export function createApiService(options: ApiServiceOptions = {}) {
  // Unreadable settings, key or connection are reset to defaults (lib/background/storage.ts); the pages say so.
  recordStorageResets();
  keepKeyStatusInStep();
  const now = options.now ?? Date.now;
  /** The only way a client is made: always with a key and the host that key is bound to. */
  const clientFor = ({ key, baseUrl }: Pick<ApiKeyRecord, 'key' | 'baseUrl'>, progress?: FetchProgress): ApiClient =>
    createApiClient({ ...options.client, appKey: key, baseUrl, ...(progress && { signal: progress.signal, onAttempt: progress.onAttempt }) });
  const ownerOf = (record: ApiKeyRecord): CacheOwner => ({ keyId: record.id, baseUrl: record.baseUrl });

  const waits = createWaitBoard({ slowAfterMs: options.slowAfterMs ?? 3_000 });
  const rechecks = createPendingWork('recheck');
  const recheckAfterMs = options.recheckAfterMs ?? 25_000;
  const cache = createListCache({
    items: Object.values(listCacheItems),
    waits,
    now,
    describe: toErrorAnswer,
    isCurrent: async (owner) => {
      const stored = await readKey();
      return stored !== null && stored.record.id === owner.keyId && stored.record.baseUrl === owner.baseUrl;
    },
  });
  // Answers cached under a session key outlive it in local storage when the browser closes: drop them.
  const started = cache.dropOrphans();
  /** Settings patches are applied one at a time, so that two quick changes both land. */
  let settingsQueue: Promise<unknown> = Promise.resolve();

  async function requireKey(): Promise<ApiKeyRecord> {
    const stored = await readKey();
    if (!stored) throw new ServiceError('no-key', 'error_noKey');
    return stored.record;
  }

  /** One API call with the stored key; a 156 answer flags the key, so the pages can say why changes fail. */
  async function withApi<T>(record: ApiKeyRecord, call: (api: ApiClient) => Promise<T>, progress?: FetchProgress): Promise<T> {
    try {
      return await call(clientFor(record, progress));
    } catch (error) {
      if (isApiError(error) && error.kind === 'unverified' && !record.unverified) await flagUnverified(record.id);
      throw error;
    }
  }

  async function flagUnverified(keyId: string): Promise<void> {
    const stored = await readKey();
    if (stored?.record.id === keyId) await saveKey({ ...stored, record: { ...stored.record, unverified: true } });
  }

  function listRequest<K extends CachedRequestName>(name: K, record: ApiKeyRecord, params: ListParams<K>): ListRequest<CachedData<K>> {
    const list = CACHED_LISTS[name];
    return {
      item: list.item,
      entryKey: cacheEntryKey(params),
      owner: ownerOf(record),
      maxAgeMs: list.maxAgeMs,
      load: (progress) => withApi(record, (api) => list.load(api, params), progress),
    };
  }

  /** A cached list's answer with its data, for the background's own use. */
  async function readList<K extends CachedRequestName>(name: K, params: ListParams<K>, { refresh = false } = {}): Promise<Cached<CachedData<K>>> {
    const record = await requireKey();
    const answer = await cache.get(listRequest(name, record, params), { force: refresh });
    // The key was replaced or forgotten meanwhile: no page may be shown the old account's data.
    if ((await readKey())?.record.id !== record.id) return readList(name, params, { refresh });
    return answer;
  }

  function cachedHandler<K extends CachedRequestName>(name: K) {
    return async ({ refresh, known, ...params }: RequestParams<K>): Promise<CachedAnswer<CachedData<K>>> => {
      // The rest of a generic parameter type is not known to equal ListParams<K>, though it is.
      const answer = await readList(name, params as ListParams<K>, { refresh: refresh === true });
      if (known !== answer.fetchedAt) return answer;
      const { data: _shown, ...unchanged } = answer;
      return { ...unchanged, unchanged: true };
    };
  }

  /**
   * Runs the change, then marks the lists it affects out of date and refetches them in the background.
   * Also when the change failed: the provider may have applied it before its answer was lost (cut off,
   * timed out, a 5xx from a proxy in front), so the lists are refetched rather than trusted; only input
   * the client refused before sending anything leaves them alone. The page still gets the error. When
   * the answer was lost (no answer in time, or an unreadable one), the lists are read again before the
   * page is answered, so that it shows the provider's real state beside "it may have been applied".
   */
  function mutationHandler<K extends MutationName>(name: K) {
    const { run, affects } = MUTATIONS[name];
    return async (params: RequestParams<K>) => {
      const record = await requireKey();
      const refetch = () => Promise.all(affects.map((list) => invalidate(list, record)));
      let result: Responses[K];
      try {
        result = await withApi(record, (api) => run(api, params));
      } catch (error) {
        if (isApiError(error) && error.kind === 'invalid-input') throw error;
        const marked = await refetch();
        if (isApiError(error) && MAYBE_APPLIED.has(error.kind) && affects.length > 0) {
          const reread = await Promise.all(marked.map(({ refetched }) => refetched));
          // A provider may still carry the change out after the client gave up: look once more.
          rechecks.run(new Promise((resolve) => setTimeout(resolve, recheckAfterMs)).then(refetch));
          throw new ChangeMaybeAppliedError(error, reread.every(Boolean));
        }
        throw error;
      }
      await refetch();
      return result;
    };
  }

  /** Marks a list out of date and refetches each of its entries, rebuilding their parameters from the entry key. */
  function invalidate<K extends CachedRequestName>(name: K, record: ApiKeyRecord): Promise<{ refetched: Promise<boolean> }> {
    const requestFor = (entryKey: string) => listRequest(name, record, parseRequest(name, JSON.parse(entryKey)));
    return cache.invalidate(CACHED_LISTS[name].item, ownerOf(record), requestFor);
  }

  /**
   * One handler per name of a table. The cast restores the per-name types that Object.keys drops;
   * `make(name)` is typed by that name's params and answer, which are the Handlers entry's.
   */
  function handlersFor<N extends keyof Handlers>(table: Record<N, unknown>, make: (name: N) => unknown) {
    return Object.fromEntries(Object.keys(table).map((name) => [name, make(name as N)])) as Pick<Handlers, N>;
  }

  const handlers: ApiHandlers = {
    async getKeyStatus(): Promise<KeyStatus> {
      return keyStatus(await readKey());
    },

    /**
     * Checks the key with a real call (the account list) against the confirmed host, then stores it.
     * Refused (code 3) or unreachable: nothing is stored. Not verified (156): stored and flagged.
     */
    async setKey({ key, remember, baseUrl }): Promise<KeyStatus> {
      const confirmed = (await settingsItem.getValue()).apiBaseUrl;
      const host = normalizeApiBaseUrl(baseUrl ?? confirmed);
      if (host !== normalizeApiBaseUrl(confirmed)) throw new ServiceError('host-not-confirmed', 'key_hostNotConfirmed', [host]);
      // The setting was checked when it was saved; checked again since the key is about to travel.
      if (!isAllowedApiBaseUrl(host)) throw new ServiceError('host-not-allowed', 'settings_hostNotAllowed');
      let unverified = false;
      try {
        await clientFor({ key, baseUrl: host }).listAccounts();
      } catch (error) {
        if (!isApiError(error)) throw error;
        if (error.kind !== 'unverified') throw new KeyNotSavedError(error);
        unverified = true;
      }
      const stored = { record: { id: newKeyRecordId(), key, baseUrl: host, unverified, checkedAt: now() }, remembered: remember };
      await saveKey(stored);
      await cache.clear();
      return keyStatus(stored);
    },

    /** Erases the key from both storage areas, every answer cached with it, and then what `onKeyForgotten` holds. */
    async forgetKey(): Promise<KeyStatus> {
      await eraseKey();
      await cache.clear();
      await options.onKeyForgotten?.();
      return keyStatus(null);
    },

    async getSettings(): Promise<Settings> {
      const settings = await settingsItem.getValue();
      // Defaults are written out once, so that pages can draw from the stored settings before a stopped
      // worker wakes (EARLY_KEYS in lib/shared/storage-keys.ts): in the patches' queue, and only while nothing
      // is stored still, so that a patch made meanwhile is never overwritten.
      if ((await storage.getItem(settingsItem.key)) === null) {
        settingsQueue = settingsQueue.then(async () => {
          if ((await storage.getItem(settingsItem.key)) === null) await settingsItem.setValue(settingsItem.fallback);
        }).catch(() => undefined);
        await settingsQueue;
      }
      return settings;
    },

    updateSettings(patch: SettingsPatch): Promise<Settings> {
      const { apiBaseUrl } = patch;
      if (apiBaseUrl !== undefined && !isAllowedApiBaseUrl(apiBaseUrl)) return Promise.reject(new ServiceError('host-not-allowed', 'settings_hostNotAllowed'));
      const update = settingsQueue.then(async () => {
        const next = { ...(await settingsItem.getValue()), ...patch, ...(apiBaseUrl !== undefined && { apiBaseUrl: normalizeApiBaseUrl(apiBaseUrl) }) };
        await settingsItem.setValue(next);
        return next;
      });
      settingsQueue = update.catch(() => undefined);
      return update;
    },

    /** Aborts a slow list fetch; the pages waiting for it get a `stopped-waiting` error. */
    async stopWaiting({ id }): Promise<void> {
      waits.stop(id);
    },

    ...handlersFor(CACHED_LISTS, cachedHandler),
    ...handlersFor(MUTATIONS, mutationHandler),
  };

  return {
    handlers,
    readList,
    /** Resolves when the start-up clean-up and every background refresh are done (tests). */
    async idle(): Promise<void> {
      await started;
      await rechecks.idle();
      await cache.idle();
      await waits.idle();
    },
  };
}

export type ApiService = ReturnType<typeof createApiService>;
