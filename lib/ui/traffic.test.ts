import { describe, expect, it } from 'vitest';
import { accountUsage, trafficWarning } from './traffic.ts';

describe('accountUsage', () => {
  it.each([
    [{ usage_flow: 524_288, limit_flow: 1 }, { usedKb: 524_288, limitKb: 1_048_576, ratio: 0.5 }],
    [{ usage_flow: 524_288, limit_flow: 0 }, { usedKb: 524_288, ratio: 0 }],
    // Accounting lags, so usage can pass the cap: the bar stays full, the number says the truth.
    [{ usage_flow: 2_097_152, limit_flow: 1 }, { usedKb: 2_097_152, limitKb: 1_048_576, ratio: 1 }],
  ])('%j', (account, usage) => {
    expect(accountUsage(account)).toEqual(usage);
  });
});

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
