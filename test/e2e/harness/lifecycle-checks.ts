/**
 * What both browsers' lifecycle suites check after each restart of the extension's background, with
 * the account they stay connected as. The suite hands over how to reach its browser at that moment
 * (the browser and its control page may have been reopened since).
 */
import { expect } from 'vitest';
import type { ProxyStatus } from '../../../lib/background/proxy/status.ts';
import { proxyStatusWhen, type ProtocolClient } from './protocol.ts';
import { startSquid, type SquidHandle } from './squid.ts';
import { startTargetServer, type TargetServer } from './target-server.ts';
import type { TickFigures, Ticks } from './ticker.ts';

/** The account's login at the gateway, and the account as the extension connects it. */
export const ALICE = 'alice_area-US';
export const alice = { kind: 'account', account: 'alice', password: 'alicepw1', country: 'US' };

export interface LifecycleSuite {
  squid: SquidHandle;
  target: TargetServer;
  figures: TickFigures;
  visit(url: string): Promise<number | string>;
  /** Opens a fresh control page (closing the last one); its protocol client. */
  reopenControlPage(): Promise<ProtocolClient>;
  /** What the toolbar button shows, read from the control page. */
  badge(): Promise<{ text: string; title: string }>;
}

/** Squid, knowing the account and fallback.test, and a target server that places every address in the US (the badge's country). */
export const startLifecycleServers = (): Promise<[SquidHandle, TargetServer]> =>
  Promise.all([startSquid({ users: { [ALICE]: alice.password }, hosts: ['fallback.test', 'exit.test'] }), startTargetServer({ countryOf: () => 'US' })]);

/** Points the background at Squid as the gateway and at the target for the exit check, and connects the account. */
export async function connectAsAlice(background: ProtocolClient, squid: SquidHandle, target: TargetServer): Promise<void> {
  await background.call('updateSettings', { gateway: { host: '127.0.0.1', port: squid.port }, exitCheckUrl: target.url('/ip', 'exit.test') });
  expect((await background.call<ProxyStatus>('connect', { endpoint: alice })).state).toBe('connected');
}

/** The checks, each reading the suite from `suite()` when it runs. */
export function lifecycleChecks(suite: () => LifecycleSuite) {
  return {
    /** The ticks made from `at` on, once they have all arrived (recorded under `what`): the page kept loading through the proxy. */
    async ticksAfter(what: string, at: number): Promise<Ticks> {
      const { figures, target } = suite();
      const ticks = await figures.after(target, what, at);
      expect(ticks.proxied, `${what}: the page kept loading through the proxy`).toBeGreaterThan(10);
      return ticks;
    },

    /** A page loads through Squid as the account. */
    async loadsAsAlice(name: string): Promise<void> {
      const { squid, target, visit } = suite();
      expect(await visit(target.url(`/${name}`))).toBe(200);
      await squid.waitForSuccess(`/${name}`, ALICE);
    },

    /** The page's first answer after a restart already names the connection; then it is connected, with its badge. */
    async connectedAgain(): Promise<ProxyStatus> {
      const { reopenControlPage, badge } = suite();
      const background = await reopenControlPage();
      const first = await background.call<ProxyStatus>('getProxyStatus');
      expect(first.state).not.toBe('direct');
      expect(first.endpoint).toMatchObject(alice);
      const status = await proxyStatusWhen(background, 'connected again', (current) => current.state === 'connected' && current.exit !== undefined);
      expect(await badge()).toEqual({ text: 'US', title: expect.stringContaining('alice') });
      return status;
    },
  };
}
