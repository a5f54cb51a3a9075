/**
 * Firefox: each exit check's request sent through the exit it checks. The background's own fetch has
 * no tab and no container, so the layers alone would send every check through one exit (the main
 * connection's, or the rule covering the check URL's host). Instead each check's URL carries a mark,
 * a random token in a query parameter, and while the check runs the token names its exit; the
 * Firefox decision (route-plan.ts `exitForRequest`) sends a request with a live token, made by the
 * background itself (no tab), through that exit (`ExitProbeLookup`). A page cannot guess a token, and a request without
 * one is decided as before.
 */
import type { ProxyServer } from './endpoint.ts';
import type { RequestContext } from './route-plan.ts';

/** The query parameter that carries the token; the echo services ignore parameters they do not know. */
export const PROBE_PARAMETER = '911proxy-exit-check';

export function createExitProbes() {
  const live = new Map<string, ProxyServer>();
  return {
    /** Runs `fetch` with `url` marked so that its request goes through `server`; the mark expires when it settles. */
    async through<T>(server: ProxyServer, url: string, fetch: (markedUrl: string) => Promise<T>): Promise<T> {
      const token = crypto.randomUUID();
      const marked = new URL(url);
      marked.searchParams.set(PROBE_PARAMETER, token);
      live.set(token, server);
      try {
        return await fetch(marked.href);
      } finally {
        live.delete(token);
      }
    },
    serverFor({ url, tabId = -1 }: RequestContext): ProxyServer | undefined {
      // Asked for every request: nothing to parse unless a check is running and the URL may carry its mark.
      if (live.size === 0 || tabId >= 0 || !url.includes(PROBE_PARAMETER)) return undefined;
      const token = URL.parse(url)?.searchParams.get(PROBE_PARAMETER);
      return token ? live.get(token) : undefined;
    },
  };
}

export type ExitProbes = ReturnType<typeof createExitProbes>;
