/**
 * Search, filter and sort of the proxy accounts list, built for 10,000 accounts and a keystroke budget
 * of 16 ms: the lowercase search text and the sort orders are computed once per data change
 * (`indexAccounts`, and `sortAccounts` of lib/shared/account-order.ts), so a keystroke only runs one `includes` per account over a list
 * that is already in order.
 */
import type { Account } from '../background/api/schemas.ts';
import { nameKey, type SortableAccount } from '../shared/account-order.ts';

/** An account with its search text (username and remark, lowercase) and name key, made once per data change. */
export interface IndexedAccount extends SortableAccount {
  search: string;
}

export type AccountStatusFilter = 'all' | 'enabled' | 'disabled';

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
