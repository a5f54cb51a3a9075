/**
 * The machinery of a stored item: typed by a zod schema, versioned, validated on every read. Anything
 * stored that does not match its schema (a bug in an old version, a hand-edited profile) is replaced by
 * the item's fallback instead of crashing the worker. Migrations are numbered per item:
 * `migrations[n]` turns version n-1 into version n; each has a test beside the item's owner.
 * The keys are named in lib/shared/storage-keys.ts; each item is defined by the module that owns it.
 */
import { storage } from 'wxt/utils/storage';
import type { z } from './zod.ts';
import { parseStoredJson, RETIRED_KEYS, type CacheKey, type StorageKey } from '../shared/storage-keys.ts';

/** A key of the registry, or a cached request's (which follows `cacheKeyOf`). */
export type StoredItemKey = StorageKey | CacheKey<string>;

export interface StoredItem<T> {
  readonly key: StoredItemKey;
  readonly fallback: T;
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  removeValue(): Promise<void>;
  /** Calls back with each new (validated) value; returns the function that stops watching. */
  watch(callback: (value: T) => void): () => void;
  /** Runs the pending migrations now (they also run on their own when the module loads); for tests. */
  migrate(): Promise<void>;
}

export interface StoredItemOptions<T> {
  fallback: T;
  version: number;
  /** `migrations[n]` turns a version n-1 value into version n. */
  migrations?: Record<number, (old: unknown) => unknown>;
  /**
   * Stored as one JSON string instead of an object tree, for big values (a long account list): the
   * browser reads one string much faster than a tree of objects, and its change events, which every
   * open page receives, carry a string instead of a tree to rebuild; reading the same string again
   * skips the parse and the validation.
   */
  json?: boolean;
}

/** Told the key of each item whose stored value was unreadable and has been reset to its fallback. */
const resetListeners = new Set<(key: StoredItemKey) => void>();

/** Calls `listener` whenever a read finds an item unreadable and resets it; returns the function that stops it. */
export function onStoredItemReset(listener: (key: StoredItemKey) => void): () => void {
  resetListeners.add(listener);
  return () => resetListeners.delete(listener);
}

/** Defines the item stored under `key`, its reads validated by `schema`. */
export function defineStoredItem<S extends z.ZodMiniType>(
  key: StoredItemKey,
  schema: S,
  { fallback, version, migrations, json = false }: StoredItemOptions<z.output<S>>,
): StoredItem<z.output<S>> {
  type T = z.output<S>;
  const item = storage.defineItem<unknown>(key, { ...(!json && { fallback }), version, ...(migrations && { migrations }) });
  const encode = (value: T): unknown => (json ? JSON.stringify(value) : value);
  /** The last stored JSON string read or written, and its validated value. */
  let known: { raw: string; value: T } | undefined;
  const validate = (raw: unknown): T | undefined => {
    if (raw === null || raw === undefined) return fallback;
    if (known?.raw === raw) return known.value;
    const parsed = schema.safeParse(json ? parseStoredJson(raw) : raw);
    if (!parsed.success) return undefined;
    if (json) known = { raw: raw as string, value: parsed.data };
    return parsed.data;
  };
  return {
    key,
    fallback,
    async getValue() {
      const value = validate(await item.getValue());
      if (value !== undefined) return value;
      // The value is not written to the log: it may hold a secret.
      console.warn(`Stored ${key} was unreadable and has been reset to its default.`);
      known = undefined;
      await item.setValue(encode(fallback));
      for (const listener of resetListeners) listener(key);
      return fallback;
    },
    async setValue(value) {
      const checked = schema.parse(value) as T;
      const raw = encode(checked);
      if (typeof raw === 'string') known = { raw, value: checked };
      await item.setValue(raw);
    },
    removeValue() {
      // Nothing of a forgotten key's lists stays in memory either.
      known = undefined;
      return item.removeValue();
    },
    watch: (callback) => item.watch((raw) => callback(validate(raw) ?? fallback)),
    migrate: () => item.migrate(),
  };
}

/** Removes what earlier versions stored under keys this one no longer reads. */
export async function removeRetiredItems(): Promise<void> {
  await storage.removeItems(RETIRED_KEYS.map((key) => ({ key, options: { removeMeta: true } })));
}

