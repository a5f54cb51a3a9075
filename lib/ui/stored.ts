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

/** The names asked for in this task, by area, and the one get that will read them. */
const batches = new Map<unknown, { names: string[]; read: Promise<Record<string, unknown>> }>();

/**
 * The stored value, or null when there is none. The reads a page asks for in one task go to the
 * browser as one `get` per area: each is a round trip to the browser's process, and a page's first
 * draw asks for several items at once (the key status, the settings, the list's first screen).
 */
export function readStored(key: StoredKey): Promise<unknown> {
  const { area, name } = locate(key);
  let batch = batches.get(area);
  if (!batch) {
    const names: string[] = [];
    // A microtask later, once this task has asked for all it reads; an area this browser lacks rejects.
    const read = Promise.resolve().then(() => {
      batches.delete(area);
      return area.get(names);
    });
    batches.set(area, (batch = { names, read }));
  }
  batch.names.push(name);
  return batch.read.then((values) => values[name] ?? null);
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
