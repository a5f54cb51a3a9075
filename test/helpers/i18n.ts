/**
 * fakeBrowser does not implement `i18n.getMessage`; this installs one that reads the real English
 * messages, with Chrome's `$1`…`$9` substitutions, so tests see the sentences users see.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fakeBrowser } from 'wxt/testing';

type Messages = Record<string, { message: string }>;

const messages = JSON.parse(readFileSync(fileURLToPath(new URL('../../public/_locales/en/messages.json', import.meta.url)), 'utf8')) as Messages;

/** Looks `key` up in the English messages; '' for an unknown key, as browsers do. */
export function englishMessage(key: string, substitutions?: string | string[]): string {
  const text = messages[key]?.message ?? '';
  const values = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
  return text.replace(/\$(\d)/g, (_, index: string) => values[Number(index) - 1] ?? '');
}

/** Call after `fakeBrowser.reset()`. */
export function installEnglishMessages(): void {
  fakeBrowser.i18n.getMessage = englishMessage as typeof fakeBrowser.i18n.getMessage;
}
