import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT_COUNTS, parseBenchOptions } from './options.ts';

describe('parseBenchOptions', () => {
  it('measures everything on the build by default', () => {
    expect(parseBenchOptions([])).toEqual({ popupOnly: false, accountCounts: DEFAULT_ACCOUNT_COUNTS, opens: 20, buildDir: path.resolve('.output/chrome-mv3') });
  });

  it('takes the popup series alone, other counts, fewer opens and another build', () => {
    expect(parseBenchOptions(['--popup-only', '--accounts=0,10000', '--opens=8', '--build=/tmp/before'])).toEqual({ popupOnly: true, accountCounts: [0, 10_000], opens: 8, buildDir: '/tmp/before' });
  });

  it('says what a flag takes when its value is wrong', () => {
    expect(() => parseBenchOptions(['--accounts=ten'])).toThrow('--accounts takes whole numbers from 0, separated by commas (e.g. --accounts=0,10000); got "ten"');
    expect(() => parseBenchOptions(['--accounts=0,'])).toThrow('--accounts takes whole numbers');
    expect(() => parseBenchOptions(['--opens=0'])).toThrow('--opens takes a whole number from 1 (e.g. --opens=10); got "0"');
    expect(() => parseBenchOptions(['--fast'])).toThrow(/--fast/);
  });
});
