import { describe, expect, it } from 'vitest';
import type { Account } from '../background/api/schemas.ts';
import { account } from '../../test/helpers/accounts.ts';
import { nameKey, sortAccounts } from '../shared/account-order.ts';
import { filterAccounts, indexAccounts, type AccountFilter } from './filter.ts';

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

it('sorts names without a key by the collator', () => {
  expect(nameKey('Émile')).toBeUndefined();
  const mixed = [account(1, 'Émile'), account(2, 'eve10'), account(3, 'eve9'), account(4, 'zed')];
  expect(names(filterAccounts(sortAccounts(indexAccounts(mixed), 'name'), all))).toEqual(['Émile', 'eve9', 'eve10', 'zed']);
});
