/**
 * Typed access to the browser APIs that differ between Chrome and Firefox. WXT types `browser` with
 * Chrome's declarations, so Firefox-only parts (proxy.onRequest, details.proxyInfo) are declared here,
 * as small as the extension uses them.
 */
import { browser } from 'wxt/browser';

/** Firefox's answer to proxy.onRequest (MDN: proxy.ProxyInfo). */
export interface FirefoxProxyInfo {
  type: 'direct' | 'http' | 'https' | 'socks' | 'socks4';
  host?: string;
  port?: number;
  username?: string;
  password?: string;
  /** socks: resolve names at the proxy, so DNS does not leak. */
  proxyDNS?: boolean;
  /** Requests with different keys never share a connection; used to switch proxy identities. */
  connectionIsolationKey?: string;
  failoverTimeout?: number;
}

/** The parts of a Firefox webRequest/proxy event's details that the extension reads. */
export interface FirefoxRequestDetails {
  requestId: string;
  url: string;
  incognito?: boolean;
  /** The tab, or -1 for a request no tab made (the browser's own, an extension's background). */
  tabId?: number;
  /** The container (contextual identity) the request belongs to: `firefox-default` outside any. */
  cookieStoreId?: string;
  /** Who made the request (a page, an extension); undefined for the browser's own loads. */
  originUrl?: string;
  /** The document the request loads into or for; undefined for the browser's own loads. */
  documentUrl?: string;
  /** The proxy the request went through (webRequest events in Firefox only). */
  proxyInfo?: FirefoxProxyInfo | null;
}

interface FirefoxProxyApi {
  onRequest: {
    addListener(
      listener: (details: FirefoxRequestDetails) => FirefoxProxyInfo | FirefoxProxyInfo[] | null | Promise<FirefoxProxyInfo | FirefoxProxyInfo[] | null>,
      filter: { urls: string[] },
    ): void;
  };
}

/** Firefox's `proxy.settings` value (MDN: proxy.ProxyConfig), as far as the extension sets it. */
export interface FirefoxProxyConfig {
  proxyType: 'autoConfig';
  autoConfigUrl: string;
  /** SOCKS: resolve names at the proxy. */
  proxyDNS: boolean;
}

/** Firefox's `proxy.settings`: WXT types it as Chrome's, whose values have another shape. */
export interface FirefoxProxySettings {
  get(details: object): Promise<{ levelOfControl: string }>;
  set(details: { value: FirefoxProxyConfig }): Promise<boolean>;
  clear(details: object): Promise<boolean>;
}

export function firefoxProxySettings(): FirefoxProxySettings {
  return browser.proxy.settings as unknown as FirefoxProxySettings;
}

/** Firefox's proxy API, or undefined in Chrome (a capability check, not a user-agent sniff). */
export function firefoxProxyApi(): FirefoxProxyApi | undefined {
  const api = browser.proxy as unknown as Partial<FirefoxProxyApi>;
  return api.onRequest ? (api as FirefoxProxyApi) : undefined;
}

/**
 * Chrome's own `chrome` object. Used where Chrome wants a callback the polyfill does not promise-wrap
 * (`onAuthRequired` with `asyncBlocking`): WXT's types for `browser` are exactly Chrome's.
 */
export function chromeApi(): typeof browser {
  return (globalThis as unknown as { chrome: typeof browser }).chrome;
}

/** A Firefox container (MDN: contextualIdentities.ContextualIdentity), as far as the extension shows it. */
export interface FirefoxContainer {
  cookieStoreId: string;
  name: string;
  /** The color's name (`blue`, `turquoise`, …) and its CSS value. */
  color: string;
  colorCode: string;
  icon: string;
}

interface FirefoxContainersApi {
  query(details: object): Promise<FirefoxContainer[]>;
  get(cookieStoreId: string): Promise<FirefoxContainer>;
  onRemoved: { addListener(listener: (change: { contextualIdentity: FirefoxContainer }) => void): void };
}

/** Firefox's containers API, or undefined where there is none (Chrome; Firefox with containers turned off answers `query` with an error). */
export function firefoxContainersApi(): FirefoxContainersApi | undefined {
  return (browser as unknown as { contextualIdentities?: FirefoxContainersApi }).contextualIdentities;
}
