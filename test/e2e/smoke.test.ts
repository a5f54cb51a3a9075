import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, launchFirefox, proxyConnect, proxyGet, startSquid, startTargetServer } from './harness/index.ts';
import type { ChromiumHandle, FirefoxHandle, SquidHandle, TargetServer } from './harness/index.ts';

/** The popup's Preact root element (entrypoints/popup/index.html). */
const ROOT = '#app';

describe('Chromium with the built MV3 extension', () => {
  let chromium: ChromiumHandle;

  beforeAll(async () => {
    const started = Date.now();
    chromium = await launchChromium();
    console.log(`chromium launch: ${Date.now() - started} ms`);
  });
  afterAll(() => chromium?.close());

  it('runs the background service worker', async () => {
    expect(chromium.extensionId).toMatch(/^[a-p]{32}$/);
    const worker = await chromium.serviceWorker();
    expect(worker.url()).toBe(`chrome-extension://${chromium.extensionId}/background.js`);
    expect(await worker.evaluate(() => typeof (globalThis as unknown as { chrome: ChromeExtensionApi }).chrome.proxy.settings)).toBe('object');
  });

  it('opens the popup and renders its root element', async () => {
    const page = await chromium.openExtensionPage('popup.html');
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.reload();
    await page.locator(`${ROOT} > *`).first().waitFor();
    expect((await page.locator(ROOT).innerText()).trim()).not.toBe('');
    expect(errors).toEqual([]);
  });

  it('restarts the service worker after it was stopped', async () => {
    await chromium.stopServiceWorker();
    const page = await chromium.openExtensionPage('popup.html');
    // Any extension event wakes the worker; a message with no listener still starts it.
    await page.evaluate(() => (globalThis as unknown as { chrome: ChromeExtensionApi }).chrome.runtime.sendMessage({ type: 'e2e:ping' }).catch(() => undefined));
    const worker = await chromium.serviceWorker(10_000);
    expect(await worker.evaluate(() => 6 * 7)).toBe(42);
  });
});

describe('Firefox ESR with the built add-on', () => {
  let firefox: FirefoxHandle;

  beforeAll(async () => {
    const started = Date.now();
    firefox = await launchFirefox();
    console.log(`firefox launch: ${Date.now() - started} ms`);
  });
  afterAll(() => firefox?.close());

  it('loads the popup at the fixed moz-extension:// URL and renders it', async () => {
    const page = await firefox.openExtensionPage('popup.html');
    // page.url() can stay about:blank (puppeteer never sees the navigation finish): ask the document.
    expect(await page.evaluate(() => location.href)).toBe(firefox.extensionUrl('popup.html'));
    await page.waitForSelector(`${ROOT} > *`, { timeout: 10_000 });
    const text = await page.$eval(ROOT, (el) => el.textContent ?? '');
    expect(text.trim()).not.toBe('');
  });

  it('runs the background page', async () => {
    const page = await firefox.openExtensionPage('popup.html');
    const background = await page.evaluate(async () => {
      const ext = (globalThis as unknown as { browser: FirefoxExtensionApi }).browser;
      const bg = await ext.runtime.getBackgroundPage();
      return { url: bg.location.href, proxyOnRequest: typeof ext.proxy.onRequest };
    });
    expect(background.url).toBe(firefox.extensionUrl('_generated_background_page.html'));
    expect(background.proxyOnRequest).toBe('object');
  });
});

describe('Squid test proxy', () => {
  let squid: SquidHandle;
  let target: TargetServer;

  beforeAll(async () => {
    target = await startTargetServer();
    squid = await startSquid({ users: { alice: 'right-pass' } });
    console.log(`squid startup: ${squid.startupMs} ms`);
  });
  afterAll(async () => {
    await squid?.stop();
    await target?.close();
  });

  it('forwards and logs a request with the right login, under that user', async () => {
    const res = await proxyGet(squid, target.url('/ip'), { user: 'alice', password: 'right-pass' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ip: '127.0.0.1', country: 'ZZ' });
    const seen = await target.waitForRequest((r) => r.path === '/ip');
    expect(seen.host).toBe(`target.test:${target.port}`);
    expect(seen.headers['proxy-authorization']).toBeUndefined();
    const entry = await squid.waitForLogEntry((e) => e.url === target.url('/ip'));
    expect(entry).toMatchObject({ user: 'alice', method: 'GET', host: 'target.test', status: 200 });
  });

  it('answers 407 to a wrong password and to no login, without reaching the target', async () => {
    target.clearRequests();
    expect((await proxyGet(squid, target.url('/wrong'), { user: 'alice', password: 'nope' })).status).toBe(407);
    expect((await proxyGet(squid, target.url('/anonymous'))).status).toBe(407);
    const entry = await squid.waitForLogEntry((e) => e.url === target.url('/wrong'));
    expect(entry).toMatchObject({ status: 407, squidStatus: 'TCP_DENIED' });
    expect(target.requests()).toEqual([]);
  });

  it('opens CONNECT tunnels to loopback for a logged-in user only', async () => {
    const authority = `target.test:${target.httpsPort}`;
    expect((await proxyConnect(squid, authority, { user: 'alice', password: 'right-pass' })).status).toBe(200);
    expect((await proxyConnect(squid, authority, { user: 'alice', password: 'nope' })).status).toBe(407);
    const tunnel = await squid.waitForLogEntry((e) => e.method === 'CONNECT' && e.status === 200);
    expect(tunnel).toMatchObject({ user: 'alice', url: authority, host: 'target.test' });
  });

  it('refuses destinations other than .test names and 127.0.0.1', async () => {
    const res = await proxyGet(squid, 'http://example.com/', { user: 'alice', password: 'right-pass' });
    expect(res.status).toBe(403);
  });

  it('applies a password change at once', async () => {
    await squid.setUsers({ alice: 'new-pass' });
    expect((await proxyGet(squid, target.url('/old'), { user: 'alice', password: 'right-pass' })).status).toBe(407);
    expect((await proxyGet(squid, target.url('/new'), { user: 'alice', password: 'new-pass' })).status).toBe(200);
  });
});

/**
 * Chrome's extension namespace inside an extension page or worker (the tests' tsconfig has no
 * `chrome` types). Evaluate callbacks are serialized into the browser, so the cast is inlined.
 */
interface ChromeExtensionApi {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  proxy: { settings: object };
}

/** The parts of Firefox's `browser` namespace these tests call (WXT types `browser` as Chrome's). */
interface FirefoxExtensionApi {
  runtime: { getBackgroundPage(): Promise<Window> };
  proxy: { onRequest: object };
}
