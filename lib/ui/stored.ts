/**
 * How a page reads and follows what the background stored, by the `area:name` keys of
 * lib/shared/storage-keys.ts, straight from the browser's storage: the pages only read (the background
 * validated what it wrote), so they need none of the background's item machinery, and load less.
 */
import { browser } from 'wxt/browser';

export type StoredKey = `local:${string}` | `session:${string}`;

function locate(key: StoredKey) {
  const colon = key.indexOf(':');
  return { area: browser.storage[key.slice(0, colon) as 'local' | 'session'], name: key.slice(colon + 1) };
}

/** A change event that carries the same value: some browsers send one for every write. */
const sameValue = (a: unknown, b: unknown) => a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));

/** The stored value, or null when there is none. */
export async function readStored(key: StoredKey): Promise<unknown> {
  const { area, name } = locate(key);
  return (await area.get(name))[name] ?? null;
}

/** Calls `onChange` with each new value (null once removed); returns the function that stops it. */
export function watchStored(key: StoredKey, onChange: (value: unknown) => void): () => void {
  const { area, name } = locate(key);
  const listener = (changes: Record<string, { newValue?: unknown; oldValue?: unknown }>) => {
    const change = changes[name];
    if (change && !sameValue(change.newValue, change.oldValue)) onChange(change.newValue ?? null);
  };
  area.onChanged.addListener(listener);
  return () => area.onChanged.removeListener(listener);
}
