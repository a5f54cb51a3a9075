/**
 * The document's input rules, as zod schemas shared by every endpoint module and by the pages (which
 * explain the same rules inline before anything is sent). A value that fails them never leaves the
 * client: `checkParams` throws an `invalid-input` ApiError naming the field.
 */
import { z } from '../zod.ts';
import { ApiError } from './api-error.ts';
import { ALNUM, EXTRACT_MAX, LIMIT_MAX_GB, REMARK_MAX_COLUMNS, STICKY_MAX_MINUTES, textColumns } from '../../shared/input-limits.ts';

export const accountName = z.string().check(z.regex(ALNUM, 'letters and digits only'));
export const accountPassword = z.string().check(z.regex(ALNUM, 'letters and digits only'));

export const remark = z
  .string()
  .check(z.refine((text) => textColumns(text) <= REMARK_MAX_COLUMNS, `at most ${REMARK_MAX_COLUMNS} columns (32 CJK characters)`));

export const limitGb = z.number().check(z.int('a whole number of GB'), z.gte(0), z.lte(LIMIT_MAX_GB));

/** A list of names sent comma-joined; at least one, no repeats (a repeat is always a typing mistake). */
export const nameBatch = z
  .array(accountName)
  .check(
    z.minLength(1, 'at least one account'),
    z.refine((names) => new Set(names).size === names.length, 'an account is listed twice'),
  );

export const credentialBatch = z
  .array(z.object({ username: accountName, password: accountPassword }))
  .check(
    z.minLength(1, 'at least one account'),
    z.refine((list) => new Set(list.map((a) => a.username)).size === list.length, 'an account is listed twice'),
  );

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** `YYYY-MM-DD HH:mm:ss`, and a date that exists (no 2024-02-30). */
export const dateTime = z.string().check(
  z.refine((text) => {
    const match = DATE_TIME.exec(text);
    if (!match) return false;
    const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
    return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
  }, 'a time as YYYY-MM-DD HH:mm:ss'),
);

/** Formats a local time the way the API wants it. */
export function formatDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** Product types are open-ended: unknown values are passed through, never refused. */
export const productType = z.number().check(z.int());
export const positiveInt = z.number().check(z.int(), z.gte(1));
export const countryCode = z.string().check(z.regex(/^[A-Za-z]{2}$/, 'a two-letter country code'));
export const nonEmpty = z.string().check(z.trim(), z.minLength(1, 'required'));
export const extractCount = z.number().check(z.int(), z.gte(1), z.lte(EXTRACT_MAX));
export const stickyMinutes = z.number().check(z.int(), z.gte(1), z.lte(STICKY_MAX_MINUTES));

/**
 * Validates `params` against `schema`, or throws `invalid-input` for the first failing field.
 * Returns the parsed value, so defaults and transforms apply.
 */
export function checkParams<S extends z.ZodMiniType>(endpoint: string, schema: S, params: unknown): z.output<S> {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new ApiError('invalid-input', {
    endpoint,
    field: issue.path.join('.') || 'params',
    detail: issue.message,
  });
}
