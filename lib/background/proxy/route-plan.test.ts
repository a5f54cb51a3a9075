import { describe, expect, it } from 'vitest';
import { chromeProxyConfig } from './chrome-engine.ts';
import type { ProxyServer } from './endpoint.ts';
import { firefoxProxyInfo, proxyForRequest, STARTUP_BLOCK, startupProxyConfig } from './firefox-engine.ts';
import { CLOSED_PORT_PROXY, exitForHost, exitForRequest, loginsNewToTheirOrigin, resolveRoutes, separateOrigins, type ExitPlan, type ResolvedRoute } from './route-plan.ts';
import type { Route } from './routes.ts';
import { routingSchema } from './routing.ts';

const gateway = { host: 'gw.test', port: 2600 };
const main: ProxyServer = { scheme: 'http', host: 'gw.test', port: 2600, username: 'alice_area-US', password: 'pw1' };
const staticIp: ProxyServer = { scheme: 'http', host: '203.0.113.5', port: 8000, username: 's1', password: 'sp' };
const bobServer: ProxyServer = { scheme: 'http', host: 'gw.test', port: 2600, username: 'bob_area-DE', password: 'pw2' };
const routes: ResolvedRoute[] = [
  { id: 'a', pattern: 'amazon.de', server: bobServer },
  { id: 'b', pattern: 'shop.amazon.de', server: staticIp },
  { id: 'c', pattern: '*.direct.test', server: null },
];
const plan = (fields: Partial<ExitPlan> = {}): ExitPlan => ({ server: main, routing: routingSchema.parse({ bypass: ['localhost', 'bypassed.test'] }), routes, fallBackDirect: true, ...fields });

/** Runs a PAC script as the browser would. */
function runPac(script: string, host: string): string {
  const find = new Function(`${script}\nreturn FindProxyForURL;`)() as (url: string, host: string) => string;
  return find(`https://${host}/`, host);
}

describe('the exit of a request', () => {
  it('follows the bypass list first, then the first matching route, then the main connection', () => {
    expect(exitForHost('localhost', plan())).toEqual({ kind: 'direct', why: { layer: 'bypass' } });
    expect(exitForHost('bypassed.test', plan({ routes: [{ id: 'x', pattern: 'bypassed.test', server: bobServer }] }))).toEqual({ kind: 'direct', why: { layer: 'bypass' } });
    // shop.amazon.de matches both amazon.de and shop.amazon.de: the first rule wins.
    expect(exitForHost('shop.amazon.de', plan())).toEqual({ kind: 'proxy', server: bobServer, fallBackDirect: false, why: { layer: 'route', routeId: 'a', pattern: 'amazon.de' } });
    expect(exitForHost('www.direct.test', plan())).toEqual({ kind: 'direct', why: { layer: 'route', routeId: 'c', pattern: '*.direct.test' } });
    expect(exitForHost('example.org', plan())).toEqual({ kind: 'proxy', server: main, fallBackDirect: true, why: { layer: 'main' } });
  });

  it('sends what no rule matches direct while disconnected, and the rules still apply', () => {
    expect(exitForHost('example.org', plan({ server: null }))).toEqual({ kind: 'direct', why: { layer: 'none' } });
    expect(exitForHost('amazon.de', plan({ server: null }))).toMatchObject({ kind: 'proxy', server: bobServer });
  });

  it('applies the only/all-but modes to the main connection only', () => {
    const only = plan({ routing: routingSchema.parse({ mode: 'only', sites: ['listed.test'] }) });
    expect(exitForHost('amazon.de', only)).toMatchObject({ kind: 'proxy', server: bobServer });
    expect(exitForHost('example.org', only)).toEqual({ kind: 'direct', why: { layer: 'main' } });
    expect(exitForHost('listed.test', only)).toMatchObject({ kind: 'proxy', server: main });
  });

  it('never falls back to direct from a rule’s exit, and blocks a blocked rule', () => {
    expect(exitForHost('amazon.de', plan())).toMatchObject({ fallBackDirect: false });
    expect(exitForHost('amazon.de', plan({ routes: [{ ...routes[0]!, blocked: true }] }))).toEqual({ kind: 'blocked', why: { layer: 'route', routeId: 'a', pattern: 'amazon.de' } });
  });

  it('goes direct for what is not a URL with a host', () => {
    expect(exitForRequest({ url: 'not a url' }, plan())).toEqual({ kind: 'direct', why: { layer: 'none' } });
    expect(exitForRequest({ url: 'about:blank' }, plan())).toEqual({ kind: 'direct', why: { layer: 'none' } });
  });

  it('puts a tab’s exit before its container’s, a container’s before the site rules, and the bypass list before all', () => {
    const layered = plan({ tabs: new Map([[7, { server: staticIp }]]), containers: new Map([['firefox-container-1', { server: bobServer }], ['firefox-container-2', { server: null }]]) });
    const inTab = { url: 'https://amazon.de/', tabId: 7, cookieStoreId: 'firefox-container-1' };
    expect(exitForRequest(inTab, layered)).toEqual({ kind: 'proxy', server: staticIp, fallBackDirect: false, why: { layer: 'tab' } });
    expect(exitForRequest({ ...inTab, tabId: 8 }, layered)).toEqual({ kind: 'proxy', server: bobServer, fallBackDirect: false, why: { layer: 'container', cookieStoreId: 'firefox-container-1' } });
    expect(exitForRequest({ url: 'https://example.org/', tabId: 8, cookieStoreId: 'firefox-container-2' }, layered)).toEqual({ kind: 'direct', why: { layer: 'container', cookieStoreId: 'firefox-container-2' } });
    expect(exitForRequest({ ...inTab, url: 'http://localhost/' }, layered)).toEqual({ kind: 'direct', why: { layer: 'bypass' } });
    // Outside the layered tab and containers: the rules, then the main connection.
    expect(exitForRequest({ url: 'https://amazon.de/', tabId: 8, cookieStoreId: 'firefox-default' }, layered)).toMatchObject({ why: { layer: 'route', routeId: 'a' } });
    expect(exitForRequest({ url: 'https://example.org/', tabId: -1 }, layered)).toMatchObject({ server: main, why: { layer: 'main' } });
  });
});

describe('the engines decide as the plan does', () => {
  const hosts = ['localhost', 'bypassed.test', 'amazon.de', 'shop.amazon.de', 'www.direct.test', 'direct.test', 'example.org', '10.1.2.3'];

  it('Chrome’s PAC script gives every host the plan’s exit', () => {
    for (const server of [main, null]) {
      const active = plan({ server, routes: [...routes, { id: 'd', pattern: 'blocked.test', server: staticIp, blocked: true }] });
      const script = chromeProxyConfig({ ...active, fallBackDirect: true, routes: active.routes }).pacScript!.data!;
      for (const host of [...hosts, 'blocked.test']) {
        const exit = exitForHost(host, active);
        const expected = exit.kind === 'direct' ? 'DIRECT' : exit.kind === 'blocked' ? CLOSED_PORT_PROXY : `PROXY ${exit.server.host}:${exit.server.port}${exit.fallBackDirect ? '; DIRECT' : ''}`;
        expect(runPac(script, host), host).toBe(expected);
      }
    }
  });

  it('Chrome uses a PAC script as soon as there is a rule, and with rules alone', () => {
    expect(chromeProxyConfig({ ...plan(), fallBackDirect: false }).mode).toBe('pac_script');
    expect(chromeProxyConfig({ ...plan({ server: null }), fallBackDirect: false }).mode).toBe('pac_script');
    expect(chromeProxyConfig({ ...plan({ routes: [] }), fallBackDirect: false }).mode).toBe('fixed_servers');
  });

  it('Firefox gives each rule its own proxy and login connections, and blocks a blocked rule', () => {
    const active = { ...plan(), proxyBrowserRequests: false };
    expect(proxyForRequest({ url: 'https://amazon.de/' }, active)).toEqual(firefoxProxyInfo(bobServer));
    expect(proxyForRequest({ url: 'https://example.org/' }, active)).toEqual([firefoxProxyInfo(main), { type: 'direct' }]);
    expect(firefoxProxyInfo(bobServer).connectionIsolationKey).not.toBe(firefoxProxyInfo(main).connectionIsolationKey);
    expect(proxyForRequest({ url: 'https://www.direct.test/' }, active)).toEqual({ type: 'direct' });
    expect(proxyForRequest({ url: 'https://amazon.de/' }, { ...active, routes: [{ ...routes[0]!, blocked: true }] })).toEqual({ type: 'http', host: '127.0.0.1', port: 9 });
  });

  it('Firefox’s startup PAC blocks the rules’ proxied sites and lets their direct ones and the rest (disconnected) go', () => {
    const config = startupProxyConfig(plan({ server: null }));
    const script = decodeURIComponent(config.autoConfigUrl.slice('data:application/x-ns-proxy-autoconfig,'.length));
    expect(runPac(script, 'amazon.de')).toBe(STARTUP_BLOCK);
    expect(runPac(script, 'www.direct.test')).toBe('DIRECT');
    expect(runPac(script, 'example.org')).toBe('DIRECT');
    expect(runPac(decodeURIComponent(startupProxyConfig(plan()).autoConfigUrl.split(',')[1]!), 'example.org')).toBe(STARTUP_BLOCK);
  });
});

describe('one login per proxy origin (Chrome)', () => {
  const route = (id: string, server: ProxyServer | null): ResolvedRoute => ({ id, pattern: `${id}.test`, server });

  it('gives the rules’ gateway exits the gateway’s dotted name, apart from the main connection', () => {
    const [first] = separateOrigins(main, [route('a', bobServer)], gateway);
    expect(first).toEqual({ ...route('a', { ...bobServer, host: 'gw.test.' }) });
  });

  it('blocks a second gateway account among the rules, not the same account twice', () => {
    const carol = { ...bobServer, username: 'carol_area-GB' };
    const separated = separateOrigins(main, [route('a', bobServer), route('b', carol), route('c', bobServer)], gateway);
    expect(separated.map((exit) => exit.blocked ?? false)).toEqual([false, true, false]);
  });

  it('keeps static IPs and direct rules apart, and blocks another login on one custom host:port', () => {
    const other = { ...staticIp, username: 's2' };
    const separated = separateOrigins(main, [route('a', staticIp), route('b', { ...staticIp, host: '203.0.113.6' }), route('c', null), route('d', other)], gateway);
    expect(separated.map((exit) => exit.blocked ?? false)).toEqual([false, false, false, true]);
  });

  it('with a gateway given by IP address, blocks a rule’s account that is not the main connection’s', () => {
    const ipGateway = { host: '127.0.0.1', port: 2600 };
    const onIp = (server: ProxyServer) => ({ ...server, host: '127.0.0.1' });
    expect(separateOrigins(onIp(main), [route('a', onIp(bobServer))], ipGateway)[0]!.blocked).toBe(true);
    expect(separateOrigins(onIp(main), [route('a', onIp(main))], ipGateway)[0]!.blocked).toBeUndefined();
    expect(separateOrigins(null, [route('a', onIp(bobServer))], ipGateway)[0]!.blocked).toBeUndefined();
  });

  it('names the logins new to their origin, which Chrome may hold a stale login for', () => {
    const before = plan({ routes: [{ id: 'a', pattern: 'a.test', server: bobServer, blocked: true }] });
    const carolServer = { ...bobServer, username: 'carol' };
    expect(loginsNewToTheirOrigin(before, plan({ routes: [] }))).toEqual([]);
    expect(loginsNewToTheirOrigin(before, before)).toEqual([]);
    expect(loginsNewToTheirOrigin(null, before)).toEqual([main]);
    // The main connection leaves its origin to a rule it kept blocked.
    expect(loginsNewToTheirOrigin(before, plan({ server: null, routes: [{ id: 'a', pattern: 'a.test', server: carolServer }] }))).toEqual([carolServer]);
  });
});

describe('resolving the stored routes', () => {
  it('keeps the enabled ones in order, each with its server', () => {
    const stored: Route[] = [
      { id: 'a', pattern: 'a.test', exit: { kind: 'account', account: 'bob', password: 'pw2', country: 'DE' }, enabled: true },
      { id: 'b', pattern: 'b.test', exit: { kind: 'direct' }, enabled: false },
      { id: 'c', pattern: 'c.test', exit: { kind: 'direct' }, enabled: true },
    ];
    expect(resolveRoutes(stored, gateway)).toEqual([
      { id: 'a', pattern: 'a.test', server: { ...bobServer }, endpoint: stored[0]!.exit },
      { id: 'c', pattern: 'c.test', server: null },
    ]);
  });
});
