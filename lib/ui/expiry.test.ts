import { describe, expect, it } from 'vitest';
import { EXPIRING_WITHIN_DAYS, expiryOf } from './expiry.ts';

const now = new Date(2026, 11, 1, 12, 0, 0).getTime();

describe('expiryOf', () => {
  it.each([
    ['2026-12-01 11:59:59', 'expired'],
    ['2026-12-01 12:00:00', 'expired'],
    ['2026-11-30', 'expired'],
    ['2026-12-01', 'expiring'],
    ['2026-12-01 12:00:01', 'expiring'],
    [`2026-12-0${1 + EXPIRING_WITHIN_DAYS} 12:00:00`, 'expiring'],
    [`2026-12-0${1 + EXPIRING_WITHIN_DAYS} 12:00:01`, undefined],
    ['2027-01-01 00:00:00', undefined],
    ['soon', undefined],
    [undefined, undefined],
  ])('%s → %s', (expiredAt, expected) => {
    expect(expiryOf(expiredAt, now)).toBe(expected);
  });
});
