/**
 * The user's own proxies (custom endpoints) as typed in, without zod: the schemes, the check of each
 * field with a reason the user can act on, and when two are the same proxy. The options page checks
 * and explains with these before anything is sent; the background checks again (endpoint.ts, and
 * custom-endpoint-handlers.ts for what a schema cannot see).
 */
import type { MessageKey } from './i18n.ts';
import { CREDENTIAL_MAX_LENGTH, HOST_MAX_LENGTH, HOST_PATTERN, LABEL_MAX_LENGTH } from './input-limits.ts';

export const PROXY_SCHEMES = ['http', 'https', 'socks5'] as const;
export type ProxyScheme = (typeof PROXY_SCHEMES)[number];

/** A saved proxy's id, as the background makes them. */
export const CUSTOM_ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;

/** A proxy as the user gives it; its scheme and port still as typed. */
export interface ProxyDraft {
  scheme: string;
  host: string;
  port: number;
  username?: string;
  password?: string;
  label?: string;
}

/** A proxy that passed `checkProxyFields`. */
export interface ProxyFields extends ProxyDraft {
  scheme: ProxyScheme;
}

export type ProxyField = 'scheme' | 'host' | 'port' | 'username' | 'password' | 'label';

/** A field the user has to correct, and why: a message key and its substitutions. */
export interface FieldProblem {
  field: ProxyField;
  reason: MessageKey;
  substitutions: string[];
}

/** What the browser can do: Chrome cannot log in to a SOCKS5 proxy. */
export interface ProxyAbilities {
  socksLogin: boolean;
}

export const isProxyScheme = (scheme: string): scheme is ProxyScheme => (PROXY_SCHEMES as readonly string[]).includes(scheme);

/** A typed port: digits only, else NaN (which `checkProxyFields` refuses). */
export function parsePort(text: string): number {
  const trimmed = text.trim();
  return /^\d{1,5}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** A host as it is stored: trimmed, and a bare IPv6 address put in brackets. */
export function normalizeHost(host: string): string {
  const trimmed = host.trim();
  return trimmed.includes(':') && !trimmed.startsWith('[') ? `[${trimmed}]` : trimmed;
}

/** Every field that is wrong, in the order of the form; none when the proxy can be saved. */
export function checkProxyFields(draft: ProxyDraft, { socksLogin }: ProxyAbilities): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const problem = (field: ProxyField, reason: MessageKey, ...substitutions: string[]) => problems.push({ field, reason, substitutions });
  if (!isProxyScheme(draft.scheme)) problem('scheme', 'custom_schemeUnknown', draft.scheme);
  if (draft.host === '') problem('host', 'custom_hostMissing');
  else if (draft.host.length > HOST_MAX_LENGTH || !HOST_PATTERN.test(draft.host)) problem('host', 'custom_hostInvalid', draft.host.slice(0, 60));
  if (!Number.isInteger(draft.port) || draft.port < 1 || draft.port > 65_535) problem('port', 'custom_portInvalid');
  if ((draft.username?.length ?? 0) > CREDENTIAL_MAX_LENGTH) problem('username', 'custom_loginTooLong', String(CREDENTIAL_MAX_LENGTH));
  else if (draft.username && draft.scheme === 'socks5' && !socksLogin) problem('username', 'proxyError_socksAuthChrome');
  if ((draft.password?.length ?? 0) > CREDENTIAL_MAX_LENGTH) problem('password', 'custom_loginTooLong', String(CREDENTIAL_MAX_LENGTH));
  else if (draft.password && !draft.username) problem('password', 'custom_passwordWithoutUser');
  if ((draft.label?.length ?? 0) > LABEL_MAX_LENGTH) problem('label', 'custom_labelTooLong', String(LABEL_MAX_LENGTH));
  return problems;
}

/** `host:port`, as the pages show a proxy. */
export const proxyAddress = ({ host, port }: Pick<ProxyDraft, 'host' | 'port'>): string => `${host}:${port}`;

/**
 * What makes two entries the same proxy: the scheme, the host (in any case), the port and the
 * username. The same host:port with another username is another login, kept apart.
 */
export function proxyIdentity({ scheme, host, port, username }: Pick<ProxyDraft, 'scheme' | 'host' | 'port' | 'username'>): string {
  return `${scheme}://${username ?? ''}@${host.toLowerCase()}:${port}`;
}
