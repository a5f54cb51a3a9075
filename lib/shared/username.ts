/**
 * The gateway username for a proxy account: `{account}_area-{CC}[_state-{State}][_city-{City}]
 * [_life-{minutes}_session-{id}]`. Observed in public clients (not in the provider's document), so it is
 * built here and nowhere else, and the parts are kept to characters that cannot break the syntax.
 */

/** Sister platforms on the same software cap session ids at 12 characters. */
export const SESSION_ID_LENGTH = 12;
export const SESSION_ID_PATTERN = /^[A-Za-z0-9]{1,12}$/;

export interface GatewayIdentity {
  account: string;
  country?: string;
  state?: string;
  city?: string;
  stickyMinutes?: number;
  sessionId?: string;
}

export function buildGatewayUsername({ account, country, state, city, stickyMinutes, sessionId }: GatewayIdentity): string {
  const parts = [account];
  if (country) {
    parts.push(`area-${country.toUpperCase()}`);
    // State and city narrow a country; without one they mean nothing to the gateway.
    if (state) parts.push(`state-${compact(state)}`);
    if (state && city) parts.push(`city-${compact(city)}`);
  }
  // A sticky session needs both: the id names the session, the life keeps its exit IP.
  if (stickyMinutes && sessionId) parts.push(`life-${stickyMinutes}`, `session-${sessionId}`);
  return parts.join('_');
}

/** Spaces, `_` and `-` would end or split a part: "New York" is sent as "NewYork". */
function compact(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '');
}

/** A random alphanumeric id; a new one means a new sticky exit IP. */
export function newSessionId(length = SESSION_ID_LENGTH): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}

/**
 * The same identity under a new session id, never the old one: same account, location and session
 * life, and from the gateway a new exit IP.
 */
export function renewSession<Identity extends GatewayIdentity>(identity: Identity): Identity {
  let sessionId = newSessionId();
  while (sessionId === identity.sessionId) sessionId = newSessionId();
  return { ...identity, sessionId };
}
