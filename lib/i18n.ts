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

/**
 * A message that depends on a number is written once per plural category of each locale
 * (`<base>_one`, `<base>_other`, and `_few`, `_many` where the language has them, as
 * `Intl.PluralRules` names them); this is the `<base>` of such a family.
 */
export type PluralBase = MessageKey extends infer Key ? (Key extends `${infer Base}_other` ? Base : never) : never;

let pluralRules: { language: string; rules: Intl.PluralRules; numbers: Intl.NumberFormat } | undefined;
function rulesFor(language: string) {
  if (pluralRules?.language !== language) pluralRules = { language, rules: new Intl.PluralRules(language), numbers: new Intl.NumberFormat(language) };
  return pluralRules;
}

/**
 * The form of `base` that the UI language uses for `count`, with `$1` the count as the language
 * writes numbers and `$2`… the other substitutions.
 */
export function tCount(base: PluralBase, count: number, ...substitutions: (string | number)[]): string {
  const { rules, numbers } = rulesFor(uiLanguage());
  const values = [numbers.format(count), ...substitutions.map(String)];
  const exact = browser.i18n.getMessage(`${base}_${rules.select(count)}` as MessageKey, values);
  return exact || browser.i18n.getMessage(`${base}_other` as MessageKey, values);
}
