/**
 * A paste of many proxies, one a line: `host:port`, `host:port:user:pass` or `user:pass@host:port`,
 * each optionally after `scheme://`, an IPv6 host in brackets (`[::1]:1080`). Empty lines and lines
 * starting with `#` are skipped. Every line is checked before anything is saved; a bad or repeated
 * line is told by its number and why.
 */
import type { MessageKey } from '../shared/i18n.ts';
import { CUSTOM_PROXIES_MAX } from '../shared/input-limits.ts';
import { checkProxyFields, isProxyScheme, parsePort, proxyAddress, proxyIdentity, type ProxyAbilities, type ProxyFields, type ProxyScheme } from '../shared/custom-proxy.ts';

/** A line that cannot be saved, numbered from 1 as an editor shows it. */
export interface LineProblem {
  line: number;
  reason: MessageKey;
  substitutions: string[];
}

export interface ParsedProxyLines {
  /** The good lines' proxies, in order, each with its line number. */
  proxies: Array<ProxyFields & { line: number }>;
  problems: LineProblem[];
}

export interface ProxyLineOptions extends ProxyAbilities {
  /** For lines without `scheme://`. */
  defaultScheme: ProxyScheme;
  /** The proxies saved already: a line repeating one is told. */
  saved: readonly (ProxyFields & { label?: string })[];
}

type LineResult = { fields: ProxyFields } | { reason: MessageKey; substitutions: string[] };

/** Reads every line of a paste; the proxies may be saved only when `problems` is empty. */
export function parseProxyLines(text: string, { defaultScheme, saved, ...abilities }: ProxyLineOptions): ParsedProxyLines {
  const proxies: ParsedProxyLines['proxies'] = [];
  const problems: LineProblem[] = [];
  const savedNames = new Map(saved.map((proxy) => [proxyIdentity(proxy), proxy.label || proxyAddress(proxy)]));
  const firstLine = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = raw.trim();
    if (content === '' || content.startsWith('#')) return;
    const result = parseLine(content, defaultScheme, abilities);
    if ('reason' in result) return void problems.push({ line, ...result });
    const identity = proxyIdentity(result.fields);
    const earlier = firstLine.get(identity);
    const savedAs = savedNames.get(identity);
    if (earlier !== undefined) problems.push({ line, reason: 'custom_lineRepeats', substitutions: [String(earlier)] });
    else if (savedAs !== undefined) problems.push({ line, reason: 'custom_lineAlreadySaved', substitutions: [savedAs] });
    else if (saved.length + proxies.length >= CUSTOM_PROXIES_MAX) problems.push({ line, reason: 'custom_tooMany', substitutions: [String(CUSTOM_PROXIES_MAX)] });
    else {
      firstLine.set(identity, line);
      proxies.push({ ...result.fields, line });
    }
  });
  return { proxies, problems };
}

function parseLine(content: string, defaultScheme: ProxyScheme, abilities: ProxyAbilities): LineResult {
  const prefix = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(content);
  const scheme = prefix ? prefix[1]!.toLowerCase() : defaultScheme;
  if (!isProxyScheme(scheme)) return { reason: 'custom_schemeUnknown', substitutions: [scheme] };
  // A URL's trailing slash (`http://host:port/`) is no part of the proxy.
  const rest = content.slice(prefix?.[0].length ?? 0).replace(/\/$/, '');
  // user:pass@host:port when what follows the last @ is a host:port and nothing more; else the
  // @ belongs to a host:port:user:pass line's password.
  const at = rest.lastIndexOf('@');
  const afterAt = at < 0 ? undefined : splitAddress(rest.slice(at + 1));
  const loginFirst = afterAt !== undefined && afterAt.tail === undefined;
  const address = loginFirst ? afterAt : splitAddress(rest);
  // An @ and no port where either format puts one: neither format, rather than a "bad port".
  if (!address || (at >= 0 && !loginFirst && !/^\d+$/.test(address.port))) return { reason: 'custom_lineFormat', substitutions: [] };
  const login = loginFirst ? rest.slice(0, at) : address.tail;
  const colon = login?.indexOf(':') ?? -1;
  // host:port:user alone is more likely a mistake than a login without a password.
  if (!loginFirst && login !== undefined && colon < 0) return { reason: 'custom_lineFormat', substitutions: [] };
  const username = login === undefined ? undefined : colon < 0 ? login : login.slice(0, colon);
  const password = login === undefined || colon < 0 ? undefined : login.slice(colon + 1);
  const fields = { scheme, host: address.host, port: parsePort(address.port), ...(username && { username }), ...(password && { password }) };
  const [problem] = checkProxyFields(fields, abilities);
  return problem ? { reason: problem.reason, substitutions: problem.substitutions } : { fields };
}

/** `host:port` and whatever follows another colon; undefined when there is no port. */
export function splitAddress(text: string): { host: string; port: string; tail?: string } | undefined {
  const hostEnd = text.startsWith('[') ? text.indexOf(']') + 1 : text.indexOf(':');
  if (hostEnd <= 0 || text[hostEnd] !== ':') return undefined;
  const afterHost = text.slice(hostEnd + 1);
  const portEnd = afterHost.indexOf(':');
  return {
    host: text.slice(0, hostEnd),
    port: portEnd < 0 ? afterHost : afterHost.slice(0, portEnd),
    ...(portEnd >= 0 && { tail: afterHost.slice(portEnd + 1) }),
  };
}

/** The text without the given lines (numbered from 1), for "remove the lines that cannot be saved". */
export function withoutLines(text: string, lines: ReadonlySet<number>): string {
  return text
    .split(/\r?\n/)
    .filter((_, index) => !lines.has(index + 1))
    .join('\n');
}
