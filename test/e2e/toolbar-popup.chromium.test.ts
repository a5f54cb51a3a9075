/**
 * A click on the toolbar button finds the service worker stopped more often than not (Chromium stops
 * it after 30 s idle). The popup draws from storage first; the worker must not be woken by the popup's
 * mere loading (the webRequest listeners once followed `<all_urls>`, which names the extension's own
 * frames), or it starts on the same cores while the popup loads.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumHandle } from './harness/index.ts';
import { watchServiceWorker, type ServiceWorkerWatch } from './harness/service-worker-watch.ts';
import { controlToolbarPopup, type ToolbarPopupControl } from './harness/toolbar-popup.ts';
import { pollFor, sleep } from './harness/util.ts';

interface ActionApi {
  action: { getPopup(details: object): Promise<string> };
  extension: { getViews(filter: { type: 'popup' }): Window[] };
}

describe('the toolbar popup and a stopped service worker in Chromium', () => {
  let chromium: ChromiumHandle;
  let control: Page;
  let worker: ServiceWorkerWatch;
  let popup: ToolbarPopupControl;

  beforeAll(async () => {
    chromium = await launchChromium();
    control = await chromium.openExtensionPage('manifest.json');
    worker = await watchServiceWorker(chromium.context, control, `chrome-extension://${chromium.extensionId}`);
    popup = controlToolbarPopup(control);
  });
  afterAll(async () => {
    await worker?.detach();
    await chromium?.close();
  });

  /** What the open toolbar popup is and shows, and whether it still gets frames: for a failure's message. */
  const describePopup = () =>
    control.evaluate(async () => {
      const views = (globalThis as unknown as { chrome: ActionApi }).chrome.extension.getViews({ type: 'popup' });
      const described = views.map(async (view) => {
        const frame = await new Promise<string>((resolve) => {
          view.requestAnimationFrame(() => resolve('gets frames'));
          setTimeout(() => resolve('no frame in 1 s'), 1000);
        });
        return `${view.location.pathname} (${view.document.visibilityState}, ${frame}): ${view.document.body.innerText.replace(/\s+/g, ' ').slice(0, 300)}`;
      });
      return `${views.length} popup view(s): ${(await Promise.all(described)).join(' | ')}`;
    });

  it('leaves the worker stopped while a page that asks the background nothing opens as the popup', async () => {
    await worker.stop();
    const since = Date.now();
    // The extension's own manifest, as an inert page: the popup's frame and its loading, and nothing else.
    await popup.open('manifest.json');
    await sleep(1500);
    expect(worker.startsSince(since)).toEqual([]);
    await popup.close();
  });

  it('wakes the worker once the real popup, drawn, asks it for what it shows', async () => {
    await worker.stop();
    const since = Date.now();
    await popup.open('popup.html');
    await pollFor('the worker to start for the popup', () => (worker.startsSince(since).length > 0 ? true : undefined), 10_000).catch(async (error: unknown) => {
      throw new Error(`the worker did not start for the popup; ${await describePopup()}; worker ${worker.describe()}`, { cause: error });
    });
    await popup.close();
    expect(await control.evaluate(() => (globalThis as unknown as { chrome: ActionApi }).chrome.action.getPopup({}))).toMatch(/\/popup\.html$/);
  });
});
