/**
 * What both browsers' lifecycle suites check after each restart of the extension's background, with
 * the account they stay connected as. The suite hands over how to reach its browser at that moment
 * (the browser and its control page may have been reopened since).
 */
import { expect } from 'vitest';
import type { ProxyStatus } from '../../../lib/proxy/status.ts';
import { proxyStatusWhen, type ProtocolClient } from './protocol.ts';
import type { SquidHandle } from './squid.ts';
import type { TargetServer } from './target-server.ts';
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
