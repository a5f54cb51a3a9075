/**
 * Opens a page as the toolbar popup, as a click on the extension's button does
 * (test/e2e/harness/toolbar-popup.ts). A popup opened in a tab is not the
 * same open: the tab's own events (activated, updated) wake a stopped service worker while the page
 * loads, which a click on the button does not.
 *
 * Playwright does not see the popup, so the ready probe comes with the page: a script added first to
 * the measured copy's HTML (`withProbe`), which posts the figures to the control page. The worker's
 * starts are followed on the control page's CDP session, so that each open says whether the worker
 * began to start before the popup was drawn.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { watchServiceWorker, type ServiceWorkerWatch } from '../../test/e2e/harness/service-worker-watch.ts';
import { controlToolbarPopup } from '../../test/e2e/harness/toolbar-popup.ts';
import { installReadyProbe, listenForReadyFigures, readyFiguresPosted, type ReadyFigures } from './in-page.ts';

/**
 * `bench-probe.js`: the ready probe as a classic script (`__name` stands in for the helper tsx adds to
 * named functions), sending its figures to `reportUrl` too if given.
 */
export const probeScript = (reportUrl?: string): string => `globalThis.__name = (target) => target;\n(${installReadyProbe.toString()})(${JSON.stringify(reportUrl) ?? ''});\n`;

/** The page's HTML with `bench-probe.js` loaded first in its head. */
export function withProbe(html: string): string {
  if (!html.includes('<head>')) throw new Error('the page has no <head> to add the bench probe to');
  return html.replace('<head>', '<head><script src="/bench-probe.js"></script>');
}

/**
 * The page's HTML with its module scripts and their preloads replaced by one module script, `src`:
 * its stylesheet, its other head scripts (the probe) and its body stay.
 */
export function withOnlyScript(html: string, src: string): string {
  if (!html.includes('</head>')) throw new Error('the page has no </head> to add its script to');
  return html.replace(/<script type="module"[^>]*><\/script>\s*|<link rel="modulepreload"[^>]*>\s*/g, '').replace('</head>', `<script type="module" src="${src}"></script></head>`);
}

export interface ToolbarOpen extends ReadyFigures {
  /** When the worker began to start after the open began and before the popup was drawn (ms since the epoch), if it did. */
  workerStartedAt?: number;
}

/** A toolbar open's figures, with the worker's start if it began at or after `since` and before the draw. */
export function withWorkerStart(figures: ReadyFigures, worker: ServiceWorkerWatch, since: number): ToolbarOpen {
  const drawnAt = figures.timeOrigin + figures.painted;
  const workerStartedAt = worker.startsSince(since).find((at) => at <= drawnAt);
  return { ...figures, ...(workerStartedAt !== undefined && { workerStartedAt }) };
}

export interface ToolbarPopup {
  /** Opens `pagePath` as the toolbar popup, waits for its figures, closes it. */
  open(pagePath: string): Promise<ToolbarOpen>;
  /** Stops the service worker without opening or closing a tab. */
  stopWorker(): Promise<void>;
}

export async function createToolbarPopup(context: BrowserContext, control: Page, origin: string): Promise<ToolbarPopup> {
  const worker = await watchServiceWorker(context, control, origin);
  const popup = controlToolbarPopup(control);
  return {
    async open(pagePath) {
      const since = Date.now();
      await control.evaluate(listenForReadyFigures, pagePath);
      const figures = await popup
        .open(pagePath, { untilOpen: false })
        .then(() => control.evaluate(readyFiguresPosted))
        // The next open waits until this popup is gone.
        .finally(() => popup.close());
      if (figures.path !== `/${pagePath}`) throw new Error(`the toolbar popup showed ${figures.path}, not /${pagePath}`);
      return withWorkerStart(figures, worker, since);
    },
    stopWorker: () => worker.stop(),
  };
}
