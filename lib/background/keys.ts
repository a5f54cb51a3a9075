/**
 * Where the app_key lives: `local:apiKey` when remembered on this device, else only `session:apiKey`
 * (gone when the browser closes). Never `storage.sync`. Only the background reads these items; the
 * pages learn a `KeyStatus`, which never holds the key, from the background or from its copy stored
 * beside the key (`keyStatus` in the same area), which every change of the key rewrites.
 */
import { z } from './zod.ts';
import { STORAGE_KEYS } from '../shared/storage-keys.ts';
import { defineStoredItem, onStoredItemReset, type StoredItemOptions } from './stored-item.ts';

export const apiKeyRecordSchema = z.nullable(
  z.object({
    /** Random, made when the key is checked: cached answers name the record they were made with. */
    id: z.string().check(z.minLength(1)),
    key: z.string().check(z.minLength(1)),
    /** The host the key was checked against; the key is only ever sent there. */
    baseUrl: z.url(),
    /** Code 156 at the check: reads work, account changes need real-name verification. */
    unverified: z.boolean(),
    checkedAt: z.number(),
  }),
);
export type ApiKeyRecord = NonNullable<z.infer<typeof apiKeyRecordSchema>>;

/** A new id for a key record: random, so it says nothing about the key. */
export const newKeyRecordId = (): string => crypto.randomUUID();

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const apiKeyItemOptions: StoredItemOptions<z.output<typeof apiKeyRecordSchema>> = {
  fallback: null,
  version: 2,
  migrations: {
    // v2 adds the record id; a v1 record gets a fresh one (no cache entry can name it yet).
    2: (old) => (isObject(old) && typeof old.id !== 'string' ? { ...old, id: newKeyRecordId() } : old),
  },
};
export const apiKeyItem = defineStoredItem(STORAGE_KEYS.apiKey, apiKeyRecordSchema, apiKeyItemOptions);
export const sessionApiKeyItem = defineStoredItem(STORAGE_KEYS.sessionApiKey, apiKeyRecordSchema, apiKeyItemOptions);

/** What the pages may know about a set key (never the key): stored beside it, read by the pages as it is. */
const setKeyStatusSchema = z.object({
  set: z.literal(true),
  last4: z.string(),
  baseUrl: z.url(),
  remembered: z.boolean(),
  /** Code 156 at the check: account changes need real-name verification. */
  unverified: z.boolean(),
});
const keyStatusSchema = z.nullable(setKeyStatusSchema);

/** Whether a key is set, and what the pages may know about it. */
export type KeyStatus = z.infer<typeof setKeyStatusSchema> | { set: false };
export const keyStatusItem = defineStoredItem(STORAGE_KEYS.keyStatus, keyStatusSchema, { fallback: null, version: 1 });
export const sessionKeyStatusItem = defineStoredItem(STORAGE_KEYS.sessionKeyStatus, keyStatusSchema, { fallback: null, version: 1 });

export interface StoredKey {
  record: ApiKeyRecord;
  /** Kept in local storage (true) or in session storage only (false). */
  remembered: boolean;
}

/** The stored key, if any; a session key wins, though saving one always removes the other. */
export async function readKey(): Promise<StoredKey | null> {
  const [session, local] = await Promise.all([sessionApiKeyItem.getValue(), apiKeyItem.getValue()]);
  return session ? { record: session, remembered: false } : local ? { record: local, remembered: true } : null;
}

/**
 * Keeps the pages' copy of the status in step where no save or erase does: a key stored by an older
 * version has no copy yet (checked once as the background starts), and a key reset as unreadable
 * must not leave its copy behind.
 */
export function keepKeyStatusInStep(): void {
  void syncKeyStatus();
  onStoredItemReset((key) => {
    if (key === apiKeyItem.key || key === sessionApiKeyItem.key) void syncKeyStatus();
  });
}

/** Rewrites the copy of the status when it does not match the stored key. */
export async function syncKeyStatus(): Promise<void> {
  const stored = await readKey();
  const [keep, drop] = statusItems(stored);
  const [kept, dropped] = await Promise.all([keep.getValue(), drop.getValue()]);
  if (dropped !== null || JSON.stringify(kept) !== JSON.stringify(stored && setKeyStatus(stored))) await writeStatus(stored);
}

/** Stores `record` in the one place `remembered` asks for and removes it from the other. */
export async function saveKey(stored: StoredKey): Promise<void> {
  const [keep, drop] = stored.remembered ? [apiKeyItem, sessionApiKeyItem] : [sessionApiKeyItem, apiKeyItem];
  await drop.removeValue();
  await keep.setValue(stored.record);
  await writeStatus(stored);
}

export async function eraseKey(): Promise<void> {
  // The copy first: no page may take a key for set once it is being forgotten.
  await writeStatus(null);
  await Promise.all([apiKeyItem.removeValue(), sessionApiKeyItem.removeValue()]);
}

/** The pages' copy of the status: in the key's own area, and in the other one never. */
async function writeStatus(stored: StoredKey | null): Promise<void> {
  const [keep, drop] = statusItems(stored);
  await Promise.all([drop.removeValue(), stored ? keep.setValue(setKeyStatus(stored)) : keep.removeValue()]);
}

const statusItems = (stored: StoredKey | null) => (stored?.remembered === false ? ([sessionKeyStatusItem, keyStatusItem] as const) : ([keyStatusItem, sessionKeyStatusItem] as const));

function setKeyStatus({ record, remembered }: StoredKey) {
  return { set: true as const, last4: record.key.slice(-4), baseUrl: record.baseUrl, remembered, unverified: record.unverified };
}

/** What a page may know about the stored key. */
export function keyStatus(stored: StoredKey | null): KeyStatus {
  return stored ? setKeyStatus(stored) : { set: false };
}
