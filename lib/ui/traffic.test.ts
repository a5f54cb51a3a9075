import { describe, expect, it } from 'vitest';
import { accountUsage } from './traffic.ts';

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
