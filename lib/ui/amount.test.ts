import { describe, expect, it } from 'vitest';
import { formatAmount } from './amount.ts';

describe('formatAmount', () => {
  it.each([
    [30, '30'],
    [12.346, '12.35'],
    [0.1 + 0.2, '0.3'],
    [1234.5, '1,234.5'],
  ])('%d → %s', (amount, expected) => {
    expect(formatAmount(amount, 'en-US')).toBe(expected);
  });

  it('follows the language', () => {
    expect(formatAmount(1234.5, 'de-DE')).toBe('1.234,5');
  });
});
