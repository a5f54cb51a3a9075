import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The languages the product ships: English first, Chinese, then those of the provider's own site. */
const LOCALES = ['en', 'zh_CN', 'zh_TW', 'id', 'hi', 'ru', 'vi', 'de', 'pt_BR'];

const localesDir = fileURLToPath(new URL('../public/_locales/', import.meta.url));
const read = (locale: string) => JSON.parse(readFileSync(`${localesDir}${locale}/messages.json`, 'utf8')) as Record<string, { message: string }>;
const placeholders = (text: string) => [...new Set(text.match(/\$\d/g) ?? [])].sort();
const english = read('en');

describe('locales', () => {
  it('are exactly the nine the product ships', () => {
    expect(readdirSync(localesDir).sort()).toEqual([...LOCALES].sort());
  });

  it.each(LOCALES.filter((locale) => locale !== 'en'))('%s has every English key, no other, with the same placeholders', (locale) => {
    const messages = read(locale);
    expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
    for (const [key, { message }] of Object.entries(english)) {
      const translated = messages[key]?.message ?? '';
      expect(translated.trim(), `${locale} ${key}`).not.toBe('');
      expect(placeholders(translated), `${locale} ${key}`).toEqual(placeholders(message));
    }
  });
});
