/**
 * The requests that change something at the provider (or, for extractIps, hand out new endpoints), one
 * row each: the request's input schema and the client call that carries it out. Which cached lists a
 * change makes out of date is said by the lists themselves (`refreshedBy` in cached-requests.ts).
 */
import { z } from './zod.ts';
import type { ApiClient } from './api/client.ts';
import { addAccountsParams, changeLimitParams, changePasswordParams, changeRemarkParams } from './api/accounts.ts';
import { createOrderParams } from './api/billing.ts';
import { extractParams } from './api/extraction.ts';
import { nameBatch } from './api/params.ts';

interface Change<S extends z.ZodMiniType, R> {
  params: S;
  run(api: ApiClient, params: z.output<S>): Promise<R>;
}

const change = <S extends z.ZodMiniType, R>(params: S, run: Change<S, R>['run']): Change<S, R> => ({ params, run });
const accountBatch = z.object({ accounts: nameBatch });

export const CHANGES = {
  addAccounts: change(addAccountsParams, (api, params) => api.addAccounts(params)),
  deleteAccounts: change(accountBatch, (api, { accounts }) => api.deleteAccounts(accounts)),
  disableAccounts: change(accountBatch, (api, { accounts }) => api.disableAccounts(accounts)),
  enableAccounts: change(accountBatch, (api, { accounts }) => api.enableAccounts(accounts)),
  changeAccountPassword: change(changePasswordParams, (api, params) => api.changeAccountPassword(params)),
  changeAccountRemark: change(changeRemarkParams, (api, params) => api.changeAccountRemark(params)),
  changeAccountLimit: change(changeLimitParams, (api, params) => api.changeAccountLimit(params)),
  extractIps: change(extractParams, (api, params) => api.extractIps(params)),
  createOrder: change(createOrderParams, (api, params) => api.createOrder(params)),
  closeOrder: change(z.object({ tradeNo: z.string().check(z.minLength(1)) }), (api, params) => api.closeOrder(params)),
};

export type ChangeName = keyof typeof CHANGES;
/** What a change answers the page. */
export type ChangeAnswer<K extends ChangeName> = Awaited<ReturnType<(typeof CHANGES)[K]['run']>>;

/** The changes' input schemas, for the protocol. */
export const changeSchemas = Object.fromEntries(Object.entries(CHANGES).map(([name, { params }]) => [name, params])) as {
  // Object.entries loses the per-name types; each name keeps its own schema.
  [K in ChangeName]: (typeof CHANGES)[K]['params'];
};
