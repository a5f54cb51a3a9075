import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { installMessages } from '../../test/helpers/i18n.ts';
import { tCount } from './i18n.ts';

/** The languages the product ships: English first, Chinese, then those of the provider's own site. */
const LOCALES = ['en', 'zh_CN', 'zh_TW', 'id', 'hi', 'ru', 'vi', 'de', 'pt_BR'];

const localesDir = fileURLToPath(new URL('../../public/_locales/', import.meta.url));
const read = (locale: string) => JSON.parse(readFileSync(`${localesDir}${locale}/messages.json`, 'utf8')) as Record<string, { message: string }>;
const placeholders = (text: string) => [...new Set(text.match(/\$\d/g) ?? [])].sort();
const english = read('en');
/** `zh_CN` → `zh-CN`: the BCP 47 tag `Intl` takes for a `_locales` folder. */
const languageTag = (locale: string) => locale.replace('_', '-');

/** A family is a `<base>_other` of English, with one message per plural category. */
const PLURAL_KEY = /^(.+)_(zero|one|two|few|many|other)$/;
const familyBases = new Set(Object.keys(english).flatMap((key) => (key.endsWith('_other') ? [key.slice(0, -'_other'.length)] : [])));
const familyOf = (key: string) => {
  const base = PLURAL_KEY.exec(key)?.[1];
  return base !== undefined && familyBases.has(base) ? base : undefined;
};
const singleKeys = Object.keys(english).filter((key) => familyOf(key) === undefined);

describe('locales', () => {
  it('are exactly the nine the product ships', () => {
    expect(readdirSync(localesDir).sort()).toEqual([...LOCALES].sort());
  });

  it.each(LOCALES)('%s names its own language for the plural rules', (locale) => {
    expect(read(locale).messagesLanguage?.message).toBe(languageTag(locale));
  });

  it.each(LOCALES)('%s has English’s keys, each plural family in exactly its language’s categories, with the same placeholders', (locale) => {
    const messages = read(locale);
    const categories = new Intl.PluralRules(languageTag(locale)).resolvedOptions().pluralCategories;
    const familyKeys = [...familyBases].flatMap((base) => categories.map((category) => `${base}_${category}`));
    expect(Object.keys(messages).sort()).toEqual([...singleKeys, ...familyKeys].sort());
    for (const [key, { message }] of Object.entries(messages)) {
      const family = familyOf(key);
      const reference = english[family === undefined ? key : `${family}_other`]!.message;
      expect(message.trim(), `${locale} ${key}`).not.toBe('');
      expect(placeholders(message), `${locale} ${key}`).toEqual(placeholders(reference));
    }
  });

  it('English has a one and an other form for every plural family', () => {
    expect(familyBases.size).toBeGreaterThan(0);
    for (const base of familyBases) expect(Object.keys(english).filter((key) => familyOf(key) === base).sort(), base).toEqual([`${base}_one`, `${base}_other`]);
  });

  it.each(LOCALES)('%s has no "(s)" plurals', (locale) => {
    expect(Object.values(read(locale)).filter(({ message }) => message.includes('(s)'))).toEqual([]);
  });

  // English words that may follow a placeholder outside a plural family: verbs, prepositions,
  // adverbs and units. Any other word after a number is a counted noun ("$1 packages"), which needs a family.
  const NOT_COUNTED = new Set(['of', 'to', 'for', 'is', 'was', 'has', 'may', 'did', 'refused', 'before', 'earns', 'extra', 'more', 'left', 'GB']);
  it('counts nouns through plural families only', () => {
    const counted = singleKeys.flatMap((key) =>
      [...english[key]!.message.matchAll(/\$\d (\p{L}+(?:\(s\))?)/gu)].filter(([, word]) => !NOT_COUNTED.has(word!)).map(([phrase]) => `${key}: ${phrase}`),
    );
    expect(counted).toEqual([]);
  });
});

describe('tCount', () => {
  beforeEach(() => fakeBrowser.reset());

  it.each([
    ['en', 1, '1 package'],
    ['en', 2, '2 packages'],
    ['en', 0, '0 packages'],
    ['en', 1234, '1,234 packages'],
    ['ru', 1, '1 пакет'],
    ['ru', 2, '2 пакета'],
    ['ru', 5, '5 пакетов'],
    ['ru', 11, '11 пакетов'],
    ['ru', 21, '21 пакет'],
    ['ru', 22, '22 пакета'],
    ['ru', 1.5, '1,5 пакета'],
    ['ru', 1000, '1\u00a0000 пакетов'],
    ['pt_BR', 0, '0 pacote'],
    ['pt_BR', 1, '1 pacote'],
    ['pt_BR', 2, '2 pacotes'],
    ['pt_BR', 1_000_000, '1.000.000 pacotes'],
    ['de', 1, '1 Paket'],
    ['de', 3, '3 Pakete'],
    ['hi', 0, '0 पैकेज'],
    ['zh_CN', 1, '1 个套餐'],
  ])('%s: %s → %s', (locale, count, text) => {
    installMessages(locale);
    expect(tCount('dashboard_summaryPackages', count)).toBe(text);
  });

  it('puts the other substitutions after the count', () => {
    installMessages('en');
    expect(tCount('warning_expiring', 1, 'Dynamic residential', '3 GB')).toBe('Dynamic residential: 1 package expires within 7 days, with 3 GB of traffic left. Use it or renew in time.');
  });

  it('follows the English plural rules when a browser in another language shows English messages', () => {
    // Ukrainian puts 21 in its "one" category and French puts 0 there: neither is English's singular.
    installMessages('en', 'uk');
    expect(tCount('dashboard_summaryPackages', 21)).toBe('21 packages');
    expect(tCount('dashboard_summaryPackages', 1000)).toBe('1\u00a0000 packages');
    installMessages('en', 'fr');
    expect(tCount('dashboard_summaryPackages', 0)).toBe('0 packages');
  });

  it('takes only the bases of plural families', () => {
    expectTypeOf(tCount).toBeCallableWith('popup_addedAccounts', 2);
    // @ts-expect-error a message without plural forms
    expectTypeOf(tCount).toBeCallableWith('popup_add', 2);
    // @ts-expect-error a single form of a family, not its base
    expectTypeOf(tCount).toBeCallableWith('popup_addedAccounts_one', 2);
  });
});
