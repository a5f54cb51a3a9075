/**
 * Follows the extension's service worker over one extension page's CDP session: when it starts, and
 * its stops. Two kinds of stop, for two kinds of test:
 * - `stop` holds: the worker stays stopped for a moment, so that a test (or the benchmark) can tell
 *   what wakes it next. It touches no tab.
 * - `stopSeenOnce` only waits until each version has been seen stopped: an event the worker listens
 *   to may wake it again right after, which is a woken worker as those tests mean it, not a failed stop.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { pollFor, sleep } from './util.ts';

/** How long a stopped worker must stay stopped for `stop` to be done. */
const STAYS_STOPPED_MS = 300;

export interface ServiceWorkerWatch {
  /** The moments (ms since the epoch, as this process saw them) the worker began to start at or after `since`. */
  startsSince(since: number): number[];
  /** Stops the worker; resolves once it has stayed stopped for a moment (stopping again if it started). */
  stop(): Promise<void>;
  /** Stops the worker; resolves once each version has been stopped, whether or not something woke it since. */
  stopSeenOnce(): Promise<void>;
  /** Each version's last running status and every start seen, for a failure's message. */
  describe(): string;
  detach(): Promise<void>;
}

export async function watchServiceWorker(context: BrowserContext, page: Page, origin: string): Promise<ServiceWorkerWatch> {
  const cdp = await context.newCDPSession(page);
  /** Each version's running status; a redundant version counts as stopped. */
  const states = new Map<string, string>();
  const starts: number[] = [];
  /** The versions seen stopped since the `stopSeenOnce` in progress began, if one is. */
  let seenStopped: Set<string> | undefined;
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const version of versions) {
      if (!version.scriptURL.startsWith(origin)) continue;
      if (version.runningStatus === 'starting' && states.get(version.versionId) !== 'starting') starts.push(Date.now());
      const state = version.status === 'redundant' ? 'stopped' : version.runningStatus;
      states.set(version.versionId, state);
      if (state === 'stopped') seenStopped?.add(version.versionId);
    }
  });
  await cdp.send('ServiceWorker.enable');
  const stopped = () => states.size > 0 && [...states.values()].every((state) => state === 'stopped');
  return {
    startsSince: (since) => starts.filter((at) => at >= since),
    async stop() {
      // A stop that lands while the worker has events to handle may be followed by a new start, or
      // wait on them in "stopping": ask again until it stays stopped.
      for (let attempt = 1; ; attempt++) {
        await cdp.send('ServiceWorker.stopAllWorkers');
        const deadline = Date.now() + 5_000;
        while (!stopped() && Date.now() < deadline) await sleep(10);
        if (stopped()) {
          await sleep(STAYS_STOPPED_MS);
          if (stopped()) return;
        }
        if (attempt === 10) throw new Error(`the extension service worker did not stay stopped after ${attempt} stops (last seen: ${[...states.values()].join(', ')})`);
      }
    },
    async stopSeenOnce() {
      const seen = new Set([...states].filter(([, state]) => state === 'stopped').map(([id]) => id));
      seenStopped = seen;
      try {
        await cdp.send('ServiceWorker.stopAllWorkers');
        await pollFor('the extension service worker to stop', () => (states.size > 0 && [...states.keys()].every((id) => seen.has(id)) ? true : undefined), 10_000, 25);
      } finally {
        seenStopped = undefined;
      }
    },
    describe: () => `versions ${[...states].map(([id, state]) => `${id} ${state}`).join(', ') || 'none'}; starts at ${starts.join(', ') || 'none'}`,
    detach: () => cdp.detach(),
  };
}
