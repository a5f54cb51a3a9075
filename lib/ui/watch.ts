/**
 * What a page shows of a stored item or a cached list, kept current: the framework-free half of the
 * hooks in hooks.ts (testable without a DOM).
 */
import { t } from '../shared/i18n.ts';
import { asErrorAnswer, sendToBackground } from './send-to-background.ts';
import type { CachedAnswer, CachedData, CachedRequestName, RequestInput, Responses } from '../background/requests.ts';
import type { ApiWait } from '../background/waits.ts';
import {
  cacheEntryKey,
  cacheKeyOf,
  EARLY_KEYS,
  readCacheEntries,
  STORAGE_KEYS,
  WATCHED_KEYS,
  type CacheEntries,
  type CacheEntry,
  type ErrorAnswer,
  type FirstScreen,
  type StorageKey,
} from '../shared/storage-keys.ts';
import { afterNextFrame, whenFirstViewShown } from './first-view.ts';
import { readStored, watchStored } from './stored.ts';

/** The requests whose answer follows stored items (`WATCHED_KEYS`). */
export type WatchedRequestName = keyof typeof WATCHED_KEYS;

/**
 * Runs `task` once the page's first view (first-view.ts) and the frame being made now are on screen
 * (`afterNextFrame`: a frame that stalls is not waited for long, since the background's confirmation,
 * a key that is gone included, must come all the same), or soon where nothing is drawn (a hidden tab,
 * which gets no frames, and tests). What a page draws from storage is asked of the background only
 * then: the worker's answers (a cached list read from storage and checked again), and a stopped
 * worker's start, would otherwise take the same cores and the same storage reads as the first draw.
 */
function afterFirstView(task: () => void): void {
  // Tests have no document.
  void whenFirstViewShown().then(() => ((globalThis.document as Document | undefined)?.visibilityState === 'visible' ? afterNextFrame(task) : void setTimeout(task)));
}

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
 * stored items behind it changes. Only the latest answer is shown; until the first, the value's stored
 * copy (`EARLY_KEYS`), if there is one, so that a page need not wait for a stopped worker to wake: the
 * background is then asked once that copy is drawn.
 */
export function watchBackgroundValue<K extends WatchedRequestName>(
  name: K,
  onState: (state: BackgroundValueState<Responses[K]>) => void,
  send: typeof sendToBackground = sendToBackground,
): Watch {
  let stopped = false;
  let asked = 0;
  /** Set by the first answer, which the stored copy must then not replace. */
  let answered = false;
  /** The value last shown, as JSON: an answer equal to it (a rewrite of the same settings) changes nothing. */
  let shown: string | undefined;
  const show = (value: Responses[K]) => {
    const json = JSON.stringify(value);
    if (json === shown) return;
    shown = json;
    onState({ value });
  };
  const ask = () => {
    const attempt = ++asked;
    const current = () => !stopped && attempt === asked;
    // Every watched request takes no input.
    send(name, {} as RequestInput<K>).then(
      (value) => {
        answered = true;
        if (current()) show(value);
      },
      (error: unknown) => {
        answered = true;
        if (!current()) return;
        shown = undefined;
        onState({ error: asErrorAnswer(error) });
      },
    );
  };
  const unwatchers = WATCHED_KEYS[name].map((key) => watchStored(key, ask));
  /** The first ask, unless a change of the stored items asked already. */
  const askFirst = () => asked === 0 && !stopped && ask();
  const early = EARLY_KEYS[name];
  if (!early) ask();
  else {
    void Promise.all(early.map(readStored)).then(
      (values) => {
        const value = values.find((stored) => typeof stored === 'object' && stored !== null);
        if (!value || answered || stopped) return askFirst();
        // The background validated what it stored; its answer replaces this.
        show(value as Responses[K]);
        afterFirstView(askFirst);
      },
      askFirst,
    );
  }
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
  /** While refreshing: the background's fetch of this list is slow to be answered, at this try. */
  wait?: ApiWait;
  /**
   * Set while `data` are only the list's first screen (`FirstScreenSource`: its first rows in the
   * default order), until the whole list is read: how many rows it has, and their product types.
   */
  firstScreen?: Pick<FirstScreen<T>, 'total' | 'productTypes'>;
}

/** `reload` asks past the freshness time (the user pressed reload); `stopWaiting` gives up on a slow fetch. */
export interface CachedListWatch extends Watch {
  stopWaiting(): void;
}

/** Where a list's first screen is stored, and how a page reads it (undefined for anything but one). */
export interface FirstScreenSource {
  key: StorageKey;
  read<T>(raw: unknown): FirstScreen<T> | undefined;
}

/** A list's first read from storage, begun before the component that shows it mounts. */
interface Preload {
  /** The first screen (`firstScreen`), or the list's cache item as read or as a change event brought it. */
  read: Promise<unknown>;
  firstScreen?: FirstScreenSource | undefined;
  stop(): void;
}

const preloads = new Map<CachedRequestName, Preload>();

/**
 * Starts reading a list's cache item, or its `firstScreen`, from storage now, for the first
 * `watchCachedList` of that list: the popup calls it before its first render, so that the read runs
 * while the key status and the settings are asked for, instead of after. A change meanwhile (a new
 * key clears the caches) replaces what was read.
 */
export function preloadCachedList(name: CachedRequestName, firstScreen?: FirstScreenSource): void {
  const cacheKey = cacheKeyOf(name);
  const preload: Preload = {
    read: readStored(firstScreen?.key ?? cacheKey),
    firstScreen,
    // The first screen changes with the list: the list as a change brings it is newer.
    stop: watchStored(cacheKey, (raw) => void Object.assign(preload, { read: Promise.resolve(raw), firstScreen: undefined })),
  };
  preloads.get(name)?.stop();
  preloads.set(name, preload);
}

/**
 * Shows a cached list and follows its cache entry in storage, where refreshes land. The entry is read
 * straight from storage and shown first: that is quicker than the same data through the background
 * (which would pass them through messaging), and it needs no sleeping service worker to wake. A
 * list preloaded with a first screen shows that before it reads the whole entry, which then replaces
 * it. The background is then asked, naming what is shown (`known`), and answers with fresh
 * data, or says the shown entry is still the one (without sending its data again) and whether it is
 * being refreshed. Data the background has not confirmed are dropped if it answers with an error
 * (e.g. no key any more), and whatever was shown goes as soon as the list is dropped from storage.
 * `send` is the page's `sendToBackground` (replaceable in tests).
 */
export function watchCachedList<K extends CachedRequestName>(
  name: K,
  input: RequestInput<K>,
  onState: (state: CachedListState<CachedData<K>>) => void,
  send: typeof sendToBackground = sendToBackground,
): CachedListWatch {
  type T = CachedData<K>;
  const cacheKey = cacheKeyOf(name);
  let state: CachedListState<T> = { refreshing: true };
  let stopped = false;
  /** Counts the requests sent: only the latest one's answer is shown. */
  let asked = 0;
  /** The answer's entry in the list's cache item, where refreshes land: guessed from `input` until answered. */
  let entryKey = cacheEntryKey(input);
  let confirmed = false;
  /** The entry whose data are shown; `unchanged` is only trusted for it. */
  let shownKey: string | undefined;
  /** The entries as last seen in storage: a refresh may land before the answer that announced it. */
  let seen: CacheEntries<T> | undefined;
  /** The background's slow fetches, as last seen in storage. */
  let waits: ApiWait[] = [];

  const slowFetch = (refreshing: boolean) => (refreshing ? waits.find((wait) => wait.list === cacheKey && wait.entryKey === entryKey) : undefined);
  const emit = (next: CachedListState<T>, shown = next.data === undefined ? undefined : shownKey) => {
    const { wait: _previous, ...rest } = next;
    const wait = slowFetch(next.refreshing);
    state = wait ? { ...rest, wait } : rest;
    shownKey = shown;
    if (!stopped) onState(state);
  };
  // Nothing from an earlier input stays on screen while this one's entry is read.
  emit(state);
  const fromEntry = (entry: CacheEntry<T>): CachedListState<T> => ({
    data: entry.data,
    fetchedAt: entry.fetchedAt,
    refreshing: entry.invalidated === true && !entry.failure,
    ...(entry.failure && { error: entry.failure }),
  });

  /** Drops what is shown, confirmed or not, and asks the background what there is now; nothing to drop before the first answer is left to the first ask. */
  function dropShown() {
    if (!confirmed && state.data === undefined) return;
    emit({ refreshing: true });
    ask(false, false);
  }

  const unwatch = watchStored(cacheKey, (raw) => {
    seen = readCacheEntries<T>(raw);
    const entry = seen[entryKey];
    // The whole list was dropped, and its first screen with it: the key was forgotten or replaced, or
    // another host's key set. Its data go at once, and the background says what there is now (the
    // new account's list, or no key).
    if (raw === null || raw === undefined) dropShown();
    else if (confirmed && entry) emit(fromEntry(entry), entryKey);
    // Otherwise newer entries pushed this one out of the cache (the data shown are still this key's),
    // or the entry is yet to be read.
  });
  // A new key may have nothing cached to drop (this list had failed, say): ask again, naming what is
  // shown, so that the same key (a flag changed) answers "unchanged" and another one its own data.
  const unwatchKey = WATCHED_KEYS.getKeyStatus.map((key) => watchStored(key, () => ask(false)));
  const unwatchWaits = watchStored(STORAGE_KEYS.apiWaits, (stored) => {
    waits = Array.isArray(stored) ? (stored as ApiWait[]) : [];
    const wait = slowFetch(state.refreshing);
    if (wait?.id !== state.wait?.id || wait?.attempt !== state.wait?.attempt) emit(state, shownKey);
  });
  void readStored(STORAGE_KEYS.apiWaits).then((stored) => {
    if (!Array.isArray(stored) || stopped) return;
    waits = stored as ApiWait[];
    if (state.refreshing) emit(state, shownKey);
  });

  function ask(refresh: boolean, nameShown = true) {
    const attempt = ++asked;
    const latest = () => !stopped && attempt === asked;
    emit({ ...state, refreshing: true });
    const known = nameShown && state.data !== undefined ? state.fetchedAt : undefined;
    send(name, { ...input, ...(refresh && { refresh }), ...(known !== undefined && { known }) }).then(
      (sent) => {
        if (!latest()) return;
        // Responses[K] for a generic K is not simplified by TypeScript; it is this.
        const answer = sent as CachedAnswer<T>;
        entryKey = answer.entryKey;
        confirmed = true;
        const entry = seen?.[entryKey];
        if (entry && entry.fetchedAt > answer.fetchedAt) emit(fromEntry(entry), entryKey);
        else if (!('unchanged' in answer)) emit({ data: answer.data, fetchedAt: answer.fetchedAt, refreshing: answer.stale }, entryKey);
        else if (shownKey === entryKey) emit({ ...state, refreshing: answer.stale });
        // The shown data came from another entry than the background's (a wrong guess): ask for them.
        else ask(refresh, false);
      },
      (error: unknown) => latest() && emit({ ...(confirmed && state), refreshing: false, error: asErrorAnswer(error) }),
    );
  }

  /** The first ask, unless a new key asked already. */
  const askFirst = () => asked === 0 && !stopped && ask(false);
  /** What was read from storage is shown only over nothing (or over the first screen): never over an answer. */
  const nothingAnswered = () => !state.data && !state.error;

  function showEntry(raw: unknown) {
    if (stopped) return;
    // A change event that came meanwhile is newer than this read.
    seen ??= readCacheEntries<T>(raw);
    const entry = seen[entryKey];
    // A first screen without its entry (an unreadable cache item) is not shown any longer either.
    if (!entry) return void (state.firstScreen ? dropShown() : askFirst());
    if (state.firstScreen || nothingAnswered()) emit(fromEntry(entry), entryKey);
    afterFirstView(askFirst);
  }

  const preload = preloads.get(name);
  preloads.delete(name);
  preload?.stop();
  const firstScreen = preload?.firstScreen;
  const readEntry = () => void (seen ? Promise.resolve() : readStored(cacheKey)).then(showEntry, askFirst);

  /** The whole list is read once the first screen is drawn, leaving the storage and the cores to that first draw. */
  function showFirstScreen(raw: unknown) {
    if (stopped) return;
    // The first screen changes with the list: after a change event, the list as it brought it is newer.
    const screen = seen ? undefined : firstScreen!.read<T>(raw);
    if (screen?.entryKey !== entryKey || !nothingAnswered()) return readEntry();
    emit({ ...fromEntry(screen), firstScreen: screen }, entryKey);
    afterFirstView(readEntry);
  }

  void (preload?.read ?? readStored(cacheKey)).then(firstScreen ? showFirstScreen : showEntry, readEntry);
  return {
    reload: () => ask(true),
    /**
     * Asks the background to abort its slow fetch, and stops waiting at once whatever it answers: the
     * page says that nothing new was loaded (the data shown stay) and offers to try again.
     */
    stopWaiting() {
      const { wait } = state;
      if (!wait) return;
      asked++;
      emit({ ...state, refreshing: false, error: { kind: 'stopped-waiting', message: t('wait_stopped') } });
      send('stopWaiting', { id: wait.id }).catch(() => undefined);
    },
    stop() {
      stopped = true;
      unwatch();
      unwatchWaits();
      for (const unwatchOne of unwatchKey) unwatchOne();
    },
  };
}
