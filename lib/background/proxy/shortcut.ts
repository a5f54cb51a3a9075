/**
 * The keyboard shortcut that switches the proxy on and off: it connects the last endpoint again or
 * disconnects, and since no page is open to say why it did nothing, a notification does.
 */
import { browser } from 'wxt/browser';
import { t } from '../../shared/i18n.ts';
import { toErrorAnswer } from '../error-answers.ts';
import { notify } from '../notification.ts';
import { ProxyError } from './proxy-service.ts';
import type { ProxyStatus } from './status.ts';

/** The shortcut's command, as the manifest's `commands` declare it. */
export const TOGGLE_COMMAND = 'toggle-proxy';

/** One notification for the shortcut, replaced by the next. */
export const SHORTCUT_NOTIFICATION = 'toggle-proxy';

/** Registers the command listener; `toggle` is the service's `toggleLast`. */
export function listenForToggleShortcut(toggle: () => Promise<ProxyStatus>): void {
  browser.commands?.onCommand.addListener((command) => {
    if (command === TOGGLE_COMMAND) void toggleFromShortcut(toggle);
  });
}

/** Toggles; a refusal the user can act on (nothing to switch back to, a disabled account) is notified. */
export async function toggleFromShortcut(toggle: () => Promise<ProxyStatus>): Promise<void> {
  try {
    await toggle();
  } catch (error) {
    if (error instanceof ProxyError) await notify(SHORTCUT_NOTIFICATION, t('commandToggleProxy'), toErrorAnswer(error).message);
  }
}
