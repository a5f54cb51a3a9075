/**
 * Notices for the user about things the background did on its own. Today one kind: a stored item the
 * user cares about was unreadable (a hand-edited profile, a bug in an old version) and has been reset
 * to its default, which lib/background/stored-item.ts reports. The cached lists are reset silently:
 * they are fetched again anyway. The pages read the notices with `getNotices` and follow the item; the
 * user's "dismiss" removes them (`dismissNotices`).
 */
import { z } from './zod.ts';
import type { MessageKey } from '../shared/i18n.ts';
import { STORAGE_KEYS } from '../shared/storage-keys.ts';
import { createSerialQueue } from './serial-queue.ts';
import { defineStoredItem, onStoredItemReset, type StoredItemKey } from './stored-item.ts';

/** One thing to tell the user (`messageKey` in `_locales`, e.g. `notice_settingsReset`), and since when (ms since the epoch). */
export const noticeSchema = z.object({ messageKey: z.string().check(z.minLength(1)), at: z.number() });
export type Notice = z.infer<typeof noticeSchema>;
export const noticesItem = defineStoredItem(STORAGE_KEYS.notices, z.array(noticeSchema), { fallback: [], version: 1 });

/** The message a page shows for each item worth telling the user about. */
export const RESET_NOTICES: Partial<Record<StoredItemKey, MessageKey>> = {
  [STORAGE_KEYS.settings]: 'notice_settingsReset',
  [STORAGE_KEYS.apiKey]: 'notice_keyReset',
  [STORAGE_KEYS.sessionApiKey]: 'notice_keyReset',
  [STORAGE_KEYS.connection]: 'notice_connectionReset',
};

/** Notices kept at most; the oldest go. */
const MAX_NOTICES = 10;

const queue = createSerialQueue();
let watching = false;

/** Adds a notice unless the same message is already waiting to be shown. */
export function addNotice(messageKey: MessageKey, at = Date.now()): Promise<void> {
  const write = queue.run(async () => {
    const notices = await noticesItem.getValue();
    if (notices.some((notice) => notice.messageKey === messageKey)) return;
    await noticesItem.setValue([...notices, { messageKey, at }].slice(-MAX_NOTICES));
  });
  write.catch((error: unknown) => console.error('[notices] could not store a notice', error instanceof Error ? error.name : typeof error));
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

/** The pages' requests: the notices waiting to be shown, and the user's "dismiss" of them. */
export const noticeHandlers = {
  getNotices: (): Promise<Notice[]> => noticesItem.getValue(),
  /** In the queue of the notices' writes, so that a notice added meanwhile is kept or removed whole. */
  dismissNotices(): Promise<void> {
    return queue.run(() => noticesItem.removeValue());
  },
};

/** Resolves when every notice asked for so far is stored (tests). */
export const noticesWritten = (): Promise<void> => queue.settled();
