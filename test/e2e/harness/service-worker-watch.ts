/**
 * Follows the extension's service worker over one extension page's CDP session: when it starts, and
 * a stop that holds. `ChromiumHandle.stopServiceWorker` opens and closes a tab of its own, whose tab
 * events may wake the worker again at once; this one touches no tab, so a test (or the benchmark)
 * can tell what else wakes it.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { sleep } from './util.ts';

/** How long a stopped worker must stay stopped for `stop` to be done. */
const STAYS_STOPPED_MS = 300;

export interface ServiceWorkerWatch {
  /** The moments (ms since the epoch, as this process saw them) the worker began to start at or after `since`. */
  startsSince(since: number): number[];
  /** Stops the worker; resolves once it has stayed stopped for a moment (stopping again if it started). */
  stop(): Promise<void>;
  detach(): Promise<void>;
}

export async function watchServiceWorker(context: BrowserContext, page: Page, origin: string): Promise<ServiceWorkerWatch> {
  const cdp = await context.newCDPSession(page);
  const states = new Map<string, string>();
  const starts: number[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const version of versions) {
      if (!version.scriptURL.startsWith(origin)) continue;
      if (version.runningStatus === 'starting' && states.get(version.versionId) !== 'starting') starts.push(Date.now());
      states.set(version.versionId, version.status === 'redundant' ? 'stopped' : version.runningStatus);
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
    detach: () => cdp.detach(),
  };
}
