import { describe, expect, it, vi } from 'vitest';
import { basicAuthorization, createAuthResponder, proxyAuthorizationHeaders, type AuthChallenge } from './auth.ts';
import type { ProxyServer } from './endpoint.ts';

const proxy: ProxyServer = { scheme: 'http', host: 'gw.example', port: 2600, username: 'alice_area-US', password: 'pw' };
const challenge = (fields: Partial<AuthChallenge> = {}): AuthChallenge => ({
  requestId: '1',
  url: 'http://site.test/',
  isProxy: true,
  challenger: { host: 'gw.example', port: 2600 },
  ...fields,
});

describe('the auth responder', () => {
  it('answers our proxy with the current login', async () => {
    const responder = createAuthResponder(async () => proxy, vi.fn());
    expect(await responder.answer(challenge())).toEqual({ authCredentials: { username: 'alice_area-US', password: 'pw' } });
  });

  it.each([
    ['a website 401', challenge({ isProxy: false })],
    ['another proxy host', challenge({ challenger: { host: 'evil.example', port: 2600 } })],
    ['another proxy port', challenge({ challenger: { host: 'gw.example', port: 8080 } })],
  ])('never gives the login to %s', async (_, request) => {
    const onRefused = vi.fn();
    const responder = createAuthResponder(async () => proxy, onRefused);
    expect(await responder.answer(request)).toEqual({});
    expect(onRefused).not.toHaveBeenCalled();
  });

  it('gives nothing when not connected', async () => {
    const responder = createAuthResponder(async () => null, vi.fn());
    expect(await responder.answer(challenge())).toEqual({});
  });

  it('cancels the second challenge of one request and reports the refusal', async () => {
    const onRefused = vi.fn();
    const responder = createAuthResponder(async () => proxy, onRefused);
    await responder.answer(challenge());
    expect(await responder.answer(challenge())).toEqual({ cancel: true });
    expect(onRefused).toHaveBeenCalledWith(proxy);
    // Another request is answered afresh.
    expect(await responder.answer(challenge({ requestId: '2' }))).toHaveProperty('authCredentials');
  });

  it('gives a request refused under a login that was replaced meanwhile the new login, and reports only its refusal', async () => {
    const onRefused = vi.fn();
    let current = proxy;
    const responder = createAuthResponder(async () => current, onRefused);
    await responder.answer(challenge());
    // The connection was renewed (a new password) before the proxy's second challenge arrived.
    current = { ...proxy, password: 'newpw' };
    expect(await responder.answer(challenge())).toEqual({ authCredentials: { username: 'alice_area-US', password: 'newpw' } });
    expect(onRefused).not.toHaveBeenCalled();
    expect(await responder.answer(challenge())).toEqual({ cancel: true });
    expect(onRefused).toHaveBeenCalledWith(current);
  });

  it('answers a finished request id afresh (ids are reused after forget)', async () => {
    const responder = createAuthResponder(async () => proxy, vi.fn());
    await responder.answer(challenge());
    responder.forget('1');
    expect(await responder.answer(challenge())).toHaveProperty('authCredentials');
  });

  it('cancels a challenge from our proxy when there is no login to give (whitelist IPs)', async () => {
    const onRefused = vi.fn();
    const responder = createAuthResponder(async () => ({ scheme: 'http', host: 'gw.example', port: 2600 }), onRefused);
    expect(await responder.answer(challenge())).toEqual({ cancel: true });
    expect(onRefused).toHaveBeenCalledOnce();
  });

  it('matches IPv6 challengers with or without brackets', async () => {
    const responder = createAuthResponder(async () => ({ ...proxy, host: '[::1]' }), vi.fn());
    expect(await responder.answer(challenge({ challenger: { host: '::1', port: 2600 } }))).toHaveProperty('authCredentials');
  });
});

describe('Firefox Proxy-Authorization injection', () => {
  const headers = [{ name: 'Accept', value: '*/*' }, { name: 'proxy-authorization', value: 'Basic old' }];

  it('replaces any Proxy-Authorization on requests through our HTTP proxy', async () => {
    const result = await proxyAuthorizationHeaders(
      { requestId: '1', url: 'http://site.test/', proxyInfo: { type: 'http', host: 'gw.example', port: 2600 }, requestHeaders: headers },
      async () => proxy,
    );
    expect(result.requestHeaders).toEqual([{ name: 'Accept', value: '*/*' }, { name: 'Proxy-Authorization', value: basicAuthorization('alice_area-US', 'pw') }]);
  });

  it.each([
    ['a direct request', null],
    ['another proxy', { type: 'http' as const, host: 'other.example', port: 2600 }],
    ['a socks proxy', { type: 'socks' as const, host: 'gw.example', port: 2600 }],
  ])('leaves %s alone', async (_, proxyInfo) => {
    const result = await proxyAuthorizationHeaders({ requestId: '1', url: 'http://site.test/', proxyInfo, requestHeaders: headers }, async () => proxy);
    expect(result).toEqual({});
  });

  it('encodes non-ASCII logins as UTF-8', () => {
    expect(basicAuthorization('ü', 'p')).toBe(`Basic ${Buffer.from('ü:p').toString('base64')}`);
  });
});
