import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { installEnglishMessages } from '../../../test/helpers/i18n.ts';
import { recordBadge, type BadgeRecord } from '../../../test/helpers/badge.ts';
import { connectionItem, proxyStatusItem } from './connection.ts';
import { settingsItem } from '../settings.ts';
import { createActiveProxyStore, type ActiveProxy } from './active-proxy.ts';
import type { AccountEndpoint, Endpoint, ProxyServer } from './endpoint.ts';
import { ProxyControlError, type ProxyControl, type ProxyEngine } from './engine.ts';
import { toErrorAnswer } from '../error-answers.ts';
import { createExitCheck } from './exit-check.ts';
import { explainAccountRefusal } from './account-refusal.ts';
import { customEndpointsItem, type SavedCustomEndpoint } from './custom-endpoints.ts';
import { createRouteHandlers } from './route-handlers.ts';
import { routesItem, type Route } from './routes.ts';
import { containerExitsItem, createTabOpeners } from './context-exits.ts';
import { createProxyService, ProxyError, type ProxyService, type ProxyServiceOptions } from './proxy-service.ts';
import { SHORTCUT_NOTIFICATION, toggleFromShortcut } from './shortcut.ts';

/** Generous: the whole suite shares two cores with browsers in CI. */
const WAIT = { timeout: 5_000 };

/** Records what the service asks of the browser; the real engines are proven in the e2e tests. */
function recordingEngine(control: ProxyControl = 'ours') {
  const calls: string[] = [];
  let applied: ActiveProxy | null = null;
  const engine: ProxyEngine & { calls: string[]; applied: () => ActiveProxy | null } = {
    calls,
    applied: () => applied,
    control: async () => control,
    isApplied: async () => applied !== null,
    async apply(active) {
      if (control !== 'ours') throw new ProxyControlError(control);
      calls.push(`apply ${active.server?.username ?? ''}@${active.server?.host}:${active.server?.port}`);
      applied = active;
    },
    async clear() {
      calls.push('clear');
      applied = null;
    },
    async forgetLogins(server: ProxyServer) {
      calls.push(`forget ${server.host}:${server.port}`);
    },
    supports: (server) => !(server.scheme === 'socks5' && server.username),
  };
  return engine;
}

let exitServer: Server;
let exitUrl: string;
let exitAnswer: () => unknown = () => ({ ip: '203.0.113.7', country: 'JP' });

beforeAll(async () => {
  exitServer = createServer((_, response) => {
    response.setHeader('Content-Type', 'application/json');
    response.end(JSON.stringify(exitAnswer()));
  });
  await new Promise<void>((resolve) => exitServer.listen(0, '127.0.0.1', resolve));
  exitUrl = `http://127.0.0.1:${(exitServer.address() as AddressInfo).port}/ip`;
});
afterAll(() => new Promise<void>((resolve) => exitServer.close(() => resolve())));

const badge: BadgeRecord = { text: '', title: '', color: '' };
beforeEach(async () => {
  fakeBrowser.reset();
  installEnglishMessages();
  recordBadge(badge);
  exitAnswer = () => ({ ip: '203.0.113.7', country: 'JP' });
  await settingsItem.setValue({ ...(await settingsItem.getValue()), exitCheckUrl: exitUrl, gateway: { host: 'gw.test', port: 2600 } });
});

const alice: Endpoint = { kind: 'account', account: 'alice', password: 'pw1', country: 'US' };
const bob: Endpoint = { kind: 'account', account: 'bob', password: 'pw2', country: 'DE', stickyMinutes: 10, sessionId: 'abc' };

let running: ProxyService | undefined;
afterEach(() => running?.idle());

function setUp(engine = recordingEngine(), accountsFrom: Pick<ProxyServiceOptions, 'explainRefusal' | 'isAccountDisabled'> = {}) {
  const service = createProxyService({ engine, active: createActiveProxyStore(), exitCheck: createExitCheck({ timeoutMs: 2_000 }), ...accountsFrom });
  running = service;
  return { engine, service };
}

/** The exit check runs after connect returns; wait for the status it writes. */
async function statusAfterExitCheck() {
  await vi.waitFor(async () => expect((await proxyStatusItem.getValue()).exit ?? (await proxyStatusItem.getValue()).failure).toBeDefined(), WAIT);
  return proxyStatusItem.getValue();
}

describe('the proxy service', () => {
  it('connects: stores the endpoint, applies the gateway login, then reports the exit', async () => {
    const { engine, service } = setUp();
    const status = await service.handlers.connect({ endpoint: alice });
    expect(status).toMatchObject({ state: 'connected', endpoint: alice });
    expect(engine.calls).toEqual(['apply alice_area-US@gw.test:2600', 'forget gw.test:2600']);
    expect(await connectionItem.getValue()).toMatchObject({ active: alice, last: alice });
    expect(badge.text).toBe('US');
    expect(await statusAfterExitCheck()).toMatchObject({ state: 'connected', exit: { ip: '203.0.113.7', country: 'JP' } });
    expect(badge.text).toBe('JP');
  });

  it('switches identity on the same gateway and drops the cached login each time', async () => {
    const { engine, service } = setUp();
    await service.handlers.connect({ endpoint: alice });
    await service.handlers.connect({ endpoint: bob });
    expect(engine.calls).toEqual([
      'apply alice_area-US@gw.test:2600',
      'forget gw.test:2600',
      'apply bob_area-DE_life-10_session-abc@gw.test:2600',
      'forget gw.test:2600',
    ]);
  });

  it('disconnects back to direct and keeps the last endpoint for the shortcut', async () => {
    const { engine, service } = setUp();
    await service.handlers.connect({ endpoint: alice });
    expect(await service.handlers.disconnect()).toEqual({ state: 'direct', endpoint: null });
    expect(engine.applied()).toBeNull();
    expect(await connectionItem.getValue()).toMatchObject({ active: null, last: alice });
    expect(badge.text).toBe('');
    expect(await service.handlers.toggleLast()).toMatchObject({ state: 'connected', endpoint: alice });
    expect(await service.handlers.toggleLast()).toMatchObject({ state: 'direct' });
  });

  it('does not toggle back to an account the account list says is disabled, and the shortcut says why', async () => {
    await connectionItem.setValue({ active: null, last: alice, since: null });
    const isAccountDisabled = vi.fn(async (_: AccountEndpoint) => true);
    const { engine, service } = setUp(recordingEngine(), { isAccountDisabled });
    const error = await service.handlers.toggleLast().catch((caught: unknown) => caught);
    const disabled = 'Account alice is disabled, so the gateway would refuse it. Enable it to connect.';
    expect(toErrorAnswer(error)).toMatchObject({ kind: 'account-disabled', message: disabled });
    expect(isAccountDisabled).toHaveBeenCalledWith(alice);
    expect(engine.calls).toEqual([]);
    expect(await connectionItem.getValue()).toMatchObject({ active: null, last: alice });

    await toggleFromShortcut(service.handlers.toggleLast);
    expect(await fakeBrowser.notifications.getAll()).toMatchObject({ [SHORTCUT_NOTIFICATION]: { message: disabled } });
    expect(engine.calls).toEqual([]);
  });

  it('says so when there is nothing to toggle back to', async () => {
    const { service } = setUp();
    const error = await service.handlers.toggleLast().catch((caught: unknown) => caught);
    expect(toErrorAnswer(error).message).toMatch(/Connect once from the popup first/);
  });

  it('ends twenty quick clicks in the state of the last one', async () => {
    const { engine, service } = setUp();
    const clicks = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? service.handlers.connect({ endpoint: i % 4 === 0 ? alice : bob }) : service.handlers.disconnect()));
    clicks.push(service.handlers.connect({ endpoint: bob }));
    await Promise.all(clicks);
    expect(engine.applied()?.endpoint).toEqual(bob);
    expect(await connectionItem.getValue()).toMatchObject({ active: bob });
    expect((await service.handlers.getProxyStatus()).state).toBe('connected');
  });

  it('ends a slow connect followed at once by a disconnect in the disconnected state', async () => {
    const engine = recordingEngine();
    const apply = engine.apply.bind(engine);
    // The browser takes its time to apply the setting: the disconnect click comes meanwhile.
    engine.apply = async (active) => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      await apply(active);
    };
    const { service } = setUp(engine);
    await Promise.all([service.handlers.connect({ endpoint: alice }), service.handlers.disconnect()]);
    expect(engine.applied()).toBeNull();
    expect(await connectionItem.getValue()).toMatchObject({ active: null });
    expect((await service.handlers.getProxyStatus()).state).toBe('direct');
  });

  it('names another extension in control, keeps the previous connection and never claims connected', async () => {
    const { service } = setUp(recordingEngine('other-extension'));
    const error = await service.handlers.connect({ endpoint: alice }).catch((caught: unknown) => caught);
    expect(toErrorAnswer(error)).toMatchObject({ kind: 'not-in-control', message: expect.stringMatching(/Another extension controls/) });
    expect(await connectionItem.getValue()).toMatchObject({ active: null });
    expect(await proxyStatusItem.getValue()).toMatchObject({ state: 'failed', failure: { kind: 'not-in-control' } });
    expect(badge.text).toBe('!');
  });

  it('reports a setting lost to someone else instead of the stored "connected"', async () => {
    const engine = recordingEngine();
    const { service } = setUp(engine);
    await service.handlers.connect({ endpoint: alice });
    await engine.clear();
    expect(await service.handlers.getProxyStatus()).toMatchObject({ state: 'failed', failure: { kind: 'not-in-control' } });
  });

  it('refuses a SOCKS5 login where the browser cannot send one', async () => {
    const { engine, service } = setUp();
    const socks: Endpoint = { kind: 'custom', scheme: 'socks5', host: '127.0.0.1', port: 1080, username: 'u', password: 'p' };
    const error = await service.handlers.connect({ endpoint: socks }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProxyError);
    expect(error).toMatchObject({ kind: 'socks-auth-unsupported' });
    expect(engine.calls).toEqual([]);
  });

  it('explains a refused account login with the reason the API gives', async () => {
    const { service } = setUp(recordingEngine(), { explainRefusal: async () => ({ reason: 'Account alice is disabled.' }) });
    await service.handlers.connect({ endpoint: alice });
    service.onAuthRefused({ scheme: 'http', host: 'gw.test', port: 2600 });
    await vi.waitFor(async () => expect(await proxyStatusItem.getValue()).toMatchObject({ state: 'failed', failure: { kind: 'auth-refused', message: 'Account alice is disabled.' } }), WAIT);
  });

  it('connects again with the password the account list holds when it was changed elsewhere, once', async () => {
    // The provider's list, as the background reads it anew after a refusal: alice's password is now pw9.
    const accounts = [{ id: 1, username: 'alice', password: 'pw9', created_at: '', remark: '', product_type: 9, usage_flow: 0, limit_flow: 0, status: 1 }];
    const explainRefusal = vi.fn(async (endpoint: AccountEndpoint) => explainAccountRefusal(endpoint, accounts));
    const { engine, service } = setUp(recordingEngine(), { explainRefusal });
    await service.handlers.connect({ endpoint: alice });
    await service.idle();
    service.onAuthRefused({ scheme: 'http', host: 'gw.test', port: 2600 });
    await vi.waitFor(() => expect(engine.applied()?.server?.password).toBe('pw9'), WAIT);
    const renewed = { ...alice, password: 'pw9' };
    expect(await connectionItem.getValue()).toMatchObject({ active: renewed, last: renewed });
    expect(await statusAfterExitCheck()).toMatchObject({ state: 'connected', endpoint: renewed, exit: { ip: '203.0.113.7' } });

    // The new password refused too: said so, and no second reconnect (no loop).
    service.onAuthRefused({ scheme: 'http', host: 'gw.test', port: 2600 });
    await vi.waitFor(async () => expect(await proxyStatusItem.getValue()).toMatchObject({ state: 'failed', failure: { message: expect.stringMatching(/refused the login for account alice/) } }), WAIT);
    await service.handlers.getProxyStatus();
    expect(engine.calls.filter((call) => call.startsWith('apply'))).toHaveLength(2);
  });

  it('explains the IP whitelist when an extracted IP is refused', async () => {
    const { service } = setUp();
    await service.handlers.connect({ endpoint: { kind: 'extracted', host: '198.51.100.4', port: 1140 } });
    service.onAuthRefused({ scheme: 'http', host: '198.51.100.4', port: 1140 });
    await vi.waitFor(async () => expect((await proxyStatusItem.getValue()).failure?.message).toMatch(/IP whitelist/), WAIT);
  });

  it('limits WebRTC while connected with leak protection on, and gives the setting back on disconnect', async () => {
    // fakeBrowser leaves the setting unimplemented: these record what the browser is asked.
    const policy = fakeBrowser.privacy.network.webRTCIPHandlingPolicy;
    const set = vi.spyOn(policy, 'set').mockResolvedValue(undefined);
    const clear = vi.spyOn(policy, 'clear').mockResolvedValue(undefined);
    const { service } = setUp();
    await service.handlers.connect({ endpoint: alice });
    expect(set).toHaveBeenCalledWith({ value: 'disable_non_proxied_udp' });
    await service.handlers.disconnect();
    expect(clear).toHaveBeenCalledOnce();
    // Turned off in the settings: a connection leaves the browser's own choice.
    set.mockClear();
    await settingsItem.setValue({ ...(await settingsItem.getValue()), webrtcProtection: false });
    await service.handlers.connect({ endpoint: alice });
    expect(set).not.toHaveBeenCalled();
  });

  it('keeps "connected" with a warning when only the exit check fails', async () => {
    exitAnswer = () => ({ nothing: true });
    const { service } = setUp();
    await service.handlers.connect({ endpoint: alice });
    expect(await statusAfterExitCheck()).toMatchObject({ state: 'connected', failure: { kind: 'exit-check-failed' } });
  });
});

describe('a new IP (a new sticky session)', () => {
  const sessionOf = (status: { endpoint: Endpoint | null }) => (status.endpoint?.kind === 'account' ? status.endpoint.sessionId : undefined);

  it('connects the same account, country and session life under a new session id, stored before the browser switches', async () => {
    const engine = recordingEngine();
    const apply = engine.apply.bind(engine);
    // What the auth listener would answer a challenge with at the moment the browser is switched.
    const storedWhenApplied: Array<Endpoint | null> = [];
    engine.apply = async (active) => {
      storedWhenApplied.push((await connectionItem.getValue()).active);
      await apply(active);
    };
    const { service } = setUp(engine);
    await service.handlers.connect({ endpoint: bob });
    await statusAfterExitCheck();
    exitAnswer = () => ({ ip: '198.51.100.23', country: 'DE' });

    const status = await service.handlers.newSession();
    const renewed = status.endpoint;
    expect(status.state).toBe('connected');
    expect(renewed).toEqual({ ...bob, sessionId: sessionOf(status) });
    expect(sessionOf(status)).not.toBe('abc');
    const { active, last } = await connectionItem.getValue();
    expect(active).toEqual(renewed);
    expect(last).toEqual(renewed);
    expect(storedWhenApplied).toEqual([bob, renewed]);
    // Never direct in between, and the old login cached by the browser is dropped after the switch.
    expect(engine.calls).toEqual([
      'apply bob_area-DE_life-10_session-abc@gw.test:2600',
      'forget gw.test:2600',
      `apply bob_area-DE_life-10_session-${sessionOf(status)}@gw.test:2600`,
      'forget gw.test:2600',
    ]);
    // The header shows the new exit once the check returns.
    await vi.waitFor(async () => expect((await proxyStatusItem.getValue()).exit?.ip).toBe('198.51.100.23'), WAIT);
    expect(await proxyStatusItem.getValue()).toMatchObject({ state: 'connected', endpoint: renewed, exit: { country: 'DE' } });
  });

  it('leaves the new session as the shortcut’s last endpoint', async () => {
    const { engine, service } = setUp();
    await service.handlers.connect({ endpoint: bob });
    const renewed = (await service.handlers.newSession()).endpoint;
    await service.handlers.toggleLast();
    expect(await service.handlers.toggleLast()).toMatchObject({ state: 'connected', endpoint: renewed });
    expect(engine.applied()?.server?.username).toBe(`bob_area-DE_life-10_session-${sessionOf({ endpoint: renewed })}`);
  });

  it('gives a new session id at every click', async () => {
    const { service } = setUp();
    await service.handlers.connect({ endpoint: bob });
    const sessions = new Set(['abc']);
    for (let click = 0; click < 5; click++) sessions.add(sessionOf(await service.handlers.newSession())!);
    expect(sessions.size).toBe(6);
  });

  it.each([
    ['when not connected', null, /Not connected\. Connect with a proxy account and sticky minutes first/, 'not-connected'],
    ['through an extracted IP', { kind: 'extracted', host: '198.51.100.4', port: 1140 }, /fixed address/, 'not-a-gateway-account'],
    ['through a static IP', { kind: 'static', host: '198.51.100.5', port: 8000, username: 'u', password: 'p' }, /fixed address/, 'not-a-gateway-account'],
    ['through a custom proxy', { kind: 'custom', scheme: 'http', host: '127.0.0.1', port: 3128 }, /fixed address/, 'not-a-gateway-account'],
    ['through an account without a sticky session', alice, /no sticky session, so the gateway already picks a new exit IP/, 'no-sticky-session'],
  ] as const)('is refused %s, with a reason, and changes nothing', async (_, endpoint, message, kind) => {
    const { engine, service } = setUp();
    if (endpoint) await service.handlers.connect({ endpoint });
    const before = { connection: await connectionItem.getValue(), calls: [...engine.calls] };
    const error = await service.handlers.newSession().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProxyError);
    expect(toErrorAnswer(error)).toMatchObject({ kind, message: expect.stringMatching(message) });
    expect(await connectionItem.getValue()).toEqual(before.connection);
    expect(engine.calls).toEqual(before.calls);
  });
});

describe('when the key is forgotten', () => {
  /** Everything the extension keeps in storage, as text. */
  const everythingStored = async () => JSON.stringify([await fakeBrowser.storage.local.get(), await fakeBrowser.storage.session.get()]);

  it('disconnects from a proxy account, erases it as the last endpoint and drops the browser’s login for it', async () => {
    const { engine, service } = setUp();
    await service.handlers.connect({ endpoint: bob });
    await service.idle();
    expect(await everythingStored()).toContain('pw2');
    engine.calls.length = 0;
    await service.forgetProviderEndpoints();
    expect(engine.applied()).toBeNull();
    expect(engine.calls).toEqual(['clear', 'forget gw.test:2600']);
    expect(await connectionItem.getValue()).toEqual({ active: null, last: null, since: null });
    expect(await service.handlers.getProxyStatus()).toEqual({ state: 'direct', endpoint: null });
    expect(badge.text).toBe('');
    expect(await everythingStored()).not.toContain('pw2');
    // The shortcut has nothing to switch back to.
    await expect(service.handlers.toggleLast()).rejects.toMatchObject({ kind: 'no-last-endpoint' });
  });

  it('erases the last static IP and its login while the browser is direct, without touching the proxy setting', async () => {
    const staticIp: Endpoint = { kind: 'static', host: '203.0.113.9', port: 8000, username: 'st1', password: 'staticpw9' };
    const { engine, service } = setUp();
    await service.handlers.connect({ endpoint: staticIp });
    await service.handlers.disconnect();
    await service.idle();
    engine.calls.length = 0;
    await service.forgetProviderEndpoints();
    expect(engine.calls).toEqual(['forget 203.0.113.9:8000']);
    expect(await connectionItem.getValue()).toMatchObject({ active: null, last: null });
    expect(await everythingStored()).not.toContain('staticpw9');
  });

  it('keeps a proxy the user typed in, connected, since it owes nothing to the key', async () => {
    const custom: Endpoint = { kind: 'custom', scheme: 'http', host: '192.0.2.5', port: 3128, username: 'me', password: 'mine' };
    const { engine, service } = setUp();
    await service.handlers.connect({ endpoint: custom });
    await service.idle();
    engine.calls.length = 0;
    await service.forgetProviderEndpoints();
    expect(engine.calls).toEqual([]);
    expect(await connectionItem.getValue()).toMatchObject({ active: custom, last: custom });
    expect((await service.handlers.getProxyStatus()).state).toBe('connected');
  });
});

describe('every start of the background', () => {
  /** What `storage.session` and the badge lose when the extension is disabled and enabled, reloaded or updated. */
  async function extensionRestarted() {
    await fakeBrowser.storage.session.clear();
    badge.text = '';
    badge.title = '';
  }

  it('connects the stored endpoint again when the status is gone, keeping since when it was chosen', async () => {
    await connectionItem.setValue({ active: alice, last: alice, since: 1 });
    const { engine, service } = setUp();
    await service.start();
    expect(engine.applied()?.endpoint).toEqual(alice);
    expect(await service.handlers.getProxyStatus()).toMatchObject({ state: 'connected', endpoint: alice });
    expect(badge.text).toBe('US');
    expect(badge.title).toMatch(/alice/);
    expect(await connectionItem.getValue()).toEqual({ active: alice, last: alice, since: 1 });
    expect(await statusAfterExitCheck()).toMatchObject({ state: 'connected', exit: { ip: '203.0.113.7' } });
  });

  it('is connected again after the extension was disabled and enabled, five times out of five', async () => {
    const engine = recordingEngine();
    await setUp(engine).service.handlers.connect({ endpoint: alice });
    for (let round = 0; round < 5; round++) {
      await running?.idle();
      await extensionRestarted();
      const { service } = setUp(engine);
      // A page asking at once waits for the start: it never sees "direct" while a connection is stored.
      const [, status] = await Promise.all([service.start(), service.handlers.getProxyStatus()]);
      expect(status).toMatchObject({ state: 'connected', endpoint: alice });
      expect(badge.text).toBe('US');
    }
  });

  it('leaves a woken worker’s status and setting as they are, and only shows the badge again', async () => {
    const engine = recordingEngine();
    await setUp(engine).service.handlers.connect({ endpoint: alice });
    const checked = await statusAfterExitCheck();
    badge.text = '';
    const { service } = setUp(engine);
    await service.start();
    expect(engine.calls.filter((call) => call.startsWith('apply'))).toHaveLength(1);
    expect(await service.handlers.getProxyStatus()).toEqual(checked);
    expect(badge.text).toBe('JP');
    // Its settings are those applied: an unrelated change does not connect again.
    await service.settingsChanged({ ...(await settingsItem.getValue()), theme: 'dark' });
    expect(engine.calls.filter((call) => call.startsWith('apply'))).toHaveLength(1);
  });

  it('finishes a connect the worker was stopped in the middle of', async () => {
    await connectionItem.setValue({ active: bob, last: bob, since: 5 });
    await proxyStatusItem.setValue({ state: 'connecting', endpoint: bob });
    const { engine, service } = setUp();
    await service.start();
    expect(engine.applied()?.endpoint).toEqual(bob);
    expect((await service.handlers.getProxyStatus()).state).toBe('connected');
  });

  it('applies the setting again when a woken worker finds it lost', async () => {
    const engine = recordingEngine();
    await setUp(engine).service.handlers.connect({ endpoint: alice });
    await engine.clear();
    await setUp(engine).service.start();
    expect(engine.applied()?.endpoint).toEqual(alice);
  });

  it('takes back a setting of ours left behind when no connection is stored, and shows "direct"', async () => {
    const engine = recordingEngine();
    await engine.apply({ endpoint: alice, server: { scheme: 'http', host: 'gw.test', port: 2600 }, routing: (await settingsItem.getValue()).routing, fallBackDirect: true, proxyBrowserRequests: false, routes: [], tabs: new Map(), containers: new Map() });
    await proxyStatusItem.setValue({ state: 'connected', endpoint: alice });
    const { service } = setUp(engine);
    await service.start();
    expect(engine.applied()).toBeNull();
    expect(await service.handlers.getProxyStatus()).toEqual({ state: 'direct', endpoint: null });
    expect(badge.text).toBe('');
  });

  it('stores "direct" for the pages to draw from when nothing is connected and nothing was stored', async () => {
    await extensionRestarted();
    await setUp().service.start();
    expect(await fakeBrowser.storage.session.get('proxyStatus')).toEqual({ proxyStatus: { state: 'direct', endpoint: null } });
  });

  it('never answers "direct" while a connection is stored, even if storage.session was emptied under it', async () => {
    const { service } = setUp();
    await service.handlers.connect({ endpoint: alice });
    await running?.idle();
    await extensionRestarted();
    expect(await service.handlers.getProxyStatus()).toMatchObject({ state: 'connected', endpoint: alice });
    expect(badge.text).toBe('US');
  });
});

describe('settings changes while connected', () => {
  it('apply the new routing or gateway to the live connection, and ignore unrelated settings', async () => {
    const { engine, service } = setUp();
    await service.handlers.connect({ endpoint: alice });
    const settings = await settingsItem.getValue();
    await service.settingsChanged({ ...settings, theme: 'dark' });
    expect(engine.calls.filter((call) => call.startsWith('apply'))).toHaveLength(1);
    // Stored as the options page would; the background's watcher then calls settingsChanged.
    await settingsItem.setValue({ ...settings, gateway: { host: 'gw2.test', port: 3000 } });
    await service.settingsChanged(await settingsItem.getValue());
    expect(engine.calls.filter((call) => call.startsWith('apply'))).toEqual(['apply alice_area-US@gw.test:2600', 'apply alice_area-US@gw2.test:3000']);
  });
});

describe('a saved custom endpoint edited or deleted', () => {
  const office: Endpoint = { kind: 'custom', id: 'office', scheme: 'http', host: '192.0.2.5', port: 3128, username: 'me', password: 'mine' };
  const moved: Endpoint = { ...office, host: '192.0.2.6', username: 'you', password: 'yours' };

  it('connects again with the new values when it is the one in use', async () => {
    const { engine, service } = setUp();
    await service.handlers.connect({ endpoint: office });
    await service.idle();
    engine.calls.length = 0;
    await service.customEndpointChanged('office', moved);
    expect(engine.calls).toEqual(['apply you@192.0.2.6:3128', 'forget 192.0.2.6:3128']);
    expect(await connectionItem.getValue()).toMatchObject({ active: moved, last: moved });
    expect(await service.handlers.getProxyStatus()).toMatchObject({ state: 'connected', endpoint: moved });
  });

  it('disconnects when the one in use is deleted, and the shortcut no longer offers it', async () => {
    const { engine, service } = setUp();
    await service.handlers.connect({ endpoint: office });
    await service.idle();
    await service.customEndpointChanged('office', null);
    expect(engine.applied()).toBeNull();
    expect(await connectionItem.getValue()).toEqual({ active: null, last: null, since: null });
    expect(await service.handlers.getProxyStatus()).toEqual({ state: 'direct', endpoint: null });
    await expect(service.handlers.toggleLast()).rejects.toMatchObject({ kind: 'no-last-endpoint' });
  });

  it('leaves another connection be, and updates the shortcut’s last endpoint only', async () => {
    const { engine, service } = setUp();
    await service.handlers.connect({ endpoint: office });
    await service.handlers.disconnect();
    await service.idle();
    engine.calls.length = 0;
    await service.customEndpointChanged('office', moved);
    expect(engine.calls).toEqual([]);
    expect(await connectionItem.getValue()).toMatchObject({ active: null, last: moved });
    await service.handlers.connect({ endpoint: alice });
    await service.idle();
    engine.calls.length = 0;
    await service.customEndpointChanged('office', null);
    await service.customEndpointChanged('other', moved);
    expect(engine.calls).toEqual([]);
    expect(await connectionItem.getValue()).toMatchObject({ active: alice, last: alice });
  });
});

describe('site routes', () => {
  const bobRoute: Route = { id: 'r1', pattern: 'amazon.de', exit: bob, enabled: true };
  const routesOf = (engine: ReturnType<typeof recordingEngine>) => engine.applied()?.routes.map((route) => `${route.pattern} → ${route.server?.username ?? 'direct'}@${route.server?.host ?? ''}`);
  const setUpRoutes = (engine = recordingEngine(), oneLoginPerOrigin = false) => {
    const service = createProxyService({ engine, active: createActiveProxyStore({ oneLoginPerOrigin }), exitCheck: createExitCheck({ timeoutMs: 2_000 }) });
    running = service;
    return { engine, service };
  };

  it('apply without a connection, stay applied through a disconnect, and go with the last rule', async () => {
    const { engine, service } = setUpRoutes();
    await service.changeLayers(() => routesItem.setValue([bobRoute]));
    // A login new to its origin: whatever the browser cached there goes first.
    expect(engine.calls).toEqual(['apply @undefined:undefined', 'forget gw.test:2600']);
    expect(routesOf(engine)).toEqual(['amazon.de → bob_area-DE_life-10_session-abc@gw.test']);
    await service.handlers.connect({ endpoint: alice });
    await service.handlers.disconnect();
    expect(engine.applied()).toMatchObject({ server: null, routes: [{ pattern: 'amazon.de' }] });
    await service.changeLayers(() => routesItem.setValue([]));
    expect(engine.applied()).toBeNull();
    // The deleted rule's login goes from the browser too.
    expect(engine.calls.slice(-2)).toEqual(['clear', 'forget gw.test:2600']);
  });

  it('are applied again at every start of the background, connected or not', async () => {
    await routesItem.setValue([bobRoute]);
    const { engine, service } = setUpRoutes();
    await service.start();
    expect(routesOf(engine)).toEqual(['amazon.de → bob_area-DE_life-10_session-abc@gw.test']);
    // A browser restart under --load-extension: the setting is gone, the stored routes come back.
    await engine.clear();
    await setUpRoutes(engine).service.start();
    expect(engine.applied()).toMatchObject({ server: null, routes: [{ pattern: 'amazon.de' }] });
  });

  it('in Chrome, put the rules’ gateway account on its own origin and drop the login a switched rule had there', async () => {
    const { engine, service } = setUpRoutes(recordingEngine(), true);
    await service.handlers.connect({ endpoint: alice });
    await service.changeLayers(() => routesItem.setValue([bobRoute]));
    expect(routesOf(engine)).toEqual(['amazon.de → bob_area-DE_life-10_session-abc@gw.test.']);
    engine.calls.length = 0;
    await service.changeLayers(() => routesItem.setValue([{ ...bobRoute, exit: { kind: 'account', account: 'carol', password: 'pw3' } }]));
    expect(routesOf(engine)).toEqual(['amazon.de → carol@gw.test.']);
    expect(engine.calls).toEqual(['apply alice_area-US@gw.test:2600', 'forget gw.test.:2600']);
  });

  it('apply a container’s exit alone, limiting WebRTC while it is set (Firefox)', async () => {
    const policy = fakeBrowser.privacy.network.webRTCIPHandlingPolicy;
    const set = vi.spyOn(policy, 'set').mockResolvedValue(undefined);
    const clear = vi.spyOn(policy, 'clear').mockResolvedValue(undefined);
    const engine = recordingEngine();
    const service = createProxyService({ engine, active: createActiveProxyStore({ tabOpeners: createTabOpeners(async () => undefined) }), exitCheck: createExitCheck({ timeoutMs: 2_000 }) });
    running = service;
    await service.changeLayers(() => containerExitsItem.setValue({ 'firefox-container-1': bob }));
    expect(engine.applied()).toMatchObject({ server: null, containers: new Map([['firefox-container-1', { server: { username: 'bob_area-DE_life-10_session-abc' } }]]) });
    expect(set).toHaveBeenCalledWith({ value: 'disable_non_proxied_udp' });
    await service.changeLayers(() => containerExitsItem.setValue({}));
    expect(engine.applied()).toBeNull();
    expect(clear).toHaveBeenCalledOnce();
  });

  it('in Chrome, follow an edited custom endpoint, dropping the old login of its origin before the next request', async () => {
    const { engine, service } = setUpRoutes(recordingEngine(), true);
    const office: SavedCustomEndpoint = { kind: 'custom', id: 'office', scheme: 'http', host: '192.0.2.5', port: 3128, username: 'me', password: 'mine' };
    const routes = createRouteHandlers({ changeLayers: service.changeLayers, supports: engine.supports, oneLoginPerOrigin: true });
    await customEndpointsItem.setValue([office]);
    await routes.handlers.addRoute({ pattern: 'a.test', exit: office });
    engine.calls.length = 0;
    await routes.followCustomEndpoint('office', { ...office, username: 'you', password: 'yours' });
    expect(routesOf(engine)).toEqual(['a.test → you@192.0.2.5']);
    expect(engine.calls).toEqual(['apply @undefined:undefined', 'forget 192.0.2.5:3128']);
  });

  it('refuse a change while another extension holds the proxy settings, keeping the rules for later', async () => {
    const { service } = setUpRoutes(recordingEngine('other-extension'));
    const refused = await service.changeLayers(() => routesItem.setValue([bobRoute])).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ProxyError);
    expect(toErrorAnswer(refused).message).toMatch(/another extension/i);
    expect(await routesItem.getValue()).toEqual([bobRoute]);
  });
});
