/**
 * What the account list says about a proxy account's login: why the gateway refused it (the gateway
 * itself only answers 407, whatever the reason), and whether the account can be connected at all.
 */
import { t } from '../../shared/i18n.ts';
import type { Account, PackageSummary } from '../api/schemas.ts';
import type { AccountEndpoint } from './endpoint.ts';

const KB_PER_GB = 1024 * 1024;

/** Why the gateway refused an account's login, as the API data tells. */
export interface AccountRefusal {
  /** A sentence for the user naming the reason. */
  reason: string;
  /**
   * The password the account list holds, when it is not the one refused (changed elsewhere): the
   * account list is the source of truth, so the connection is made again with it.
   */
  newPassword?: string;
}

/** The reason `endpoint`'s login was refused, or undefined when the API data shows nothing wrong. */
export function explainAccountRefusal(endpoint: AccountEndpoint, accounts: readonly Account[], summary?: PackageSummary): AccountRefusal | undefined {
  const name = endpoint.account;
  const account = accounts.find((candidate) => candidate.username === name);
  if (!account) return { reason: t('refusal_accountMissing', name) };
  if (account.status !== 1) return { reason: t('refusal_accountDisabled', name) };
  if (account.limit_flow > 0 && account.usage_flow >= account.limit_flow * KB_PER_GB) {
    return { reason: t('refusal_accountLimit', name, String(account.limit_flow)) };
  }
  if (summary && summary.effective <= 0) return { reason: t('refusal_noTraffic') };
  // Checked last: a new password would not get past any of the refusals above.
  if (account.password !== endpoint.password) return { reason: t('refusal_passwordChanged', name), newPassword: account.password };
  return undefined;
}

/**
 * Whether the account list says `accountName` is disabled, so the gateway would refuse it. A cached
 * "disabled" is confirmed by a fresh list first (it may have been enabled elsewhere since); an
 * account the list does not know is left to the gateway.
 */
export async function isAccountDisabled(accountName: string, readAccounts: (refresh: boolean) => Promise<readonly Account[]>): Promise<boolean> {
  const disabledIn = (accounts: readonly Account[]) => {
    const account = accounts.find((candidate) => candidate.username === accountName);
    return account !== undefined && account.status !== 1;
  };
  return disabledIn(await readAccounts(false)) && disabledIn(await readAccounts(true));
}
