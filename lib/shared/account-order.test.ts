import { describe, expect, it } from 'vitest';
import type { Account } from '../background/api/schemas.ts';
import { account } from '../../test/helpers/accounts.ts';
import { firstByName, productTypesOf } from './account-order.ts';

const accounts = [account(1, 'shop10'), account(2, 'shop2', { product_type: 25 }), account(3, 'Alpha'), account(4, 'alpha')];
const ids = (list: Account[]) => list.map((entry) => entry.id);

it('productTypesOf lists each type once, ascending', () => {
  expect(productTypesOf(accounts)).toEqual([9, 25]);
});

describe('firstByName', () => {
  it('gives the first accounts by name (case ignored, digit runs by value), equal names in list order', () => {
    expect(ids(firstByName(accounts, 3))).toEqual([3, 4, 2]);
    expect(ids(firstByName(accounts, 10))).toEqual([3, 4, 2, 1]);
    expect(firstByName(accounts, 0)).toEqual([]);
  });

  it('picks the first of 10,000 in any order of the list', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => account(i, `user${(i * 7_919) % 10_000}`));
    expect(firstByName(many, 14).map((entry) => entry.username)).toEqual(Array.from({ length: 14 }, (_, i) => `user${i}`));
  });
});
