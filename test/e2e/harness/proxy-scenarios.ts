/**
 * What both browsers' proxy suites check the same way. Each scenario gets the suite's servers, its
 * background and the few things that differ by browser: how a page is loaded, how a load that must
 * fail ends there.
 */
import { expect } from 'vitest';
import type { Sandbox } from '../../sandbox/server.ts';
import { changePasswordElsewhere } from './provider.ts';
import { proxyStatusWhen, type ProtocolClient } from './protocol.ts';
import type { SquidHandle } from './squid.ts';
import type { TargetServer } from './target-server.ts';
import { sleep } from './util.ts';

/** A proxy suite as it stands when a scenario runs (the browser and its control page may have been reopened). */
export interface ProxySuite {
  sandbox: Sandbox;
  squid: SquidHandle;
  target: TargetServer;
  background: ProtocolClient;
  /** The gateway's users the suite started Squid with. */
  users: Record<string, string>;
  visit(url: string): Promise<number | string>;
  /** Expects what `visit` gave for a load that must not succeed, as it fails in this browser. */
  expectFailed(result: number | string): void;
}

/** What a user does once in the options page: the sandbox as the API host, Squid as the gateway, the exit check at the target, then the key. */
export async function setUpAsAUserWould({ sandbox, squid, target, background }: Pick<ProxySuite, 'sandbox' | 'squid' | 'target' | 'background'>): Promise<void> {
  await background.call('updateSettings', {
    apiBaseUrl: sandbox.url,
    gateway: { host: '127.0.0.1', port: squid.port },
    exitCheckUrl: target.url('/ip', 'exit.test'),
  });
  await background.call('setKey', { key: sandbox.demoKey, remember: true });
}

/** How long Squid gets to log a request that must not have reached it, before its log is read. */
const UNLOGGED_MS = 500;

/** An account whose password another client changes at the provider while the extension is connected through it. */
export async function connectsAgainAfterPasswordChangedElsewhere({ sandbox, squid, target, background, users, visit, expectFailed }: ProxySuite): Promise<void> {
  await background.call('addAccounts', { accounts: [{ username: 'dave', password: 'davepw1' }] });
  await squid.setUsers({ ...users, 'dave_area-US': 'davepw1' });
  await background.call('connect', { endpoint: { kind: 'account', account: 'dave', password: 'davepw1', country: 'US' } });
  expect(await visit(target.url('/dave-before'))).toBe(200);
  await squid.waitForSuccess('/dave-before', 'dave_area-US');

  // Another client changes the password at the provider; the gateway then refuses the old one.
  await changePasswordElsewhere(sandbox, 'dave', 'davepw2');
  await squid.setUsers({ ...users, 'dave_area-US': 'davepw2' });

  expectFailed(await visit(target.url('/dave-old-password')));
  const refused = await squid.entriesFor('/dave-old-password');
  expect(refused.length).toBeGreaterThan(0);
  expect(refused.every((entry) => entry.status === 407)).toBe(true);
  const renewed = await proxyStatusWhen(background, 'the connection renewed with the new password', (status) => status.state === 'connected' && status.endpoint?.kind === 'account' && status.endpoint.password === 'davepw2');
  expect(renewed.failure).toBeUndefined();
  expect(await visit(target.url('/dave-new-password'))).toBe(200);
  await squid.waitForSuccess('/dave-new-password', 'dave_area-US');
}

/** Bypassed hosts go direct, and in "only these sites" mode only the listed sites go through the proxy, as `user`. */
export async function routesOnlyTheListedSites({ squid, target, background, visit, expectFailed }: ProxySuite, user: string): Promise<void> {
  expect(await visit(`http://127.0.0.1:${target.port}/bypassed`)).toBe(200);
  await target.waitForRequest((request) => request.path === '/bypassed');
  await background.call('updateSettings', { routing: { mode: 'only', sites: ['target.test'], bypass: ['localhost', '127.0.0.0/8'] } });
  await proxyStatusWhen(background, 'the new routing applied', (status) => status.state === 'connected');
  expect(await visit(target.url('/listed'))).toBe(200);
  await squid.waitForSuccess('/listed', user);
  // other.test is not listed: it goes direct, where the name does not resolve.
  expectFailed(await visit(target.url('/not-listed', 'other.test')));
  await sleep(UNLOGGED_MS);
  expect(await squid.entriesFor('/bypassed')).toEqual([]);
  expect(await squid.entriesFor('/not-listed')).toEqual([]);
  await background.call('updateSettings', { routing: { mode: 'all', sites: [], bypass: ['localhost', '127.0.0.0/8'] } });
}

/** Disconnected, no request reaches the proxy. */
export async function disconnectsFromTheProxy({ squid, target, background, visit, expectFailed }: ProxySuite): Promise<void> {
  expect(await background.call('disconnect')).toMatchObject({ state: 'direct' });
  expectFailed(await visit(target.url('/after-disconnect')));
  await sleep(UNLOGGED_MS);
  expect(await squid.entriesFor('/after-disconnect')).toEqual([]);
}
