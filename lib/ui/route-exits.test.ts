import { beforeEach, describe, expect, it } from 'vitest';
import { installEnglishMessages } from '../../test/helpers/i18n.ts';
import type { Account, StaticIp } from '../background/api/schemas.ts';
import { describeExit, exitChoices, exitKey, movedOrder } from './route-exits.ts';

beforeEach(() => installEnglishMessages());

const account = { username: 'bob', password: 'pw2' } as Account;
const staticIp = { host: '203.0.113.5', port: 8000, username: 's1', password: 'sp', country_code: 'DE' } as StaticIp;

describe('the exits a route can take', () => {
  it('are direct, the accounts and the static IPs with a port, and the current exit when it is none of them', () => {
    const custom = { kind: 'custom' as const, scheme: 'http' as const, host: '192.0.2.1', port: 3128 };
    const choices = exitChoices([account], [staticIp, { host: '203.0.113.6' } as StaticIp], custom);
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
    expect(exitChoices([account], [], { kind: 'account', account: 'bob', password: 'pw2', country: 'DE' })).toHaveLength(2);
    expect(describeExit({ kind: 'account', account: 'bob', password: 'pw2', country: 'de' })).toBe('bob · DE');
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
