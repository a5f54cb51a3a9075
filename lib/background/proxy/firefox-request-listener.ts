/**
 * Firefox's `proxy.onRequest` listener, registered the moment the background script starts, before
 * the rest of it has even loaded: when Firefox enables, reloads or updates the add-on it has no
 * listener waiting (it primes one only at a browser start), and every request made until this one is
 * registered goes out direct. Requests that arrive meanwhile wait here until the proxy service gives
 * its decision function. Imports nothing but the browser API, so that it is evaluated first.
 */
import { firefoxProxyApi, type FirefoxProxyInfo, type FirefoxRequestDetails } from '../../shared/platform.ts';

/** A proxy, a list tried in order, or null for "no proxy" (past Firefox's own proxy setting). */
export type ProxyAnswer = FirefoxProxyInfo | FirefoxProxyInfo[] | null;
export type ProxyDecision = (details: FirefoxRequestDetails) => ProxyAnswer | Promise<ProxyAnswer>;

let registered = false;
let decide: ProxyDecision | undefined;
let giveDecision: (decision: ProxyDecision) => void = () => undefined;
const decision = new Promise<ProxyDecision>((resolve) => (giveDecision = resolve));

/** Registers the listener once; in Chrome (no `proxy.onRequest`) does nothing. */
export function listenForProxyRequests(): void {
  const api = firefoxProxyApi();
  if (!api || registered) return;
  registered = true;
  api.onRequest.addListener(async (details) => (decide ?? (await decision))(details), { urls: ['<all_urls>'] });
}

/** Answers every request, those waiting included, with `decision` from now on. */
export function answerProxyRequests(next: ProxyDecision): void {
  listenForProxyRequests();
  decide = next;
  giveDecision(next);
}
