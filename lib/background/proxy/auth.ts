/**
 * Proxy login, answered silently and only for the proxy the request was sent to (the main
 * connection's, or its site rule's: `serverFor` resolves the request's exit), with that exit's login:
 * - never for a website's own 401 (`isProxy` and the challenger must be that proxy);
 * - never twice for the same request: the second challenge means the proxy refused the login, so the
 *   request is cancelled (no browser prompt, no loop) and `onRefused` reports it; unless the login
 *   changed in between (the connection was renewed), when the request gets the new one, once;
 * - with the credentials read from storage at the time of the challenge, so a restarted Chrome worker
 *   or a reloaded Firefox background answers like the one before.
 */
import { browser } from 'wxt/browser';
import { sameLogin, type ProxyServer } from './endpoint.ts';
import type { RequestContext } from './route-plan.ts';
import { chromeApi, type FirefoxRequestDetails } from '../../shared/platform.ts';

export interface AuthChallenge {
  requestId: string;
  /** The request's URL (and in Firefox its tab and container) say which exit, and so which login, it was sent through. */
  url: string;
  tabId?: number;
  cookieStoreId?: string;
  isProxy: boolean;
  challenger: { host: string; port: number };
}

export type AuthAnswer = { authCredentials: { username: string; password: string } } | { cancel: true } | Record<string, never>;

/** The requests answered once already; bounded, since finished requests are forgotten explicitly. */
const MAX_TRACKED_REQUESTS = 2_000;

/** The proxy a request was sent through, with its login; null when it went direct (or was blocked). */
export type ServerForRequest = (request: RequestContext) => Promise<ProxyServer | null>;

export function createAuthResponder(serverFor: ServerForRequest, onRefused: (server: ProxyServer) => void) {
  /** The login each request was given. */
  const answered = new Map<string, ProxyServer>();

  return {
    async answer(challenge: AuthChallenge): Promise<AuthAnswer> {
      // A website's challenge is the website's business: let the browser handle it as usual.
      if (!challenge.isProxy) return {};
      const server = await serverFor(challenge);
      if (!server || !isServer(server, challenge.challenger)) return {};
      // No login to give (an extracted IP admits whitelisted IPs only), or ours was refused: cancel
      // rather than let the browser prompt, and report it.
      const given = answered.get(challenge.requestId);
      if (!server.username || (given && sameLogin(given, server))) {
        answered.delete(challenge.requestId);
        onRefused(server);
        return { cancel: true };
      }
      if (answered.size >= MAX_TRACKED_REQUESTS) answered.delete(answered.keys().next().value!);
      answered.set(challenge.requestId, server);
      return { authCredentials: { username: server.username, password: server.password ?? '' } };
    },
    /** The request ended: its id will not be challenged again. */
    forget(requestId: string): void {
      answered.delete(requestId);
    },
  };
}

export type AuthResponder = ReturnType<typeof createAuthResponder>;

function isServer(server: ProxyServer, challenger: { host: string; port: number }): boolean {
  return sameHost(server.host, challenger.host) && server.port === challenger.port;
}

export function sameHost(a: string, b: string): boolean {
  const bare = (host: string) => host.toLowerCase().replace(/^\[|\]$/g, '');
  return bare(a) === bare(b);
}

/**
 * The requests the webRequest listeners follow: those a proxy can carry. Not `<all_urls>`, which also
 * names the extension's own pages: every popup open would then wake a stopped worker, on the same
 * cores, while the popup loads.
 */
export const PROXIED_REQUESTS = { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] };

/**
 * Chrome: `asyncBlocking` with a callback (Chrome ignores a returned promise). Must be called
 * synchronously at the top level of the worker, so the event wakes a stopped worker.
 */
export function listenForChromeProxyAuth(responder: AuthResponder): void {
  const webRequest = chromeApi().webRequest;
  webRequest.onAuthRequired.addListener(
    (details, callback) => {
      responder.answer(details).then(
        (answer) => callback?.(answer),
        () => callback?.({ cancel: true }),
      );
      return undefined;
    },
    PROXIED_REQUESTS,
    ['asyncBlocking'],
  );
  const forget = (details: { requestId: string }) => responder.forget(details.requestId);
  webRequest.onCompleted.addListener(forget, PROXIED_REQUESTS);
  webRequest.onErrorOccurred.addListener(forget, PROXIED_REQUESTS);
}

/**
 * Firefox: the `Proxy-Authorization` header is added to requests that go through our HTTP proxy, since
 * Firefox keeps using its cached login for a host:port otherwise; `onAuthRequired` stays as the
 * fallback (CONNECT tunnels) with the same loop guard.
 */
export function listenForFirefoxProxyAuth(responder: AuthResponder, serverFor: ServerForRequest): void {
  const webRequest = browser.webRequest;
  webRequest.onAuthRequired.addListener(
    ((details: AuthChallenge) => responder.answer(details)) as unknown as Parameters<typeof webRequest.onAuthRequired.addListener>[0],
    PROXIED_REQUESTS,
    ['blocking'],
  );
  webRequest.onBeforeSendHeaders.addListener(
    ((details: FirefoxRequestDetails & { requestHeaders?: { name: string; value?: string }[] }) =>
      proxyAuthorizationHeaders(details, serverFor)) as unknown as Parameters<typeof webRequest.onBeforeSendHeaders.addListener>[0],
    PROXIED_REQUESTS,
    ['blocking', 'requestHeaders'],
  );
  const forget = (details: { requestId: string }) => responder.forget(details.requestId);
  webRequest.onCompleted.addListener(forget, PROXIED_REQUESTS);
  webRequest.onErrorOccurred.addListener(forget, PROXIED_REQUESTS);
}

/** The request's headers with its exit's proxy login added, when it is going through that HTTP proxy. */
export async function proxyAuthorizationHeaders(
  details: FirefoxRequestDetails & { requestHeaders?: { name: string; value?: string }[] },
  serverFor: ServerForRequest,
): Promise<{ requestHeaders?: { name: string; value?: string }[] }> {
  const info = details.proxyInfo;
  if (!info || info.type !== 'http' || !details.requestHeaders) return {};
  const server = await serverFor(details);
  if (!server?.username || server.scheme !== 'http' || !info.host || !sameHost(server.host, info.host) || server.port !== info.port) return {};
  const headers = details.requestHeaders.filter((header) => header.name.toLowerCase() !== 'proxy-authorization');
  headers.push({ name: 'Proxy-Authorization', value: basicAuthorization(server.username, server.password ?? '') });
  return { requestHeaders: headers };
}

/** `Basic base64(user:pass)`, UTF-8 safe. */
export function basicAuthorization(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}
