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
  /** `value` checked, as the storage writes that store it: the value and the item's version mark. */
  encode(value: T): StoredWrite[];
  /** Resolves once the item's migrations have run: a write beside another item's waits for it, as `setValue` does. */
  ready(): Promise<void>;
}

/** One key and the value to store under it, for `storage.setItems`. */
export interface StoredWrite {
  key: `${'local' | 'session'}:${string}`;
  value: unknown;
}

/** An item derived from another's value: see `StoredItemOptions.companion`. */
export interface Companion<T, C> {
  item: StoredItem<C>;
  derive(value: T): C;
}

export interface StoredItemOptions<T, C = never> {
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
  /**
   * A small item made from this one's value (a long list's first screen, which a page reads before the
   * list), written in the same storage call as every value of this item and removed in the same call:
   * one call is atomic in both browsers, so no reader ever finds the two disagreeing.
   */
  companion?: Companion<T, C>;
}

/** Told the key of each item whose stored value was unreadable and has been reset to its fallback. */
const resetListeners = new Set<(key: StoredItemKey) => void>();

/** Calls `listener` whenever a read finds an item unreadable and resets it; returns the function that stops it. */
export function onStoredItemReset(listener: (key: StoredItemKey) => void): () => void {
  resetListeners.add(listener);
  return () => resetListeners.delete(listener);
}

/** Defines the item stored under `key`, its reads validated by `schema`. */
export function defineStoredItem<S extends z.ZodMiniType, C = never>(
  key: StoredItemKey,
  schema: S,
  { fallback, version, migrations, json = false, companion }: StoredItemOptions<z.output<S>, C>,
): StoredItem<z.output<S>> {
  type T = z.output<S>;
  const item = storage.defineItem<unknown>(key, { ...(!json && { fallback }), version, ...(migrations && { migrations }) });
  /** The last stored JSON string read or written, and its validated value. */
  let known: { raw: string; value: T } | undefined;
  const toStored = (value: T): unknown => {
    const checked = schema.parse(value) as T;
    if (!json) return checked;
    const raw = JSON.stringify(checked);
    known = { raw, value: checked };
    return raw;
  };
  let migrated: Promise<void> | undefined;
  // WXT waits for the migrations before it reads anything of an item.
  const ready = () => (migrated ??= item.getMeta().then(() => undefined));
  // WXT keeps an item's version mark under its key and "$".
  const encode = (value: T): StoredWrite[] => [
    { key, value: toStored(value) },
    { key: `${key}$`, value: { v: version } },
  ];
  /** Stores `value`, and the companion's value made from it in the same call when there is one. */
  const write = async (value: T): Promise<void> => {
    if (!companion) return item.setValue(toStored(value));
    const writes = [...encode(value), ...companion.item.encode(companion.derive(value))];
    await Promise.all([ready(), companion.item.ready()]);
    await storage.setItems(writes);
  };
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
      await write(fallback);
      for (const listener of resetListeners) listener(key);
      return fallback;
    },
    setValue: write,
    async removeValue() {
      // Nothing of a forgotten key's lists stays in memory either.
      known = undefined;
      if (!companion) return item.removeValue();
      await Promise.all([ready(), companion.item.ready()]);
      await storage.removeItems([key, companion.item.key]);
    },
    watch: (callback) => item.watch((raw) => callback(validate(raw) ?? fallback)),
    migrate: () => item.migrate(),
    encode,
    ready,
  };
}

/** Removes what earlier versions stored under keys this one no longer reads. */
export async function removeRetiredItems(): Promise<void> {
  await storage.removeItems(RETIRED_KEYS.map((key) => ({ key, options: { removeMeta: true } })));
}

