/** What the extension tells the pages and the badge about the proxy; kept in session storage. */
import { z } from '../zod.ts';
import { endpointSchema } from './endpoint.ts';

export const proxyFailureKinds = [
  /** The proxy refused the login (a second challenge for one request, or no login for a whitelist IP). */
  'auth-refused',
  /** The proxy could not be reached (a request error that setup.ts counts as the proxy's). */
  'unreachable',
  /** Another extension or a policy controls the browser's proxy settings. */
  'not-in-control',
  /** The exit check got no answer, though nothing says the proxy failed. */
  'exit-check-failed',
] as const;
export type ProxyFailureKind = (typeof proxyFailureKinds)[number];

export const exitInfoSchema = z.object({ ip: z.string(), country: z.optional(z.string()), checkedAt: z.number() });
export type ExitInfo = z.infer<typeof exitInfoSchema>;

export const proxyStatusSchema = z.object({
  state: z.enum(['direct', 'connecting', 'connected', 'failed']),
  /** The endpoint in use or being connected; null when direct. */
  endpoint: z.nullable(endpointSchema),
  exit: z.optional(exitInfoSchema),
  /** Why `failed`; or, while connected, a warning (the exit check did not answer). */
  failure: z.optional(z.object({ kind: z.enum(proxyFailureKinds), message: z.string() })),
});
export type ProxyStatus = z.infer<typeof proxyStatusSchema>;

export const DIRECT_STATUS: ProxyStatus = { state: 'direct', endpoint: null };
