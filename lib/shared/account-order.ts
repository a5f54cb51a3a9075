/**
 * The order of the proxy accounts list, shared by the popup (which sorts the whole list) and the
 * background (which stores its first screen in the same order): name, usage or creation. Sorting by
 * name compares precomputed keys (`nameKey`), made once per data change.
 */
import type { Account } from '../background/api/schemas.ts';

export type AccountSort = 'name' | 'usage' | 'created';

/** An account with its name key (see `nameKey`; undefined for a name it cannot order). */
export interface SortableAccount {
  account: Account;
  nameKey?: string;
}

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

const LATIN_NAME = /^[a-z0-9]*$/;
/**
 * Languages whose collation orders a–z and 0–9 plainly, checked against `Intl.Collator` in the tests.
 * Others tailor Latin letters (Czech puts "ch" after "h", Danish "aa" after "z", Lithuanian "y" with
 * "i"), and lists are then sorted by the collator itself.
 */
export const PLAIN_LATIN_ORDER = ['en', 'zh', 'ja', 'ko', 'id', 'hi', 'ru', 'vi', 'de', 'pt', 'fr', 'es', 'it', 'nl'];
const keysMatchCollator = PLAIN_LATIN_ORDER.includes(new Intl.Locale(byName.resolvedOptions().locale).language);
const MAX_DIGITS = 20;

/**
 * For a name of Latin letters and digits (as the API makes them): a string whose plain order is
 * `byName`'s (case ignored, digit runs by value: shop2 before shop10), made once per data change. The
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
  name: (a, b) => byName.compare(a.username, b.username),
  // Heaviest users first: the ones worth a look.
  usage: (a, b) => b.usage_flow - a.usage_flow || byName.compare(a.username, b.username),
  // Newest first; the API's "YYYY-MM-DD HH:mm:ss" text sorts as it reads.
  created: (a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0) || b.id - a.id,
};

/** A sorted copy; run once per data or sort change, not per keystroke. */
export function sortAccounts<E extends SortableAccount>(index: readonly E[], sort: AccountSort): E[] {
  if (sort === 'name' && keysMatchCollator && index.every((entry) => entry.nameKey !== undefined)) {
    return [...index].sort((a, b) => (a.nameKey! < b.nameKey! ? -1 : a.nameKey! > b.nameKey! ? 1 : 0));
  }
  const compare = COMPARE[sort];
  return [...index].sort((a, b) => compare(a.account, b.account));
}

/** The first `count` accounts in the list's default order (by name), as `sortAccounts` puts the whole list. */
export function firstByName(accounts: readonly Account[], count: number): Account[] {
  const sorted = sortAccounts(
    accounts.map((account) => ({ account, nameKey: nameKey(account.username) })),
    'name',
  );
  return sorted.slice(0, count).map((entry) => entry.account);
}

/** The product types present, ascending: the choices of the product filter. */
export function productTypesOf(accounts: readonly Account[]): number[] {
  return [...new Set(accounts.map((account) => account.product_type))].sort((a, b) => a - b);
}
