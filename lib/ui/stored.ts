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

type StorageArea = ReturnType<typeof locate>['area'];

/** The reads asked for in this task, by area: the names, and who waits for each. */
const queuedReads = new Map<StorageArea, Map<string, Array<{ resolve(value: unknown): void; reject(error: unknown): void }>>>();

/** Asks each area once for every name queued, and answers each reader. */
function readQueued(area: StorageArea): void {
  const readers = queuedReads.get(area)!;
  queuedReads.delete(area);
  // Through a promise, so that an area this browser lacks rejects the reads rather than throwing here.
  Promise.resolve([...readers.keys()]).then((names) => area.get(names)).then(
    (values) => {
      for (const [name, waiting] of readers) for (const reader of waiting) reader.resolve(values[name] ?? null);
    },
    (error: unknown) => {
      for (const waiting of readers.values()) for (const reader of waiting) reader.reject(error);
    },
  );
}

/**
 * The stored value, or null when there is none. The reads a page asks for in one task go to the
 * browser as one `get` per area: each is a round trip to the browser's process, and a page's first
 * draw asks for several items at once (the key status, the settings, the list's first screen).
 */
export function readStored(key: StoredKey): Promise<unknown> {
  const { area, name } = locate(key);
  return new Promise((resolve, reject) => {
    let readers = queuedReads.get(area);
    if (!readers) {
      queuedReads.set(area, (readers = new Map()));
      queueMicrotask(() => readQueued(area));
    }
    readers.set(name, [...(readers.get(name) ?? []), { resolve, reject }]);
  });
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
