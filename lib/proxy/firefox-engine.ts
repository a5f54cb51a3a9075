/**
 * Firefox: `proxy.onRequest` decides per request from the stored connection, so no proxy setting can
 * go stale and no request goes out direct while the background is still reading storage (the
 * listener waits for the read). A new identity gets its own connections through a
 * `connectionIsolationKey` derived from the credentials.
 */
import type { ActiveProxy, ActiveProxyStore } from './active.ts';
import type { ProxyServer } from './endpoint.ts';
import type { ProxyEngine } from './engine.ts';
import { firefoxProxyApi, type FirefoxProxyInfo, type FirefoxRequestDetails } from './platform.ts';
import { shouldProxy } from './rules.ts';

const DIRECT: FirefoxProxyInfo = { type: 'direct' };

/** Registers the per-request decision; call once, synchronously, when the background starts. */
export function listenForFirefoxProxyRequests(active: ActiveProxyStore): void {
  firefoxProxyApi()!.onRequest.addListener(async (details) => proxyForRequest(details, await active.get()), { urls: ['<all_urls>'] });
}

/**
 * The proxy for one request under the active connection; followed by a direct connection for when the
 * proxy cannot be reached, unless the user chose to block traffic then (Firefox tries them in order).
 * Never after a SOCKS proxy: Firefox cannot tell its refused login from a proxy that is down, and a
 * wrong password must not send the user out on their own IP.
 */
export function proxyForRequest(details: Pick<FirefoxRequestDetails, 'url' | 'tabId' | 'originUrl' | 'documentUrl'>, active: ActiveProxy | null): FirefoxProxyInfo | FirefoxProxyInfo[] {
  if (!active) return DIRECT;
  let host: string;
  try {
    host = new URL(details.url).hostname;
  } catch {
    return DIRECT;
  }
  if (active.server.scheme !== 'socks5' && isBrowserInternal(details)) return DIRECT;
  if (!shouldProxy(host, active.routing)) return DIRECT;
  const proxy = firefoxProxyInfo(active.server);
  return active.fallBackDirect && active.server.scheme !== 'socks5' ? [proxy, DIRECT] : proxy;
}

/**
 * Firefox's own loads (remote settings, updates, telemetry: no tab, no page or extension behind them)
 * reach `proxy.onRequest` but never `webRequest`, so the extension can neither add the login to them
 * nor answer their 407: Firefox logs in with whatever login it cached for the proxy (an earlier
 * identity) or, when that is refused, shows its own login prompt, which blocks the window. They go
 * direct through an HTTP(S) proxy; a SOCKS login travels in the proxy info and never prompts.
 */
function isBrowserInternal(details: Pick<FirefoxRequestDetails, 'tabId' | 'originUrl' | 'documentUrl'>): boolean {
  return details.tabId === -1 && !details.originUrl && !details.documentUrl;
}

/** A response that came direct although the active proxy should have carried it: the proxy is down. */
export function wentDirectPastProxy(details: Pick<FirefoxRequestDetails, 'url' | 'tabId' | 'originUrl' | 'documentUrl' | 'proxyInfo'>, active: ActiveProxy | null): boolean {
  const intended = proxyForRequest(details, active);
  const proxied = Array.isArray(intended) || intended.type !== 'direct';
  return proxied && (!details.proxyInfo || details.proxyInfo.type === 'direct');
}

export function firefoxProxyInfo(server: ProxyServer): FirefoxProxyInfo {
  const { host, port, username, password } = server;
  if (server.scheme === 'socks5') {
    return { type: 'socks', host, port, proxyDNS: true, ...(username && { username, password: password ?? '' }) };
  }
  return { type: server.scheme, host, port, ...(username && { connectionIsolationKey: isolationKey(username, password ?? '') }) };
}

/** A short fingerprint of the login: different logins never share a connection. Not a secret store. */
function isolationKey(username: string, password: string): string {
  let hash = 0x811c9dc5;
  for (const char of `${username}\u0000${password}`) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `911proxy-${hash.toString(16)}`;
}

export function createFirefoxEngine(active: ActiveProxyStore): ProxyEngine {
  return {
    // onRequest outranks proxy.settings, whoever set those.
    control: async () => 'ours',
    apply: async () => active.invalidate(),
    // The listener answers every request from the stored connection: applied whenever it is stored.
    isApplied: async () => true,
    clear: async () => active.invalidate(),
    // The isolation key already gives a new login new connections.
    forgetLogins: async () => undefined,
    supports: () => true,
  };
}
