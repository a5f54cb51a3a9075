/** What the options page and the popup both show of the user's own proxies. */
import type { Endpoint } from '../background/proxy/endpoint.ts';
import type { ProxyScheme } from '../shared/custom-proxy.ts';
import { useBackgroundValue } from './hooks.ts';

export const SCHEME_NAMES: Record<ProxyScheme, string> = { http: 'HTTP', https: 'HTTPS', socks5: 'SOCKS5' };

/** The saved proxy an endpoint (the one in use, say) came from, if it is one. */
export const customIdOf = (endpoint: Endpoint | null | undefined): string | undefined => (endpoint?.kind === 'custom' ? endpoint.id : undefined);

/** The saved proxies, kept current, and the id of the one in use, if any. */
export function useCustomEndpoints() {
  const saved = useBackgroundValue('getCustomEndpoints');
  const status = useBackgroundValue('getProxyStatus');
  return { saved, activeId: customIdOf(status.value?.endpoint) };
}
