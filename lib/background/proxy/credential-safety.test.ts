// Proxy credentials go to the configured proxy only, and only as the proxy login: never to a website's
// own 401 or another proxy's challenge, never in a URL, a PAC script or a header other than
// Proxy-Authorization. Properties over generated challenges, headers, servers and routing rules
// (fast-check), beside the examples in auth.test.ts and engines.test.ts.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { basicAuthorization, createAuthResponder, proxyAuthorizationHeaders, type AuthChallenge } from './auth.ts';
import { chromeProxyConfig } from './chrome-engine.ts';
import type { ProxyServer } from './endpoint.ts';
import { firefoxProxyInfo, proxyForRequest, startupProxyConfig } from './firefox-engine.ts';
import { routingSchema, type Routing } from './routing.ts';

/** Credentials from letters that never occur in hex, so a hash or port cannot contain them by chance. */
const secretPart = fc.string({ unit: fc.constantFrom(...'ghijklmnopqrstuvwxyzGHIJKLMNOPQRSTUVWXYZ_'), minLength: 6, maxLength: 24 });
const hostName = fc.oneof(fc.domain(), fc.ipV4(), fc.constantFrom('gw.example', 'localhost', '127.0.0.1', '[::1]'));
const port = fc.integer({ min: 1, max: 65_535 });

const ourProxy = fc.record({
  scheme: fc.constantFrom<ProxyServer['scheme']>('http', 'https'),
  host: hostName,
  port,
  username: secretPart,
  password: secretPart,
});

const routing = fc
  .record({
    mode: fc.constantFrom('all', 'only', 'except'),
    sites: fc.array(fc.domain(), { maxLength: 3 }),
    bypass: fc.array(fc.oneof(fc.domain(), fc.constantFrom('localhost', '127.0.0.0/8', '10.0.0.0/8', '::1')), { maxLength: 3 }),
  })
  .map((value) => routingSchema.parse(value));

/** Everything that would give the login away: the parts, and the Basic encodings of the pair. */
function secretsOf(server: ProxyServer & { username: string; password: string }): string[] {
  const basic = basicAuthorization(server.username, server.password);
  return [server.username, server.password, basic, basic.slice('Basic '.length)];
}

const containsAny = (text: string, secrets: string[]) => secrets.some((secret) => text.includes(secret));

describe('the login is given to our proxy’s challenge only', () => {
  it('never to a website’s 401, wherever the website is (even on the proxy’s own host and port)', async () => {
    await fc.assert(
      fc.asyncProperty(ourProxy, fc.option(fc.record({ host: hostName, port }), { nil: undefined }), fc.string(), async (server, elsewhere, requestId) => {
        const onRefused = vi.fn();
        const responder = createAuthResponder(async () => server, onRefused);
        const challenger = elsewhere ?? { host: server.host, port: server.port };
        const answer = await responder.answer({ requestId, url: 'http://site.test/', isProxy: false, challenger });
        expect(answer).toEqual({});
        expect(onRefused).not.toHaveBeenCalled();
      }),
      { numRuns: 100 },
    );
  });

  it('never to another proxy’s challenge', async () => {
    await fc.assert(
      fc.asyncProperty(ourProxy, fc.record({ host: hostName, port }), async (server, challenger) => {
        fc.pre(challenger.port !== server.port || challenger.host.toLowerCase().replace(/^\[|\]$/g, '') !== server.host.toLowerCase().replace(/^\[|\]$/g, ''));
        const responder = createAuthResponder(async () => server, vi.fn());
        const challenge: AuthChallenge = { requestId: '1', url: 'http://site.test/', isProxy: true, challenger };
        expect(containsAny(JSON.stringify(await responder.answer(challenge)), secretsOf(server))).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('gives our proxy exactly the login, and nothing when the login was refused once', async () => {
    await fc.assert(
      fc.asyncProperty(ourProxy, async (server) => {
        const responder = createAuthResponder(async () => server, vi.fn());
        const challenge: AuthChallenge = { requestId: '7', url: 'http://site.test/', isProxy: true, challenger: { host: server.host, port: server.port } };
        expect(await responder.answer(challenge)).toEqual({ authCredentials: { username: server.username, password: server.password } });
        expect(await responder.answer(challenge)).toEqual({ cancel: true });
      }),
      { numRuns: 50 },
    );
  });
});

describe('Firefox header injection touches Proxy-Authorization only', () => {
  const header = fc.record({
    name: fc.oneof(fc.constantFrom('Authorization', 'Cookie', 'Referer', 'X-Forwarded-For', 'Proxy-Authorization', 'proxy-authorization', 'Host'), fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/)),
    value: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
  });

  it('keeps every other header as it was, and puts the login in one Proxy-Authorization only', async () => {
    await fc.assert(
      fc.asyncProperty(ourProxy.map((server) => ({ ...server, scheme: 'http' as const })), fc.array(header, { maxLength: 8 }), fc.webUrl(), async (server, headers, url) => {
        const original = structuredClone(headers);
        const result = await proxyAuthorizationHeaders(
          { requestId: '1', url, proxyInfo: { type: 'http', host: server.host, port: server.port }, requestHeaders: headers },
          async () => server,
        );
        // Only headers change: no redirect, no new URL, no cancel.
        expect(Object.keys(result)).toEqual(['requestHeaders']);
        const isProxyAuth = (name: string) => name.toLowerCase() === 'proxy-authorization';
        const others = result.requestHeaders!.filter((h) => !isProxyAuth(h.name));
        expect(others).toEqual(original.filter((h) => !isProxyAuth(h.name)));
        const logins = result.requestHeaders!.filter((h) => isProxyAuth(h.name));
        expect(logins).toEqual([{ name: 'Proxy-Authorization', value: basicAuthorization(server.username, server.password) }]);
        // The login appears nowhere else.
        const login = [basicAuthorization(server.username, server.password), `${server.username}:${server.password}`];
        for (const h of others) expect(containsAny(`${h.name}: ${h.value ?? ''}`, login)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('adds nothing to requests that do not go through our HTTP proxy', async () => {
    const otherRoute = fc.oneof(
      fc.constant(null),
      fc.constant(undefined),
      fc.record({ type: fc.constantFrom('direct' as const, 'socks' as const, 'https' as const), host: hostName, port }),
      fc.record({ type: fc.constant('http' as const), host: hostName, port }),
    );
    await fc.assert(
      fc.asyncProperty(ourProxy.map((server) => ({ ...server, scheme: 'http' as const })), otherRoute, async (server, proxyInfo) => {
        fc.pre(!(proxyInfo?.type === 'http' && proxyInfo.host === server.host && proxyInfo.port === server.port));
        const result = await proxyAuthorizationHeaders({ requestId: '1', url: 'https://site.test/', proxyInfo, requestHeaders: [{ name: 'Accept', value: '*/*' }] }, async () => server);
        expect(result).toEqual({});
      }),
      { numRuns: 100 },
    );
  });
});

/**
 * `chromeProxyConfig` of the server and rules, whichever of its two call forms the engine has:
 * `(server, routing)`, or `({ server, routing, fallBackDirect })`. The first argument holds both.
 */
function chromeConfig(server: ProxyServer, rules: Routing, fallBackDirect: boolean): unknown {
  const call = chromeProxyConfig as (...args: unknown[]) => unknown;
  return call({ ...server, server, routing: rules, fallBackDirect }, rules);
}

describe('the proxy settings never carry the login', () => {
  it('Chrome: neither fixed servers nor the PAC script (a data URL) hold the username or password', () => {
    fc.assert(
      fc.property(ourProxy, routing, fc.boolean(), (server, rules, fallBackDirect) => {
        const config = JSON.stringify(chromeConfig(server, rules, fallBackDirect));
        expect(containsAny(config, secretsOf(server))).toBe(false);
        expect(config).not.toMatch(/[^/]@/); // no user:pass@host form
      }),
      { numRuns: 100 },
    );
  });

  it('Firefox: an HTTP(S) proxy gets a fingerprint for its connections, never the login itself', () => {
    fc.assert(
      fc.property(ourProxy, routing, fc.boolean(), fc.boolean(), fc.webUrl(), (server, rules, fallBackDirect, proxyBrowserRequests, url) => {
        const active = { endpoint: { kind: 'custom' as const, scheme: server.scheme, host: server.host, port: server.port }, server, routing: rules, fallBackDirect, proxyBrowserRequests };
        // One proxy, or a list of them in order (the proxy, then direct when falling back is allowed).
        for (const info of [proxyForRequest({ url, tabId: 1 }, active)].flat()) {
          expect(info).not.toHaveProperty('username');
          expect(info).not.toHaveProperty('password');
          expect(containsAny(JSON.stringify(info), secretsOf(server))).toBe(false);
        }
        expect(containsAny(JSON.stringify(firefoxProxyInfo(server)), secretsOf(server))).toBe(false);
        // Firefox's own proxy setting, used while the add-on starts, is a PAC script naming no server at all.
        const startup = decodeURIComponent(startupProxyConfig(active).autoConfigUrl);
        expect(containsAny(startup, secretsOf(server))).toBe(false);
        expect(startup).not.toMatch(/[^/]@/);
      }),
      { numRuns: 100 },
    );
  });
});
