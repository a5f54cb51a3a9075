import { describe, expect, it } from 'vitest';
import { isTrafficLow, LOW_TRAFFIC_SHARE } from './low-traffic.ts';

describe('isTrafficLow', () => {
  it('is low under the share of the effective total, not at it', () => {
    expect(LOW_TRAFFIC_SHARE).toBe(0.1);
    expect(isTrafficLow({ effective: 9, effective_total: 100 })).toBe(true);
    expect(isTrafficLow({ effective: 10, effective_total: 100 })).toBe(false);
    expect(isTrafficLow({ effective: 0, effective_total: 100 })).toBe(true);
  });

  it('is not low without any effective package', () => {
    expect(isTrafficLow({ effective: 0, effective_total: 0 })).toBe(false);
  });
});
