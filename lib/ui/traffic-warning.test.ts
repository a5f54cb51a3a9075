import { describe, expect, it } from 'vitest';
import { trafficWarning } from './traffic-warning.ts';

describe('trafficWarning', () => {
  it.each([
    [{ effective: 500, effective_total: 1000, temporary: 0 }, undefined],
    [{ effective: 99, effective_total: 1000, temporary: 0 }, { low: true, expiringKb: 0 }],
    [{ effective: 500, effective_total: 1000, temporary: 200 }, { low: false, expiringKb: 200 }],
    [{ effective: 0, effective_total: 0, temporary: 0 }, undefined],
  ])('%j', (summary, warning) => {
    expect(trafficWarning(summary)).toEqual(warning);
  });
});
