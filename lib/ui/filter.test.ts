import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Account } from '../background/api/schemas.ts';
import { account } from '../../test/helpers/accounts.ts';
import { firstByName } from '../shared/account-order.ts';
import fc from 'fast-check';
import { filterAccounts, indexAccounts, isDefaultView, nameKey, PLAIN_LATIN_ORDER, sortAccounts, type AccountFilter } from './filter.ts';

const accounts = [
  account(1, 'shop10', { remark: 'eBay Team', usage_flow: 50 }),
  account(2, 'shop2', { status: 0, usage_flow: 500, product_type: 25 }),
  account(3, 'Alpha', { remark: '价格监控', usage_flow: 50 }),
];
const names = (list: Account[]) => list.map((a) => a.username);
const all: AccountFilter = { text: '', status: 'all' };

describe('sortAccounts', () => {
  it.each([
    ['name', ['Alpha', 'shop2', 'shop10']],
    ['usage', ['shop2', 'Alpha', 'shop10']],
    ['created', ['Alpha', 'shop2', 'shop10']],
  ] as const)('by %s', (sort, expected) => {
    expect(names(filterAccounts(sortAccounts(indexAccounts(accounts), sort), all))).toEqual(expected);
  });

  describe('the collator, whose data a new browser process takes about 15 ms to load', () => {
    afterEach(() => {
      vi.restoreAllMocks();
      vi.resetModules();
    });
    const freshModules = async () => {
      vi.resetModules();
      const { Collator } = Intl;
      const collators = vi.spyOn(Intl, 'Collator').mockImplementation(function (this: unknown, ...args: ConstructorParameters<typeof Collator>) {
        return new Collator(...args);
      } as typeof Collator);
      return { collators, filter: await import('./filter.ts') };
    };

    it('is not made by loading the list code, nor by sorting fewer than two accounts', async () => {
      const { collators, filter } = await freshModules();
      expect(filter.sortAccounts(filter.indexAccounts([]), 'name')).toEqual([]);
      expect(names(filterAccounts(filter.sortAccounts(filter.indexAccounts(accounts.slice(0, 1)), 'usage'), all))).toEqual(['shop10']);
      expect(collators).not.toHaveBeenCalled();
    });

    it('is made once, on the first sort that compares', async () => {
      const { collators, filter } = await freshModules();
      filter.sortAccounts(filter.indexAccounts(accounts), 'name');
      filter.sortAccounts(filter.indexAccounts(accounts), 'usage');
      expect(collators).toHaveBeenCalledTimes(1);
    });
  });

  it('leaves the index as it was', () => {
    const index = indexAccounts(accounts);
    sortAccounts(index, 'name');
    expect(names(index.map((entry) => entry.account))).toEqual(['shop10', 'shop2', 'Alpha']);
  });
});

describe('filterAccounts', () => {
  const sorted = sortAccounts(indexAccounts(accounts), 'name');
  it.each([
    [{ text: 'SHOP' }, ['shop2', 'shop10']],
    [{ text: ' ebay ' }, ['shop10']],
    [{ text: '监控' }, ['Alpha']],
    [{ status: 'disabled' }, ['shop2']],
    [{ status: 'enabled' }, ['Alpha', 'shop10']],
    [{ productType: 25 }, ['shop2']],
    [{ text: 'shop', status: 'enabled' }, ['shop10']],
    [{ text: 'nobody' }, []],
  ] as const)('%j', (filter, expected) => {
    expect(names(filterAccounts(sorted, { ...all, ...filter }))).toEqual(expected);
  });

  it('filters 10,000 accounts well within a frame', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => account(i, `user${i}`, { remark: `remark ${i % 97}` }));
    const big = sortAccounts(indexAccounts(many), 'name');
    const started = performance.now();
    for (let i = 0; i < 20; i++) filterAccounts(big, { ...all, text: `user${i}` });
    expect((performance.now() - started) / 20).toBeLessThan(16);
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

  it('has no key for other names, and the list is then sorted by the collator', () => {
    expect(nameKey('café2')).toBeUndefined();
    expect(nameKey(`n${'9'.repeat(21)}`)).toBeUndefined();
    const mixed = [account(1, 'Émile'), account(2, 'eve10'), account(3, 'eve9'), account(4, 'zed')];
    expect(names(filterAccounts(sortAccounts(indexAccounts(mixed), 'name'), all))).toEqual(['Émile', 'eve9', 'eve10', 'zed']);
  });
});

describe('the background’s first screen (firstByName) against the whole list sorted here', () => {
  it('holds the first rows of the sorted list, in its order, for any names (equal names in list order)', () => {
    const username = fc.oneof(fc.stringMatching(/^[A-Za-z0-9]{0,6}$/), fc.constantFrom('Émile', 'eve', 'EVE', 'zed', 'shop01', 'shop1'));
    fc.assert(
      fc.property(fc.array(username, { maxLength: 40 }), fc.integer({ min: 0, max: 45 }), (usernames, count) => {
        const list = usernames.map((name, id) => account(id + 1, name));
        expect(firstByName(list, count)).toEqual(filterAccounts(sortAccounts(indexAccounts(list), 'name'), all).slice(0, count));
      }),
      { numRuns: 500 },
    );
  });
});

describe('isDefaultView', () => {
  it('is the unfiltered list by name only: any text, status, product type or other order needs the whole list', () => {
    expect(isDefaultView(all, 'name')).toBe(true);
    expect(isDefaultView({ ...all, text: '  ' }, 'name')).toBe(true);
    for (const filter of [{ text: 'a' }, { status: 'enabled' }, { status: 'disabled' }, { productType: 9 }] as const) expect(isDefaultView({ ...all, ...filter }, 'name'), JSON.stringify(filter)).toBe(false);
    expect(isDefaultView(all, 'usage')).toBe(false);
    expect(isDefaultView(all, 'created')).toBe(false);
  });
});
