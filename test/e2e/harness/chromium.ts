import path from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { REPO_ROOT, makeTempDir, pollFor, removeDir, sleep } from './util.ts';
import { watchServiceWorker } from './service-worker-watch.ts';
import { visitInNewTab } from './visit.ts';

const CHROMIUM = '/usr/bin/chromium';

/**
 * Launches Debian's Chromium (new headless) with the built MV3 extension loaded, in a persistent
 * profile, and waits for the extension's service worker to learn the extension id. Certificate
 * errors are ignored (the target server's HTTPS certificate is self-signed).
 */
export async function launchChromium(options: LaunchChromiumOptions = {}): Promise<ChromiumHandle> {
  const extensionDir = path.resolve(REPO_ROOT, options.extensionDir ?? '.output/chrome-mv3');
  const ownProfile = options.profileDir === undefined;
  const profileDir = options.profileDir ?? (await makeTempDir('chromium'));

  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: options.headless ?? true,
      ignoreHTTPSErrors: true,
      timeout: 60_000,
      args: [
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
        ...(options.args ?? []),
      ],
    });
  } catch (error) {
    if (ownProfile) await removeDir(profileDir);
    throw error;
  }

  const isOurs = (worker: Worker) => worker.url().startsWith('chrome-extension://');
  const first = context.serviceWorkers().find(isOurs) ?? (await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 30_000 }));
  const extensionId = new URL(first.url()).host;
  const origin = `chrome-extension://${extensionId}`;

  const serviceWorker = async (timeoutMs = 30_000): Promise<Worker> => {
    // Playwright keeps one Worker object across stops and restarts, and its evaluate() hangs while the
    // worker is stopped: probe it until it answers.
    const worker =
      context.serviceWorkers().find((w) => w.url().startsWith(origin)) ??
      (await context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith(origin), timeout: timeoutMs }));
    const answers = () => Promise.race([worker.evaluate(() => true), sleep(500).then(() => undefined)]);
    await pollFor('the extension service worker to run', answers, timeoutMs, 100);
    return worker;
  };

  const openExtensionPage = async (pagePath: string): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(`${origin}/${pagePath.replace(/^\//, '')}`);
    return page;
  };

  const stopServiceWorker = async (): Promise<void> => {
    // The ServiceWorker CDP domain works from a page in the extension's origin; manifest.json is
    // an inert one. Playwright's Worker object goes stale meanwhile: get a new one with serviceWorker().
    const page = await openExtensionPage('manifest.json');
    try {
      const watch = await watchServiceWorker(context, page, origin);
      await watch.stopSeenOnce();
      await watch.detach();
    } finally {
      await page.close();
    }
  };

  /** chrome://extensions, whose page may call chrome.management and chrome.developerPrivate. */
  let extensionsPage: Page | undefined;
  const onExtensionsPage = async <T>(script: (args: { id: string; enabled: boolean }) => Promise<T>, enabled = true): Promise<T> => {
    if (!extensionsPage || extensionsPage.isClosed()) {
      extensionsPage = await context.newPage();
      await extensionsPage.goto('chrome://extensions');
    }
    return extensionsPage.evaluate(script, { id: extensionId, enabled });
  };
  type ExtensionsApi = {
    management: { setEnabled(id: string, enabled: boolean): Promise<void> };
    developerPrivate: { updateProfileConfiguration(update: object): Promise<void>; reload(id: string, options: object): Promise<void> };
  };

  let closed = false;
  return {
    context,
    extensionId,
    openExtensionPage,
    visit: (url) => visitInNewTab(() => context.newPage(), url, 15_000),
    serviceWorker,
    stopServiceWorker,
    setExtensionEnabled: (enabled) =>
      onExtensionsPage(async ({ id, enabled: on }) => {
        const at = Date.now();
        await (globalThis as unknown as { chrome: ExtensionsApi }).chrome.management.setEnabled(id, on);
        return at;
      }, enabled),
    reloadExtension: () =>
      onExtensionsPage(async ({ id }) => {
        const { developerPrivate } = (globalThis as unknown as { chrome: ExtensionsApi }).chrome;
        // Chromium reloads an unpacked extension only in developer mode; otherwise it leaves it disabled.
        await developerPrivate.updateProfileConfiguration({ inDeveloperMode: true });
        const at = Date.now();
        await developerPrivate.reload(id, { failQuietly: true });
        return at;
      }),
    close: async () => {
      if (closed) return;
      closed = true;
      // Playwright kills the browser's process group if a graceful close does not finish.
      await context.close();
      if (ownProfile) await removeDir(profileDir);
    },
  };
}

/** Options for {@link launchChromium}. */
export interface LaunchChromiumOptions {
  /** Unpacked extension, relative to the repository root or absolute; default `.output/chrome-mv3`. */
  extensionDir?: string;
  /** Profile to use and keep (for browser-restart tests); default a temporary one removed on close. */
  profileDir?: string;
  /** Extra command-line switches. */
  args?: string[];
  /** Default true; false opens a window (needs a display), for `npm start`. */
  headless?: boolean;
}

/** A running Chromium started by {@link launchChromium}. */
export interface ChromiumHandle {
  context: BrowserContext;
  /** The id Chromium gave the unpacked extension (stable for a given extension path). */
  extensionId: string;
  /** Opens `chrome-extension://<id>/<path>` in a new tab, e.g. `popup.html`. */
  openExtensionPage(path: string): Promise<Page>;
  /** Loads `url` in a new tab (15 s at most); the response status, or the network error's text. */
  visit(url: string): Promise<number | string>;
  /**
   * The extension's service worker once it answers; if stopped, waits for something to wake it (an
   * extension page's message, an event it listens to). Rejects after `timeoutMs` (default 30 s).
   */
  serviceWorker(timeoutMs?: number): Promise<Worker>;
  /** Stops the extension's service worker (CDP `ServiceWorker.stopAllWorkers`), resolving once it was seen stopped (service-worker-watch.ts: `stopSeenOnce`). */
  stopServiceWorker(): Promise<void>;
  /** Disables or enables the extension as chrome://extensions does; resolves, once done, with the browser's clock when it asked. */
  setExtensionEnabled(enabled: boolean): Promise<number>;
  /** Reloads the extension as chrome://extensions does (in developer mode); resolves with the browser's clock when it asked. */
  reloadExtension(): Promise<number>;
  /** Closes the browser; removes the profile unless `profileDir` was given. */
  close(): Promise<void>;
}
