/**
 * Key safety in a real Chromium, across a whole run: the key is entered from an extension page, the
 * lists are read, an account is changed, a list fails, the pages are opened, the browser is connected
 * through Squid to a target and disconnected. Every request is recorded (Playwright's network events,
 * which cover the extension's service worker through its DevTools session, plus the sandbox's,
 * Squid's and the target's own logs), every console message of the pages and the worker is kept, and
 * then: the key went only to the API host, is in no page's DOM, HTML or form field, in no console
 * message, in no answer to a page, and `storage.sync` is empty. Last, "Forget key" while connected: afterwards
 * neither the key nor the proxy login loaded with it is in the extension's storage, and once the
 * browser has closed (which writes its HTTP cache out) no file of the profile's HTTP cache holds the key.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ConsoleMessage, Page, Request, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox/server.ts';
import { launchChromium, startSquid, startTargetServer, type ChromiumHandle, type SquidHandle, type TargetServer } from './harness/index.ts';
import { chromiumProtocol, proxyStatusWhen, type ProtocolClient } from './harness/protocol.ts';
import { makeTempDir, removeDir } from './harness/util.ts';

const USERS = { 'alice_area-US': 'alicepw1' };
const alice = { kind: 'account', account: 'alice', password: 'alicepw1', country: 'US' };

interface ChromeStorage {
  storage: Record<'sync' | 'local' | 'session', { get(keys: null): Promise<Record<string, unknown>> }>;
}

/** Every file below `dir`, with its path. */
async function filesBelow(dir: string): Promise<{ path: string; content: Buffer }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  return Promise.all(files.map(async (file) => ({ path: file, content: await readFile(file) })));
}

interface SeenRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  fromWorker: boolean;
}

describe('the key in a real Chromium', () => {
  let sandbox: Sandbox;
  let squid: SquidHandle;
  let target: TargetServer;
  let chromium: ChromiumHandle;
  /** The browser profile, kept after the browser closes so its HTTP cache can be read. */
  let profileDir: string;
  let control: Page;
  let background: ProtocolClient;
  const transcript: string[] = [];
  const requests: SeenRequest[] = [];
  const consoleLines: string[] = [];
  let key = '';

  const onConsole = (where: string) => (message: ConsoleMessage) => {
    consoleLines.push(`${where} ${message.type()}: ${message.text()}`);
  };
  const onRequest = (request: Request) => {
    requests.push({ url: request.url(), headers: request.headers(), body: request.postData() ?? '', fromWorker: request.serviceWorker() !== null });
  };
  const watchWorker = (worker: Worker) => worker.on('console', onConsole(`worker ${worker.url()}`));

  beforeAll(async () => {
    [sandbox, squid, target] = await Promise.all([startSandbox({ accounts: 4 }), startSquid({ users: USERS, hosts: ['exit.test'] }), startTargetServer({ countryOf: () => 'US' })]);
    key = sandbox.demoKey;
    profileDir = await makeTempDir('key-safety');
    chromium = await launchChromium({ profileDir });
    const { context } = chromium;
    context.on('request', onRequest);
    context.on('page', (page) => page.on('console', onConsole(`page ${page.url()}`)));
    for (const page of context.pages()) page.on('console', onConsole(`page ${page.url()}`));
    for (const worker of context.serviceWorkers()) watchWorker(worker);
    context.on('serviceworker', watchWorker);
    // An inert extension document to send protocol messages from, as the options page does.
    control = await chromium.openExtensionPage('manifest.json');
    background = chromiumProtocol(control, transcript);
  });

  afterAll(async () => {
    await chromium?.close();
    await Promise.all([squid?.stop(), target?.close(), sandbox?.close(), profileDir && removeDir(profileDir)]);
  });

  it('runs a whole session: key entry, lists, a change, a failure, the pages, connect and disconnect', async () => {
    await background.call('updateSettings', { apiBaseUrl: sandbox.url, gateway: { host: '127.0.0.1', port: squid.port }, exitCheckUrl: target.url('/ip', 'exit.test') });
    expect(await background.call('setKey', { key, remember: true })).toMatchObject({ set: true, last4: key.slice(-4) });

    const accounts = await background.call<{ data: { username: string }[] }>('getAccounts', {});
    await background.call('getOrders', {});
    await background.call('getPackageSummary', {});
    await background.call('changeAccountRemark', { account: accounts.data[0]!.username, remark: 'key safety' });
    // A failing list (every attempt: reads are retried twice).
    sandbox.setFault({ kind: 'http500', path: 'order/list' });
    expect(await background.ask('getOrders', { refresh: true })).toMatchObject({ ok: false, error: { kind: 'http' } });
    sandbox.setFault(null);
    // A wrong key entered after the right one (it differs by one character) is refused and not stored.
    await background.ask('setKey', { key: `${key}x`, remember: true });

    for (const page of ['popup.html', 'options.html', 'dashboard.html']) await chromium.openExtensionPage(page);
    const popup = chromium.context.pages().find((page) => page.url().endsWith('/popup.html'))!;
    await popup.waitForFunction((name) => document.body.innerText.includes(name), accounts.data[1]!.username, { timeout: 15_000 });

    expect(await background.call<{ state: string }>('connect', { endpoint: alice })).toMatchObject({ state: 'connected' });
    expect(await chromium.visit(target.url('/through-the-proxy'))).toBe(200);
    await squid.waitForLogEntry((entry) => entry.url.includes('/through-the-proxy') && entry.user === 'alice_area-US' && entry.status < 400, 10_000);
    await proxyStatusWhen(background, 'the exit check', (status) => status.exit !== undefined);
    expect(await background.call('disconnect')).toMatchObject({ state: 'direct' });
  });

  it('sent the key only to the API host (every request the browser made, the worker’s included)', async () => {
    const apiOrigin = new URL(sandbox.url).origin;
    const fromWorkerToApi = requests.filter((request) => request.fromWorker && request.url.startsWith(`${apiOrigin}/`));
    // The network events do see the worker's traffic: the key check, the lists, the change.
    expect(fromWorkerToApi.length).toBeGreaterThan(4);
    const carrying = requests.filter((request) => JSON.stringify(request).includes(key));
    expect(carrying.length).toBeGreaterThan(0);
    for (const request of carrying) expect(new URL(request.url).origin).toBe(apiOrigin);
    // Every request the API host saw came from the worker's calls; none of the other servers saw the key.
    expect(sandbox.requests.length).toBeGreaterThan(4);
    expect(JSON.stringify(target.requests())).not.toContain(key);
    expect(target.requests().length).toBeGreaterThan(0);
    const log = await squid.accessLog();
    expect(log.length).toBeGreaterThan(0);
    expect(JSON.stringify(log)).not.toContain(key);
  });

  it('put the key in no extension page: not in the DOM, the HTML or a form field', async () => {
    const pages = chromium.context.pages().filter((page) => page.url().startsWith('chrome-extension://'));
    expect(pages.map((page) => new URL(page.url()).pathname).sort()).toEqual(['/dashboard.html', '/manifest.json', '/options.html', '/popup.html']);
    for (const page of pages) {
      expect(await page.content(), page.url()).not.toContain(key);
      const fields = await page.evaluate(() => [...document.querySelectorAll('input, textarea')].map((field) => (field as HTMLInputElement).value).join('\n'));
      expect(fields, page.url()).not.toContain(key);
      expect(await page.evaluate(() => document.body?.innerText ?? ''), page.url()).not.toContain(key);
    }
    expect(transcript.length).toBeGreaterThan(8);
    expect(transcript.join('\n')).not.toContain(key);
  });

  it('wrote nothing with the key to any console', () => {
    expect(consoleLines.join('\n')).not.toContain(key);
  });

  it('keeps the key out of storage.sync, and in storage.local only as the key record', async () => {
    const storage = await control.evaluate(async () => {
      const { storage } = (globalThis as unknown as { chrome: ChromeStorage }).chrome;
      return { sync: await storage.sync.get(null), local: await storage.local.get(null), session: await storage.session.get(null) };
    });
    expect(storage.sync).toEqual({});
    const { apiKey, ...rest } = storage.local;
    expect(apiKey).toMatchObject({ key });
    expect(JSON.stringify(rest)).not.toContain(key);
    expect(JSON.stringify(storage.session)).not.toContain(key);
  });

  it('after Forget key, keeps neither the key nor the proxy login loaded with it in storage', async () => {
    // Connected through the account at that moment: Forget key disconnects and erases it as the last endpoint.
    expect(await background.call<{ state: string }>('connect', { endpoint: alice })).toMatchObject({ state: 'connected' });
    expect(await background.call('forgetKey')).toEqual({ set: false });
    expect(await background.call('getProxyStatus')).toMatchObject({ state: 'direct' });
    expect(await background.ask('toggleLast')).toMatchObject({ ok: false, error: { kind: 'no-last-endpoint' } });
    const storage = await control.evaluate(async () => {
      const { storage } = (globalThis as unknown as { chrome: ChromeStorage }).chrome;
      return JSON.stringify([await storage.local.get(null), await storage.session.get(null)]);
    });
    expect(storage).not.toContain(key);
    expect(storage).not.toContain(alice.password);
  });

  it('after Forget key, leaves the key in no file of the browser’s HTTP cache (the API answers were never stored)', async () => {
    await chromium.close();
    const cacheDir = path.join(profileDir, 'Default', 'Cache');
    const files = await filesBelow(cacheDir);
    // The cache is there (its index at least): the test looks at the right place.
    expect(files.length).toBeGreaterThan(0);
    const holdingKey = files.filter((file) => file.content.includes(key)).map((file) => path.relative(cacheDir, file.path));
    expect(holdingKey).toEqual([]);
  });
});
