/**
 * The proxy accounts list's default order, by name, shared by the popup (which sorts the whole list,
 * lib/ui/filter.ts) and the background (which stores its first screen in the same order), and the
 * product types the list's filter offers.
 */
import type { Account } from '../background/api/schemas.ts';

let collator: Intl.Collator | undefined;
/**
 * The order of names: case ignored, digit runs by value (shop2 before shop10), in the browser's
 * language. Made on first use: in a new browser process the first collator loads its data for about
 * 15 ms, and the popup's first draw (a first screen already in this order) needs none.
 */
export function nameCollator(): Intl.Collator {
  return (collator ??= new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' }));
}

export const compareNames = (a: Account, b: Account): number => nameCollator().compare(a.username, b.username);

/**
 * The first `count` accounts by name, in the order a stable sort of the whole list puts them (equal
 * names in list order), without sorting it all: most accounts are compared with the last kept only.
 */
export function firstByName(accounts: readonly Account[], count: number): Account[] {
  const first: Account[] = [];
  for (const account of accounts) {
    let at = first.length;
    while (at > 0 && compareNames(account, first[at - 1]!) < 0) at--;
    if (at < count) first.splice(at, 0, account);
    first.length = Math.min(first.length, count);
  }
  return first;
}

/** The product types present, ascending: the choices of the product filter. */
export function productTypesOf(accounts: readonly Account[]): number[] {
  return [...new Set(accounts.map((account) => account.product_type))].sort((a, b) => a - b);
}
