/**
 * The usage chart's date range: presets counted back from today, or two dates the user picked, turned
 * into the API's `YYYY-MM-DD HH:mm:ss` bounds and into the list of days the chart shows. Days are
 * local calendar days as `YYYY-MM-DD` strings, which sort and compare as text.
 */

/** The preset lengths the range picker offers, in days (today included). */
export const RANGE_PRESETS = [7, 30, 90] as const;
/** The longest range the API answers (the sandbox, like the provider, refuses more than a year). */
export const MAX_RANGE_DAYS = 366;

/** An inclusive range of local calendar days. */
export interface DayRange {
  from: string;
  to: string;
}

/** Why a custom range cannot be asked for. */
export type RangeProblem = 'invalid' | 'end-before-start' | 'too-long';

const DAY_MS = 86_400_000;
const DAY_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A local date as `YYYY-MM-DD`. */
export function dayOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `YYYY-MM-DD` as a day number (UTC-based, so daylight-saving changes never skip or repeat a day). */
function dayNumber(day: string): number | undefined {
  const match = DAY_TEXT.exec(day);
  if (!match) return undefined;
  const [year, month, date] = match.slice(1).map(Number) as [number, number, number];
  const ms = Date.UTC(year, month - 1, date);
  const check = new Date(ms);
  // Rejects dates that do not exist (2024-02-30 would roll over into March).
  return check.getUTCMonth() === month - 1 && check.getUTCDate() === date ? ms / DAY_MS : undefined;
}

function dayFromNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The last `days` days, today included. */
export function presetRange(days: number, today: Date): DayRange {
  const to = dayOf(today);
  return { from: dayFromNumber((dayNumber(to) ?? 0) - (days - 1)), to };
}

/** What is wrong with a custom range, or undefined when it can be asked for. */
export function rangeProblem({ from, to }: DayRange): RangeProblem | undefined {
  const start = dayNumber(from);
  const end = dayNumber(to);
  if (start === undefined || end === undefined) return 'invalid';
  if (end < start) return 'end-before-start';
  return end - start + 1 > MAX_RANGE_DAYS ? 'too-long' : undefined;
}

/** The API's bounds for the range: the first day's first second to the last day's last second. */
export function usageTimes({ from, to }: DayRange): { startTime: string; endTime: string } {
  return { startTime: `${from} 00:00:00`, endTime: `${to} 23:59:59` };
}

/** Every day of a valid range, in order. */
export function daysOf(range: DayRange): string[] {
  const start = dayNumber(range.from);
  const end = dayNumber(range.to);
  if (start === undefined || end === undefined || end < start) return [];
  return Array.from({ length: end - start + 1 }, (_, i) => dayFromNumber(start + i));
}

/**
 * One figure per day of the range, in order: the API leaves out days without traffic (and may name
 * a day with a time), so every day is filled in, with 0 where the API said nothing.
 */
export function fillDays(range: DayRange, answer: readonly { day: string; flow: number }[]): { day: string; flow: number }[] {
  const byDay = new Map<string, number>();
  for (const { day, flow } of answer) {
    const key = day.slice(0, 10);
    byDay.set(key, (byDay.get(key) ?? 0) + flow);
  }
  return daysOf(range).map((day) => ({ day, flow: byDay.get(day) ?? 0 }));
}
