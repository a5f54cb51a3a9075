/**
 * Composition root: the API service (key custody, cached lists), the proxy parts (engine, auth
 * listener, shortcut), one message listener for both, and the running-out warnings. Everything is
 * registered synchronously, so an event that wakes a stopped worker finds its listener; Firefox's
 * proxy listener before anything else is even evaluated (the first import).
 */
import '../lib/proxy/early.ts';
import { createApiService } from '../lib/background/service.ts';
import { toErrorAnswer } from '../lib/background/errors.ts';
import { handleMessages } from '../lib/protocol.ts';
import { explainAccountRefusal } from '../lib/proxy/refusal.ts';
import { setUpProxy } from '../lib/proxy/setup.ts';
import { setUpWarnings } from '../lib/background/warnings.ts';

export default defineBackground(() => {
  const api = createApiService();
  const proxy = setUpProxy({
    // A refused account login: the account list (fetched anew) and the traffic left may say why.
    explainRefusal: async ({ account }) => {
      const [accounts, summary] = await Promise.all([api.readList('getAccounts', {}, { refresh: true }), api.readList('getPackageSummary', {}).catch(() => undefined)]);
      return explainAccountRefusal(account, accounts.data, summary?.data);
    },
  });
  handleMessages({ ...api.handlers, ...proxy.handlers }, toErrorAnswer);
  setUpWarnings({ packageSummary: async (productType) => (await api.readList('getPackageSummary', { productType })).data });
});
