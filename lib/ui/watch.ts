/**
 * What a page shows of a stored item or a cached list, kept current: the framework-free half of the
 * hooks in hooks.ts (testable without a DOM).
 */
import { browser } from 'wxt/browser';
import { BackgroundError, requestSchemas, sendToBackground, type CachedData, type CachedRequestName, type ErrorAnswer, type RequestInput } from '../messaging.ts';
import { cacheEntryKey, listCacheItems, type CacheEntry, type ListCacheItem, type StoredItem } from '../storage.ts';

/** Calls `onValue` with the item's value, then with each change; returns the function that stops. */
export function watchStoredValue<T>(item: StoredItem<T>, onValue: (value: T) => void): () => void {
  let stopped = false;
  let changed = false;
  const unwatch = item.watch((value) => {
    changed = true;
    onValue(value);
  });
  void item.getValue().then((value) => {
    // A change seen meanwhile is newer than this read.
    if (!stopped && !changed) onValue(value);
  });
  return () => {
    stopped = true;
    unwatch();
  };
}

/** The cache items by request; the annotation checks each item against its answer's type. */
const cacheItems: { [K in CachedRequestName]: ListCacheItem<CachedData<K>> } = listCacheItems;

/** A cached list as a page shows it. */
export interface CachedListState<T> {
  /** Cached or fresh; undefined until the first answer (or after the key was forgotten). */
  data?: T;
  /** When `data` was fetched (ms since the epoch). */
  fetchedAt?: number;
  /** Fresh data are on their way: a cold fetch, a stale answer's refresh, a reload. */
  refreshing: boolean;
  /** The request failed, or the last refresh did (the old data stay). */
  error?: ErrorAnswer;
}

export interface CachedListWatch {
  /** Asks again, past the freshness time (the user pressed reload). */
  reload(): void;
  stop(): void;
}

/**
 * Asks the background for a cached list and follows its cache entry in storage, where refreshes land.
 * `send` is the page's `sendToBackground` (replaceable in tests).
 */
export function watchCachedList<K extends CachedRequestName>(
  name: K,
  input: RequestInput<K>,
  onState: (state: CachedListState<CachedData<K>>) => void,
  send: typeof sendToBackground = sendToBackground,
): CachedListWatch {
  type T = CachedData<K>;
  const item = cacheItems[name];
  const params = requestSchemas[name].safeParse(input);
  // Malformed input has no entry; the background's answer will say what is wrong.
  const entryKey = params.success ? cacheEntryKey(params.data) : undefined;
  let state: CachedListState<T> = { refreshing: true };
  let stopped = false;
  let answered = false;
  /** The entry as last seen in storage: it may land before the answer that announced it. */
  let seen: CacheEntry<T> | undefined;

  const emit = (next: CachedListState<T>) => {
    state = next;
    if (!stopped) onState(state);
  };
  const fromEntry = (entry: CacheEntry<T>): CachedListState<T> => ({
    data: entry.data,
    fetchedAt: entry.fetchedAt,
    refreshing: entry.invalidated === true && !entry.failure,
    ...(entry.failure && { error: entry.failure }),
  });

  const unwatch = item.watch((entries) => {
    if (entryKey === undefined) return;
    seen = entries[entryKey];
    if (!answered) return;
    // No entry any more: the key was forgotten or replaced, so its data must go too.
    emit(seen ? fromEntry(seen) : { refreshing: false });
  });

  function ask(refresh: boolean) {
    emit({ ...state, refreshing: true });
    send(name, refresh ? { ...input, refresh } : input).then(
      (answer) => {
        answered = true;
        if (seen && seen.fetchedAt > answer.fetchedAt) emit(fromEntry(seen));
        else emit({ data: answer.data, fetchedAt: answer.fetchedAt, refreshing: answer.stale });
      },
      (error: unknown) => {
        const { kind, message } = error instanceof BackgroundError ? error : { kind: 'no-answer', message: browser.i18n.getMessage('error_noAnswer') };
        emit({ ...state, refreshing: false, error: { kind, message } });
      },
    );
  }

  ask(false);
  return {
    reload: () => ask(true),
    stop() {
      stopped = true;
      unwatch();
    },
  };
}
