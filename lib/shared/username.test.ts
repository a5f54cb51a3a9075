import { describe, expect, it, vi } from 'vitest';
import { accountEndpointSchema, DEFAULT_GATEWAY, resolveEndpoint } from '../background/proxy/endpoint.ts';
import { buildGatewayUsername, newSessionId, renewSession, SESSION_ID_PATTERN } from './username.ts';

describe('buildGatewayUsername', () => {
  it.each([
    [{ account: 'user1' }, 'user1'],
    [{ account: 'user1', country: 'us' }, 'user1_area-US'],
    [{ account: 'user1', country: 'US', state: 'California' }, 'user1_area-US_state-California'],
    [{ account: 'user1', country: 'US', state: 'New York', city: 'New York City' }, 'user1_area-US_state-NewYork_city-NewYorkCity'],
    [{ account: 'user1', country: 'DE', stickyMinutes: 30, sessionId: 'abc123' }, 'user1_area-DE_life-30_session-abc123'],
    [{ account: 'user1', stickyMinutes: 10, sessionId: 'zz9' }, 'user1_life-10_session-zz9'],
    // A state or city without the country above it means nothing to the gateway.
    [{ account: 'user1', state: 'Texas', city: 'Austin' }, 'user1'],
    [{ account: 'user1', country: 'US', city: 'Austin' }, 'user1_area-US'],
    // Separators inside a name would split the syntax.
    [{ account: 'user1', country: 'US', state: 'x_y-z' }, 'user1_area-US_state-xyz'],
  ])('%o → %s', (identity, expected) => {
    expect(buildGatewayUsername(identity)).toBe(expected);
  });

  it('leaves out a half-specified sticky session', () => {
    expect(buildGatewayUsername({ account: 'u', country: 'US', stickyMinutes: 5 })).toBe('u_area-US');
  });
});

describe('newSessionId', () => {
  it('makes distinct 12-character alphanumeric ids', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newSessionId()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(SESSION_ID_PATTERN);
  });
});

describe('renewSession', () => {

  const sticky = { account: 'user1', country: 'DE', state: 'Bavaria', city: 'Munich', stickyMinutes: 30, sessionId: 'abc123' };
  /** The username with its session id blanked out. */
  const withoutSession = (username: string) => username.replace(/_session-[A-Za-z0-9]+$/, '_session-*');

  it('changes the username in its session id only: same account, location and session life', () => {
    const renewed = renewSession(sticky);
    const [before, after] = [buildGatewayUsername(sticky), buildGatewayUsername(renewed)];
    expect(after).not.toBe(before);
    expect(withoutSession(after)).toBe(withoutSession(before));
    expect(withoutSession(after)).toBe('user1_area-DE_state-Bavaria_city-Munich_life-30_session-*');
    expect(renewed.sessionId).toMatch(SESSION_ID_PATTERN);
    expect(renewed).toEqual({ ...sticky, sessionId: renewed.sessionId });
  });

  it('keeps every other field of what it renews', () => {
    const endpoint = { kind: 'account', account: 'alice', password: 'pw1', country: 'US', stickyMinutes: 10, sessionId: 'old', label: 'work' } as const;
    const { sessionId, ...rest } = renewSession(endpoint);
    expect(sessionId).not.toBe('old');
    expect(rest).toEqual({ kind: 'account', account: 'alice', password: 'pw1', country: 'US', stickyMinutes: 10, label: 'work' });
  });

  it('never gives back the session id it had, even when chance draws it again', () => {
    // The first draw spells the old id ("a" twelve times), the second "b" twelve times.
    let draws = 0;
    vi.spyOn(crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      (array as unknown as Uint8Array).fill(draws++ === 0 ? 0 : 1);
      return array;
    });
    expect(renewSession({ ...sticky, sessionId: 'aaaaaaaaaaaa' }).sessionId).toBe('bbbbbbbbbbbb');
    expect(draws).toBe(2);
  });
});

describe('account endpoints', () => {
  it('resolve to the gateway with the built username and the account password', () => {
    const endpoint = accountEndpointSchema.parse({ kind: 'account', account: 'alice', password: 'pw1', country: 'JP', stickyMinutes: 15, sessionId: 's1' });
    expect(resolveEndpoint(endpoint, DEFAULT_GATEWAY)).toEqual({
      scheme: 'http',
      host: 'us.911proxy.com',
      port: 2600,
      username: 'alice_area-JP_life-15_session-s1',
      password: 'pw1',
    });
  });

  it.each([
    [{ account: 'al ice', password: 'x' }, 'account'],
    [{ account: 'alice', password: 'p:w' }, 'password'],
    [{ account: 'alice', password: 'pw', country: 'USA' }, 'country'],
    [{ account: 'alice', password: 'pw', stickyMinutes: 2000, sessionId: 'a' }, 'stickyMinutes'],
    [{ account: 'alice', password: 'pw', stickyMinutes: 10 }, 'sessionId'],
    [{ account: 'alice', password: 'pw', sessionId: 'a_b' }, 'sessionId'],
  ])('refuse %o (%s)', (fields, path) => {
    const result = accountEndpointSchema.safeParse({ kind: 'account', ...fields });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([path]);
  });
});
