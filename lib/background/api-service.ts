/**
 * The API service: the background's answers to every request of lib/background/requests.ts except the
 * proxy ones. It serves the cached lists (lib/background/cached-requests.ts, through the cache of
 * lib/background/cache.ts), always with the stored key and the host it was checked against; the
 * changes, the key's own requests, the settings' and the notices' are answered by their own modules,
 * composed here.
 */
import { createApiClient, type ApiClient, type ApiClientOptions } from './api/client.ts';
import { isApiError } from './api/api-error.ts';
import { parseRequest } from './message-listener.ts';
import type { ApiHandlers, Cached, CachedAnswer, Handlers, RequestParams } from './requests.ts';
import { cacheEntryKey } from '../shared/storage-keys.ts';
import { CACHED_REQUESTS, cachedRequestItems, type CachedData, type CachedRequestName } from './cached-requests.ts';
import { createChangeHandlers } from './change-handlers.ts';
import { createListCache, type CacheOwner, type ListRequest } from './cache.ts';
import { ServiceError, toErrorAnswer } from './error-answers.ts';
import { createKeyHandlers } from './key-handlers.ts';
import { readKey, saveKey, type ApiKeyRecord } from './keys.ts';
import { noticeHandlers, recordStorageResets } from './notices.ts';
import { createSettingsHandlers } from './settings-handlers.ts';
import { removeRetiredItems } from './stored-item.ts';
import { createWaitBoard, type FetchProgress } from './waits.ts';
import { mapRows } from './map-rows.ts';

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

/** A cached request's parameters without `refresh` and `known`, which only say how to answer. */
type ListParams<K extends CachedRequestName> = Omit<RequestParams<K>, 'refresh' | 'known'>;

/** Creates the API service; `handlers` go to `handleMessages` beside the proxy service's. */
export function createApiService(options: ApiServiceOptions = {}) {
  // Unreadable items the user cares about are reset to defaults (lib/background/stored-item.ts); the pages say so.
  recordStorageResets();
  const now = options.now ?? Date.now;
  /** The only way a client is made: always with a key and the host that key is bound to. */
  const clientFor = ({ key, baseUrl }: Pick<ApiKeyRecord, 'key' | 'baseUrl'>, progress?: FetchProgress): ApiClient =>
    createApiClient({ ...options.client, appKey: key, baseUrl, ...(progress && { signal: progress.signal, onAttempt: progress.onAttempt }) });
  const ownerOf = (record: ApiKeyRecord): CacheOwner => ({ keyId: record.id, baseUrl: record.baseUrl });

  const waits = createWaitBoard({ slowAfterMs: options.slowAfterMs ?? 3_000 });
  const cache = createListCache({
    items: Object.values(cachedRequestItems),
    waits,
    now,
    describe: toErrorAnswer,
    isCurrent: async (owner) => {
      const stored = await readKey();
      return stored !== null && stored.record.id === owner.keyId && stored.record.baseUrl === owner.baseUrl;
    },
  });
  // Answers cached under a session key outlive it in local storage when the browser closes: drop them,
  // and what earlier versions cached that this one no longer reads.
  const started = Promise.all([cache.dropOrphans(), removeRetiredItems()]);

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
    const list = CACHED_REQUESTS[name];
    return {
      item: cachedRequestItems[name],
      entryKey: cacheEntryKey(params),
      owner: ownerOf(record),
      maxAgeMs: list.maxAgeMs,
      // The row of a generic name is not known to take ListParams<K> and give CachedData<K>, though it does.
      load: (progress) => withApi(record, (api) => (list.load as (api: ApiClient, params: ListParams<K>) => Promise<CachedData<K>>)(api, params), progress),
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

  /** Marks a list out of date and refetches each of its entries, rebuilding their parameters from the entry key. */
  function invalidate<K extends CachedRequestName>(name: K, record: ApiKeyRecord): Promise<{ refetched: Promise<boolean> }> {
    const requestFor = (entryKey: string) => listRequest(name, record, parseRequest(name, JSON.parse(entryKey)));
    return cache.invalidate(cachedRequestItems[name], ownerOf(record), requestFor);
  }

  const changes = createChangeHandlers({ requireKey, withApi, invalidate, recheckAfterMs: options.recheckAfterMs ?? 25_000 });

  const handlers: ApiHandlers = {
    ...createKeyHandlers({
      checkKey: (key, baseUrl) => clientFor({ key, baseUrl }).listAccounts(),
      clearAnswers: () => cache.clear(),
      now,
      onKeyForgotten: options.onKeyForgotten,
    }),
    ...createSettingsHandlers(),
    ...noticeHandlers,

    /** Aborts a slow list fetch; the pages waiting for it get a `stopped-waiting` error. */
    async stopWaiting({ id }): Promise<void> {
      waits.stop(id);
    },

    // mapRows loses the per-name types; each handler is typed by its name's params and answer.
    ...(mapRows(CACHED_REQUESTS, (_row, name) => cachedHandler(name as CachedRequestName)) as Pick<Handlers, CachedRequestName>),
    ...changes.handlers,
  };

  return {
    handlers,
    readList,
    /** Resolves when the start-up clean-up and every background refresh are done (tests). */
    async idle(): Promise<void> {
      await started;
      await changes.idle();
      await cache.idle();
      await waits.idle();
    },
  };
}

export type ApiService = ReturnType<typeof createApiService>;
