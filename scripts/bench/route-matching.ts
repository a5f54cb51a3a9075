/**
 * The cost of deciding one request's exit with many site rules: Firefox's matcher (`exitForHost`, run
 * per request in the background) and Chrome's PAC script (`chromeProxyConfig`'s, evaluated here in
 * Node's V8 as Chrome's proxy resolver evaluates it). The rules are names and wildcards with one
 * CIDR range in 50; half the hosts match a rule anywhere in the list, half match none (then the main
 * connection decides).
 */
import { chromeProxyConfig } from '../../lib/background/proxy/chrome-engine.ts';
import type { ProxyServer } from '../../lib/background/proxy/endpoint.ts';
import { exitForHost, type ResolvedRoute } from '../../lib/background/proxy/route-plan.ts';
import { routingSchema } from '../../lib/background/proxy/routing.ts';
import { rounded, summarize, type Summary } from './stats.ts';

export interface RouteMatchingFigures {
  rules: number;
  requests: number;
  /** Microseconds per request. */
  matcherUs: Summary;
  pacUs: Summary;
}

export function measureRouteMatching(rules = 500, requests = 20_000): RouteMatchingFigures {
  const server: ProxyServer = { scheme: 'http', host: 'gw.example', port: 2600, username: 'main', password: 'pw' };
  const routes: ResolvedRoute[] = Array.from({ length: rules }, (_, index) => ({
    id: `r${index}`,
    pattern: index % 50 === 0 ? `10.${index % 256}.0.0/16` : index % 2 === 0 ? `*.shop-${index}.example` : `site-${index}.example`,
    server: index % 2 === 0 ? { ...server, host: `proxy-${index}.example`, username: `u${index}` } : null,
  }));
  const plan = { server, routing: routingSchema.parse({}), routes, fallBackDirect: false };
  const pac = chromeProxyConfig(plan).pacScript!.data!;
  // tsx keeps function names with a `__name` helper inside the embedded matcher's source; the build does not.
  const findProxy = new Function('__name', `${pac}\nreturn FindProxyForURL;`)((fn: unknown) => fn) as (url: string, host: string) => string;
  const hosts = Array.from({ length: requests }, (_, index) => {
    const rule = (index * 7919) % (rules * 2);
    return rule >= rules ? `unlisted-${index}.example` : rule % 50 === 0 ? `10.${rule % 256}.1.2` : rule % 2 === 0 ? `www.shop-${rule}.example` : `site-${rule}.example`;
  });
  const time = (decide: (host: string) => unknown): Summary => {
    for (const host of hosts.slice(0, 1_000)) decide(host);
    const samples = hosts.map((host) => {
      const start = process.hrtime.bigint();
      decide(host);
      return Number(process.hrtime.bigint() - start) / 1_000;
    });
    return summarize(samples);
  };
  return {
    rules,
    requests,
    matcherUs: rounded(time((host) => exitForHost(host, plan))),
    pacUs: rounded(time((host) => findProxy(`https://${host}/`, host))),
  };
}
