/**
 * The list fetches the pages are waiting for. A fetch still unanswered after `slowAfterMs` is written to
 * `apiWaitsItem` with the try in progress, so that a page showing "Loading…" can say that 911Proxy is
 * slow to answer and offer to stop waiting; `stop(id)` aborts the fetch, its tries included.
 */
import { z } from './zod.ts';
import { STORAGE_KEYS } from '../shared/storage-keys.ts';
import { ServiceError } from './error-answers.ts';
import { defineStoredItem } from './stored-item.ts';

/** A slow list fetch as the pages see it. */
export const apiWaitSchema = z.object({
  /** Names the fetch for `stopWaiting`. */
  id: z.string(),
  /** The cache item of the list, and the entry of it the fetch will fill. */
  list: z.string(),
  entryKey: z.string(),
  /** The try in progress (1-based) and how many tries the fetch may make. */
  attempt: z.number(),
  attempts: z.number(),
});
export type ApiWait = z.infer<typeof apiWaitSchema>;

/** Emptied when the worker starts, since its fetches died with it. */
export const apiWaitsItem = defineStoredItem(STORAGE_KEYS.apiWaits, z.array(apiWaitSchema), { fallback: [], version: 1 });

/** What a tracked fetch gets: the signal that stops it, and where to say that a try starts. */
export interface FetchProgress {
  signal: AbortSignal;
  onAttempt(attempt: number, attempts: number): void;
}

interface Running {
  wait: ApiWait;
  slow: boolean;
  controller: AbortController;
}

export function createWaitBoard({ slowAfterMs }: { slowAfterMs: number }) {
  const running = new Map<string, Running>();
  // The fetches a previous worker was waiting for died with it.
  let writes: Promise<void> = apiWaitsItem.setValue([]);

  /** Writes the slow fetches, one write after the other so that the last state wins. */
  function publish(): void {
    const slow = [...running.values()].filter((tracked) => tracked.slow).map((tracked) => tracked.wait);
    writes = writes.catch(() => undefined).then(() => apiWaitsItem.setValue(slow));
  }

  return {
    /** Runs `work`, the fetch of one entry (`cacheKey`, `entryKey`) of a list's cache, as a tracked wait. */
    async track<T>(cacheKey: string, entryKey: string, work: (progress: FetchProgress) => Promise<T>): Promise<T> {
      const tracked: Running = { wait: { id: crypto.randomUUID(), list: cacheKey, entryKey, attempt: 1, attempts: 1 }, slow: false, controller: new AbortController() };
      running.set(tracked.wait.id, tracked);
      const timer = setTimeout(() => {
        tracked.slow = true;
        publish();
      }, slowAfterMs);
      const onAttempt = (attempt: number, attempts: number) => {
        tracked.wait = { ...tracked.wait, attempt, attempts };
        if (tracked.slow) publish();
      };
      try {
        return await work({ signal: tracked.controller.signal, onAttempt });
      } finally {
        clearTimeout(timer);
        running.delete(tracked.wait.id);
        if (tracked.slow) publish();
      }
    },

    /** Aborts the fetch named `id` (the user stopped waiting): it rejects with a `stopped-waiting` error. */
    stop(id: string): void {
      running.get(id)?.controller.abort(new ServiceError('stopped-waiting', 'wait_stopped'));
    },

    /** Resolves when every write of the slow fetches has landed (tests). */
    idle: (): Promise<void> => writes,
  };
}

export type WaitBoard = ReturnType<typeof createWaitBoard>;
