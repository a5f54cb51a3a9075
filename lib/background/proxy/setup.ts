/**
 * Wires the proxy parts for this browser, registers every listener and brings the status back from
 * the stored connection. Called synchronously at the top level of the background, so events (a proxy
 * login, a request in Firefox) wake a stopped worker and find their listener.
 */
import { browser } from 'wxt/browser';
import { settingsItem } from '../settings.ts';
import { createActiveProxyStore } from './active-proxy.ts';
import { createContextExitHandlers } from './context-exit-handlers.ts';
import { createTabOpeners } from './context-exits.ts';
import { proxyStatusItem } from './connection.ts';
import { createAuthResponder, listenForChromeProxyAuth, listenForFirefoxProxyAuth, PROXIED_REQUESTS } from './auth.ts';
import { createChromeEngine } from './chrome-engine.ts';
import { createExitCheck } from './exit-check.ts';
import { createExitChecks, exitChecksItem, exitKey } from './exit-checks.ts';
import type { ProxyServer } from './endpoint.ts';
import { createExitProbes } from './exit-probes.ts';
import { createFirefoxEngine, createStartupProxy, listenForFirefoxProxyRequests, wentDirectPastProxy } from './firefox-engine.ts';
import { firefoxProxyApi, type FirefoxRequestDetails } from '../../shared/platform.ts';
import type { SavedCustomEndpoint } from './custom-endpoints.ts';
import { createRouteHandlers } from './route-handlers.ts';
import { createProxyService, type ProxyService, type ProxyServiceOptions } from './proxy-service.ts';
import { listenForToggleShortcut } from './shortcut.ts';
import { createTabBadges, listenForTabBadges } from './tab-badge.ts';
import { createTabExitDescriptions } from './tab-exit-descriptions.ts';

/** Request errors that mean the proxy itself failed (not the site behind it, not a refused login). */
const PROXY_FAILURE = /ERR_PROXY_CONNECTION_FAILED|ERR_NO_SUPPORTED_PROXIES|NS_ERROR_PROXY_CONNECTION_REFUSED|NS_ERROR_UNKNOWN_PROXY_HOST|NS_ERROR_PROXY_CONNECTION_TIMED_OUT/;

export function setUpProxy(options: Pick<ProxyServiceOptions, 'explainRefusal' | 'isAccountDisabled'> = {}) {
  const firefox = firefoxProxyApi();
  // Firefox decides per request: its tabs and containers can have exits of their own, and each exit
  // check can go through the exit it checks.
  const tabOpeners = firefox ? createTabOpeners() : undefined;
  const probes = firefox ? createExitProbes() : undefined;
  const active = createActiveProxyStore({ oneLoginPerOrigin: !firefox, tabOpeners, probes });
  const startupProxy = firefox ? createStartupProxy() : undefined;
  const engine = startupProxy ? createFirefoxEngine(active, startupProxy) : createChromeEngine();
  const exitChecks = createExitChecks({ active, fetchExit: createExitCheck(), probes });
  const service = createProxyService({ engine, active, exitCheck: exitChecks.checkMain, ...options });
  const tabExits = createTabExitDescriptions({ active, exitChecks });
  // A refused login fails the main connection only when it was the main connection's; any other exit shows it as its own.
  const onAuthRefused = async (server: ProxyServer) => {
    const main = (await active.get())?.server;
    if (main && exitKey(main) === exitKey(server)) service.onAuthRefused(server);
    else await exitChecks.recordRefusal(server);
  };
  const responder = createAuthResponder(active.serverFor, (server) => void onAuthRefused(server).catch(() => undefined));
  const routes = createRouteHandlers({ changeLayers: service.changeLayers, supports: engine.supports, oneLoginPerOrigin: !firefox });
  const contextExits = createContextExitHandlers({ changeLayers: service.changeLayers, tabOpeners });
  contextExits.listen();

  if (startupProxy) {
    listenForFirefoxProxyRequests(active, startupProxy);
    deferUpdatesWhileConnected(service);
    listenForFirefoxProxyAuth(responder, active.serverFor);
    // A response that went direct past the proxy: it is down, and the user allows falling back.
    browser.webRequest.onResponseStarted.addListener(
      (details) => {
        void active.planFor(details).then((current) => {
          if (wentDirectPastProxy(details as FirefoxRequestDetails, current)) service.onProxyUnreachable();
        });
      },
      PROXIED_REQUESTS,
    );
  } else {
    listenForChromeProxyAuth(responder);
    // Chrome reports a proxy it could not use, also when a PAC script then went DIRECT (and a tunnel
    // the proxy refused for one site, which is not the proxy being down). It does not say which
    // proxy: while site rules send requests to other proxies, only the failed requests below count.
    browser.proxy.onProxyError.addListener((details) => {
      if (!PROXY_FAILURE.test(details.error)) return;
      void active.get().then((current) => {
        if (!current?.routes.some((route) => route.server || route.blocked)) service.onProxyUnreachable();
      });
    });
  }
  // A request failed at its proxy: the main connection's status says so when it was the main connection's (a rule's exit is not it).
  browser.webRequest.onErrorOccurred.addListener(
    (details) => {
      if (!PROXY_FAILURE.test(details.error)) return;
      void active.exitFor(details).then((exit) => {
        if (exit.kind === 'proxy' && exit.why.layer === 'main') service.onProxyUnreachable();
      });
    },
    PROXIED_REQUESTS,
  );
  listenForToggleShortcut(service.handlers.toggleLast);
  // Each tab's own badge: when it is activated or navigates, and for the active tabs whenever what applies, an exit's check or the status changes.
  const tabBadges = createTabBadges(tabExits);
  listenForTabBadges(tabBadges);
  active.onChange(() => void tabBadges.showActiveTabs());
  exitChecksItem.watch(() => void tabBadges.showActiveTabs());
  proxyStatusItem.watch(() => void tabBadges.showActiveTabs());
  settingsItem.watch((settings) => void service.settingsChanged(settings));
  // Every start, not only those these events announce: enabling the extension again announces none.
  void service.start();
  // Registered so that Chrome starts the worker with the browser, which puts the badge back.
  browser.runtime.onStartup.addListener(() => undefined);
  return {
    ...service,
    handlers: { ...service.handlers, ...routes.handlers, ...contextExits.handlers, describeTabExit: tabExits.describeTabExit },
    /** A saved custom endpoint edited or deleted: the rules, containers and tabs through it follow (or refuse a deletion), then the connection. */
    customEndpointChanged: async (id: string, next: SavedCustomEndpoint | null) => {
      await routes.followCustomEndpoint(id, next);
      await contextExits.followCustomEndpoint(id, next);
      await service.customEndpointChanged(id, next);
    },
    forgetProviderEndpoints: async () => {
      await service.forgetProviderEndpoints();
      await routes.forgetProviderRoutes();
      await contextExits.forgetProviderExits();
    },
  };
}

/**
 * Firefox: an update arriving while connected waits for the next browser start, where Firefox calls
 * the proxy listener from the first request on; applied now, it would let requests out direct (or,
 * with the startup PAC, fail) until the new version's background has registered its listener, since
 * Firefox has none waiting then. Applied at once when not connected. Listening is what makes Firefox
 * wait.
 */
function deferUpdatesWhileConnected(service: ProxyService): void {
  browser.runtime.onUpdateAvailable.addListener(() => {
    void service.isConnected().then((connected) => {
      if (!connected) browser.runtime.reload();
    });
  });
}
