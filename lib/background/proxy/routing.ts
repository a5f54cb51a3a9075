/**
 * Routing rules: which requests go through the proxy. One matcher serves Firefox (asked per request)
 * and the PAC script Chrome runs (generated from the same patterns), so the two browsers agree.
 */
import { z } from '../zod.ts';

/** Never proxied: this machine, private networks and mDNS names, as people expect from a switcher. */
export const DEFAULT_BYPASS = [
  'localhost',
  '127.0.0.0/8',
  '::1',
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '169.254.0.0/16',
  '*.local',
] as const;

/** A host pattern: `example.com` (and its subdomains), `*.example.com`, an IPv4/IPv6 address or CIDR. */
export const hostPatternSchema = z
  .string()
  .check(z.trim(), z.toLowerCase(), z.regex(/^(\*\.)?[a-z0-9.-]+$|^[0-9a-f:.]+(\/\d{1,3})?$/, 'a host name, *.domain, an IP address or a CIDR range'));

export const routingSchema = z.object({
  /** all: everything but the bypass list; only: just `sites`; except: all but `sites`. */
  mode: z._default(z.enum(['all', 'only', 'except']), 'all'),
  sites: z._default(z.array(hostPatternSchema), []),
  bypass: z._default(z.array(hostPatternSchema), () => [...DEFAULT_BYPASS]),
});
export type Routing = z.infer<typeof routingSchema>;

/**
 * Whether `host` matches any of `patterns`. Written as one self-contained function with no outside
 * references, because Chrome's PAC script embeds its source (see `buildPacScript`): Firefox and
 * Chrome then decide with the very same code.
 *
 * Patterns: `example.com` matches it and its subdomains; `*.example.com` only subdomains; `a.b.c.d/n`
 * an IPv4 range; an IP literal itself; `<local>` a name without dots.
 */
export function hostMatches(host: string, patterns: readonly string[]): boolean {
  let name = host.toLowerCase();
  if (name.charAt(0) === '[') name = name.slice(1, -1);
  if (name.charAt(name.length - 1) === '.') name = name.slice(0, -1);
  function ipv4(text: string): number {
    const parts = text.split('.');
    if (parts.length !== 4) return -1;
    let value = 0;
    for (let i = 0; i < 4; i++) {
      if (!/^\d{1,3}$/.test(parts[i]!) || Number(parts[i]) > 255) return -1;
      value = value * 256 + Number(parts[i]);
    }
    return value;
  }
  for (let p = 0; p < patterns.length; p++) {
    const pattern = patterns[p]!.toLowerCase();
    if (pattern === '<local>') {
      if (name.indexOf('.') < 0 && name.indexOf(':') < 0) return true;
      continue;
    }
    const slash = pattern.indexOf('/');
    if (slash > 0) {
      const base = ipv4(pattern.slice(0, slash));
      const bits = Number(pattern.slice(slash + 1));
      const address = ipv4(name);
      if (base >= 0 && address >= 0 && bits >= 0 && bits <= 32) {
        const size = Math.pow(2, 32 - bits);
        if (Math.floor(address / size) === Math.floor(base / size)) return true;
      }
      continue;
    }
    if (pattern.slice(0, 2) === '*.') {
      const suffix = pattern.slice(1);
      if (name.length > suffix.length && name.slice(-suffix.length) === suffix) return true;
      continue;
    }
    if (name === pattern) return true;
    if (ipv4(pattern) < 0 && pattern.indexOf(':') < 0 && name.slice(-(pattern.length + 1)) === '.' + pattern) return true;
  }
  return false;
}

/**
 * Many patterns (the site rules) compiled for a lookup that costs what the host's labels cost, not
 * what the list's length does: by exact name, by domain suffix, by wildcard suffix, and the few
 * ranges scanned. Plain JSON, so Chrome's PAC script embeds it as data.
 */
export interface PatternIndex {
  /** IP literals: equal only. */
  exact: Record<string, number>;
  /** `example.com`: itself and its subdomains. */
  domain: Record<string, number>;
  /** `*.example.com`, by `example.com`: its subdomains only. */
  wildcard: Record<string, number>;
  /** CIDR ranges and `<local>`, asked with `hostMatches` (for an IPv4 address or a name without dots only). */
  ranges: [string, number][];
}

/** Indexes `patterns` by position; a pattern listed twice keeps its first position. */
export function indexPatterns(patterns: readonly string[]): PatternIndex {
  const index: PatternIndex = { exact: {}, domain: {}, wildcard: {}, ranges: [] };
  const keep = (map: Record<string, number>, key: string, position: number) => {
    if (!Object.hasOwn(map, key)) map[key] = position;
  };
  patterns.forEach((raw, position) => {
    const pattern = raw.toLowerCase();
    if (pattern === '<local>' || pattern.includes('/')) index.ranges.push([pattern, position]);
    else if (pattern.startsWith('*.')) keep(index.wildcard, pattern.slice(2), position);
    else if (pattern.includes(':') || isIpv4(pattern)) keep(index.exact, pattern, position);
    else keep(index.domain, pattern, position);
  });
  return index;
}

/** An IPv4 address as `hostMatches` reads one: four parts of 0 to 255. */
function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}

/**
 * The position of the first pattern of `index` that `host` matches (as `hostMatches` decides), or -1.
 * Self-contained like `hostMatches`, which it is given, so that Chrome's PAC script embeds its source.
 */
export function firstMatchingPattern(host: string, index: PatternIndex, matches: (host: string, patterns: readonly string[]) => boolean): number {
  let name = host.toLowerCase();
  if (name.charAt(0) === '[') name = name.slice(1, -1);
  if (name.charAt(name.length - 1) === '.') name = name.slice(0, -1);
  const has = Object.prototype.hasOwnProperty;
  let best = has.call(index.exact, name) ? index.exact[name]! : -1;
  const better = (position: number) => {
    if (best < 0 || position < best) best = position;
  };
  if (name.indexOf(':') < 0) {
    for (let suffix = name, dot = 0; dot >= 0; dot = suffix.indexOf('.'), suffix = suffix.slice(dot + 1)) {
      if (has.call(index.domain, suffix)) better(index.domain[suffix]!);
      if (suffix !== name && has.call(index.wildcard, suffix)) better(index.wildcard[suffix]!);
      if (suffix.indexOf('.') < 0) break;
    }
  }
  // A range can only match an IPv4 address (CIDR) or a name without dots (`<local>`).
  if (index.ranges.length > 0 && name.indexOf(':') < 0 && (/^[\d.]+$/.test(name) || name.indexOf('.') < 0)) {
    for (let r = 0; r < index.ranges.length; r++) {
      const range = index.ranges[r]!;
      if ((best < 0 || range[1] < best) && matches(name, [range[0]])) best = range[1];
    }
  }
  return best;
}

/** Whether a request to `host` goes through the proxy under `routing`. The bypass list always wins. */
export function shouldProxy(host: string, routing: Routing): boolean {
  return !hostMatches(host, routing.bypass) && modeSelects(host, routing);
}

/** Whether the routing mode sends `host` through the proxy, the bypass list aside. */
export function modeSelects(host: string, routing: Routing): boolean {
  switch (routing.mode) {
    case 'all':
      return true;
    case 'only':
      return hostMatches(host, routing.sites);
    case 'except':
      return !hostMatches(host, routing.sites);
  }
}

/**
 * A PAC script that routes as `shouldProxy` does, to `proxy` (a PAC result such as `PROXY host:port`,
 * or `DIRECT` while disconnected): Chrome's proxy setting, and Firefox's while the add-on starts
 * (firefox-engine.ts). `routes` are the site rules as [pattern, PAC result], the first match winning
 * after the bypass list, as `exitForHost` (route-plan.ts) decides. The patterns are embedded as
 * JSON, so no user text is ever code.
 */
export function buildPacScript(routing: Routing, proxy: string, routes: readonly (readonly [string, string])[] = []): string {
  return [
    `var hostMatches = ${hostMatches.toString()};`,
    `var bypass = ${JSON.stringify(routing.bypass)};`,
    `var sites = ${JSON.stringify(routing.sites)};`,
    `var mode = ${JSON.stringify(routing.mode)};`,
    `var proxy = ${JSON.stringify(proxy)};`,
    `var firstMatchingPattern = ${firstMatchingPattern.toString()};`,
    `var rules = ${JSON.stringify(indexPatterns(routes.map(([pattern]) => pattern)))};`,
    `var results = ${JSON.stringify(routes.map(([, result]) => result))};`,
    'function FindProxyForURL(url, host) {',
    '  if (hostMatches(host, bypass)) return "DIRECT";',
    '  var rule = firstMatchingPattern(host, rules, hostMatches);',
    '  if (rule >= 0) return results[rule];',
    '  if (mode === "all") return proxy;',
    '  var listed = hostMatches(host, sites);',
    '  return (mode === "only") === listed ? proxy : "DIRECT";',
    '}',
  ].join('\n');
}
