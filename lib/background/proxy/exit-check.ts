/**
 * The exit check: asks an IP-echo service (the settings' `exitCheckUrl`), through the proxy so that
 * its login applies, which IP address and country the web sees. The proxy service turns the answer,
 * or its absence, into the status.
 */
import type { ExitInfo } from './status.ts';

/** The exit the web sees through the current proxy, or undefined when `url` gave no usable answer in time. */
export type ExitCheck = (url: string) => Promise<ExitInfo | undefined>;

interface ExitCheckOptions {
  /** Time allowed for the answer. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export function createExitCheck({ timeoutMs = 10_000, fetch: fetchImpl = globalThis.fetch.bind(globalThis) }: ExitCheckOptions = {}): ExitCheck {
  return async (url) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      // Not cached and without cookies: each check asks anew, and the echo service learns nothing of the user.
      const response = await fetchImpl(url, { cache: 'no-store', credentials: 'omit', signal: controller.signal });
      if (!response.ok) return undefined;
      return parseExitAnswer(await response.json());
    } catch {
      // Unreachable, too slow, not JSON, or no IP in it: all mean "unknown".
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  };
}

/** Reads an IP-echo answer: `{ ip, country }` (ipinfo), `{ query, countryCode }` (ip-api) and alike. */
export function parseExitAnswer(answer: unknown): ExitInfo {
  const record = (answer && typeof answer === 'object' ? answer : {}) as Record<string, unknown>;
  const pick = (...names: string[]) => names.map((name) => record[name]).find((value): value is string => typeof value === 'string' && value.length > 0);
  const ip = pick('ip', 'query', 'origin', 'ip_address');
  if (!ip) throw new Error('the exit check answer names no IP');
  const country = pick('country_code', 'countryCode', 'country');
  return { ip: ip.slice(0, 64), ...(country && /^[A-Za-z]{2}$/.test(country) && { country: country.toUpperCase() }), checkedAt: Date.now() };
}
