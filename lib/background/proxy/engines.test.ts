import { describe, expect, it } from 'vitest';
import { chromeBypassList, chromeProxyConfig } from './chrome-engine.ts';
import type { ProxyServer } from './endpoint.ts';
import { firefoxProxyInfo, proxyForRequest, STARTUP_BLOCK, startupProxyConfig, wentDirectPastProxy } from './firefox-engine.ts';
import { routingSchema, shouldProxy } from './routing.ts';

const server: ProxyServer = { scheme: 'http', host: '127.0.0.1', port: 3128, username: 'u1', password: 'p1' };

describe('Chrome proxy settings', () => {
  it('uses fixed servers with the bypass list when everything is proxied and blocked while the proxy is down', () => {
    const config = chromeProxyConfig({ server, routing: routingSchema.parse({ bypass: ['example.com', '10.0.0.0/8', '::1', '*.local'] }), fallBackDirect: false });
    expect(config).toEqual({
      mode: 'fixed_servers',
      rules: { singleProxy: { scheme: 'http', host: '127.0.0.1', port: 3128 }, bypassList: ['example.com', '*.example.com', '10.0.0.0/8', '[::1]', '*.local'] },
    });
  });

  it('uses a mandatory PAC script when only some sites are proxied', () => {
    const config = chromeProxyConfig({ server: { ...server, scheme: 'https' }, routing: routingSchema.parse({ mode: 'only', sites: ['shop.test'] }), fallBackDirect: false });
    expect(config.mode).toBe('pac_script');
    expect(config.pacScript?.mandatory).toBe(true);
    expect(config.pacScript?.data).toContain('"HTTPS 127.0.0.1:3128"');
    expect(config.pacScript?.data).toContain('["shop.test"]');
  });

  it.each(['all', 'only'] as const)('lets requests go direct while the proxy is down only when allowed (mode %s)', (mode) => {
    const routing = routingSchema.parse({ mode, sites: ['shop.test'] });
    const allowed = chromeProxyConfig({ server, routing, fallBackDirect: true });
    expect(allowed.pacScript?.data).toContain('"PROXY 127.0.0.1:3128; DIRECT"');
    const blocked = chromeProxyConfig({ server, routing, fallBackDirect: false });
    expect(JSON.stringify(blocked)).not.toContain('DIRECT"');
  });

  it('keeps IP literals as they are in the bypass list', () => {
    expect(chromeBypassList(['192.168.1.1', 'localhost'])).toEqual(['192.168.1.1', 'localhost', '*.localhost']);
  });
});

describe('Firefox per-request proxy', () => {
  const routing = routingSchema.parse({ mode: 'except', sites: ['direct.test'] });
  const active = { endpoint: { kind: 'custom' as const, scheme: 'http' as const, host: '127.0.0.1', port: 3128 }, server, routing, fallBackDirect: false, proxyBrowserRequests: false };

  it('proxies through the server, with an isolation key per login', () => {
    const info = firefoxProxyInfo(server);
    expect(proxyForRequest({ url: 'https://site.test/a' }, active)).toEqual(info);
    expect(info).toMatchObject({ type: 'http', host: '127.0.0.1', port: 3128 });
    const other = firefoxProxyInfo({ ...server, username: 'u2' });
    expect(info.connectionIsolationKey).toMatch(/^911proxy-/);
    expect(other.connectionIsolationKey).not.toBe(info.connectionIsolationKey);
    expect(firefoxProxyInfo({ ...server, password: 'p2' }).connectionIsolationKey).not.toBe(info.connectionIsolationKey);
  });

  it('adds a direct connection after the proxy only when the user allows it while the proxy is down', () => {
    expect(proxyForRequest({ url: 'https://site.test/a' }, { ...active, fallBackDirect: true })).toEqual([firefoxProxyInfo(server), { type: 'direct' }]);
    expect(proxyForRequest({ url: 'https://site.test/a' }, active)).toEqual(firefoxProxyInfo(server));
    const socks = { ...active, fallBackDirect: true, server: { ...server, scheme: 'socks5' as const } };
    expect(proxyForRequest({ url: 'https://site.test/a' }, socks)).toEqual(firefoxProxyInfo(socks.server));
  });

  it('tells a response that went direct past the proxy from one that was meant to go direct', () => {
    const page = { url: 'https://site.test/', tabId: 4 };
    expect(wentDirectPastProxy({ ...page, proxyInfo: { type: 'direct' } }, active)).toBe(true);
    expect(wentDirectPastProxy({ ...page, proxyInfo: null }, active)).toBe(true);
    expect(wentDirectPastProxy({ ...page, proxyInfo: { type: 'http', host: '127.0.0.1', port: 3128 } }, active)).toBe(false);
    expect(wentDirectPastProxy({ url: 'https://www.direct.test/', tabId: 4, proxyInfo: null }, active)).toBe(false);
    expect(wentDirectPastProxy({ ...page, proxyInfo: null }, null)).toBe(false);
  });

  it('goes direct when not connected, for bypassed and excepted hosts, and for URLs it cannot read', () => {
    expect(proxyForRequest({ url: 'https://site.test/' }, null)).toEqual({ type: 'direct' });
    expect(proxyForRequest({ url: 'http://localhost:8080/' }, active)).toEqual({ type: 'direct' });
    expect(proxyForRequest({ url: 'https://www.direct.test/' }, active)).toEqual({ type: 'direct' });
    expect(proxyForRequest({ url: 'not a url' }, active)).toEqual({ type: 'direct' });
  });

  it('sends the browser’s own loads direct past an HTTP proxy, which could only log them in by prompting', () => {
    const internal = { url: 'https://firefox.settings.services.mozilla.com/v1/', tabId: -1 };
    expect(proxyForRequest(internal, active)).toEqual({ type: 'direct' });
    expect(proxyForRequest({ ...internal, originUrl: 'moz-extension://id/background.html' }, active)).toMatchObject({ type: 'http' });
    expect(proxyForRequest({ ...internal, tabId: 3 }, active)).toMatchObject({ type: 'http' });
    expect(proxyForRequest(internal, { ...active, server: { ...server, scheme: 'socks5' } })).toMatchObject({ type: 'socks' });
  });

  it('sends the browser’s own loads through the proxy too when the user chose so', () => {
    const internal = { url: 'https://firefox.settings.services.mozilla.com/v1/', tabId: -1 };
    expect(proxyForRequest(internal, { ...active, proxyBrowserRequests: true })).toEqual(firefoxProxyInfo(server));
    expect(wentDirectPastProxy({ ...internal, proxyInfo: null }, { ...active, proxyBrowserRequests: true })).toBe(true);
    expect(wentDirectPastProxy({ ...internal, proxyInfo: null }, active)).toBe(false);
  });

  it('gives socks5 logins to Firefox with DNS through the proxy', () => {
    expect(firefoxProxyInfo({ ...server, scheme: 'socks5' })).toEqual({ type: 'socks', host: '127.0.0.1', port: 3128, proxyDNS: true, username: 'u1', password: 'p1' });
  });
});

describe('Firefox startup proxy setting', () => {
  /** Runs the PAC script the setting's data URL holds, as Firefox would. */
  function findProxy(config: ReturnType<typeof startupProxyConfig>, url: string): string {
    const prefix = 'data:application/x-ns-proxy-autoconfig,';
    expect(config.autoConfigUrl.startsWith(prefix)).toBe(true);
    const script = decodeURIComponent(config.autoConfigUrl.slice(prefix.length));
    const find = new Function(`${script}\nreturn FindProxyForURL;`)() as (url: string, host: string) => string;
    return find(url, new URL(url).hostname);
  }

  it('blocks what the rules send to the proxy, and lets the rest go direct, as the per-request decision routes', () => {
    const routing = routingSchema.parse({ mode: 'except', sites: ['direct.test'], bypass: ['localhost', '10.0.0.0/8'] });
    const config = startupProxyConfig({ routing });
    expect(config).toMatchObject({ proxyType: 'autoConfig', proxyDNS: true });
    for (const url of ['https://site.test/a', 'http://www.direct.test/', 'http://10.1.2.3/', 'http://localhost:8080/']) {
      expect(findProxy(config, url)).toBe(shouldProxy(new URL(url).hostname, routing) ? STARTUP_BLOCK : 'DIRECT');
    }
    const only = startupProxyConfig({ routing: routingSchema.parse({ mode: 'only', sites: ['shop.test'] }) });
    expect(findProxy(only, 'https://a.shop.test/')).toBe(STARTUP_BLOCK);
    expect(findProxy(only, 'https://other.test/')).toBe('DIRECT');
  });

  it('blocks everything but the bypass list while a tab or a container has an exit, which a PAC script cannot see', () => {
    const routing = routingSchema.parse({ mode: 'only', sites: ['shop.test'], bypass: ['localhost'] });
    const routes = [{ id: 'r1', pattern: 'direct.test', server: null }];
    const exit = { server: null };
    // Without them, what the main connection and the rules send direct goes direct.
    expect(findProxy(startupProxyConfig({ server: null, routing, routes }), 'https://direct.test/')).toBe('DIRECT');
    for (const layers of [{ containers: new Map([['firefox-container-1', exit]]) }, { tabs: new Map([[4, exit]]) }]) {
      const config = startupProxyConfig({ server: null, routing, routes, ...layers });
      // A container's request to a site routed direct, or to one the main connection leaves out, might be one of theirs.
      for (const url of ['https://direct.test/', 'https://other.test/', 'https://shop.test/']) expect(findProxy(config, url)).toBe(STARTUP_BLOCK);
      expect(findProxy(config, 'http://localhost:8080/')).toBe('DIRECT');
    }
  });

  it('names no proxy that could ask for a login, and nothing to fall back to', () => {
    // The discard port of this machine: the request fails at once, neither direct nor at a login prompt.
    expect(findProxy(startupProxyConfig({ routing: routingSchema.parse({}) }), 'https://site.test/')).toBe('PROXY 127.0.0.1:9');
  });
});
