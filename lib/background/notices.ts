/**
 * Notices for the user about things the background did on its own. Today one kind: a stored item the
 * user cares about (settings, the key, the connection) was unreadable (a hand-edited profile, a bug in
 * an old version) and has been reset to its default, which lib/background/storage.ts reports. The cached lists
 * are reset silently: they are fetched again anyway.
 */
import type { StorageItemKey } from 'wxt/utils/storage';
import type { MessageKey } from '../shared/i18n.ts';
import { noticesItem, onStoredItemReset } from './storage.ts';

/** The message a page shows for each item worth telling the user about. */
export const RESET_NOTICES: Partial<Record<StorageItemKey, MessageKey>> = {
  'local:settings': 'notice_settingsReset',
  'local:apiKey': 'notice_keyReset',
  'session:apiKey': 'notice_keyReset',
  'local:connection': 'notice_connectionReset',
};

/** Notices kept at most; the oldest go. */
const MAX_NOTICES = 10;

let queue: Promise<void> = Promise.resolve();
let watching = false;

/** Adds a notice unless the same message is already waiting to be shown. */
export function addNotice(messageKey: MessageKey, at = Date.now()): Promise<void> {
  const write = queue.then(async () => {
    const notices = await noticesItem.getValue();
    if (notices.some((notice) => notice.messageKey === messageKey)) return;
    await noticesItem.setValue([...notices, { messageKey, at }].slice(-MAX_NOTICES));
  });
  queue = write.catch((error: unknown) => console.error('[notices] could not store a notice', error instanceof Error ? error.name : typeof error));
  return write;
}

/** Starts recording a notice for every reset of an item in RESET_NOTICES; once per worker. */
export function recordStorageResets(): void {
  if (watching) return;
  watching = true;
  onStoredItemReset((key) => {
    const messageKey = RESET_NOTICES[key];
    if (messageKey) void addNotice(messageKey).catch(() => undefined);
  });
}

/** Resolves when every notice asked for so far is stored (tests). */
export const noticesWritten = (): Promise<void> => queue;
