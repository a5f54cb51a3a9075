/**
 * The toolbar popup as a click after minutes of browsing usually finds it: no page of the extension
 * open and its service worker stopped, so Chrome has ended the extension's process and starts a new
 * one for the popup. In a new process the first Intl formatter, the first chrome.i18n message and the
 * first layout pay one-time costs that the opens beside a live control page (toolbar-popup.ts) do not.
 *
 * The popup opens as a click opens it, through CDP's Extensions.triggerAction on a tab (Chromium needs
 * --enable-unsafe-extension-debugging, and a pipe connection, which is Playwright's). No extension page
 * may stay open: the page the popup shows is chosen from one opened and closed again, and the ready
 * probe sends its figures to a loopback receiver, as no extension page is left to hear its channel.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CDPSession, Page } from 'playwright-core';
import type { ChromiumHandle } from '../../test/e2e/harness/chromium.ts';
import { watchServiceWorker } from '../../test/e2e/harness/service-worker-watch.ts';
import { sleep } from '../../test/e2e/harness/util.ts';
import type { ReadyFigures } from './in-page.ts';
import { withWorkerStart, type ToolbarOpen } from './toolbar-popup.ts';

/** How long an open waits for the extension's old process to end, and for the popup's figures. */
const PROCESS_GONE_MS = 10_000;
/** How long the renderers are counted, once the extension's pages are closed, to learn how many are not its. */
const BASELINE_MS = 5_000;
const FIGURES_MS = 30_000;
/** Enables Extensions.triggerAction in Chromium. */
export const TRIGGER_ACTION_SWITCH = '--enable-unsafe-extension-debugging';

export interface FiguresReceiver {
  /** Where the ready probe sends its figures (`probeScript(url)`). */
  url: string;
  /** The figures of the next page drawn with `path` (e.g. `/popup.html`). */
  next(path: string): Promise<ReadyFigures>;
  close(): Promise<void>;
}

/** A loopback HTTP server that the pages' ready probe posts its figures to. */
export async function startFiguresReceiver(): Promise<FiguresReceiver> {
  const waiting = new Map<string, (figures: ReadyFigures) => void>();
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      response.end();
      try {
        const figures = JSON.parse(body) as ReadyFigures;
        waiting.get(figures.path)?.(figures);
        waiting.delete(figures.path);
      } catch {
        // Not the probe's figures: nothing waits for them.
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/figures`,
    next: (path) =>
      new Promise<ReadyFigures>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${path} sent no ready figures within ${FIGURES_MS / 1000} s`)), FIGURES_MS);
        waiting.set(path, (figures) => {
          clearTimeout(timer);
          resolve(figures);
        });
      }),
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

export interface NewProcessOpen extends ToolbarOpen {
  /** No renderer process of the extension was left when the click came, and one was started for the popup. */
  newProcess: boolean;
}

export interface NewProcessPopup {
  /**
   * Calls `use` on an extension page opened for it and closes the page again (a key to set, say): the
   * next open then waits for the process to go.
   */
  withExtensionPage<T>(use: (page: Page) => Promise<T>): Promise<T>;
  /** Opens `pagePath` as the toolbar popup once no extension process is left, waits for its figures, closes it. */
  open(pagePath: string): Promise<NewProcessOpen>;
}

/**
 * The opener; call it once no extension page is open. It keeps a blank tab of its own (the action's
 * tab, and the page that follows the worker).
 */
export async function createNewProcessPopup(chromium: ChromiumHandle, receiver: FiguresReceiver): Promise<NewProcessPopup> {
  const { context, extensionId } = chromium;
  const origin = `chrome-extension://${extensionId}`;
  const browser = context.browser();
  if (!browser) throw new Error('the browser of the persistent context is not known: no browser CDP session for Extensions.triggerAction');
  const cdp: CDPSession = await browser.newBrowserCDPSession();
  const tab = await context.newPage();
  const worker = await watchServiceWorker(context, tab, origin);
  const renderers = async () => {
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
    return processInfo.filter((process) => process.type === 'renderer').map((process) => process.id);
  };
  // The renderers of everything but the extension: measured once its pages are closed and its worker stopped.
  await worker.stop();
  let others = Number.POSITIVE_INFINITY;
  for (const deadline = Date.now() + BASELINE_MS; Date.now() < deadline; await sleep(100)) others = Math.min(others, (await renderers()).length);
  const processGone = async () => {
    for (const deadline = Date.now() + PROCESS_GONE_MS; Date.now() < deadline; await sleep(50)) if ((await renderers()).length <= others) return true;
    return false;
  };
  let shown = 'popup.html';

  const withExtensionPage: NewProcessPopup['withExtensionPage'] = async (use) => {
    const page = await chromium.openExtensionPage('manifest.json');
    try {
      return await use(page);
    } finally {
      await page.close();
    }
  };

  return {
    withExtensionPage,
    async open(pagePath) {
      if (pagePath !== shown) {
        await withExtensionPage((page) =>
          page.evaluate((popup) => (globalThis as unknown as { chrome: { action: { setPopup(details: { popup: string }): Promise<void> } } }).chrome.action.setPopup({ popup }), pagePath),
        );
        shown = pagePath;
      }
      await worker.stop();
      const gone = await processGone();
      const before = await renderers();
      const since = Date.now();
      const figures = receiver.next(`/${pagePath}`);
      const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never)) as { targetInfos: { targetId: string; type: string }[] };
      const actionTab = targetInfos.find((target) => target.type === 'tab');
      if (!actionTab) throw new Error('no tab to trigger the extension action on');
      await cdp.send('Extensions.triggerAction' as never, { id: extensionId, targetId: actionTab.targetId } as never);
      const drawn = await figures;
      const started = (await renderers()).some((id) => !before.includes(id));
      const { targetInfos: open } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; url: string }[] };
      for (const target of open.filter((candidate) => candidate.url === `${origin}/${pagePath}`)) await cdp.send('Target.closeTarget', { targetId: target.targetId });
      return { ...withWorkerStart(drawn, worker, since), newProcess: gone && started };
    },
  };
}
