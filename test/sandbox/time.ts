// Time formatting as the provider shows it. The provider is in China, so "YYYY-MM-DD HH:mm:ss" strings
// are rendered in UTC+8 (Beijing time, no DST); order timestamps are ISO 8601 UTC like the document's example.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const BEIJING_OFFSET = 8 * HOUR;

/** "YYYY-MM-DD HH:mm:ss" in Beijing time. */
export function formatDateTime(ms: number): string {
  return new Date(ms + BEIJING_OFFSET).toISOString().slice(0, 19).replace('T', ' ');
}

/** "YYYY-MM-DD" in Beijing time. */
export function formatDay(ms: number): string {
  return new Date(ms + BEIJING_OFFSET).toISOString().slice(0, 10);
}

/** "2019-08-24T14:15:22Z", the order endpoints' format. */
export function formatIso(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** "YYYYMMDDHHmmss" in Beijing time: the first 14 digits of a trade number. */
export function compactStamp(ms: number): string {
  return formatDateTime(ms).replace(/\D/g, '');
}

/** Midnight (Beijing) of the day containing ms. */
export function startOfDay(ms: number): number {
  return Math.floor((ms + BEIJING_OFFSET) / DAY) * DAY - BEIJING_OFFSET;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** Parses a strict "YYYY-MM-DD HH:mm:ss" (Beijing time); undefined when malformed or not a real date. */
export function parseDateTime(text: string): number | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  // The regex guarantees six numeric groups.
  const [y, mo, d, h, mi, s] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - BEIJING_OFFSET;
  // Round-tripping rejects 2024-02-30 and 25:00:00, which Date.UTC would silently roll over.
  return formatDateTime(ms) === text ? ms : undefined;
}
