import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPacScript, DEFAULT_BYPASS, firstMatchingPattern, hostMatches, indexPatterns, routingSchema, shouldProxy, type Routing } from './routing.ts';

describe('hostMatches', () => {
  it.each([
    ['example.com', ['example.com'], true],
    ['www.example.com', ['example.com'], true],
    ['notexample.com', ['example.com'], false],
    ['example.com', ['*.example.com'], false],
    ['a.b.example.com', ['*.example.com'], true],
    ['EXAMPLE.com.', ['example.com'], true],
    ['10.1.2.3', ['10.0.0.0/8'], true],
    ['11.1.2.3', ['10.0.0.0/8'], false],
    ['172.31.255.255', ['172.16.0.0/12'], true],
    ['172.32.0.1', ['172.16.0.0/12'], false],
    ['192.168.1.1', ['192.168.1.1'], true],
    ['1.192.168.1.1', ['192.168.1.1'], false],
    ['[::1]', ['::1'], true],
    ['printer', ['<local>'], true],
    ['printer.lan', ['<local>'], false],
    ['nas.local', ['*.local'], true],
    ['999.1.1.1', ['0.0.0.0/0'], false],
    ['anything.test', ['0.0.0.0/0'], false],
    ['1.2.3.4', ['0.0.0.0/0'], true],
  ])('%s in %o → %s', (host, patterns, expected) => {
    expect(hostMatches(host, patterns)).toBe(expected);
  });
});

describe('shouldProxy', () => {
  const routing = (fields: Partial<Routing>) => routingSchema.parse(fields);

  it('proxies everything but the default bypass list in mode all', () => {
    expect(DEFAULT_BYPASS.length).toBeGreaterThan(5);
    const all = routing({});
    expect(shouldProxy('example.com', all)).toBe(true);
    for (const host of ['localhost', '127.0.0.1', '[::1]', '10.0.0.7', '172.20.1.1', '192.168.0.10', '169.254.1.1', 'printer.local']) {
      expect(shouldProxy(host, all), host).toBe(false);
    }
  });

  it('proxies only the listed sites in mode only, and all but them in mode except', () => {
    const only = routing({ mode: 'only', sites: ['example.com'] });
    expect(shouldProxy('shop.example.com', only)).toBe(true);
    expect(shouldProxy('other.org', only)).toBe(false);
    const except = routing({ mode: 'except', sites: ['example.com'] });
    expect(shouldProxy('shop.example.com', except)).toBe(false);
    expect(shouldProxy('other.org', except)).toBe(true);
  });

  it('lets the bypass list win over a listed site', () => {
    expect(shouldProxy('localhost', routing({ mode: 'only', sites: ['localhost'] }))).toBe(false);
  });

  it('refuses patterns that are not host patterns', () => {
    for (const bad of ['http://x.com', 'a b', 'x.com/path', '']) {
      expect(routingSchema.safeParse({ sites: [bad] }).success, bad).toBe(false);
    }
  });
});

describe('buildPacScript', () => {
  const hosts = ['example.com', 'www.example.com', 'other.org', 'localhost', '10.1.1.1', 'nas.local', '8.8.8.8'];

  it.each(['all', 'only', 'except'] as const)('decides like shouldProxy in mode %s', (mode) => {
    const routing = routingSchema.parse({ mode, sites: ['example.com', '8.8.8.8'] });
    const script = buildPacScript(routing, 'PROXY 127.0.0.1:3128');
    const context: { FindProxyForURL?: (url: string, host: string) => string } = {};
    runInNewContext(script, context);
    for (const host of hosts) {
      const expected = shouldProxy(host, routing) ? 'PROXY 127.0.0.1:3128' : 'DIRECT';
      expect(context.FindProxyForURL!(`https://${host}/`, host), host).toBe(expected);
    }
  });

  it('embeds user patterns as data, never as code', () => {
    const routing = routingSchema.parse({ mode: 'only', sites: ['example.com'] });
    const script = buildPacScript({ ...routing, sites: ['"; throw 1; "'] }, 'PROXY a:1');
    const context: { FindProxyForURL?: (url: string, host: string) => string } = {};
    runInNewContext(script, context);
    expect(context.FindProxyForURL!('http://x/', 'x')).toBe('DIRECT');
  });
});

describe('the pattern index (many rules)', () => {
  const label = fc.constantFrom('a', 'b', 'shop', 'x1', 'local');
  const name = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'));
  const octet = fc.constantFrom('0', '1', '10', '127', '192', '255', '300');
  const ipv4 = fc.tuple(octet, octet, octet, octet).map((parts) => parts.join('.'));
  const pattern = fc.oneof(name, name.map((n) => `*.${n}`), ipv4, fc.tuple(ipv4, fc.constantFrom(0, 8, 16, 24, 32)).map(([ip, bits]) => `${ip}/${bits}`), fc.constantFrom('<local>', '::1', 'fe80::1'));
  const host = fc.oneof(name, name.map((n) => `${n}.`), name.map((n) => n.toUpperCase()), ipv4, fc.constantFrom('[::1]', '::1', 'localhost'));

  it('finds the first pattern that hostMatches matches, for any patterns and host', () => {
    fc.assert(
      fc.property(fc.array(pattern, { maxLength: 12 }), host, (patterns, candidate) => {
        const first = patterns.findIndex((one) => hostMatches(candidate, [one]));
        expect(firstMatchingPattern(candidate, indexPatterns(patterns), hostMatches)).toBe(first);
      }),
      { numRuns: 2_000 },
    );
  });
});
