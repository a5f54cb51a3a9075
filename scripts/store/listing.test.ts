/**
 * The store listings in every locale: within the stores' limits, every text present and translated,
 * one justification per permission the packages ask for (which is the README's table), and the
 * privacy paragraph naming the third party the exit check goes to.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../lib/background/settings.ts';
import { extensionLocales, LIMITS, listingLocales, readListing, SCREENSHOTS } from './listing.ts';
import { askedPermissions, declaredManifest, readRepoFile } from './manifest.ts';
import { justifiedPermissions } from './permissions.ts';

const locales = extensionLocales();
const english = readListing('en');

it('has a listing for every locale of the extension, and for no other', () => {
  expect(locales.length).toBe(9);
  expect(listingLocales()).toEqual(locales);
});

it('justifies the permissions that the README justifies, which the packages ask for', async () => {
  const asked = new Set([...(await askedPermissions('chrome')), ...(await askedPermissions('firefox'))]);
  const readme = justifiedPermissions(readRepoFile('README.md')).map((row) => row.permission);
  expect([...asked].sort()).toEqual([...readme].sort());
  expect(Object.keys(english.permissions).sort()).toEqual([...readme].sort());
});

it('claims no Firefox for Android, whose phone-sized pages do not exist yet', async () => {
  expect((await declaredManifest('firefox')).browser_specific_settings?.gecko_android).toBeUndefined();
});

describe.each(locales)('the %s listing', (locale) => {
  const listing = readListing(locale);

  it('keeps within the stores’ limits', () => {
    expect(listing.name.length).toBeGreaterThan(0);
    expect(listing.name.length).toBeLessThanOrEqual(LIMITS.name);
    expect(listing.summary.length).toBeGreaterThan(20);
    expect(listing.summary.length).toBeLessThanOrEqual(LIMITS.summary);
    expect(listing.description.length).toBeGreaterThan(400);
    expect(listing.description.length).toBeLessThanOrEqual(LIMITS.description);
    for (const field of [listing.singlePurpose, ...Object.values(listing.permissions)]) expect(field.length).toBeLessThanOrEqual(LIMITS.reviewField);
    for (const caption of Object.values(listing.screenshots)) expect(caption.length).toBeLessThanOrEqual(LIMITS.caption);
  });

  it('has every text: a justification per permission and a caption per screenshot', () => {
    expect(Object.keys(listing.permissions).sort()).toEqual(Object.keys(english.permissions).sort());
    expect(Object.keys(listing.screenshots).sort()).toEqual([...SCREENSHOTS].sort());
  });

  it('tells the user, in the description, that the exit check goes to a third party, and which', () => {
    expect(listing.description).toContain(new URL(DEFAULT_SETTINGS.exitCheckUrl).hostname);
    expect(listing.description).toContain('app_key');
  });
});

describe.each(locales.filter((locale) => locale !== 'en'))('the %s listing', (locale) => {
  it('is translated: no text is the English one', () => {
    const listing = readListing(locale);
    const pairs: [string, string][] = [
      [listing.summary, english.summary],
      [listing.description, english.description],
      [listing.singlePurpose, english.singlePurpose],
      ...Object.entries(listing.permissions).map(([permission, why]): [string, string] => [why, english.permissions[permission]!]),
      ...SCREENSHOTS.map((name): [string, string] => [listing.screenshots[name]!, english.screenshots[name]!]),
    ];
    for (const [translated, original] of pairs) expect(translated).not.toBe(original);
  });
});
