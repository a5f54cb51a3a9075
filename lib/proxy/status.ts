/** What the extension tells the pages and the badge about the proxy. Honest by construction: see engine.ts. */
import type { Endpoint } from './endpoint.ts';

export type ProxyFailureKind =
  /** The proxy refused the login (407 twice, or a socks auth failure). */
  | 'auth-refused'
  /** The proxy could not be reached (refused, timed out, DNS). */
  | 'unreachable'
  /** Another extension or a policy controls the browser's proxy settings. */
  | 'not-in-control'
  /** The exit check did not answer, though the proxy took the request. */
  | 'exit-check-failed';

export interface ExitInfo {
  ip: string;
  country?: string;
  checkedAt: number;
}

export interface ProxyStatus {
  state: 'direct' | 'connecting' | 'connected' | 'failed';
  /** The endpoint in use or being connected; null when direct. */
  endpoint: Endpoint | null;
  exit?: ExitInfo;
  /** Set in state `failed`, and for a warning while connected (exit check failed). */
  failure?: { kind: ProxyFailureKind; message: string };
}

export const DIRECT_STATUS: ProxyStatus = { state: 'direct', endpoint: null };
