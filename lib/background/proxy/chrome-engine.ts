/**
 * Chrome: `proxy.settings` (fixed servers, or a PAC script when only some sites are proxied), after
 * checking `levelOfControl`; cached proxy logins are dropped with `browsingData.remove`.
 */
import { browser } from 'wxt/browser';
import type { ActiveProxy } from './active-proxy.ts';
import type { ProxyServer } from './endpoint.ts';
import { CLOSED_PORT_PROXY, type ExitPlan } from './route-plan.ts';
import { ProxyControlError, type ProxyControl, type ProxyEngine } from './engine.ts';
import { buildPacScript } from './routing.ts';

type ChromeProxyConfig = Parameters<typeof browser.proxy.settings.set>[0]['value'];

export function createChromeEngine(): ProxyEngine {
  const readLevelOfControl = async () => (await browser.proxy.settings.get({ incognito: false })).levelOfControl;

  async function control(): Promise<ProxyControl> {
    const levelOfControl = await readLevelOfControl();
    if (levelOfControl === 'controlled_by_other_extensions') return 'other-extension';
    if (levelOfControl === 'not_controllable') return 'policy';
    return 'ours';
  }

  return {
    control,
    async apply(active: ActiveProxy) {
      const who = await control();
      if (who !== 'ours') throw new ProxyControlError(who);
      await browser.proxy.settings.set({ value: chromeProxyConfig(active), scope: 'regular' });
    },
    isApplied: async () => (await readLevelOfControl()) === 'controlled_by_this_extension',
    async clear() {
      // Clearing our setting gives back whatever ranked below it: the system's or the user's own.
      await browser.proxy.settings.clear({ scope: 'regular' });
    },
    async forgetLogins({ host, port }: ProxyServer) {
      // Chrome caches a proxy login per host:port and keeps sending it after a switch of identity.
      // Removing the proxy origin's (non-existent) cookies with `protectedWeb` only clears its HTTP
      // auth cache and closes the profile's sockets, without deleting any site's cookies. This rests
      // on Chromium internals: the e2e identity-switch test guards it.
      await browser.browsingData.remove({ origins: [`http://${hostForUrl(host)}:${port}`], originTypes: { protectedWeb: true } }, { cookies: true });
    },
    supports: (server) => !(server.scheme === 'socks5' && server.username),
  };
}

/**
 * The `proxy.settings` value for what applies now. Fixed servers never fall back to a direct
 * connection; a PAC script can (`PROXY …; DIRECT`), so it serves every case but "all traffic through
 * the main connection, blocked while down, no site rules". A rule's exit never falls back; a rule
 * Chrome cannot keep apart (`separateOrigins`) sends its sites to a closed port.
 */
export function chromeProxyConfig({ server, routing, fallBackDirect, routes = [] }: Pick<ActiveProxy, 'server' | 'routing' | 'fallBackDirect'> & Pick<ExitPlan, 'routes'>): ChromeProxyConfig {
  if (server && routes.length === 0 && routing.mode === 'all' && !fallBackDirect) {
    return {
      mode: 'fixed_servers',
      rules: { singleProxy: { scheme: server.scheme, host: server.host, port: server.port }, bypassList: chromeBypassList(routing.bypass) },
    };
  }
  const main = server ? pacProxy(server) + (fallBackDirect ? '; DIRECT' : '') : 'DIRECT';
  const rules = routes.map((route) => [route.pattern, route.blocked ? CLOSED_PORT_PROXY : route.server ? pacProxy(route.server) : 'DIRECT'] as const);
  return { mode: 'pac_script', pacScript: { data: buildPacScript(routing, main, rules), mandatory: true } };
}

/** Our patterns mean "the domain and its subdomains"; Chrome's bypass rules need both spelled out. */
export function chromeBypassList(patterns: readonly string[]): string[] {
  return patterns.flatMap((pattern) => {
    if (pattern.includes('/') || pattern.startsWith('*.') || pattern === '<local>') return [pattern];
    if (pattern.includes(':')) return [`[${pattern}]`];
    if (/^[\d.]+$/.test(pattern)) return [pattern];
    return [pattern, `*.${pattern}`];
  });
}

function pacProxy({ scheme, host, port }: ProxyServer): string {
  const keyword = { http: 'PROXY', https: 'HTTPS', socks5: 'SOCKS5' }[scheme];
  return `${keyword} ${hostForUrl(host)}:${port}`;
}

function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
