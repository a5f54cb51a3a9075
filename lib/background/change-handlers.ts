/**
 * The handlers of the changes (lib/background/changes.ts). A change runs with the stored key, and then
 * the lists it makes out of date are marked and refetched, also when it failed: the provider may have
 * applied it before its answer was lost (cut off, timed out, a 5xx from a proxy in front), so the lists
 * are refetched rather than trusted; only input the client refused before sending anything leaves them
 * alone. The page still gets the error. When the answer was lost (no answer in time, or an unreadable
 * one), the lists are read again before the page is answered, so that it shows the provider's real
 * state beside "it may have been applied".
 */
import type { ApiClient } from './api/client.ts';
import { isApiError } from './api/api-error.ts';
import { listsRefreshedBy, type CachedRequestName } from './cached-requests.ts';
import { CHANGES, type ChangeName } from './changes.ts';
import { ChangeMaybeAppliedError } from './error-answers.ts';
import type { ApiKeyRecord } from './keys.ts';
import { mapRows } from './map-rows.ts';
import { createPendingWork } from './pending-work.ts';
import type { Handlers, RequestParams, Responses } from './requests.ts';

export interface ChangeHandlerOptions {
  /** The stored key's record; throws when there is none. */
  requireKey(): Promise<ApiKeyRecord>;
  /** Runs one client call with that record's key and host. */
  withApi<T>(record: ApiKeyRecord, call: (api: ApiClient) => Promise<T>): Promise<T>;
  /** Marks a list out of date and refetches it; `refetched` resolves true when all of it was read again. */
  invalidate(list: CachedRequestName, record: ApiKeyRecord): Promise<{ refetched: Promise<boolean> }>;
  /** After a change whose answer was lost, when its lists are read once more. */
  recheckAfterMs: number;
}

/**
 * A change that failed in one of these ways may still have been applied by the provider: no answer came
 * in time, or the answer came but could not be read (cut off, say).
 */
const MAYBE_APPLIED = new Set(['timeout', 'malformed']);

export function createChangeHandlers({ requireKey, withApi, invalidate, recheckAfterMs }: ChangeHandlerOptions) {
  const rechecks = createPendingWork('recheck');

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

  return {
    // mapRows loses the per-name types; each handler is typed by its name's params and answer.
    handlers: mapRows(CHANGES, (_row, name) => changeHandler(name as ChangeName)) as Pick<Handlers, ChangeName>,
    /** Resolves when no recheck is waiting (tests). */
    idle: rechecks.idle,
  };
}
