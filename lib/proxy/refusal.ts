/**
 * Why the gateway refused a proxy account's login, from what the API says about the account: the
 * gateway itself only answers 407, whatever the reason.
 */
import { t } from '../i18n.ts';
import type { Account, PackageSummary } from '../api/schemas.ts';

const KB_PER_GB = 1024 * 1024;

/** A sentence naming the reason, or undefined when the API data shows nothing wrong. */
export function explainAccountRefusal(accountName: string, accounts: readonly Account[], summary?: PackageSummary): string | undefined {
  const account = accounts.find((candidate) => candidate.username === accountName);
  if (!account) return t('refusal_accountMissing', accountName);
  if (account.status !== 1) return t('refusal_accountDisabled', accountName);
  if (account.limit_flow > 0 && account.usage_flow >= account.limit_flow * KB_PER_GB) {
    return t('refusal_accountLimit', accountName, String(account.limit_flow));
  }
  if (summary && summary.effective <= 0) return t('refusal_noTraffic');
  return undefined;
}
