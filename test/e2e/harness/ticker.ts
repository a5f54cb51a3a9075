import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TargetServer } from './target-server.ts';
import { REPO_ROOT, sleep } from './util.ts';

/** A Playwright or puppeteer page. */
interface EvaluatingPage {
  evaluate(fn: () => void): Promise<unknown>;
}

/**
 * Makes the page (already showing a page of the target server) fetch `/tick` from its own origin
 * every 16 ms, from a worker so that a tab in the background is not slowed down, until it closes.
 * Each request names the moment (the browser's clock, ms) it was made.
 */
export async function startTicker(page: EvaluatingPage): Promise<void> {
  await page.evaluate(() => {
    const source = `setInterval(() => fetch('${location.origin}/tick?at=' + Date.now(), { cache: 'no-store' }).catch(() => undefined), 16);`;
    // Kept on the page, so that it is not collected.
    (globalThis as unknown as { ticker: Worker }).ticker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
  });
}

/**
 * The ticks made from `from` on (the browser's clock) that reached the target, until `to`: how many
 * came through Squid (which adds a `Via` header), and when each of the others, which came direct, was
 * made (ms after `from`).
 */
export function ticksSince(target: TargetServer, from: number, to = Number.POSITIVE_INFINITY): { proxied: number; direct: number[] } {
  const ticks = target
    .requests()
    .filter((request) => request.path.startsWith('/tick?'))
    .map((request) => ({ at: Number(new URL(request.path, 'http://tick').searchParams.get('at')), proxied: request.headers.via !== undefined }))
    .filter(({ at }) => at >= from && at < to);
  return { proxied: ticks.filter((tick) => tick.proxied).length, direct: ticks.filter((tick) => !tick.proxied).map(({ at }) => at - from) };
}

export type Ticks = ReturnType<typeof ticksSince>;

/** How long the ticks made around a restart take to arrive (and Squid to log them). */
const SETTLE_MS = 1_500;

/**
 * The ticks seen after each restart, by what restarted, kept for `test-results/<file>` (the figures
 * SECURITY.md quotes).
 */
export function createTickFigures(file: string): TickFigures {
  const figures: Record<string, Ticks[]> = {};
  return {
    async after(target: TargetServer, what: string, at: number): Promise<Ticks> {
      await sleep(SETTLE_MS);
      const ticks = ticksSince(target, at);
      (figures[what] ??= []).push(ticks);
      return ticks;
    },
    async save(): Promise<void> {
      if (Object.keys(figures).length === 0) return;
      await mkdir(path.join(REPO_ROOT, 'test-results'), { recursive: true });
      await writeFile(path.join(REPO_ROOT, 'test-results', file), JSON.stringify(figures, null, 2));
    },
  };
}

/** The figures of {@link createTickFigures}. */
export interface TickFigures {
  /** The ticks made from `at` on, once they have all arrived; recorded under `what`. */
  after(target: TargetServer, what: string, at: number): Promise<Ticks>;
  /** Writes the figures out, if any were recorded. */
  save(): Promise<void>;
}
