import { describe, expect, it } from 'vitest';
import { resolveEndpoint, sameEndpoint, type Endpoint } from './endpoint.ts';

const gateway = { host: 'gw.test', port: 2600 };

describe('sameEndpoint', () => {
  it('finds two stored copies of one endpoint the same, whatever order their fields are in', () => {
    const stored = JSON.parse('{"password":"pw1","kind":"account","country":"US","account":"alice"}') as Endpoint;
    expect(sameEndpoint(stored, { kind: 'account', account: 'alice', password: 'pw1', country: 'US' })).toBe(true);
  });

  it('tells endpoints apart by any field', () => {
    const alice: Endpoint = { kind: 'account', account: 'alice', password: 'pw1' };
    expect(sameEndpoint(alice, { ...alice, password: 'pw2' })).toBe(false);
    expect(sameEndpoint(alice, { ...alice, country: 'DE' })).toBe(false);
    expect(sameEndpoint(alice, null)).toBe(false);
    expect(sameEndpoint(null, null)).toBe(true);
  });
});

describe('resolveEndpoint', () => {
  it('sends a proxy account through the gateway with its options in the username', () => {
    expect(resolveEndpoint({ kind: 'account', account: 'alice', password: 'pw1', country: 'US' }, gateway)).toEqual({ scheme: 'http', host: 'gw.test', port: 2600, username: 'alice_area-US', password: 'pw1' });
  });

  it('sends an extracted IP to itself, with no login', () => {
    expect(resolveEndpoint({ kind: 'extracted', host: '198.51.100.4', port: 1140 }, gateway)).toEqual({ scheme: 'http', host: '198.51.100.4', port: 1140 });
  });

  it('gives a login only where there is a username', () => {
    expect(resolveEndpoint({ kind: 'static', host: '203.0.113.9', port: 8000, username: 'st1' }, gateway)).toEqual({ scheme: 'http', host: '203.0.113.9', port: 8000, username: 'st1', password: '' });
    expect(resolveEndpoint({ kind: 'custom', scheme: 'socks5', host: '127.0.0.1', port: 1080 }, gateway)).toEqual({ scheme: 'socks5', host: '127.0.0.1', port: 1080 });
  });
});
