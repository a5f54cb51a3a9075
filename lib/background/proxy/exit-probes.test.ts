import { describe, expect, it } from 'vitest';
import type { ProxyServer } from './endpoint.ts';
import { PROBE_PARAMETER, createExitProbes } from './exit-probes.ts';
import { firefoxProxyInfo, proxyForRequest } from './firefox-engine.ts';
import { exitForRequest, type ExitPlan } from './route-plan.ts';
import { routingSchema } from './routing.ts';

const main: ProxyServer = { scheme: 'http', host: 'gw.test', port: 2600, username: 'alice_area-US', password: 'pw1' };
const bob: ProxyServer = { scheme: 'http', host: 'gw.test', port: 2600, username: 'bob_area-DE', password: 'pw2' };
const checkUrl = 'https://echo.test/json';

function planWith(probes: ReturnType<typeof createExitProbes>): ExitPlan & { proxyBrowserRequests: boolean } {
  return { server: main, routing: routingSchema.parse({}), routes: [{ id: 'a', pattern: 'amazon.de', server: bob }], fallBackDirect: true, probes, proxyBrowserRequests: false };
}

describe('the exit checks’ marked requests (Firefox)', () => {
  it('go through the exit they check while the check runs, and are decided as any other request after', async () => {
    const probes = createExitProbes();
    const plan = planWith(probes);
    let marked = '';
    const during = await probes.through(bob, checkUrl, async (url) => {
      marked = url;
      return exitForRequest({ url, tabId: -1 }, plan);
    });
    expect(new URL(marked).searchParams.get(PROBE_PARAMETER)).toMatch(/^[0-9a-f-]{36}$/);
    expect(new URL(marked).origin + new URL(marked).pathname).toBe(checkUrl);
    // Never falling back to direct: that would report the user's own IP as the exit.
    expect(during).toEqual({ kind: 'proxy', server: bob, fallBackDirect: false, why: { layer: 'check' } });
    expect(exitForRequest({ url: marked, tabId: -1 }, plan)).toEqual({ kind: 'proxy', server: main, fallBackDirect: true, why: { layer: 'main' } });
  });

  it('are what Firefox’s decision sends with the checked exit’s login and connections', async () => {
    const probes = createExitProbes();
    const plan = planWith(probes);
    const decided = await probes.through(bob, checkUrl, async (url) => proxyForRequest({ url, tabId: -1, originUrl: 'moz-extension://x/background.html' }, plan));
    expect(decided).toEqual(firefoxProxyInfo(bob));
  });

  it('cannot be claimed by a page: a tab’s request, an unknown token or no token decide as before', async () => {
    const probes = createExitProbes();
    const plan = planWith(probes);
    await probes.through(bob, checkUrl, async (url) => {
      expect(exitForRequest({ url, tabId: 4 }, plan).why).toEqual({ layer: 'main' });
      expect(exitForRequest({ url: `${checkUrl}?${PROBE_PARAMETER}=00000000-0000-4000-8000-000000000000`, tabId: -1 }, plan).why).toEqual({ layer: 'main' });
      expect(exitForRequest({ url: 'https://amazon.de/', tabId: -1 }, plan).why).toEqual({ layer: 'route', routeId: 'a', pattern: 'amazon.de' });
    });
  });

  it('keep two checks running at once apart, and expire when their fetch fails', async () => {
    const probes = createExitProbes();
    const plan = planWith(probes);
    const seen = await Promise.all([main, bob].map((server) => probes.through(server, checkUrl, async (url) => (exitForRequest({ url }, plan) as { server: ProxyServer }).server)));
    expect(seen).toEqual([main, bob]);
    let marked = '';
    await expect(
      probes.through(bob, checkUrl, async (url) => {
        marked = url;
        throw new Error('unreachable');
      }),
    ).rejects.toThrow('unreachable');
    expect(probes.serverFor({ url: marked })).toBeUndefined();
  });
});
