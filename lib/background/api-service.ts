/**
 * The API service: the background's answers to every request of lib/background/requests.ts except the
 * proxy ones. It serves the cached lists (lib/background/cached-requests.ts, through the cache of
 * lib/background/cache.ts) and carries out the changes (lib/background/changes.ts), always with the
 * stored key and the host it was checked against; the key's own requests, the settings' and the
 * notices' are answered by their modules, composed here.
 */
import { createApiClient, type ApiClient, type ApiClientOptions } from './api/client.ts';
import { isApiError } from './api/api-error.ts';
import { parseRequest } from './message-listener.ts';
import type { ApiHandlers, Cached, CachedAnswer, Handlers, RequestParams, Responses } from './requests.ts';
import { cacheEntryKey } from '../shared/storage-keys.ts';
import { CACHED_REQUESTS, cachedRequestItems, listsRefreshedBy, type CachedData, type CachedRequestName } from './cached-requests.ts';
import { CHANGES, type ChangeName } from './changes.ts';
import { createListCache, type CacheOwner, type ListRequest } from './cache.ts';
import { ChangeMaybeAppliedError, ServiceError, toErrorAnswer } from './error-answers.ts';
import { createKeyHandlers } from './key-handlers.ts';
import { readKey, saveKey, type ApiKeyRecord } from './keys.ts';
import { noticeHandlers, recordStorageResets } from './notices.ts';
import { createSettingsHandlers } from './settings-handlers.ts';
import { removeRetiredItems } from './stored-item.ts';
import { createWaitBoard, type FetchProgress } from './waits.ts';
import { createPendingWork } from './pending-work.ts';
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

/**
 * A change that failed in one of these ways may still have been applied by the provider: no answer came
 * in time, or the answer came but could not be read (cut off, say).
 */
const MAYBE_APPLIED = new Set(['timeout', 'malformed']);

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
  const rechecks = createPendingWork('recheck');
  const recheckAfterMs = options.recheckAfterMs ?? 25_000;
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

  /**
   * Runs the change, then marks the lists it affects out of date and refetches them in the background.
   * Also when the change failed: the provider may have applied it before its answer was lost (cut off,
   * timed out, a 5xx from a proxy in front), so the lists are refetched rather than trusted; only input
   * the client refused before sending anything leaves them alone. The page still gets the error. When
   * the answer was lost (no answer in time, or an unreadable one), the lists are read again before the
   * page is answered, so that it shows the provider's real state beside "it may have been applied".
   */
  function changeHandler<K extends ChangeName>(name: K) {
    const run = CHANGES[name].run as (api: ApiClient, params: RequestParams<K>) => Promise<Responses[K]>;
    const affects = listsRefreshedBy(name);
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
    return cache.invalidate(cachedRequestItems[name], ownerOf(record), requestFor);
  }

  /**
   * One handler per name of a table. The cast restores the per-name types that Object.keys drops;
   * `make(name)` is typed by that name's params and answer, which are the Handlers entry's.
   */
  function handlersFor<N extends keyof Handlers>(table: Record<N, unknown>, make: (name: N) => unknown) {
    return mapRows(table, (_row, name) => make(name as N)) as Pick<Handlers, N>;
  }

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

    ...handlersFor(CACHED_REQUESTS, cachedHandler),
    ...handlersFor(CHANGES, changeHandler),
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
