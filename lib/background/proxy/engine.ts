/**
 * One interface over the two browsers' ways of setting a proxy; `chrome-engine.ts` and
 * `firefox-engine.ts` implement it, and the service picks one by capability.
 */
import type { ActiveProxy } from './active-proxy.ts';
import type { ProxyServer } from './endpoint.ts';

/** Who decides the browser's proxy settings. */
export type ProxyControl =
  /** This extension can set them (or has). */
  | 'ours'
  /** Another extension has set them and ranks above this one. */
  | 'other-extension'
  /** An enterprise policy (or the browser) does not allow extensions to set them. */
  | 'policy';

export interface ProxyEngine {
  /** Who controls the proxy settings now. */
  control(): Promise<ProxyControl>;
  /** Points the browser at the active proxy for the hosts its routing selects. */
  apply(active: ActiveProxy): Promise<void>;
  /** Whether the browser is using this extension's proxy setting right now. */
  isApplied(): Promise<boolean>;
  /** Back to what the browser used before connecting. */
  clear(): Promise<void>;
  /** Drops logins the browser has cached for `server`, so the next request uses the new identity. */
  forgetLogins(server: ProxyServer): Promise<void>;
  /** Whether the browser can send these credentials (Chrome cannot log in to a SOCKS5 proxy). */
  supports(server: ProxyServer): boolean;
}

/** Another extension or a policy holds the proxy settings; connecting would be a lie. */
export class ProxyControlError extends Error {
  override readonly name = 'ProxyControlError';
  constructor(readonly control: Exclude<ProxyControl, 'ours'>) {
    super(`proxy settings are controlled by ${control}`);
  }
}
