/**
 * The command line of `npm run bench` (after `--`): what to measure, so that one series can be run on
 * its own while a change is being tried, and on which build.
 *
 * - `--popup-only`: the popup's warm and cold opens (and the bundle sizes), nothing else.
 * - `--accounts=0,10000`: the account counts measured (default 0, 1,000 and 10,000).
 * - `--opens=10`: opens of each kind per count (default 20).
 * - `--build=DIR`: an unpacked Chrome build to measure instead of `.output/chrome-mv3` (e.g. a copy of
 *   an earlier build, to run before and after back to back on the same machine state).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';

export interface BenchOptions {
  popupOnly: boolean;
  accountCounts: readonly number[];
  opens: number;
  buildDir: string;
}

export const DEFAULT_ACCOUNT_COUNTS = [0, 1_000, 10_000] as const;
const DEFAULT_OPENS = 20;

function accountCounts(text: string): number[] {
  const parts = text.split(',').map((part) => part.trim());
  const values = parts.map(Number);
  if (parts.some((part) => part === '') || values.some((value) => !Number.isInteger(value) || value < 0)) throw new Error(`--accounts takes whole numbers from 0, separated by commas (e.g. --accounts=0,10000); got "${text}"`);
  return values;
}

function opens(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--opens takes a whole number from 1 (e.g. --opens=10); got "${text}"`);
  return value;
}

export function parseBenchOptions(args: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...args],
    options: { 'popup-only': { type: 'boolean' }, accounts: { type: 'string' }, opens: { type: 'string' }, build: { type: 'string' } },
    strict: true,
  });
  return {
    popupOnly: values['popup-only'] ?? false,
    accountCounts: values.accounts === undefined ? DEFAULT_ACCOUNT_COUNTS : accountCounts(values.accounts),
    opens: values.opens === undefined ? DEFAULT_OPENS : opens(values.opens),
    buildDir: path.resolve(values.build ?? '.output/chrome-mv3'),
  };
}
