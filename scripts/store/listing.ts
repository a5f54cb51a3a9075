/**
 * The store listings: one file per locale in scripts/store/listings/ (the long description, Chrome's
 * single purpose, a justification per permission, a caption per screenshot), beside the name and the
 * short description, which both stores take from the extension's own `_locales` (extName,
 * extDescription). `npm run screenshots` writes the screenshots named here to SCREENSHOTS_DIR.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from '../../lib/background/zod.ts';
import { readRepoFile, REPO_ROOT } from './manifest.ts';

/** Where `npm run screenshots` writes the store images, beside the packages (git-ignored, remade on demand). */
export const SCREENSHOTS_DIR = '.output/store-screenshots';

/** The pictures both stores get, each in a light and a dark version, 1280 × 800 (Chrome's size, AMO's largest). */
export const SCREENSHOTS = ['popup-connected', 'account-details', 'dashboard', 'options'] as const;
export const SCREENSHOT_THEMES = ['light', 'dark'] as const;
export const SCREENSHOT_SIZE = { width: 1280, height: 800 } as const;

/** The stores' limits, in characters. */
export const LIMITS = {
  /** AMO's name field (Chrome allows 75). */
  name: 50,
  /** Chrome's short description, the manifest's `description` (AMO's summary allows 250). */
  summary: 132,
  /** Chrome's detailed description. */
  description: 16_000,
  /** Each field of Chrome's privacy form: single purpose, one justification per permission. */
  reviewField: 1_000,
  /** A screenshot caption on AMO. */
  caption: 280,
} as const;

const text = z.string().check(z.trim(), z.minLength(1));
const listingFileSchema = z.strictObject({
  description: text,
  singlePurpose: text,
  /** Keyed by the permission as the README's table names it (`<all_urls>` for host access). */
  permissions: z.record(z.string(), text),
  screenshots: z.record(z.enum(SCREENSHOTS), text),
});

export type Listing = z.infer<typeof listingFileSchema> & { locale: string; name: string; summary: string };

/** The extension's locales (public/_locales), which the listings cover one for one. */
export const extensionLocales = (): string[] => readdirSync(path.join(REPO_ROOT, 'public/_locales')).sort();

/** The locales that have a listing file. */
export const listingLocales = (): string[] =>
  readdirSync(path.join(REPO_ROOT, 'scripts/store/listings'))
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();

/** The listing of `locale`: its file, validated, with the name and summary from `_locales`. */
export function readListing(locale: string): Listing {
  const file = listingFileSchema.parse(JSON.parse(readRepoFile(`scripts/store/listings/${locale}.json`)));
  const messages = JSON.parse(readRepoFile(`public/_locales/${locale}/messages.json`)) as Record<string, { message: string } | undefined>;
  return { ...file, locale, name: messages.extName?.message ?? '', summary: messages.extDescription?.message ?? '' };
}

/** The file name of a screenshot in SCREENSHOTS_DIR. */
export const screenshotFile = (name: (typeof SCREENSHOTS)[number], theme: (typeof SCREENSHOT_THEMES)[number]): string => `${name}-${theme}.png`;
