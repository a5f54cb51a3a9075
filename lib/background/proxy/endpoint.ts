/** What the user can connect to (one schema per kind), and the proxy server each one resolves to. */
import { z } from '../zod.ts';
import { CREDENTIAL_MAX_LENGTH, HOST_MAX_LENGTH, HOST_PATTERN, LABEL_MAX_LENGTH, STICKY_MAX_MINUTES } from '../../shared/input-limits.ts';
import { CUSTOM_ID_PATTERN, PROXY_SCHEMES } from '../../shared/custom-proxy.ts';
import { buildGatewayUsername, SESSION_ID_PATTERN } from '../../shared/username.ts';

const host = z.string().check(z.trim(), z.minLength(1), z.maxLength(HOST_MAX_LENGTH), z.regex(HOST_PATTERN, 'a host name or IP address'));
const port = z.int().check(z.minimum(1), z.maximum(65_535));
const label = z.optional(z.string().check(z.maxLength(LABEL_MAX_LENGTH)));
const credential = z.optional(z.string().check(z.maxLength(CREDENTIAL_MAX_LENGTH)));
const countryCode = z.optional(z.string().check(z.length(2)));

/** An `ip:port` from ip/v3; no credentials: the gateway admits the user's whitelisted IP. */
export const extractedEndpointSchema = z.object({
  kind: z.literal('extracted'),
  host,
  port,
  /** The country asked for at extraction, shown in the status until the exit check says better. */
  country: countryCode,
  label,
});

/** A static IP bought from the provider, with the credentials the API gives, if any. */
export const staticEndpointSchema = z.object({
  kind: z.literal('static'),
  host,
  port,
  username: credential,
  password: credential,
  country: countryCode,
  label,
});

/** A proxy account through the gateway, its username carrying the location and sticky-session options (see username.ts). */
export const accountEndpointSchema = z.object({
  kind: z.literal('account'),
  /** The proxy account's name and password (from whitelist-account/list). */
  account: z.string().check(z.regex(/^[A-Za-z0-9]+$/)),
  password: z.string().check(z.regex(/^[A-Za-z0-9]+$/)),
  /** Two-letter code; omitted for any country. */
  country: z.optional(z.string().check(z.regex(/^[A-Za-z]{2}$/))),
  state: z.optional(z.string().check(z.regex(/^[A-Za-z0-9 .'-]{1,64}$/))),
  city: z.optional(z.string().check(z.regex(/^[A-Za-z0-9 .'-]{1,64}$/))),
  /** Sticky session length; omitted for a new IP on every connection. */
  stickyMinutes: z.optional(z.int().check(z.minimum(1), z.maximum(STICKY_MAX_MINUTES))),
  /** Set with stickyMinutes; a new id means a new exit IP. */
  sessionId: z.optional(z.string().check(z.regex(SESSION_ID_PATTERN))),
  label,
}).check(
  z.refine((endpoint) => !endpoint.stickyMinutes === !endpoint.sessionId, {
    path: ['sessionId'],
    message: 'a sticky session needs both its minutes and its id',
  }),
);

/** Any proxy the user typed in, with optional credentials; `id` names the saved one it came from (custom-endpoints.ts). */
export const customEndpointSchema = z.object({
  kind: z.literal('custom'),
  id: z.optional(z.string().check(z.regex(CUSTOM_ID_PATTERN))),
  scheme: z.enum(PROXY_SCHEMES),
  host,
  port,
  username: credential,
  password: credential,
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
export type CustomEndpoint = z.infer<typeof customEndpointSchema>;

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

/** Whether an endpoint came from the provider's API (with the key), rather than being typed in by the user. */
export const isFromProvider = (endpoint: Endpoint): boolean => endpoint.kind !== 'custom';

/** Whether two servers are given the same login. */
export function sameLogin(a: ProxyServer, b: ProxyServer): boolean {
  return a.username === b.username && a.password === b.password;
}

/** A short fingerprint of the server's login: tells logins apart without holding the password. Not a secret store. */
export function loginFingerprint({ username = '', password = '' }: ProxyServer): string {
  let hash = 0x811c9dc5;
  for (const char of `${username}\u0000${password}`) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16);
}

/** Whether two endpoints are the same, however their stored copies order their fields. */
export function sameEndpoint(a: Endpoint | null, b: Endpoint | null): boolean {
  return canonical(a) === canonical(b);
}

/** An endpoint as JSON with its fields sorted. */
function canonical(endpoint: Endpoint | null): string {
  return JSON.stringify(endpoint && Object.fromEntries(Object.entries(endpoint).sort(([a], [b]) => (a < b ? -1 : 1))));
}
