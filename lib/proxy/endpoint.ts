/**
 * What the user can connect to, and the proxy server each one resolves to.
 *
 * - extracted: an `ip:port` from ip/v3; no credentials, the gateway admits the user's whitelisted IP.
 * - static: a static IP bought from the provider, with the credentials the API gives, if any.
 * - account: a proxy account through the gateway, its username carrying country, state, city and
 *   sticky-session options (see username.ts).
 * - custom: any http, https or socks5 proxy, with optional credentials.
 */
import { z } from 'zod';
import { STICKY_MAX_MINUTES } from '../api/rules.ts';
import { buildGatewayUsername, SESSION_ID_PATTERN } from './username.ts';

const host = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)$/, 'a host name or IP address');
const port = z.number().int().min(1).max(65_535);
const label = z.string().max(200).optional();
const credential = z.string().max(256);

export const extractedEndpointSchema = z.object({
  kind: z.literal('extracted'),
  host,
  port,
  /** The country asked for at extraction, shown in the status until the exit check says better. */
  country: z.string().length(2).optional(),
  label,
});

export const staticEndpointSchema = z.object({
  kind: z.literal('static'),
  host,
  port,
  username: credential.optional(),
  password: credential.optional(),
  country: z.string().length(2).optional(),
  label,
});

export const accountEndpointSchema = z.object({
  kind: z.literal('account'),
  /** The proxy account's name and password (from whitelist-account/list). */
  account: z.string().regex(/^[A-Za-z0-9]+$/),
  password: z.string().regex(/^[A-Za-z0-9]+$/),
  /** Two-letter code; omitted for any country. */
  country: z.string().regex(/^[A-Za-z]{2}$/).optional(),
  state: z.string().regex(/^[A-Za-z0-9 .'-]{1,64}$/).optional(),
  city: z.string().regex(/^[A-Za-z0-9 .'-]{1,64}$/).optional(),
  /** Sticky session length; omitted for a new IP on every connection. */
  stickyMinutes: z.number().int().min(1).max(STICKY_MAX_MINUTES).optional(),
  /** Set with stickyMinutes; a new id means a new exit IP. */
  sessionId: z.string().regex(SESSION_ID_PATTERN).optional(),
  label,
}).refine((endpoint) => !endpoint.stickyMinutes === !endpoint.sessionId, {
  path: ['sessionId'],
  message: 'a sticky session needs both its minutes and its id',
});

export const customEndpointSchema = z.object({
  kind: z.literal('custom'),
  scheme: z.enum(['http', 'https', 'socks5']),
  host,
  port,
  username: credential.optional(),
  password: credential.optional(),
  label,
});

export const endpointSchema = z.discriminatedUnion('kind', [
  extractedEndpointSchema,
  staticEndpointSchema,
  accountEndpointSchema,
  customEndpointSchema,
]);

export type Endpoint = z.infer<typeof endpointSchema>;
export type AccountEndpoint = z.infer<typeof accountEndpointSchema>;

/** Where the gateway for proxy accounts is; observed in public clients, not documented, so a setting. */
export const gatewaySchema = z.object({ host, port });
export type Gateway = z.infer<typeof gatewaySchema>;
export const DEFAULT_GATEWAY: Gateway = { host: 'us.911proxy.com', port: 2600 };

/** The proxy server the browser is pointed at, with the login to answer its challenge. */
export interface ProxyServer {
  scheme: 'http' | 'https' | 'socks5';
  host: string;
  port: number;
  username?: string;
  password?: string;
}

/** Resolves an endpoint to the server and login the engine applies. */
export function resolveEndpoint(endpoint: Endpoint, gateway: Gateway): ProxyServer {
  switch (endpoint.kind) {
    case 'extracted':
      return { scheme: 'http', host: endpoint.host, port: endpoint.port };
    case 'static':
      return withLogin({ scheme: 'http', host: endpoint.host, port: endpoint.port }, endpoint.username, endpoint.password);
    case 'account':
      return { scheme: 'http', host: gateway.host, port: gateway.port, username: buildGatewayUsername(endpoint), password: endpoint.password };
    case 'custom':
      return withLogin({ scheme: endpoint.scheme, host: endpoint.host, port: endpoint.port }, endpoint.username, endpoint.password);
  }
}

function withLogin(server: ProxyServer, username?: string, password?: string): ProxyServer {
  return username ? { ...server, username, password: password ?? '' } : server;
}
