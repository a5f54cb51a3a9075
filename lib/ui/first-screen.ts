/**
 * The popup's account list draws first from the first screen the background stores beside the
 * accounts' cache (lib/background/cached-requests.ts): where it is stored and how a page reads it.
 * Only the popup's first view reads it (`preloadCachedList`), so no other page loads this.
 */
import { STORAGE_KEYS, type FirstScreen } from '../shared/storage-keys.ts';
import type { FirstScreenSource } from './watch.ts';

/**
 * A first screen as a page reads it from storage: like the entries (`readCacheEntries`), checked by its
 * outline alone; anything else reads as none, and the page then reads the whole list.
 */
function readFirstScreen<T>(raw: unknown): FirstScreen<T> | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { data, fetchedAt, total, productTypes } = raw as Partial<Record<keyof FirstScreen<T>, unknown>>;
  const outline = Array.isArray(data) && typeof fetchedAt === 'number' && typeof total === 'number' && total >= data.length && Array.isArray(productTypes);
  // The background validated it against its schema before storing it.
  return outline ? (raw as FirstScreen<T>) : undefined;
}

/** The accounts' first screen, for `preloadCachedList('getAccounts', …)`. */
export const accountsFirstScreen: FirstScreenSource = { key: STORAGE_KEYS.accountsFirstScreen, read: readFirstScreen };
