import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Account } from '../background/api/schemas.ts';
import { account } from '../../test/helpers/accounts.ts';
import { firstByName, nameKey, PLAIN_LATIN_ORDER, productTypesOf, sortAccounts } from './account-order.ts';

const accounts = [account(1, 'shop10', { usage_flow: 50 }), account(2, 'shop2', { usage_flow: 500, product_type: 25 }), account(3, 'Alpha', { usage_flow: 50 })];
const names = (list: Account[]) => list.map((a) => a.username);
const sortable = (list: Account[]) => list.map((entry) => ({ account: entry, nameKey: nameKey(entry.username) }));

it('productTypesOf lists each type once, ascending', () => {
  expect(productTypesOf(accounts)).toEqual([9, 25]);
});

describe('firstByName', () => {
  it('gives the first accounts of the whole list sorted by name, in that order', () => {
    expect(names(firstByName(accounts, 2))).toEqual(['Alpha', 'shop2']);
    expect(names(firstByName(accounts, 10))).toEqual(['Alpha', 'shop2', 'shop10']);
  });

  it('agrees with sortAccounts on any list, names the collator orders included, ties kept in list order', () => {
    const username = fc.oneof(fc.stringMatching(/^[A-Za-z0-9]{0,6}$/), fc.constantFrom('Émile', 'eve', 'EVE', 'zed', 'shop01', 'shop1'));
    fc.assert(
      fc.property(fc.array(username, { maxLength: 40 }), fc.integer({ min: 0, max: 45 }), (usernames, count) => {
        const list = usernames.map((name, id) => account(id + 1, name));
        const whole = sortAccounts(sortable(list), 'name').map((entry) => entry.account);
        expect(firstByName(list, count)).toEqual(whole.slice(0, count));
      }),
      { numRuns: 500 },
    );
  });
});

describe('nameKey', () => {
  it.each(PLAIN_LATIN_ORDER)('orders Latin names exactly as the %s collator does (case ignored, digit runs by value)', (language) => {
    const collator = new Intl.Collator(language, { numeric: true, sensitivity: 'base' });
    expect(new Intl.Locale(collator.resolvedOptions().locale).language).toBe(language);
    const name = fc.stringMatching(/^[A-Za-z0-9]{0,12}$/);
    fc.assert(
      fc.property(name, name, (a, b) => {
        const [keyA, keyB] = [nameKey(a)!, nameKey(b)!];
        expect(Math.sign(keyA < keyB ? -1 : keyA > keyB ? 1 : 0)).toBe(Math.sign(collator.compare(a, b)));
      }),
      { numRuns: 2_000 },
    );
  });

  it('is not used where the language tailors Latin letters', () => {
    const czech = new Intl.Collator('cs', { numeric: true, sensitivity: 'base' });
    expect(czech.compare('hz', 'cha')).toBeLessThan(0);
    expect(nameKey('hz')! > nameKey('cha')!).toBe(true);
    expect(PLAIN_LATIN_ORDER).not.toContain('cs');
  });

  it('has no key for other names (a list holding one is sorted by the collator)', () => {
    expect(nameKey('café2')).toBeUndefined();
    expect(nameKey(`n${'9'.repeat(21)}`)).toBeUndefined();
  });
});
