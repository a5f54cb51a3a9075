/**
 * Firefox: `proxy.onRequest` decides per request from the stored connection, so no proxy setting can
 * go stale and no request goes out direct while the background is still reading storage (the
 * listener waits for the read). A new identity gets its own connections through a
 * `connectionIsolationKey` derived from the credentials.
 *
 * Under it, while connected, Firefox's own proxy setting routes the same way but blocks what should
 * be proxied (`startupProxyConfig`), for the moments the listener cannot answer: after Firefox
 * enables or reloads the add-on, it applies the setting again at once but calls the listener only
 * once the background has registered it.
 */
import { browser } from 'wxt/browser';
import type { ActiveProxy, ActiveProxyStore } from './active-proxy.ts';
import { loginFingerprint, type ProxyServer } from './endpoint.ts';
import type { ProxyEngine } from './engine.ts';
import { firefoxProxySettings, type FirefoxProxyConfig, type FirefoxProxyInfo, type FirefoxRequestDetails } from '../../shared/platform.ts';
import { answerProxyRequests } from './firefox-request-listener.ts';
import { CLOSED_PORT_PROXY, exitForRequest, type ExitPlan } from './route-plan.ts';
import { buildPacScript } from './routing.ts';

const DIRECT: FirefoxProxyInfo = { type: 'direct' };
/** What a request gets that must not go out at all: the closed port of `CLOSED_PORT_PROXY`. */
const BLOCKED: FirefoxProxyInfo = { type: 'http', host: '127.0.0.1', port: 9 };

/**
 * Gives the per-request decision to the listener (registered first thing, see firefox-request-listener.ts).
 * To Firefox, a `direct` answer means "as Firefox's own setting says": while that setting is our
 * startup PAC, a request meant to bypass the proxy (a bypassed host, one of Firefox's own requests)
 * is answered `null`, which Firefox takes as "no proxy", past the PAC.
 */
export function listenForFirefoxProxyRequests(active: ActiveProxyStore, startupProxy: StartupProxy): void {
  answerProxyRequests(async (details) => {
    const [current, ours] = await Promise.all([active.planFor(details), startupProxy.inForce()]);
    const decision = proxyForRequest(details, current);
    return ours && !Array.isArray(decision) && decision.type === 'direct' ? null : decision;
  });
}

/**
 * The proxy for one request under what applies now (route-plan.ts decides the exit); the main
 * connection's is followed by a direct connection for when the proxy cannot be reached, unless the
 * user chose to block traffic then (Firefox tries them in order). Never after a SOCKS proxy: Firefox
 * cannot tell its refused login from a proxy that is down, and a wrong password must not send the
 * user out on their own IP.
 */
export function proxyForRequest(
  details: Pick<FirefoxRequestDetails, 'url' | 'tabId' | 'cookieStoreId' | 'originUrl' | 'documentUrl'>,
  active: (ExitPlan & Pick<ActiveProxy, 'proxyBrowserRequests'>) | null,
): FirefoxProxyInfo | FirefoxProxyInfo[] {
  if (!active) return DIRECT;
  const exit = exitForRequest(details, active);
  if (exit.kind === 'direct') return DIRECT;
  if (exit.kind === 'blocked') return BLOCKED;
  const { server } = exit;
  if (server.scheme !== 'socks5' && !active.proxyBrowserRequests && isBrowserInternal(details)) return DIRECT;
  const proxy = firefoxProxyInfo(server);
  return exit.fallBackDirect && server.scheme !== 'socks5' ? [proxy, DIRECT] : proxy;
}

/**
 * Firefox's own loads (remote settings, updates, telemetry: no tab, no page or extension behind them)
 * reach `proxy.onRequest` but never `webRequest`, so the extension can neither add the login to them
 * nor answer their 407: Firefox logs in with whatever login it cached for the proxy (an earlier
 * identity) or, when that is refused, shows its own login prompt, which blocks the window. They go
 * direct through an HTTP(S) proxy unless the user chose otherwise (`proxyBrowserRequests`); a SOCKS
 * login travels in the proxy info and never prompts.
 */
function isBrowserInternal(details: Pick<FirefoxRequestDetails, 'tabId' | 'originUrl' | 'documentUrl'>): boolean {
  return details.tabId === -1 && !details.originUrl && !details.documentUrl;
}

/** A response that came direct although the active proxy should have carried it: the proxy is down. */
export function wentDirectPastProxy(
  details: Pick<FirefoxRequestDetails, 'url' | 'tabId' | 'cookieStoreId' | 'originUrl' | 'documentUrl' | 'proxyInfo'>,
  active: Parameters<typeof proxyForRequest>[1],
): boolean {
  const intended = proxyForRequest(details, active);
  const proxied = Array.isArray(intended) || intended.type !== 'direct';
  return proxied && (!details.proxyInfo || details.proxyInfo.type === 'direct');
}

export function firefoxProxyInfo(server: ProxyServer): FirefoxProxyInfo {
  const { host, port, username, password } = server;
  if (server.scheme === 'socks5') {
    return { type: 'socks', host, port, proxyDNS: true, ...(username && { username, password: password ?? '' }) };
  }
  // Different logins never share a connection.
  return { type: server.scheme, host, port, ...(username && { connectionIsolationKey: `911proxy-${loginFingerprint(server)}` }) };
}

/**
 * Where the startup PAC sends what should go through the proxy: a closed port on this machine (the
 * discard port), so that such requests fail at once. It names no real proxy on purpose: without the
 * add-on's listeners nobody could give the proxy its login, and Firefox would ask with its own
 * window-wide login prompt; and never `DIRECT` after it, whatever the user allows while the proxy is
 * down.
 */
export const STARTUP_BLOCK = CLOSED_PORT_PROXY;

/**
 * Firefox's proxy setting while connected or routed: a PAC script with the same routing and rules as
 * `proxyForRequest`, which Firefox uses only while the listener cannot answer yet. What goes to a
 * proxy then fails (`STARTUP_BLOCK`), the main connection's and the rules' alike; the rest goes
 * direct as usual. Nothing the user meant for a proxy goes out direct. A PAC script sees neither
 * tabs nor containers: while any has an exit, every request but the bypassed ones might be one of
 * theirs (a container's exit outranks a rule sending its site direct), so all of them fail.
 */
export function startupProxyConfig({ server, routing, routes = [], tabs, containers }: Omit<ExitPlan, 'server'> & { server?: ExitPlan['server'] }): FirefoxProxyConfig {
  const script = (tabs?.size ?? 0) + (containers?.size ?? 0) > 0 ? buildPacScript({ ...routing, mode: 'all' }, STARTUP_BLOCK) : routedScript(server, routing, routes);
  return { proxyType: 'autoConfig', autoConfigUrl: `data:application/x-ns-proxy-autoconfig,${encodeURIComponent(script)}`, proxyDNS: true };
}

function routedScript(server: ExitPlan['server'] | undefined, routing: ExitPlan['routing'], routes: NonNullable<ExitPlan['routes']>): string {
  const main = server === null ? 'DIRECT' : STARTUP_BLOCK;
  const rules = routes.map((route) => [route.pattern, route.server || route.blocked ? STARTUP_BLOCK : 'DIRECT'] as const);
  return buildPacScript(routing, main, rules);
}

/**
 * Firefox's proxy setting as the startup PAC (`startupProxyConfig`), where Firefox lets the add-on
 * set it: only with access to private windows (Firefox refuses `proxy.settings` otherwise), and not
 * while another extension or a policy holds it. `inForce` says whether it is Firefox's setting now;
 * known from the start of the background on, since the setting outlives it.
 */
export function createStartupProxy() {
  const settings = firefoxProxySettings();
  const read = async () => (await settings.get({}).catch(() => ({ levelOfControl: 'unknown' }))).levelOfControl === 'controlled_by_this_extension';
  let inForce = read();
  return {
    inForce: (): Promise<boolean> => inForce,
    async set(current: ActiveProxy): Promise<void> {
      if (await browser.extension.isAllowedIncognitoAccess().catch(() => false)) await settings.set({ value: startupProxyConfig(current) }).catch(() => undefined);
      inForce = read();
      await inForce;
    },
    async clear(): Promise<void> {
      await settings.clear({}).catch(() => undefined);
      inForce = read();
      await inForce;
    },
  };
}

export type StartupProxy = ReturnType<typeof createStartupProxy>;

export function createFirefoxEngine(active: ActiveProxyStore, startupProxy: StartupProxy): ProxyEngine {
  return {
    // onRequest outranks proxy.settings, whoever set those.
    control: async () => 'ours',
    async apply(current) {
      active.invalidate();
      await startupProxy.set(current);
    },
    // The listener answers every request from the stored connection: applied whenever it is stored.
    isApplied: async () => true,
    async clear() {
      active.invalidate();
      await startupProxy.clear();
    },
    // The isolation key already gives a new login new connections.
    forgetLogins: async () => undefined,
    supports: () => true,
  };
}
