/**
 * Every user-facing string comes from `_locales/<lang>/messages.json` through the browser's i18n, in
 * the browser's language. Keys are typed from the English file by `wxt prepare`.
 */
import { browser } from 'wxt/browser';

/** A key of `_locales/en/messages.json`. */
export type MessageKey = Parameters<typeof browser.i18n.getMessage>[0];

/** The message for `key`, with `$1`… replaced by `substitutions`. */
export const t = (key: MessageKey, ...substitutions: (string | number)[]): string => browser.i18n.getMessage(key, substitutions.map(String));

/** The browser's UI language, for `Intl` formatting. */
export const uiLanguage = (): string => browser.i18n.getUILanguage();

/**
 * A message that depends on a number is written once per plural category of each locale
 * (`<base>_one`, `<base>_other`, and `_few`, `_many` where the language has them, as
 * `Intl.PluralRules` names them); this is the `<base>` of such a family.
 */
export type PluralBase = MessageKey extends infer Key ? (Key extends `${infer Base}_other` ? Base : never) : never;

/**
 * The language the messages are written in (each locale's `messagesLanguage`). It is not always the
 * UI language: a browser in a language the extension does not ship shows English messages, and those
 * need English's plural rules (Ukrainian's would pick "21 package").
 */
const messagesLanguage = (): string => t('messagesLanguage');

let counting: { languages: string; rules: Intl.PluralRules; numbers: Intl.NumberFormat } | undefined;
function countingFor(messages: string, ui: string) {
  const languages = `${messages} ${ui}`;
  if (counting?.languages !== languages) counting = { languages, rules: new Intl.PluralRules(messages), numbers: new Intl.NumberFormat(ui) };
  return counting;
}

/**
 * The form of `base` that the messages' language uses for `count`, with `$1` the count as the UI
 * language writes numbers and `$2`… the other substitutions.
 */
export function tCount(base: PluralBase, count: number, ...substitutions: (string | number)[]): string {
  const { rules, numbers } = countingFor(messagesLanguage(), uiLanguage());
  // Only `_other` (and English's `_one`) are typed keys: the other categories exist only in the locales that have them.
  return t(`${base}_${rules.select(count)}` as MessageKey, numbers.format(count), ...substitutions);
}
