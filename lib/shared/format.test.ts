import { describe, expect, it } from 'vitest';
import { formatApiTime, formatTraffic } from './format.ts';

describe('formatTraffic', () => {
  it.each([
    [0, '0 kB'],
    [512, '512 kB'],
    [1536, '1.5 MB'],
    [1024 * 1024 * 3, '3 GB'],
    [1024 ** 3 * 12.34, '12.3 TB'],
    [-5, '0 kB'],
  ])('%d KB → %s', (kb, expected) => {
    expect(formatTraffic(kb, 'en-US')).toBe(expected);
  });

  it('follows the language', () => {
    expect(formatTraffic(1536, 'de-DE')).toBe('1,5 MB');
  });
});

describe('formatApiTime', () => {
  it('formats the API time text and leaves anything else as it is', () => {
    expect(formatApiTime('2026-11-29 08:05:00', 'en-US')).toMatch(/Nov 29, 2026.*8:05/);
    expect(formatApiTime('2026-11-29', 'en-US')).toBe('Nov 29, 2026');
    expect(formatApiTime('soon', 'en-US')).toBe('soon');
  });
});
