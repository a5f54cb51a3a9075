import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { ProxyServer } from './endpoint.ts';
import { createExitChecks, exitChecksItem, exitKey, exitsInUse } from './exit-checks.ts';
import { createExitProbes } from './exit-probes.ts';
import { exitForRequest, type ExitPlan } from './route-plan.ts';
import { routingSchema } from './routing.ts';
import type { ActiveProxy } from './active-proxy.ts';
import type { ExitInfo } from './status.ts';

const main: ProxyServer = { scheme: 'http', host: 'gw.test', port: 2600, username: 'alice_area-US', password: 'secret-main' };
const bob: ProxyServer = { scheme: 'http', host: 'gw.test', port: 2600, username: 'bob_area-DE', password: 'secret-bob' };
const carol: ProxyServer = { scheme: 'socks5', host: '203.0.113.9', port: 1080, username: 'carol', password: 'secret-carol' };
const staticIp: ProxyServer = { scheme: 'http', host: '203.0.113.5', port: 8000 };
const checkUrl = 'https://echo.test/json';

type Plan = ActiveProxy & ExitPlan;
function planOf(fields: Partial<Plan> = {}): Plan {
  return {
    endpoint: null,
    server: main,
    routing: routingSchema.parse({}),
    routes: [
      { id: 'a', pattern: 'amazon.de', server: bob },
      { id: 'b', pattern: 'amazon.co.uk', server: bob },
      { id: 'c', pattern: 'direct.test', server: null },
      { id: 'd', pattern: 'blocked.test', server: staticIp, blocked: true },
    ],
    tabs: new Map([[7, { server: carol }]]),
    containers: new Map([['firefox-container-1', { server: bob }]]),
    fallBackDirect: false,
    proxyBrowserRequests: false,
    ...fields,
  };
}

/** Each exit answers with its own IP: the one its username (or host) names. */
const ipOf = (server: ProxyServer) => ({ alice_area: '198.51.100.1', bob_area: '198.51.100.2', carol: '198.51.100.3' })[server.username?.replace(/-.*$/, '') ?? ''] ?? server.host;

/**
 * The check's fetch as the browser would send it: through the exit the plan's decision gives its URL
 * (marked or not), with the answer that exit's echo would give; records which exits were asked.
 */
function browserFetch(plan: () => ExitPlan, asked: ProxyServer[], answer = (server: ProxyServer): ExitInfo | undefined => ({ ip: ipOf(server), country: 'DE', checkedAt: 1 })) {
  return async (url: string) => {
    const exit = exitForRequest({ url, tabId: -1 }, plan());
    if (exit.kind !== 'proxy') return { ip: '192.0.2.1', checkedAt: 1 };
    asked.push(exit.server);
    return answer(exit.server);
  };
}

function setUp(plan: Plan, { firefox = true, answer }: { firefox?: boolean; answer?: (server: ProxyServer) => ExitInfo | undefined } = {}) {
  const probes = firefox ? createExitProbes() : undefined;
  const current = { ...plan, ...(probes && { probes }) };
  const asked: ProxyServer[] = [];
  const checks = createExitChecks({ active: { get: async () => current }, fetchExit: browserFetch(() => current, asked, answer), probes });
  return { checks, asked };
}

beforeEach(() => fakeBrowser.reset());

describe('the exits in use', () => {
  it('are the main connection’s, the rules’, the tabs’ and the containers’ servers, each once, not a blocked rule’s', () => {
    expect(exitsInUse(planOf())).toEqual([main, bob, carol]);
    expect(exitsInUse(planOf({ server: null, tabs: new Map(), containers: new Map() }))).toEqual([bob]);
    expect(exitsInUse(null)).toEqual([]);
  });

  it('are keyed by address and login, never by the password itself', () => {
    expect(exitKey(main)).not.toBe(exitKey(bob));
    expect(exitKey(main)).not.toBe(exitKey({ ...main, password: 'other' }));
    expect(exitKey({ ...main, host: 'GW.test' })).toBe(exitKey(main));
    expect(exitKey(staticIp)).toBe('http://203.0.113.5:8000');
    for (const server of [main, bob, carol]) expect(exitKey(server)).not.toContain(server.password);
  });
});

describe('the exit check per exit (Firefox: each through itself)', () => {
  it('checks every exit in use once, each through that exit, keeps each result under its exit, and answers with the main connection’s', async () => {
    const { checks, asked } = setUp(planOf());
    const mainExit = await checks.checkMain(checkUrl);
    expect(mainExit).toMatchObject({ ip: '198.51.100.1' });
    expect(asked.map(ipOf).sort()).toEqual(['198.51.100.1', '198.51.100.2', '198.51.100.3']);
    const stored = await exitChecksItem.getValue();
    expect(stored).toEqual({
      [exitKey(main)]: { ip: '198.51.100.1', country: 'DE', checkedAt: 1 },
      [exitKey(bob)]: { ip: '198.51.100.2', country: 'DE', checkedAt: 1 },
      [exitKey(carol)]: { ip: '198.51.100.3', country: 'DE', checkedAt: 1 },
    });
    expect(JSON.stringify(await fakeBrowser.storage.session.get())).not.toMatch(/secret/);
    expect(await checks.resultFor(bob)).toMatchObject({ ip: '198.51.100.2' });
  });

  it('keeps that an exit gave no answer, and forgets the exits no longer in use', async () => {
    const first = setUp(planOf(), { answer: (server) => (server === bob ? undefined : { ip: ipOf(server), checkedAt: 2 }) });
    await first.checks.checkMain(checkUrl);
    expect(await first.checks.resultFor(bob)).toMatchObject({ failed: true });
    const later = setUp(planOf({ routes: [], tabs: new Map(), containers: new Map() }));
    await later.checks.checkMain(checkUrl);
    expect(Object.keys(await exitChecksItem.getValue())).toEqual([exitKey(main)]);
  });

  it('keeps that the proxy refused an exit’s login, until the exit is checked again', async () => {
    const { checks } = setUp(planOf());
    await checks.recordRefusal(bob);
    expect(await checks.resultFor(bob)).toEqual({ failed: true, refused: true, checkedAt: expect.any(Number) });
    await checks.checkMain(checkUrl);
    expect(await checks.resultFor(bob)).toEqual({ ip: ipOf(bob), country: 'DE', checkedAt: 1 });
  });

  it('checks an exit asked about only when it has no result and is not being checked', async () => {
    const { checks, asked } = setUp(planOf());
    await Promise.all([checks.checkIfUnknown(bob, checkUrl), checks.checkIfUnknown(bob, checkUrl)]);
    await checks.checkIfUnknown(bob, checkUrl);
    expect(asked).toEqual([bob]);
  });
});

describe('the exit check in Chrome (the PAC script decides by URL alone)', () => {
  it('reaches only the exit the check URL takes: the main connection’s, the rules’ exits unchecked', async () => {
    const { checks, asked } = setUp(planOf({ tabs: undefined, containers: undefined }), { firefox: false });
    expect(await checks.checkMain(checkUrl)).toMatchObject({ ip: '198.51.100.1' });
    expect(asked).toEqual([main]);
    expect(await checks.resultFor(bob)).toBeUndefined();
  });

  it('checks a rule’s exit when a rule covers the check URL’s host, and then says nothing of the main connection’s', async () => {
    const routes = [{ id: 'e', pattern: 'echo.test', server: bob }];
    const { checks, asked } = setUp(planOf({ routes, tabs: undefined, containers: undefined }), { firefox: false });
    expect(await checks.checkMain(checkUrl)).toBeUndefined();
    expect(asked).toEqual([bob]);
    expect(await checks.resultFor(bob)).toMatchObject({ ip: '198.51.100.2' });
    expect(await checks.resultFor(main)).toBeUndefined();
  });
});
