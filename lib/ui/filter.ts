/**
 * Search, filter and sort of the proxy accounts list, built for 10,000 accounts and a keystroke budget
 * of 16 ms: the lowercase search text and the sort orders are computed once per data change
 * (`indexAccounts`, `sortAccounts`), so a keystroke only runs one `includes` per account over a list
 * that is already in order.
 */
import type { Account } from '../background/api/schemas.ts';
import { compareNames, nameCollator } from '../shared/account-order.ts';

/** An account with its search text (username and remark, lowercase), made once per data change. */
export interface IndexedAccount {
  account: Account;
  search: string;
  /** See `nameKey`; undefined for a name it cannot order. */
  nameKey?: string;
}

export type AccountStatusFilter = 'all' | 'enabled' | 'disabled';
export type AccountSort = 'name' | 'usage' | 'created';

/** What the user typed and chose above the list. */
export interface AccountFilter {
  text: string;
  status: AccountStatusFilter;
  /** A product type, or undefined for all. */
  productType?: number;
}

export function indexAccounts(accounts: readonly Account[]): IndexedAccount[] {
  return accounts.map((account) => ({ account, search: `${account.username}\n${account.remark}`.toLowerCase(), nameKey: nameKey(account.username) }));
}

const LATIN_NAME = /^[a-z0-9]*$/;
/**
 * Languages whose collation orders a–z and 0–9 plainly, checked against `Intl.Collator` in the tests.
 * Others tailor Latin letters (Czech puts "ch" after "h", Danish "aa" after "z", Lithuanian "y" with
 * "i"), and lists are then sorted by the collator itself.
 */
export const PLAIN_LATIN_ORDER = ['en', 'zh', 'ja', 'ko', 'id', 'hi', 'ru', 'vi', 'de', 'pt', 'fr', 'es', 'it', 'nl'];
let keysMatch: boolean | undefined;
const keysMatchCollator = (): boolean => (keysMatch ??= PLAIN_LATIN_ORDER.includes(new Intl.Locale(nameCollator().resolvedOptions().locale).language));
const MAX_DIGITS = 20;

/**
 * For a name of Latin letters and digits (as the API makes them): a string whose plain order is
 * `compareNames`' (case ignored, digit runs by value: shop2 before shop10), made once per data change. The
 * collator is several times slower per comparison, which made sorting 10,000 accounts the largest
 * part of the popup's first draw. Other names get none, and the list is then sorted by the collator (as it is
 * in languages outside `PLAIN_LATIN_ORDER`).
 */
export function nameKey(username: string): string | undefined {
  const lower = username.toLowerCase();
  if (!LATIN_NAME.test(lower)) return undefined;
  // A loop rather than replace() with a callback: this runs 10,000 times before the popup's first draw.
  let key = '';
  /** The digit run being read, without its leading zeros; undefined outside a run. */
  let run: string | undefined;
  for (let at = 0; at <= lower.length; at++) {
    const char = lower.charAt(at);
    if (char >= '0' && char <= '9') {
      run ??= '';
      if (run !== '' || char !== '0') run += char;
      continue;
    }
    if (run !== undefined) {
      if (run.length > MAX_DIGITS) return undefined;
      key += run.padStart(MAX_DIGITS, '0');
      run = undefined;
    }
    key += char;
  }
  return key;
}
const COMPARE: Record<AccountSort, (a: Account, b: Account) => number> = {
  name: compareNames,
  // Heaviest users first: the ones worth a look.
  usage: (a, b) => b.usage_flow - a.usage_flow || compareNames(a, b),
  // Newest first; the API's "YYYY-MM-DD HH:mm:ss" text sorts as it reads.
  created: (a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0) || b.id - a.id,
};

/** A sorted copy; run once per data or sort change, not per keystroke. */
export function sortAccounts(index: readonly IndexedAccount[], sort: AccountSort): IndexedAccount[] {
  // Not even the collator for nothing to compare (the list before its data): see `nameCollator`.
  if (index.length < 2) return [...index];
  if (sort === 'name' && keysMatchCollator() && index.every((entry) => entry.nameKey !== undefined)) {
    return [...index].sort((a, b) => (a.nameKey! < b.nameKey! ? -1 : a.nameKey! > b.nameKey! ? 1 : 0));
  }
  const compare = COMPARE[sort];
  return [...index].sort((a, b) => compare(a.account, b.account));
}

/** The accounts matching `filter`, in the order of `sorted`. */
export function filterAccounts(sorted: readonly IndexedAccount[], filter: AccountFilter): Account[] {
  const text = filter.text.trim().toLowerCase();
  const status = filter.status === 'all' ? undefined : filter.status === 'enabled' ? 1 : 0;
  const result: Account[] = [];
  for (const { account, search } of sorted) {
    if (status !== undefined && (account.status === 1 ? 1 : 0) !== status) continue;
    if (filter.productType !== undefined && account.product_type !== filter.productType) continue;
    if (text && !search.includes(text)) continue;
    result.push(account);
  }
  return result;
}

/** Whether the list's first screen (its first rows by name, unfiltered) is the answer: only for the default view. */
export function isDefaultView(filter: AccountFilter, sort: AccountSort): boolean {
  return sort === 'name' && filter.status === 'all' && filter.productType === undefined && !filter.text.trim();
}
