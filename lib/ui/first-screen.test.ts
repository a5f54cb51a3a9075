import { describe, expect, it } from 'vitest';
import { STORAGE_KEYS } from '../shared/storage-keys.ts';
import { accountsFirstScreen } from './first-screen.ts';

it('reads the accounts’ first screen where the background stores it', () => {
  expect(accountsFirstScreen.key).toBe(STORAGE_KEYS.accountsFirstScreen);
});

describe('accountsFirstScreen.read (the popup\'s side)', () => {
  const screen = { data: [{ username: 'a' }], fetchedAt: 1, keyId: 'k', baseUrl: 'u', entryKey: '{}', total: 3, productTypes: [9, 25] };

  it('reads a first screen of the right outline', () => {
    expect(accountsFirstScreen.read(screen)).toBe(screen);
  });

  it.each([
    undefined,
    null,
    42,
    'text',
    [],
    JSON.stringify(screen),
    { ...screen, data: 'rows' },
    { ...screen, fetchedAt: '1' },
    { ...screen, total: '3' },
    { ...screen, total: 0 },
    { ...screen, productTypes: undefined },
  ])('reads %j as none', (raw) => {
    expect(accountsFirstScreen.read(raw)).toBeUndefined();
  });
});
