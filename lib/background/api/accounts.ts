/** Proxy accounts (whitelist-account/*): the sub-accounts used to log in to the gateway. */
import { z } from '../zod.ts';
import { accountName, accountPassword, checkParams, credentialBatch, limitGb, nameBatch, productType, remark } from './params.ts';
import { accountListSchema, type Account } from './schemas.ts';
import type { Transport } from './transport.ts';

const noData = z.unknown();

export const addAccountsParams = z.object({
  accounts: credentialBatch,
  remark: z.optional(remark),
  /** 9 dynamic residential traffic, 11 dynamic residential IP, 14 datacenter static, 25 residential static. */
  productType: z.optional(productType),
});
export const changePasswordParams = z.object({ account: accountName, password: accountPassword });
export const changeRemarkParams = z.object({ account: accountName, remark });
export const changeLimitParams = z.object({ account: accountName, limitGb });
/** delete, disable and enable: the names go out as the document's `accounts` field. */
const batchParams = z.object({ accounts: nameBatch });

export function accountsApi(transport: Transport) {
  /** delete, disable and enable take the same comma-joined list of names. */
  async function batch(path: string, usernames: string[]): Promise<void> {
    // Checked as the `accounts` field, so a refusal names it ("accounts", "accounts.1"), not a bare index.
    const { accounts } = checkParams(path, batchParams, { accounts: usernames });
    await transport.post(path, { accounts: accounts.join(',') }, noData);
  }

  return {
    /** Every proxy account of the key's owner, with usage (KB) against its limit (GB, 0 = none). */
    async listAccounts(): Promise<Account[]> {
      return (await transport.get('whitelist-account/list', {}, accountListSchema)).list;
    },
    /** Adds one or many accounts in one call (the API takes them comma-joined). */
    async addAccounts(input: z.input<typeof addAccountsParams>): Promise<void> {
      const path = 'whitelist-account/add';
      const params = checkParams(path, addAccountsParams, input);
      const accounts = params.accounts.map(({ username, password }) => `${username}:${password}`).join(',');
      await transport.post(path, { accounts, remark: params.remark ?? '', product_type: params.productType }, noData);
    },
    /** Irreversible; takes about 5 minutes to apply and may still be billed meanwhile. */
    deleteAccounts: (usernames: string[]) => batch('whitelist-account/delete', usernames),
    /** Takes about 5 minutes to apply. */
    disableAccounts: (usernames: string[]) => batch('whitelist-account/disable', usernames),
    enableAccounts: (usernames: string[]) => batch('whitelist-account/enable', usernames),
    /** The old password may keep working for about 5 minutes. */
    async changeAccountPassword(input: z.input<typeof changePasswordParams>): Promise<void> {
      const path = 'whitelist-account/change-password';
      await transport.post(path, checkParams(path, changePasswordParams, input), noData);
    },
    /** At most 64 columns: 32 CJK or 64 Latin characters. */
    async changeAccountRemark(input: z.input<typeof changeRemarkParams>): Promise<void> {
      const path = 'whitelist-account/change-remark';
      await transport.post(path, checkParams(path, changeRemarkParams, input), noData);
    },
    /** Traffic cap in GB (0 = none); accounting lags up to 5 minutes, so usage can overshoot it. */
    async changeAccountLimit(input: z.input<typeof changeLimitParams>): Promise<void> {
      const path = 'whitelist-account/change-limit';
      const { account, limitGb: limit } = checkParams(path, changeLimitParams, input);
      await transport.post(path, { account, limit }, noData);
    },
  };
}
