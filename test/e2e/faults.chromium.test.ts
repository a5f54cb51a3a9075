/**
 * Faults in a real Chromium: the proxy process dies while connected; twenty quick connect and
 * disconnect clicks; the service worker stopped in the middle of an API request.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProxyStatus } from '../../lib/background/proxy/status.ts';
import { startSandbox, type Sandbox } from '../sandbox/server.ts';
import { launchChromium, startSquid, startTargetServer, type ChromiumHandle, type SquidHandle, type TargetServer } from './harness/index.ts';
import { chromiumProtocol, proxyStatusWhen, type ProtocolClient } from './harness/protocol.ts';
import { pollFor } from './harness/util.ts';

const USERS = { 'alice_area-US': 'alicepw1', 'bob_area-DE': 'bobpw2' };
const alice = { kind: 'account', account: 'alice', password: 'alicepw1', country: 'US' };
const bob = { kind: 'account', account: 'bob', password: 'bobpw2', country: 'DE' };

interface ChromeProxyApi {
  chrome: { proxy: { settings: { get(details: object): Promise<{ levelOfControl: string; value: { mode: string; rules?: { singleProxy?: { port: number } }; pacScript?: { data: string } } }> } } };
}

describe('faults in Chromium', () => {
  let squid: SquidHandle;
  let target: TargetServer;
  let sandbox: Sandbox;
  let chromium: ChromiumHandle;
  let control: Page;
  let background: ProtocolClient;

  const proxySetting = () => control.evaluate(() => (globalThis as unknown as ChromeProxyApi).chrome.proxy.settings.get({}));
  const status = () => background.call<ProxyStatus>('getProxyStatus');

  beforeAll(async () => {
    [squid, target, sandbox] = await Promise.all([startSquid({ users: USERS, hosts: ['exit.test'] }), startTargetServer(), startSandbox({ accounts: 3 })]);
    chromium = await launchChromium();
    control = await chromium.openExtensionPage('manifest.json');
    background = chromiumProtocol(control);
    await background.call('updateSettings', {
      apiBaseUrl: sandbox.url,
      gateway: { host: '127.0.0.1', port: squid.port },
      exitCheckUrl: target.url('/ip', 'exit.test'),
      // Nothing may go direct in these tests.
      blockWhenDown: true,
    });
    await background.call('setKey', { key: sandbox.demoKey, remember: true });
  });

  afterAll(async () => {
    await chromium?.close();
    await Promise.all([squid?.stop(), target?.close(), sandbox?.close()]);
  });

  it('ends twenty quick connect and disconnect clicks in the state of the last, with no stray setting', async () => {
    const clicks = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? background.ask('connect', { endpoint: i % 4 === 0 ? alice : bob }) : background.ask('disconnect')));
    await Promise.all(clicks);
    expect((await status()).state).toBe('direct');
    expect((await proxySetting()).levelOfControl).not.toBe('controlled_by_this_extension');

    await Promise.all([...Array.from({ length: 19 }, (_, i) => (i % 2 === 0 ? background.ask('disconnect') : background.ask('connect', { endpoint: alice }))), background.ask('connect', { endpoint: bob })]);
    const setting = await proxySetting();
    expect(setting.levelOfControl).toBe('controlled_by_this_extension');
    expect((await status()).endpoint).toEqual(bob);
    expect(await chromium.visit(target.url('/after-clicks'))).toBe(200);
    await squid.waitForLogEntry((entry) => entry.url.includes('/after-clicks') && entry.user === 'bob_area-DE' && entry.status === 200);
  });

  it('reports a proxy that died while connected within seconds, and sends nothing direct', async () => {
    await background.call('connect', { endpoint: alice });
    await proxyStatusWhen(background, 'the exit check', (current) => current.exit !== undefined);
    await squid.stop();
    const diedAt = Date.now();
    expect(await chromium.visit(target.url('/while-down'))).toMatch(/ERR_PROXY_CONNECTION_FAILED/);
    const failed = await proxyStatusWhen(background, 'the failure in the status', (current) => current.state === 'failed');
    expect(failed.failure?.kind).toBe('unreachable');
    console.log(`proxy death reported ${Date.now() - diedAt} ms after it died`);
    expect(target.requests().some((request) => request.path === '/while-down')).toBe(false);
    await background.call('disconnect');
  });

  it('recovers when the worker is stopped in the middle of an API request', async () => {
    sandbox.setFault({ kind: 'slow', path: 'whitelist-account/list', delayMs: 3_000, times: 1 });
    // The page's request dies with the worker: its answer is not awaited.
    const pending = background.ask('getAccounts', { refresh: true }).catch(() => undefined);
    await pollFor('the request at the sandbox', () => (sandbox.requests.some((request) => request.path.endsWith('whitelist-account/list') && request.query.app_key !== undefined) ? true : undefined));
    await chromium.stopServiceWorker();
    // Asking again wakes the worker, and it answers.
    await pending;
    const again = await background.ask('getAccounts', { refresh: true });
    expect(again).toMatchObject({ ok: true, value: { data: expect.any(Array), stale: false } });
    expect(await background.ask('getKeyStatus')).toMatchObject({ ok: true, value: { set: true } });
  });
});
