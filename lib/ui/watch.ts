/**
 * What a page shows of a stored item or a cached list, kept current: the framework-free half of the
 * hooks in hooks.ts (testable without a DOM).
 */
import { storage } from 'wxt/utils/storage';
import { asErrorAnswer, sendToBackground, type CachedData, type CachedRequestName, type ErrorAnswer, type RequestInput, type Responses } from '../messaging.ts';
import { CACHE_KEYS, WATCHED_KEYS, type CacheEntries, type CacheEntry } from '../storage-keys.ts';

/** The requests whose answer follows stored items: settings, proxy status, key status. */
export type WatchedRequestName = keyof typeof WATCHED_KEYS;

/** A background value as a page shows it. */
export interface BackgroundValueState<T> {
  /** Undefined until the first answer. */
  value?: T;
  error?: ErrorAnswer;
}

export interface Watch {
  /** Asks again now. */
  reload(): void;
  stop(): void;
}

/**
 * Asks the background for a value (it validates what it stored), and asks again whenever one of the
 * stored items behind it changes. Only the latest answer is shown.
 */
export function watchBackgroundValue<K extends WatchedRequestName>(
  name: K,
  onState: (state: BackgroundValueState<Responses[K]>) => void,
  send: typeof sendToBackground = sendToBackground,
): Watch {
  let stopped = false;
  let asked = 0;
  const ask = () => {
    const attempt = ++asked;
    const current = () => !stopped && attempt === asked;
    // Every watched request takes no input.
    send(name, {} as RequestInput<K>).then(
      (value) => current() && onState({ value }),
      (error: unknown) => current() && onState({ error: asErrorAnswer(error) }),
    );
  };
  const unwatchers = WATCHED_KEYS[name].map((key) => storage.watch(key, ask));
  ask();
  return {
    reload: ask,
    stop() {
      stopped = true;
      for (const unwatch of unwatchers) unwatch();
    },
  };
}

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

/** `reload` asks past the freshness time (the user pressed reload). */
export type CachedListWatch = Watch;

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
  let state: CachedListState<T> = { refreshing: true };
  let stopped = false;
  /** The answer's entry in the list's cache item, where refreshes land; known once answered. */
  let entryKey: string | undefined;
  /** The entries as last seen in storage: a refresh may land before the answer that announced it. */
  let seen: CacheEntries<T> = {};

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

  const unwatch = storage.watch<CacheEntries<T>>(CACHE_KEYS[name], (entries) => {
    seen = entries ?? {};
    if (entryKey === undefined) return;
    const entry = seen[entryKey];
    // No entry any more: the key was forgotten or replaced, so its data must go too.
    emit(entry ? fromEntry(entry) : { refreshing: false });
  });

  function ask(refresh: boolean) {
    emit({ ...state, refreshing: true });
    send(name, refresh ? { ...input, refresh } : input).then(
      (answer) => {
        entryKey = answer.entryKey;
        const entry = seen[entryKey];
        if (entry && entry.fetchedAt > answer.fetchedAt) emit(fromEntry(entry));
        else emit({ data: answer.data, fetchedAt: answer.fetchedAt, refreshing: answer.stale });
      },
      (error: unknown) => emit({ ...state, refreshing: false, error: asErrorAnswer(error) }),
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
