/**
 * Composition root: each part of the background is made by its own module and only wired together
 * here. Everything is registered synchronously, so an event that wakes a stopped worker finds its
 * listener; Firefox's proxy listener before anything else is even evaluated (the first import).
 */
import '../lib/background/proxy/register-firefox-request-listener.ts';
import { createApiService } from '../lib/background/api-service.ts';
import { toErrorAnswer } from '../lib/background/error-answers.ts';
import { handleMessages } from '../lib/background/message-listener.ts';
import { explainAccountRefusal, isAccountDisabled } from '../lib/background/proxy/account-refusal.ts';
import { createCustomEndpointHandlers } from '../lib/background/proxy/custom-endpoint-handlers.ts';
import { firefoxProxyApi } from '../lib/shared/platform.ts';
import { setUpProxy } from '../lib/background/proxy/setup.ts';
import { setUpWarnings } from '../lib/background/warnings.ts';

export default defineBackground(() => {
  // Forget key also forgets the proxy endpoints loaded with the key (the proxy account's login).
  const api = createApiService({ onKeyForgotten: () => proxy.forgetProviderEndpoints() });
  const proxy = setUpProxy({
    // A refused account login: the account list (fetched anew) and the traffic left may say why.
    explainRefusal: async (endpoint) => {
      const [accounts, summary] = await Promise.all([api.readList('getAccounts', {}, { refresh: true }), api.readList('getPackageSummary', {}).catch(() => undefined)]);
      return explainAccountRefusal(endpoint, accounts.data, summary?.data);
    },
    isAccountDisabled: ({ account }) => isAccountDisabled(account, async (refresh) => (await api.readList('getAccounts', {}, { refresh })).data),
  });
  // Only Firefox's proxy API (the one with proxy.onRequest) can log in to a SOCKS5 proxy.
  const custom = createCustomEndpointHandlers({ socksLogin: firefoxProxyApi() !== undefined, onChanged: proxy.customEndpointChanged });
  handleMessages({ ...api.handlers, ...proxy.handlers, ...custom }, toErrorAnswer);
  setUpWarnings({ packageSummary: async (productType) => (await api.readList('getPackageSummary', { productType })).data });
});
