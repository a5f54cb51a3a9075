/** System notifications, for what the background has to say when no page is open to say it. */
import { browser } from 'wxt/browser';

/** Notifications need an icon (Chrome shows none without one). */
const NOTIFICATION_ICON = '/icon/128.png';

/** Shows a notification; one shown later with the same `id` replaces it. */
export async function notify(id: string, title: string, message: string): Promise<void> {
  // A browser without the notifications API shows none; what was to be said is lost, nothing breaks.
  await browser.notifications?.create(id, { type: 'basic', iconUrl: NOTIFICATION_ICON, title, message });
}
