/**
 * fakeBrowser does not implement `i18n.getMessage` or `i18n.getUILanguage`; these install ones that
 * read the real `_locales` messages, with Chrome's `$1`…`$9` substitutions, so tests see the
 * sentences users see, in any of the shipped languages.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fakeBrowser } from 'wxt/testing';

type Messages = Record<string, { message: string }>;

const localesDir = new URL('../../public/_locales/', import.meta.url);
const loaded = new Map<string, Messages>();
function messagesOf(locale: string): Messages {
  let messages = loaded.get(locale);
  if (!messages) loaded.set(locale, (messages = JSON.parse(readFileSync(fileURLToPath(new URL(`${locale}/messages.json`, localesDir)), 'utf8')) as Messages));
  return messages;
}

/** Looks `key` up in `locale`'s messages (a `_locales` folder), then in English's as browsers do; '' for an unknown key. */
export function localeMessage(locale: string, key: string, substitutions?: string | string[]): string {
  const text = messagesOf(locale)[key]?.message ?? messagesOf('en')[key]?.message ?? '';
  const values = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
  return text.replace(/\$(\d)/g, (_, index: string) => values[Number(index) - 1] ?? '');
}

/** Looks `key` up in the English messages; '' for an unknown key. */
export const englishMessage = (key: string, substitutions?: string | string[]): string => localeMessage('en', key, substitutions);

/**
 * Makes the browser speak `locale`: its messages, and `uiLanguage` as the browser's language, by
 * default the locale's own (`zh_CN` → `zh-CN`). A browser in a language the extension does not ship
 * shows English messages: `installMessages('en', 'uk')`. Call after `fakeBrowser.reset()`.
 */
export function installMessages(locale: string, uiLanguage = locale.replace('_', '-')): void {
  fakeBrowser.i18n.getMessage = ((key: string, substitutions?: string | string[]) => localeMessage(locale, key, substitutions)) as typeof fakeBrowser.i18n.getMessage;
  fakeBrowser.i18n.getUILanguage = () => uiLanguage;
}

/** English messages in an English browser. Call after `fakeBrowser.reset()`. */
export const installEnglishMessages = (): void => installMessages('en');
