import { describe, expect, it } from 'vitest';
import { medianInterval } from './stats.ts';

describe('medianInterval', () => {
  it('is the 6th and the 15th of 20 samples at 95 %, holding the median 95.9 % of the time', () => {
    const samples = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(medianInterval(samples)).toEqual({ low: 6, high: 15, coverage: expect.closeTo(0.9586, 4) });
  });

  it('holds the median of a known distribution as often as it says', () => {
    // A fixed 32-bit linear congruential sequence (Numerical Recipes' constants): deterministic, uniform on 0..1, median 0.5.
    let seed = 12345;
    const uniform = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    let held = 0;
    const runs = 2000;
    for (let run = 0; run < runs; run++) {
      const { low, high } = medianInterval(Array.from({ length: 20 }, uniform));
      if (low <= 0.5 && 0.5 <= high) held++;
    }
    expect(held / runs).toBeGreaterThan(0.94);
    expect(held / runs).toBeLessThan(0.98);
  });

  it('takes all the samples when there are too few, and says how rarely they hold the median', () => {
    expect(medianInterval([3])).toEqual({ low: 3, high: 3, coverage: 0 });
    expect(medianInterval([4, 1, 9])).toEqual({ low: 1, high: 9, coverage: 0.75 });
    expect(medianInterval([])).toMatchObject({ coverage: 0 });
  });
});
