/**
 * Which API hosts a key may be sent to. The official host is the default; another one (a mirror, the
 * local sandbox) must be https, or plain http on this machine only, since the key travels in every
 * request and phishing copies of the provider exist.
 */

/** A base URL as the client uses it: scheme, host, port and path, no trailing slash. */
export function normalizeApiBaseUrl(text: string): string {
  const url = new URL(text);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** True when `text` is an https URL, or an http URL on a loopback address; never with credentials, query or fragment. */
export function isAllowedApiBaseUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.username || url.password || url.search || url.hash) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && isLoopback(url.hostname);
}

/** `localhost`, 127.0.0.0/8 and [::1]; the URL parser has already turned short IPv4 forms into dotted quads. */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}
