/**
 * The proxy the browser should be using now, derived from what is stored (the connection and the
 * settings), so every listener answers alike after a worker restart. Loaded once and kept until the
 * stored items change.
 */
import { connectionItem } from './connection.ts';
import { settingsItem } from '../settings.ts';
import { resolveEndpoint, type Endpoint, type ProxyServer } from './endpoint.ts';
import type { Routing } from './routing.ts';

export interface ActiveProxy {
  endpoint: Endpoint;
  server: ProxyServer;
  routing: Routing;
  /** While the proxy cannot be reached, let requests go direct (the "block traffic" setting is off). */
  fallBackDirect: boolean;
  /** Firefox: the browser's own requests go through an HTTP(S) proxy too (the setting of that name). */
  proxyBrowserRequests: boolean;
}

export function createActiveProxyStore() {
  let current: Promise<ActiveProxy | null> | undefined;

  async function load(): Promise<ActiveProxy | null> {
    const [connection, settings] = await Promise.all([connectionItem.getValue(), settingsItem.getValue()]);
    if (!connection.active) return null;
    return {
      endpoint: connection.active,
      server: resolveEndpoint(connection.active, settings.gateway),
      routing: settings.routing,
      fallBackDirect: !settings.blockWhenDown,
      proxyBrowserRequests: settings.proxyBrowserRequests,
    };
  }

  const invalidate = () => {
    current = undefined;
  };
  connectionItem.watch(invalidate);
  settingsItem.watch(invalidate);

  return {
    /** The active proxy, or null for direct; one storage read until something changes. */
    get: (): Promise<ActiveProxy | null> => (current ??= load()),
    /** The proxy server only, for the auth listeners. */
    server: async (): Promise<ProxyServer | null> => (await (current ??= load()))?.server ?? null,
    /** Forget the loaded value now (the writer calls this so the next request sees its change at once). */
    invalidate,
  };
}

export type ActiveProxyStore = ReturnType<typeof createActiveProxyStore>;
