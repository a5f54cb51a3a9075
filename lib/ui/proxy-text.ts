/** How a proxy is copied out of the extension: the usual `host:port:user:pass` line and a curl test command. */

export interface ProxyCredentials {
  host: string;
  port: number;
  username?: string;
  password?: string;
}

/** `host:port:user:pass`, or `host:port` when there is no login (extracted IPs). */
export function proxyLine({ host, port, username, password }: ProxyCredentials): string {
  return username ? `${host}:${port}:${username}:${password ?? ''}` : `${host}:${port}`;
}

/** A curl command that fetches an IP echo through the proxy, to try it outside the browser. */
export function curlCommand({ host, port, username, password }: ProxyCredentials, echoUrl = 'https://ipinfo.io'): string {
  const login = username ? `${encodeURIComponent(username)}:${encodeURIComponent(password ?? '')}@` : '';
  return `curl -x http://${login}${host}:${port} ${echoUrl}`;
}
