/**
 * Human units through `Intl`, in the browser's language: traffic from the API's KB and GB, numbers,
 * and the API's `YYYY-MM-DD HH:mm:ss` times.
 */
import { uiLanguage } from './i18n.ts';

const UNITS = ['kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const;

/** Formatters by language and options: making one costs far more than using one, and a list row formats several numbers. */
const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(language: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const id = JSON.stringify([language, options]);
  let formatter = formatters.get(id);
  if (!formatter) formatters.set(id, (formatter = new Intl.NumberFormat(language, options)));
  return formatter;
}

/** 1536 → "1.5 MB": the largest unit that keeps the number at 1 or more (1024-based, as the API counts). */
export function formatTraffic(kilobytes: number, language = uiLanguage()): string {
  let value = Math.max(0, kilobytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return numberFormat(language, { style: 'unit', unit: UNITS[unit], maximumFractionDigits: value < 10 ? 2 : 1 }).format(value);
}

export const formatNumber = (value: number, language = uiLanguage()): string => numberFormat(language).format(value);

/** The API's `YYYY-MM-DD[ HH:mm[:ss]]` time text as a local date; undefined when it is not one. */
export function parseApiTime(text: string): { date: Date; withTime: boolean } | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour = '0', minute = '0', second = '0'] = match.slice(1) as string[];
  return { date: new Date(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)), withTime: match[4] !== undefined };
}

/** The API's local time text as the user's date and time; the text itself when it is not one. */
export function formatApiTime(text: string, language = uiLanguage()): string {
  const parsed = parseApiTime(text);
  if (!parsed) return text;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', ...(parsed.withTime && { timeStyle: 'short' }) }).format(parsed.date);
}
