/**
 * Every user-facing string comes from `_locales/<lang>/messages.json` through the browser's i18n, in
 * the browser's language. Keys are typed from the English file by `wxt prepare`.
 */
import { browser } from 'wxt/browser';

/** A key of `_locales/en/messages.json`. */
export type MessageKey = Parameters<typeof browser.i18n.getMessage>[0];
/** Looks a message up with positional substitutions (`$1`…). */
export type Translate = (key: MessageKey, substitutions?: string[]) => string;

/** The message for `key`, with `$1`… replaced by `substitutions`. */
export const t = (key: MessageKey, ...substitutions: (string | number)[]): string => browser.i18n.getMessage(key, substitutions.map(String));

/** The browser's UI language, for `Intl` formatting. */
export const uiLanguage = (): string => browser.i18n.getUILanguage();
