/**
 * Proxy switching in a real Firefox ESR with the built add-on, a real authenticating Squid on
 * loopback (its access log names the user of every request), a real SOCKS5 proxy (microsocks) and the
 * sandbox API. `.test` names resolve only inside Squid, so a request that reaches the target by name
 * went through the proxy.
 *
 * The add-on is installed as a regular unsigned add-on in the profile (not a temporary one), so that
 * it is still there after a browser restart; and `network.proxy.allow_hijacking_localhost` is on, so
 * that Firefox hands loopback requests to `proxy.onRequest` like any other: without it, Firefox never
 * proxies 127.0.0.1, and a "bypassed host goes direct" check would prove nothing.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProxyStatus } from '../../lib/background/proxy/status.ts';
import { startSandbox, type Sandbox } from '../sandbox/server.ts';
import {
  launchFirefox,
  startSocks,
  startSquid,
  startTargetServer,
  type FirefoxHandle,
  type SocksHandle,
  type SquidHandle,
  type TargetServer,
} from './harness/index.ts';
import { firefoxProtocol, proxyStatusWhen, type ProtocolClient } from './harness/protocol.ts';
import { connectsAgainAfterPasswordChangedElsewhere, disconnectsFromTheProxy, routesOnlyTheListedSites, setUpAsAUserWould, type ProxySuite } from './harness/proxy-scenarios.ts';
import { freePort, makeTempDir, pollFor, removeDir, sleep } from './harness/util.ts';

const ALICE = 'alice_area-US';
const BOB = 'bob_area-DE_life-10_session-abc123';
const USERS = { [ALICE]: 'alicepw1', [BOB]: 'bobpw2' };
const alice = { kind: 'account', account: 'alice', password: 'alicepw1', country: 'US' };
const bob = { kind: 'account', account: 'bob', password: 'bobpw2', country: 'DE', stickyMinutes: 10, sessionId: 'abc123' };
const SOCKS_LOGIN = { user: 'sockuser', password: 'sockpw5' };
/** microsocks binds its outgoing connections here: the target server sees this address for them. */
const SOCKS_EXIT = '127.0.0.2';
/**
 * A load that failed by itself (cancelled, refused, unknown host), not one left waiting at a login
 * prompt until the navigation timed out.
 */
const FAILED_AT_ONCE = /NS_ERROR_\w+/;
/** fallback.test resolves to 127.0.0.1 for direct connections only (Squid does not know it). */
const FIREFOX_PREFS = { 'network.proxy.allow_hijacking_localhost': true, 'network.dns.localDomains': 'fallback.test' };


describe('proxy switching in Firefox', () => {
  let squid: SquidHandle;
  let target: TargetServer;
  let sandbox: Sandbox;
  let socks: SocksHandle;
  let firefox: FirefoxHandle;
  let profileDir: string;
  let control: Page;
  let background: ProtocolClient;
  /** Every answer any page got, across reloads and restarts: none may hold the key. */
  const transcript: string[] = [];

  async function openControlPage(): Promise<void> {
    control = await firefox.openExtensionPage('popup.html');
    background = firefoxProtocol(control, transcript);
  }

  const suite = (): ProxySuite => ({ sandbox, squid, target, background, users: USERS, visit: (url) => firefox.visit(url), expectFailed: (result) => expect(result).toMatch(FAILED_AT_ONCE) });
  const logFor = (fragment: string) => squid.entriesFor(fragment);
  const waitForLog = (fragment: string, user: string) => squid.waitForSuccess(fragment, user);
  const tunnel = () => `target.test:${target.httpsPort}`;
  /** CONNECT tunnels are logged when they close (the target server drops idle connections after 5 s). */
  const waitForTunnel = (user: string, since: number) =>
    squid.waitForLogEntry((entry) => entry.method === 'CONNECT' && entry.url === tunnel() && entry.user === user && entry.time >= since - 1000, 15_000);

  beforeAll(async () => {
    [squid, target, sandbox, socks] = await Promise.all([
      startSquid({ users: USERS, hosts: ['exit.test'] }),
      startTargetServer({ countryOf: () => 'US' }),
      startSandbox({ accounts: 4 }),
      startSocks({ ...SOCKS_LOGIN, bindAddress: SOCKS_EXIT }),
    ]);
    profileDir = await makeTempDir('firefox-proxy');
    firefox = await launchFirefox({ profileDir, addon: 'profile', prefs: FIREFOX_PREFS });
    await openControlPage();
    await setUpAsAUserWould(suite());
  });

  afterAll(async () => {
    await firefox?.close();
    await Promise.all([squid?.stop(), target?.close(), sandbox?.close(), socks?.stop()]);
    if (profileDir) await removeDir(profileDir);
  });

  it('connects an account through the gateway as its username, over http and https, with no prompt', async () => {
    const status = await background.call<ProxyStatus>('connect', { endpoint: alice });
    expect(status.state).toBe('connected');

    expect(await firefox.visit(target.url('/alice-http'))).toBe(200);
    await waitForLog('/alice-http', ALICE);
    const httpsAt = Date.now();
    expect(await firefox.visit(target.httpsUrl('/alice-https'))).toBe(200);
    await target.waitForRequest((request) => request.path === '/alice-https' && request.scheme === 'https');

    // The origin never sees the proxy login.
    for (const request of target.requests()) expect(request.headers['proxy-authorization']).toBeUndefined();
    // The exit check ran through the proxy and says where traffic leaves.
    const checked = await proxyStatusWhen(background, 'the exit check', (status) => status.exit !== undefined);
    expect(checked).toMatchObject({ state: 'connected', exit: { ip: '127.0.0.1', country: 'US' } });
    await waitForLog('/ip', ALICE);
    expect((await waitForTunnel(ALICE, httpsAt)).status).toBe(200);
  });

  it('switches identity on the same host:port: the next http and https requests are the new user', async () => {
    // An https tunnel as alice is open (idle, reusable) when the switch happens.
    const aliceOpenAt = Date.now();
    expect(await firefox.visit(target.httpsUrl('/alice-open-tunnel'))).toBe(200);
    expect((await background.call<ProxyStatus>('connect', { endpoint: bob })).state).toBe('connected');
    expect(await firefox.visit(target.url('/bob-http'))).toBe(200);
    await waitForLog('/bob-http', BOB);
    const httpsAt = Date.now();
    expect(await firefox.visit(target.httpsUrl('/bob-https'))).toBe(200);
    // Bob's page got a tunnel of its own, as bob, rather than reusing alice's.
    expect((await waitForTunnel(BOB, httpsAt)).status).toBe(200);
    expect((await waitForTunnel(ALICE, aliceOpenAt)).status).toBe(200);
    expect((await logFor('/bob-http')).every((entry) => entry.user !== ALICE)).toBe(true);
    for (const request of target.requests()) expect(request.headers['proxy-authorization']).toBeUndefined();
  });

  it('fails a wrong password after a switch at most twice at the proxy, without a prompt, and says so', async () => {
    // The same username Firefox has logged in with before, now with a wrong password: a cached login must not hide it.
    await background.call('connect', { endpoint: { ...alice, password: 'wrongpw9' } });
    expect(await firefox.visit(target.url('/wrong-password'))).toMatch(FAILED_AT_ONCE);
    await sleep(300);
    const attempts = await logFor('/wrong-password');
    expect(attempts.length).toBeGreaterThan(0);
    expect(attempts.length).toBeLessThanOrEqual(2);
    expect(attempts.every((entry) => entry.status === 407)).toBe(true);
    expect(target.requests().filter((request) => request.path === '/wrong-password')).toEqual([]);
    const status = await proxyStatusWhen(background, 'the refusal in the status', (current) => current.state === 'failed');
    expect(status.failure?.kind).toBe('auth-refused');
  });

  it('connects again with the new password when the account’s password was changed elsewhere', () => connectsAgainAfterPasswordChangedElsewhere(suite()));

  it('gives a website’s own 401 no proxy credentials', async () => {
    await background.call('connect', { endpoint: alice });
    // Firefox asks the user about a website's own login, as it should: the load waits at that prompt,
    // so this does not wait for it to finish.
    const tab = await firefox.browser.newPage();
    try {
      tab.goto(target.url('/401')).catch(() => undefined);
      // It went through the proxy, logged in as the account, and the website's 401 came back.
      await squid.waitForLogEntry((entry) => entry.url.includes('/401') && entry.user === ALICE && entry.status === 401);
      await sleep(300);
    } finally {
      await tab.close().catch(() => undefined);
    }
    const challenged = target.requests().filter((request) => request.path === '/401');
    expect(challenged).toHaveLength(1);
    expect(challenged[0]!.headers.authorization).toBeUndefined();
    expect(challenged[0]!.headers['proxy-authorization']).toBeUndefined();
  });

  it('still logs in after the background reloaded', async () => {
    const marker = () =>
      control.evaluate(async () => {
        const page = (await (globalThis as unknown as { browser: FirefoxExtensionApi }).browser.runtime.getBackgroundPage()) as Window & { e2eMarker?: string };
        const before = page.e2eMarker;
        page.e2eMarker = 'set';
        return before;
      });
    await marker();
    await control.evaluate(() => (globalThis as unknown as { browser: FirefoxExtensionApi }).browser.runtime.reload()).catch(() => undefined);
    // The reload closes the add-on's pages: the old one stops answering.
    await pollFor('the old extension page to close', () => control.evaluate(() => true).then(() => undefined, () => true), 10_000);
    await openControlPage();
    expect(await marker()).toBeUndefined();
    // The reloaded background proxies from the stored connection...
    expect(await firefox.visit(target.url('/after-reload'))).toBe(200);
    await waitForLog('/after-reload', ALICE);
    // ...and logs in itself: Firefox's cached login (alice) would not make this bob.
    await background.call('connect', { endpoint: bob });
    expect(await firefox.visit(target.url('/after-reload-bob'))).toBe(200);
    await waitForLog('/after-reload-bob', BOB);
  });

  it('is connected again after a browser restart, before the first request', async () => {
    await firefox.close();
    const restartedAt = Date.now();
    // The first page Firefox opens, loading while it starts, before any extension page was opened.
    firefox = await launchFirefox({ profileDir, addon: 'profile', prefs: FIREFOX_PREFS, args: [target.url('/first-page')] });
    await waitForLog('/first-page', BOB);
    expect(await firefox.visit(target.url('/after-restart'))).toBe(200);
    await waitForLog('/after-restart', BOB);
    const afterRestart = (await squid.accessLog()).filter((entry) => entry.time >= restartedAt && entry.host.endsWith('.test'));
    // The first request through the proxy after the restart already carried the right login.
    expect(afterRestart[0]).toMatchObject({ url: target.url('/first-page'), user: BOB, status: 200 });
    expect(afterRestart.every((entry) => entry.user === BOB && entry.status === 200)).toBe(true);
    await openControlPage();
  });

  it('sends bypassed hosts direct, and only the listed sites in "only these sites" mode', () => routesOnlyTheListedSites(suite(), BOB));

  it('disconnects: no request reaches the proxy', () => disconnectsFromTheProxy(suite()));

  it('goes through a socks5 proxy with a username and password, and fails a wrong one without a prompt', async () => {
    // Nothing bypassed, so that 127.0.0.1 (microsocks resolves names itself: target by IP) is proxied.
    await background.call('updateSettings', { routing: { mode: 'all', sites: [], bypass: [] } });
    const socksEndpoint = { kind: 'custom', scheme: 'socks5', host: socks.host, port: socks.port, username: SOCKS_LOGIN.user, password: SOCKS_LOGIN.password };
    await background.call('connect', { endpoint: socksEndpoint });
    expect(await firefox.visit(`http://127.0.0.1:${target.port}/via-socks`)).toBe(200);
    const seen = await target.waitForRequest((request) => request.path === '/via-socks');
    expect(seen.remoteAddress.replace(/^::ffff:/, '')).toBe(SOCKS_EXIT);

    await background.call('connect', { endpoint: { ...socksEndpoint, password: 'wrongpw' } });
    expect(await firefox.visit(`http://127.0.0.1:${target.port}/socks-wrong`)).toMatch(FAILED_AT_ONCE);
    expect(target.requests().filter((request) => request.path === '/socks-wrong')).toEqual([]);
    await background.call('disconnect');
  });

  it('lets pages go direct while the proxy is down only when allowed, and says so', async () => {
    const downProxy = { kind: 'custom', scheme: 'http', host: '127.0.0.1', port: await freePort() };
    await background.call('updateSettings', { blockWhenDown: false, routing: { mode: 'all', sites: [], bypass: [] } });
    await background.call('connect', { endpoint: downProxy });
    expect(await firefox.visit(target.url('/ff-fell-back', 'fallback.test'))).toBe(200);
    const failed = await proxyStatusWhen(background, 'the status to report the proxy down', (status) => status.state === 'failed');
    expect(failed.failure).toMatchObject({ kind: 'unreachable', message: expect.stringMatching(/from your own IP/) });

    await background.call('updateSettings', { blockWhenDown: true });
    expect(await firefox.visit(target.url('/ff-blocked', 'fallback.test'))).toMatch(FAILED_AT_ONCE);
    expect(target.requests().some((request) => request.path === '/ff-blocked')).toBe(false);
    await background.call('updateSettings', { blockWhenDown: false });
    await background.call('disconnect');
  });

  it('never put the app_key in an answer to a page', () => {
    expect(transcript.length).toBeGreaterThan(10);
    for (const answer of transcript) expect(answer).not.toContain(sandbox.demoKey);
  });
});

/** The parts of Firefox's `browser` namespace these tests call (WXT types `browser` as Chrome's). */
interface FirefoxExtensionApi {
  runtime: { reload(): void; getBackgroundPage(): Promise<Window> };
}
