/** An account's traffic as the pages show it: its usage against its limit. */
import type { Account } from '../background/api/schemas.ts';

const KB_PER_GB = 1024 * 1024;

export interface AccountUsage {
  usedKb: number;
  /** Undefined when the account has no cap (limit_flow 0). */
  limitKb?: number;
  /** Used share of the cap, 0…1 (capped at 1: accounting lags, so usage can overshoot); 0 without a cap. */
  ratio: number;
}

/** usage_flow is KB, limit_flow is GB with 0 meaning no cap. */
export function accountUsage(account: Pick<Account, 'usage_flow' | 'limit_flow'>): AccountUsage {
  const usedKb = Math.max(0, account.usage_flow);
  if (!(account.limit_flow > 0)) return { usedKb, ratio: 0 };
  const limitKb = account.limit_flow * KB_PER_GB;
  return { usedKb, limitKb, ratio: Math.min(1, usedKb / limitKb) };
}
