/**
 * Every item the extension stores, defined once, typed by a zod schema and versioned.
 *
 *   local:apiKey        the app_key and the host it was checked against (when remembered on this device)
 *   session:apiKey      the same, kept only until the browser closes ("don't remember on this device")
 *   local:settings      user settings: API host, gateway, routing rules, leak protection, theme
 *   local:connection    the endpoint in use (re-applied on start) and the last one (for the shortcut)
 *   session:proxyStatus connected, failed or direct, with the exit IP; gone when the browser closes
 *
 * Values are validated on every read: anything that does not match its schema (a bug in an old
 * version, a hand-edited profile) is replaced by the item's fallback instead of crashing the worker.
 * Migrations are numbered per item: `migrations[n]` turns version n-1 into version n; each has a test.
 */
import { storage, type StorageItemKey } from 'wxt/utils/storage';
import { z } from 'zod';
import { DEFAULT_API_BASE_URL } from './api/transport.ts';
import { DEFAULT_GATEWAY, endpointSchema, gatewaySchema } from './proxy/endpoint.ts';
import { routingSchema } from './proxy/rules.ts';
import { DIRECT_STATUS, proxyStatusSchema } from './proxy/status.ts';

export interface StoredItem<T> {
  readonly key: StorageItemKey;
  readonly fallback: T;
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  removeValue(): Promise<void>;
  /** Calls back with each new (validated) value; returns the function that stops watching. */
  watch(callback: (value: T) => void): () => void;
}

interface StoredItemOptions<T> {
  fallback: T;
  version: number;
  /** `migrations[n]` turns a version n-1 value into version n. */
  migrations?: Record<number, (old: unknown) => unknown>;
}

/** Defines an item whose reads are validated by `schema`; see the header for the rules. */
export function defineStoredItem<S extends z.ZodType>(
  key: StorageItemKey,
  schema: S,
  { fallback, version, migrations }: StoredItemOptions<z.output<S>>,
): StoredItem<z.output<S>> {
  type T = z.output<S>;
  const item = storage.defineItem<T>(key, { fallback, version, ...(migrations && { migrations }) });
  const validate = (value: unknown): T | undefined => {
    if (value === null || value === undefined) return fallback;
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : undefined;
  };
  return {
    key,
    fallback,
    async getValue() {
      const value = validate(await item.getValue());
      if (value !== undefined) return value;
      // The value is not written to the log: it may hold a secret.
      console.warn(`Stored ${key} was unreadable and has been reset to its default.`);
      await item.setValue(fallback);
      return fallback;
    },
    setValue: (value) => item.setValue(schema.parse(value) as T),
    removeValue: () => item.removeValue(),
    watch: (callback) => item.watch((value) => callback(validate(value) ?? fallback)),
  };
}

export const apiKeyRecordSchema = z
  .object({
    key: z.string().min(1),
    /** The host the key was checked against; the key is only ever sent there. */
    baseUrl: z.string().url(),
    /** Code 156 at the check: reads work, account changes need real-name verification. */
    unverified: z.boolean(),
    checkedAt: z.number(),
  })
  .nullable();
export type ApiKeyRecord = NonNullable<z.infer<typeof apiKeyRecordSchema>>;

export const apiKeyItem = defineStoredItem('local:apiKey', apiKeyRecordSchema, { fallback: null, version: 1 });
export const sessionApiKeyItem = defineStoredItem('session:apiKey', apiKeyRecordSchema, { fallback: null, version: 1 });

export const DEFAULT_EXIT_CHECK_URL = 'https://ipinfo.io/json';

export const settingsSchema = z.object({
  /** Where the next key is checked; the official host unless the user confirmed another. */
  apiBaseUrl: z.string().url().default(DEFAULT_API_BASE_URL),
  gateway: gatewaySchema.default(DEFAULT_GATEWAY),
  routing: routingSchema.default(routingSchema.parse({})),
  /** Limit WebRTC to proxied routes while connected. */
  webrtcProtection: z.boolean().default(true),
  /** An IP-echo URL fetched through the proxy after connecting. */
  exitCheckUrl: z.string().url().default(DEFAULT_EXIT_CHECK_URL),
  /** While the proxy is down, block requests instead of letting them go direct. */
  blockWhenDown: z.boolean().default(false),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
});
export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

export const settingsItem = defineStoredItem('local:settings', settingsSchema, { fallback: DEFAULT_SETTINGS, version: 1 });

export const connectionSchema = z.object({
  /** The endpoint the browser should be using now, or null for direct. */
  active: endpointSchema.nullable(),
  /** The endpoint used most recently, for the toggle shortcut. */
  last: endpointSchema.nullable(),
  /** When `active` was chosen (ms since the epoch). */
  since: z.number().nullable(),
});
export type Connection = z.infer<typeof connectionSchema>;

export const connectionItem = defineStoredItem('local:connection', connectionSchema, {
  fallback: { active: null, last: null, since: null },
  version: 1,
});

export const proxyStatusItem = defineStoredItem('session:proxyStatus', proxyStatusSchema, { fallback: DIRECT_STATUS, version: 1 });
