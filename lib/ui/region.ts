/** Country names in the browser's language (Intl.DisplayNames), from the API's two-letter codes. */
import { uiLanguage } from '../shared/i18n.ts';

let names: Intl.DisplayNames | undefined;

/** "US" → "United States"; the fallback (or the code) when the browser does not know it. */
export function regionName(code: string, fallback = code): string {
  try {
    names ??= new Intl.DisplayNames([uiLanguage()], { type: 'region' });
    return names.of(code.toUpperCase()) ?? fallback;
  } catch {
    // Not a region code Intl accepts ("XK" on old engines, "ZZ", empty).
    return fallback;
  }
}
