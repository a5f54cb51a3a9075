/**
 * The popup's account list draws first from the first screen the background stores beside the
 * accounts' cache (lib/background/cached-requests.ts): where it is stored and how a page reads it.
 * Only the popup's first view reads it (`preloadCachedList`), so no other page loads this.
 */
import { hasEntryOutline, STORAGE_KEYS, type FirstScreen } from '../shared/storage-keys.ts';
import type { FirstScreenSource } from './watch.ts';

/**
 * A first screen as a page reads it from storage: like the entries (`readCacheEntries`), checked by its
 * outline alone; anything else reads as none, and the page then reads the whole list.
 */
function readFirstScreen<T>(raw: unknown): FirstScreen<T> | undefined {
  if (!hasEntryOutline(raw)) return undefined;
  const { data, total, productTypes } = raw as typeof raw & Partial<Record<'total' | 'productTypes', unknown>>;
  // The background validated it against its schema before storing it.
  return Array.isArray(data) && typeof total === 'number' && total >= data.length && Array.isArray(productTypes) ? (raw as FirstScreen<T>) : undefined;
}

/** The accounts' first screen, for `preloadCachedList('getAccounts', …)`. */
export const accountsFirstScreen: FirstScreenSource = { key: STORAGE_KEYS.accountsFirstScreen, read: readFirstScreen };
