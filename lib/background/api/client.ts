/**
 * The 911Proxy OpenAPI client: every endpoint of the document as one typed method. Only the background
 * creates one, since it is the only part of the extension that holds the app_key.
 *
 * @example
 *   const api = createApiClient({ appKey });
 *   const accounts = await api.listAccounts();
 */
import { accountsApi } from './accounts.ts';
import { billingApi } from './billing.ts';
import { extractionApi } from './extraction.ts';
import { staticIpsApi } from './static-ips.ts';
import { createTransport, type TransportOptions } from './transport.ts';
import { usageApi } from './usage.ts';

export type ApiClientOptions = TransportOptions;

export function createApiClient(options: ApiClientOptions) {
  const transport = createTransport(options);
  return {
    ...accountsApi(transport),
    ...usageApi(transport),
    ...extractionApi(transport),
    ...staticIpsApi(transport),
    ...billingApi(transport),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
