/**
 * Stale-while-revalidate over the cached requests' items (lib/background/cached-requests.ts). A request is answered at once from
 * storage when it can be; a stale answer is refreshed in the background and the fresh value written to
 * storage, where the pages watch it. Identical fetches in flight are shared. Every entry names the key
 * record and host that made it, and nothing is written for a key that is no longer the current one.
 */
import type { Cached, ErrorMapper } from './requests.ts';
import { createPendingWork } from './pending-work.ts';
import { createSerialQueue, type SerialQueue } from './serial-queue.ts';
import type { CacheEntries, CacheEntry } from '../shared/storage-keys.ts';
import { MAX_CACHE_ENTRIES, type ListCacheItem } from './cached-requests.ts';
import type { FetchProgress, WaitBoard } from './waits.ts';

/** The key record (by id) and host an answer is made with. */
export interface CacheOwner {
  keyId: string;
  baseUrl: string;
}

export interface ListCacheOptions {
  /** Every cache item, for `clear` and `dropOrphans`. */
  items: readonly ListCacheItem<unknown>[];
  now: () => number;
  /** Describes a failed background refresh, stored beside the old data for the page to show. */
  describe: ErrorMapper;
  /** Whether answers made with `owner` may still be stored (its key was not forgotten or replaced). */
  isCurrent: (owner: CacheOwner) => Promise<boolean>;
  /** Where each fetch is tracked, so that a page can say it is slow and stop it. */
  waits: WaitBoard;
}

/** One entry of one list: where it lives, who asks, how old it may be, and how to fetch it. */
export interface ListRequest<T> {
  item: ListCacheItem<T>;
  entryKey: string;
  owner: CacheOwner;
  maxAgeMs: number;
  load: (progress: FetchProgress) => Promise<T>;
}

export function createListCache({ items, now, describe, isCurrent, waits }: ListCacheOptions) {
  const inFlight = new Map<string, Promise<CacheEntry<unknown>>>();
  /** Per item: its queue of writes (read, change, write must not interleave). */
  const queues = new Map<string, SerialQueue>();
  /** Per item: bumped by `invalidate`, so that a fetch begun before a change never stores its answer. */
  const generations = new Map<string, number>();
  const background = createPendingWork('cache');

  const generationOf = (item: ListCacheItem<unknown>) => generations.get(item.key) ?? 0;

  function serialize(item: ListCacheItem<unknown>, task: () => Promise<void>): Promise<void> {
    let queue = queues.get(item.key);
    if (!queue) queues.set(item.key, (queue = createSerialQueue()));
    return queue.run(task);
  }

  /** Fetches one entry and stores it; an identical fetch in flight is joined instead. */
  function fetchEntry<T>(request: ListRequest<T>): Promise<CacheEntry<T>> {
    const { item, entryKey, owner } = request;
    const generation = generationOf(item);
    const flightKey = JSON.stringify([owner.keyId, item.key, entryKey, generation]);
    const joined = inFlight.get(flightKey);
    // The flight key names the item and entry, so the flight's data are this request's type.
    if (joined) return joined as Promise<CacheEntry<T>>;
    const flight = (async () => {
      const entry: CacheEntry<T> = { data: await waits.track(item.key, entryKey, request.load), fetchedAt: now(), ...owner };
      await serialize(item, async () => {
        if (generationOf(item) !== generation || !(await isCurrent(owner))) return;
        await item.setValue(withEntry(await item.getValue(), entryKey, entry));
      });
      return entry;
    })().finally(() => inFlight.delete(flightKey));
    inFlight.set(flightKey, flight);
    return flight;
  }

  /** A refresh: a failure is recorded in the entry, which keeps its old data. True when it was read again. */
  async function revalidate<T>(request: ListRequest<T>): Promise<boolean> {
    try {
      await fetchEntry(request);
      return true;
    } catch (error) {
      const failure = describe(error);
      await serialize(request.item, async () => {
        const entries = await request.item.getValue();
        const entry = entries[request.entryKey];
        if (!entry || !isMadeBy(entry, request.owner)) return;
        await request.item.setValue({ ...entries, [request.entryKey]: { ...entry, failure } });
      });
      return false;
    }
  }

  return {
    /**
     * Answers from storage when an entry made by `owner` exists: fresh as it is, stale at once with a
     * refresh in the background. Otherwise, or with `force` (the user pressed reload), fetches and waits.
     */
    async get<T>(request: ListRequest<T>, { force = false } = {}): Promise<Cached<T>> {
      const entry = force ? undefined : (await request.item.getValue())[request.entryKey];
      if (entry && isMadeBy(entry, request.owner)) {
        const age = now() - entry.fetchedAt;
        // A negative age means the clock went back: trust nothing.
        const stale = entry.invalidated === true || age < 0 || age >= request.maxAgeMs;
        if (stale) background.run(revalidate(request));
        return { data: entry.data, fetchedAt: entry.fetchedAt, stale, entryKey: request.entryKey };
      }
      const fresh = await fetchEntry(request);
      return { data: fresh.data, fetchedAt: fresh.fetchedAt, stale: false, entryKey: request.entryKey };
    },

    /**
     * After a change: marks every entry of the list made by `owner` as out of date (a read answers it
     * stale) and refetches them all in the background. `requestFor` rebuilds an entry's request.
     * Resolves once they are marked; `refetched` then resolves true when there was something cached and
     * all of it was read again.
     */
    async invalidate<T>(item: ListCacheItem<T>, owner: CacheOwner, requestFor: (entryKey: string) => ListRequest<T>): Promise<{ refetched: Promise<boolean> }> {
      generations.set(item.key, generationOf(item) + 1);
      let affected: string[] = [];
      await serialize(item, async () => {
        const entries = await item.getValue();
        affected = Object.keys(entries).filter((entryKey) => isMadeBy(entries[entryKey]!, owner));
        if (affected.length === 0) return;
        const marked = Object.fromEntries(affected.map((entryKey) => [entryKey, { ...entries[entryKey]!, invalidated: true }]));
        await item.setValue({ ...entries, ...marked });
      });
      const refetches = affected.map((entryKey) => revalidate(requestFor(entryKey)));
      for (const refetch of refetches) background.run(refetch);
      return { refetched: Promise.all(refetches).then((done) => done.length > 0 && done.every(Boolean)) };
    },

    /** Drops every cached answer (the key was forgotten or replaced). */
    async clear(): Promise<void> {
      await Promise.all(items.map((item) => serialize(item, () => item.removeValue())));
    },

    /**
     * Drops the answers whose key is no longer the current one (left over from a session key after
     * the browser closed). Each entry is checked inside its item's queue, so a write made meanwhile
     * for a newly set key is never lost.
     */
    async dropOrphans(): Promise<void> {
      await Promise.all(
        items.map((item) =>
          serialize(item, async () => {
            const entries = Object.entries(await item.getValue());
            const current = await Promise.all(entries.map(([, entry]) => isCurrent(entry)));
            const kept = entries.filter((_, index) => current[index]);
            if (kept.length === entries.length) return;
            await (kept.length ? item.setValue(Object.fromEntries(kept)) : item.removeValue());
          }),
        ),
      );
    },

    /** Resolves when no background refresh is left (tests, and anything that must see the final state). */
    idle: background.idle,
  };
}

export type ListCache = ReturnType<typeof createListCache>;

const isMadeBy = (entry: CacheEntry<unknown>, owner: CacheOwner) => entry.keyId === owner.keyId && entry.baseUrl === owner.baseUrl;

/** Adds or replaces one entry, keeping at most MAX_CACHE_ENTRIES: the oldest fetched go. */
function withEntry<T>(entries: CacheEntries<T>, entryKey: string, entry: CacheEntry<T>): CacheEntries<T> {
  const next = { ...entries, [entryKey]: entry };
  const byAge = Object.entries(next).sort(([, a], [, b]) => b.fetchedAt - a.fetchedAt);
  return Object.fromEntries(byAge.slice(0, MAX_CACHE_ENTRIES));
}
