import { beforeEach, describe, expect, it } from 'vitest';
import { installEnglishMessages } from '../../test/helpers/i18n.ts';
import type { Account, StaticIp } from '../background/api/schemas.ts';
import type { SavedCustomEndpoint } from '../background/proxy/custom-endpoints.ts';
import { describeExit, exitChoices, exitKey, movedOrder, parseExtractedAddress } from './route-exits.ts';

beforeEach(() => installEnglishMessages());

const account = { username: 'bob', password: 'pw2' } as Account;
const staticIp = { host: '203.0.113.5', port: 8000, username: 's1', password: 'sp', country_code: 'DE' } as StaticIp;

describe('the exits a route can take', () => {
  it('are direct, the accounts and the static IPs with a port, and the current exit when it is none of them', () => {
    const custom = { kind: 'custom' as const, scheme: 'http' as const, host: '192.0.2.1', port: 3128 };
    const choices = exitChoices({ accounts: [account], staticIps: [staticIp, { host: '203.0.113.6' } as StaticIp] }, custom);
    expect(choices.map((choice) => [choice.group, choice.label])).toEqual([
      ['direct', 'Direct (no proxy)'],
      ['account', 'bob'],
      ['static', '203.0.113.5:8000'],
      ['other', 'http://192.0.2.1:3128'],
    ]);
    expect(choices[2]!.exit).toEqual({ kind: 'static', host: '203.0.113.5', port: 8000, username: 's1', password: 'sp', country: 'DE' });
  });

  it('name an account by itself, whatever its country or session, so the picker keeps it chosen', () => {
    expect(exitKey({ kind: 'account', account: 'bob', password: 'pw2', country: 'DE', stickyMinutes: 5, sessionId: 'abc' })).toBe('account:bob');
    expect(exitChoices({ accounts: [account] }, { kind: 'account', account: 'bob', password: 'pw2', country: 'DE' })).toHaveLength(2);
    expect(describeExit({ kind: 'account', account: 'bob', password: 'pw2', country: 'de' })).toBe('bob · DE');
  });
});

describe('the exits beyond the gateway', () => {
  const office: SavedCustomEndpoint = { kind: 'custom', id: 'office', scheme: 'socks5', host: '192.0.2.1', port: 1080, label: 'Office' };
  const extracted = { kind: 'extracted' as const, host: '198.51.100.7', port: 9000, country: 'DE' };

  it('are the saved custom proxies, by their name, and the extracted IP connected now', () => {
    const choices = exitChoices({ customEndpoints: [office, { ...office, id: 'home', label: undefined, port: 1081 }], connected: extracted });
    expect(choices.map((choice) => [choice.group, choice.label])).toEqual([
      ['direct', 'Direct (no proxy)'],
      ['custom', 'Office'],
      ['custom', 'socks5://192.0.2.1:1081'],
      ['extracted', '198.51.100.7:9000'],
    ]);
    expect(choices[3]!.exit).toEqual(extracted);
    // Only an extracted IP is offered from the connection: the others are in their own lists.
    expect(exitChoices({ connected: { kind: 'account', account: 'bob', password: 'pw2' } })).toHaveLength(1);
  });

  it('name a saved proxy by its id, so a rule through it keeps it chosen however it was edited since', () => {
    expect(exitKey({ ...office, label: 'Renamed', host: '192.0.2.99' })).toBe(exitKey(office));
    expect(exitChoices({ customEndpoints: [office] }, { ...office, label: 'Old name' })).toHaveLength(2);
    // A rule's extracted IP stays offered, among the extracted ones, once the connection moved on.
    expect(exitChoices({}, extracted).map((choice) => choice.group)).toEqual(['direct', 'extracted']);
  });

  it('read an extracted IP typed in as ip:port, and nothing else', () => {
    expect(parseExtractedAddress(' 198.51.100.7:9000 ')).toEqual({ kind: 'extracted', host: '198.51.100.7', port: 9000 });
    expect(parseExtractedAddress('[2001:db8::1]:8000')).toEqual({ kind: 'extracted', host: '[2001:db8::1]', port: 8000 });
    for (const bad of ['', '198.51.100.7', '198.51.100.7:0', '198.51.100.7:70000', '198.51.100.7:80:user:pw', 'bad host!:80', ':80']) expect(parseExtractedAddress(bad), bad).toBeUndefined();
  });
});

describe('moving a route', () => {
  it('swaps it with its neighbour, and leaves the order at either end', () => {
    expect(movedOrder(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(movedOrder(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(movedOrder(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(movedOrder(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});
