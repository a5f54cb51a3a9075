/**
 * Where the app_key lives: `local:apiKey` when remembered on this device, else only `session:apiKey`
 * (gone when the browser closes). Never `storage.sync`. Only the background reads these items; the
 * pages learn a `KeyStatus`, which never holds the key.
 */
import type { KeyStatus } from '../messaging.ts';
import { apiKeyItem, sessionApiKeyItem, type ApiKeyRecord } from '../storage.ts';

export interface StoredKey {
  record: ApiKeyRecord;
  /** Kept in local storage (true) or in session storage only (false). */
  remembered: boolean;
}

/** The stored key, if any; a session key wins, though saving one always removes the other. */
export async function readKey(): Promise<StoredKey | null> {
  const [session, local] = await Promise.all([sessionApiKeyItem.getValue(), apiKeyItem.getValue()]);
  if (session) return { record: session, remembered: false };
  return local ? { record: local, remembered: true } : null;
}

/** Stores `record` in the one place `remembered` asks for and removes it from the other. */
export async function saveKey({ record, remembered }: StoredKey): Promise<void> {
  const [keep, drop] = remembered ? [apiKeyItem, sessionApiKeyItem] : [sessionApiKeyItem, apiKeyItem];
  await drop.removeValue();
  await keep.setValue(record);
}

export async function eraseKey(): Promise<void> {
  await Promise.all([apiKeyItem.removeValue(), sessionApiKeyItem.removeValue()]);
}

/** What a page may know about the stored key. */
export function keyStatus(stored: StoredKey | null): KeyStatus {
  if (!stored) return { set: false };
  const { record, remembered } = stored;
  return { set: true, last4: record.key.slice(-4), baseUrl: record.baseUrl, remembered, unverified: record.unverified };
}
