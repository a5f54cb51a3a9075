import { describe, expect, it } from 'vitest';
import { checkProxyFields, normalizeHost, parsePort, proxyIdentity } from './custom-proxy.ts';

const firefox = { socksLogin: true };
const chrome = { socksLogin: false };
const good = { scheme: 'http', host: 'proxy.example.com', port: 8080 };
const reasons = (draft: Parameters<typeof checkProxyFields>[0], abilities = firefox) => checkProxyFields(draft, abilities).map(({ field, reason }) => `${field}: ${reason}`);

describe('checkProxyFields', () => {
  it('accepts a host name, an IPv4 or a bracketed IPv6 address, with or without a login', () => {
    for (const host of ['proxy.example.com', '203.0.113.7', '[2001:db8::1]', 'localhost']) expect(reasons({ ...good, host })).toEqual([]);
    expect(reasons({ ...good, username: 'me', password: 'secret' })).toEqual([]);
    expect(reasons({ ...good, scheme: 'socks5', username: 'me', password: 'secret' })).toEqual([]);
  });

  it('names each wrong field with its reason', () => {
    expect(reasons({ scheme: 'ftp', host: '', port: 0 })).toEqual(['scheme: custom_schemeUnknown', 'host: custom_hostMissing', 'port: custom_portInvalid']);
    expect(reasons({ ...good, host: 'proxy example.com' })).toEqual(['host: custom_hostInvalid']);
    expect(reasons({ ...good, host: 'a'.repeat(254) })).toEqual(['host: custom_hostInvalid']);
    for (const port of [65_536, -1, 1.5, Number.NaN]) expect(reasons({ ...good, port })).toEqual(['port: custom_portInvalid']);
    expect(reasons({ ...good, port: 65_535 })).toEqual([]);
    expect(reasons({ ...good, password: 'secret' })).toEqual(['password: custom_passwordWithoutUser']);
    expect(reasons({ ...good, username: 'u'.repeat(257), password: 'p'.repeat(257) })).toEqual(['username: custom_loginTooLong', 'password: custom_loginTooLong']);
    expect(reasons({ ...good, label: 'l'.repeat(201) })).toEqual(['label: custom_labelTooLong']);
  });

  it('refuses a SOCKS5 login where the browser cannot give one (Chrome), and nothing else there', () => {
    expect(reasons({ ...good, scheme: 'socks5', username: 'me', password: 'secret' }, chrome)).toEqual(['username: proxyError_socksAuthChrome']);
    expect(reasons({ ...good, scheme: 'socks5' }, chrome)).toEqual([]);
    expect(reasons({ ...good, username: 'me', password: 'secret' }, chrome)).toEqual([]);
  });
});

describe('the helpers', () => {
  it('reads a port of digits only', () => {
    expect(parsePort(' 8080 ')).toBe(8080);
    for (const text of ['', '80a', '1e3', '-1', '123456']) expect(parsePort(text)).toBeNaN();
  });

  it('stores a host trimmed, a bare IPv6 address in brackets', () => {
    expect(normalizeHost('  proxy.example.com ')).toBe('proxy.example.com');
    expect(normalizeHost('2001:db8::1')).toBe('[2001:db8::1]');
    expect(normalizeHost('[2001:db8::1]')).toBe('[2001:db8::1]');
  });

  it('tells the same proxy by scheme, host in any case, port and username', () => {
    expect(proxyIdentity({ ...good, host: 'PROXY.example.com' })).toBe(proxyIdentity(good));
    expect(proxyIdentity({ ...good, username: 'a' })).not.toBe(proxyIdentity({ ...good, username: 'b' }));
    expect(proxyIdentity({ ...good, scheme: 'https' })).not.toBe(proxyIdentity(good));
    expect(proxyIdentity({ ...good, port: 8081 })).not.toBe(proxyIdentity(good));
  });
});
