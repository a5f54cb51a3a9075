/**
 * An account's status has one pair of words in every language (the list's badges, the details and the
 * status filter all use `popup_enabled` / `popup_disabled`), and they read as a state, never as the
 * Enable / Disable buttons beside them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const localesDir = fileURLToPath(new URL('../../public/_locales/', import.meta.url));
const locales = readdirSync(localesDir);
const read = (locale: string) => JSON.parse(readFileSync(`${localesDir}${locale}/messages.json`, 'utf8')) as Record<string, { message: string }>;

describe('the words for an account’s status', () => {
  it.each(locales)('%s: the states Enabled and Disabled differ from each other and from the actions Enable and Disable', (locale) => {
    const words = Object.fromEntries(['popup_enabled', 'popup_disabled', 'popup_enable', 'popup_disable'].map((key) => [key, read(locale)[key]?.message]));
    expect(new Set(Object.values(words)).size, JSON.stringify(words)).toBe(4);
  });
});
