import { describe, expect, it } from 'vitest';
import type { User } from '../background/api/schemas.ts';
import type { KeyStatus } from '../background/requests.ts';
import { accountLine } from './account.ts';

const key = (unverified = false): KeyStatus => ({ set: true, last4: 'abcd', baseUrl: 'https://api.test/', remembered: true, unverified });

const user = (fields: Partial<User> = {}): User => ({ id: 7, email: 'shop@example.com', phone: '+8613800000000', balance: 12.5, status: 1, is_real_name: true, created_at: '2026-01-02 03:04:05', ...fields });

describe('accountLine', () => {
  it('names the account by its e-mail, else its phone number, else not at all', () => {
    expect(accountLine(user(), key()).signedInAs).toBe('shop@example.com');
    expect(accountLine(user({ email: '' }), key()).signedInAs).toBe('+8613800000000');
    expect(accountLine(user({ email: '', phone: '' }), key()).signedInAs).toBeUndefined();
  });

  it('shows the balance user/info answers', () => {
    expect(accountLine(user({ balance: 0 }), key()).balance).toBe(0);
    expect(accountLine(undefined, key()).balance).toBeUndefined();
  });

  it.each([
    ['verified, though the key check said not', user({ is_real_name: true }), true, true],
    ['not verified, though the key check passed', user({ is_real_name: false }), false, false],
  ])('takes user/info’s word over the key check: %s', (_, answer, unverified, verified) => {
    expect(accountLine(answer, key(unverified)).verified).toBe(verified);
  });

  it.each([
    [key(true), false],
    [key(false), true],
    [{ set: false } as const, true],
  ])('without user/info, goes by the key check (%o)', (key, verified) => {
    expect(accountLine(undefined, key)).toEqual({ verified });
  });
});
